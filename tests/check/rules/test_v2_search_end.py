"""v2: close the loop. After signing, withdraw politely from the rest (new JJ115) and stop
chasing them; after a chase that met silence, chase once more or close it as ghosted (JJ114);
JJ109(b) is reported where something can be done (RULES.md v2). Today is Monday 30 November
2026; the contract with Acme Robotics was signed on Monday 23 November.
"""

from __future__ import annotations

from .v2_support import check, line_of, write_journal

ACME = """
    ---
    company: Acme Robotics
    role: Data Lead
    applied: 2026-10-12
    offer: 2026-11-20
    signed: 2026-11-23
    interviews:
      - at: 2026-11-04 10:00
        stage: Final interview
        with:
          - name: Nina Cole
            email: nina.cole@acme.example
    log:
      - on: 2026-11-04 16:00
        did: thank-you
        to: Nina Cole
    ---
"""

GLOBEX = """
    ---
    company: Globex
    role: HR Partner
    applied: 2026-11-02
    {closing}
    ---
"""

HARBOUR = """
    ---
    company: Harbour Retail
    role: Merchandise Planner
    applied: 2026-10-26
    recruiter:
      name: Chloe Evans
      agency: Hays
      email: chloe.evans@hays.example
    interviews:
      - at: 2026-11-10 14:00
        stage: First interview
        with:
          - name: Ben Ortiz
            title: Head of Buying
            email: ben.ortiz@harbour.example
        debrief: they-call
        hear_back_by: 2026-11-17
    references:
      - name: Mike Turner
        email: mike.turner@example.org
        contacted: 2026-11-20
    log:
      - on: 2026-11-10 15:30
        did: recruiter-debrief
      - on: 2026-11-19
        did: heads-up
        to: Mike Turner
    ---
"""

IVY = """
    ---
    company: Ivy Studios
    role: Producer
    applied: 2026-11-09
    recruiter:
      name: Sam Patel
      agency: Reed
      email: sam.patel@reed.example
    interviews:
      - at: 2026-12-09 10:00
        stage: First interview
    log:
      - on: 2026-11-20
        did: linkedin
        to: Sam Patel
    ---
"""

CONFIG = 'timezone = "Europe/London"\nworking_hours = "Mon-Fri 09:00-17:30"\n'


def _signed_journal(root, globex_closing=""):
    return write_journal(root, {"acme.md": ACME, "globex.md": GLOBEX.format(
        closing=globex_closing), "harbour.md": HARBOUR, "ivy.md": IVY}, config=CONFIG)


def test_after_signing_withdraw_politely_from_the_others(tmp_path, capsys):
    """Issue 12, sixth situation: after signing, nothing said "withdraw politely from the
    others". JJ115: every other application live on the signing date and still live, due
    signed + [withdraw_days] = Wed 25 Nov."""
    root = _signed_journal(tmp_path)
    result = check(capsys, root)
    expected = {"Let Globex know you have accepted another offer",
                "Let Harbour Retail know you have accepted another offer",
                "Let Ivy Studios know you have accepted another offer"}
    assert result.titles("JJ115") == expected
    for title, slug in zip(sorted(expected), ("globex", "harbour", "ivy"), strict=True):
        followup = result.followup(title)
        assert (followup["application"], followup["due"], followup["overdue"]) == \
            (slug, "2026-11-25", True)
    found = {(f["file"], f["severity"]) for f in result.findings("JJ115")}
    assert found == {("globex.md", "warning"), ("harbour.md", "warning"), ("ivy.md", "warning")}
    assert result.findings("JJ115", file="acme.md") == []
    assert result.errors() == [] and result.code == 0


def test_the_chasing_stops_once_the_search_is_over(tmp_path, capsys):
    """Issue 12: "Chase Chloe Evans for news on Harbour Retail" kept coming after the
    signing. Once the search is over, JJ102, JJ103's chase, JJ106, JJ110 and JJ114 lapse for
    the other live applications; the thanks they already owe (JJ104, JJ108 b) stay."""
    root = _signed_journal(tmp_path)
    result = check(capsys, root)
    for rule in ("JJ102", "JJ103", "JJ106", "JJ110", "JJ114"):
        assert result.followups(rule) == [], rule
        assert result.findings(rule) == [], rule
    # Owed thanks stay: Ben Ortiz (interview 10 Nov), Mike Turner (contacted 20 Nov).
    assert result.titles("JJ104") == {"Send Ben Ortiz a thank-you (Harbour Retail)"}
    [reference] = result.followups("JJ108")
    assert reference["application"] == "harbour" and "Mike Turner" in reference["title"]
    assert (reference["due"], reference["overdue"]) == ("2026-11-23", True)
    assert {f["rule"] for f in result.findings(file="harbour.md")} >= {"JJ104", "JJ108",
                                                                      "JJ115"}


def test_before_the_signing_the_same_journal_is_chased(tmp_path, capsys):
    """The control: with the search still going (no signing), the same applications get the
    chase and the reminders, so the test above shows a lapse, not a rule that never fires."""
    root = _signed_journal(tmp_path)
    write_journal(root, {"acme.md": ACME.replace("    signed: 2026-11-23\n", "")},
                  config=CONFIG)
    result = check(capsys, root)
    assert result.followups("JJ115") == []
    chase = result.followup("Chase Chloe Evans for news on Harbour Retail")
    assert (chase["rule"], chase["due"], chase["overdue"]) == ("JJ103", "2026-11-18", True)
    assert {"JJ102", "JJ110"} <= {f["rule"] for f in result.followups(application="ivy")}
    assert result.findings("JJ106", file="ivy.md")  # info: upcoming, unnamed
    assert result.followup("Chase Globex about your application")["due"] == "2026-11-12"


def test_jj115_cleared_by_withdrawing(tmp_path, capsys):
    """JJ115 is cleared by writing `withdrawn:`; withdrawing after the signing is no
    JJ109(a) lesson (the search was over)."""
    root = _signed_journal(tmp_path, globex_closing="withdrawn: 2026-11-24")
    result = check(capsys, root)
    assert result.titles("JJ115") == {"Let Harbour Retail know you have accepted another offer",
                                      "Let Ivy Studios know you have accepted another offer"}
    assert result.findings("JJ115", file="globex.md") == []
    assert result.findings("JJ109") == []
    assert result.code == 0


def test_jj115_not_for_applications_closed_before_the_signing(tmp_path, capsys):
    root = _signed_journal(tmp_path, globex_closing="rejected: 2026-11-16")
    result = check(capsys, root)
    assert result.titles("JJ115") == {"Let Harbour Retail know you have accepted another offer",
                                      "Let Ivy Studios know you have accepted another offer"}
    assert result.followups("JJ115", application="globex") == []


def test_jj115_withdraw_days_is_configurable(tmp_path, capsys):
    root = _signed_journal(tmp_path)
    (root / "jobjournal.toml").write_text(
        CONFIG + "\n[rules.limits]\nwithdraw_days = 10\n", encoding="utf-8")
    result = check(capsys, root)
    followup = result.followup("Let Globex know you have accepted another offer")
    assert (followup["due"], followup["overdue"]) == ("2026-12-03", False)
    assert result.findings("JJ115") == [] and result.findings("JJ002") == []


def test_an_application_after_the_signing_starts_a_new_search(tmp_path, capsys):
    """JJ115 never fires for an application applied for after the signing: that is a new
    search, chased as usual (applied Thu 26 Nov + 10 days = Sun 6 Dec, so Mon 7 Dec).

    Spec silent: whether the older live applications keep JJ115 once a new search started;
    not asserted here."""
    new = """
        ---
        company: Initech
        role: Analyst
        applied: 2026-11-26
        ---
    """
    root = _signed_journal(tmp_path)
    write_journal(root, {"initech.md": new}, config=CONFIG)
    result = check(capsys, root)
    assert result.followups("JJ115", application="initech") == []
    chase = result.followup("Chase Initech about your application")
    assert (chase["rule"], chase["due"], chase["overdue"]) == ("JJ114", "2026-12-07", False)


CHASED = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-10-26
    contacts:
      - name: Mo Green
        title: HR Advisor
        email: mo.green@northwind.example
    log:
      {log}
    {closing}
    ---
"""
FIRST_CHASE = """- on: 2026-11-12 10:00
        did: chased
        to: Mo Green"""
SECOND_CHASE = FIRST_CHASE + """
      - on: 2026-11-27 09:00
        did: chased
        to: Mo Green
        note: Second try, by phone"""


def test_a_chase_met_by_silence_asks_for_one_more_or_ghosted(tmp_path, capsys):
    """Issue 12: a chase that met silence left the application "Applied" with no next step.
    JJ114 v2: chase once more or close it as ghosted, due the chase + [ghost_days] = Thu 26
    Nov; the message says that `ghosted: <date>` closes it."""
    root = write_journal(tmp_path, {"northwind.md": CHASED.format(log=FIRST_CHASE,
                                                                   closing="")})
    result = check(capsys, root)
    again = result.followup("Chase Northwind Analytics once more, or close it as ghosted")
    assert (again["rule"], again["due"], again["overdue"]) == ("JJ114", "2026-11-26", True)
    assert "Chase Northwind Analytics about your application" not in result.titles()
    [finding] = result.findings("JJ114")
    assert finding["severity"] == "warning"
    assert "ghosted:" in finding["message"]
    assert result.code == 0


def test_a_new_chase_starts_the_wait_again(tmp_path, capsys):
    root = write_journal(tmp_path, {"northwind.md": CHASED.format(log=SECOND_CHASE,
                                                                   closing="")})
    result = check(capsys, root)
    again = result.followup("Chase Northwind Analytics once more, or close it as ghosted")
    assert (again["due"], again["overdue"]) == ("2026-12-11", False)
    assert result.findings("JJ114") == []


def test_ghosted_closes_it(tmp_path, capsys):
    root = write_journal(tmp_path, {"northwind.md": CHASED.format(
        log=FIRST_CHASE, closing="ghosted: 2026-11-28")})
    result = check(capsys, root)
    assert result.followups("JJ114") == [] and result.findings("JJ114") == []
    assert result.errors() == []


def test_ghost_days_is_configurable(tmp_path, capsys):
    root = write_journal(tmp_path, {"northwind.md": CHASED.format(log=FIRST_CHASE,
                                                                   closing="")},
                         config='timezone = "Europe/London"\n\n[rules.limits]\nghost_days = 21\n')
    result = check(capsys, root)
    again = result.followup("Chase Northwind Analytics once more, or close it as ghosted")
    assert (again["due"], again["overdue"]) == ("2026-12-03", False)
    assert result.findings("JJ002") == []


def test_jj109b_is_reported_at_the_latest_application(tmp_path, capsys):
    """Spec self-contradictory: JJ109(b) says "reported against jobjournal.toml or the journal
    folder" and then "reported at the `applied` line of the most recent application (naming
    it), not against jobjournal.toml". The later, more precise sentence wins: the person can
    open that file; jobjournal.toml has nothing to fix."""
    older = """
        ---
        company: Globex
        role: HR Partner
        applied: 2026-10-20
        ---
    """
    root = write_journal(tmp_path, {"globex.md": older, "harbour.md": """
        ---
        company: Harbour Retail
        role: Merchandise Planner
        applied: 2026-11-02
        ---
    """})
    result = check(capsys, root)
    [finding] = result.findings("JJ109")
    assert finding["severity"] == "info"
    assert finding["file"] == "harbour.md"
    assert finding["line"] == line_of(root, "harbour.md", "applied:")
    assert "Harbour Retail" in finding["message"]
    assert result.findings(file="jobjournal.toml") == []
    apply = result.followup("Apply for another role")
    assert (apply["rule"], apply["due"], apply["overdue"]) == \
        ("JJ109", "2026-11-30T12:00:00+00:00", False)
