"""v2: every finding can be cleared by doing the right thing and logging it, even late.

RULES.md v2, "A follow-up is done when its action is logged, whenever that was" (JJ104,
JJ108), JJ105's `linkedin-withdrawn`, JJ109(a) ageing out after [lesson_days], and "the
clock never makes an error" (JJ106). Today is Monday 30 November 2026 unless a test says so.
"""

from __future__ import annotations

import pytest

from .v2_support import check, line_of, write_journal

GRANITE = """
    ---
    company: Granite Insurance
    role: Claims Analyst
    applied: 2026-10-26
    interviews:
      - at: 2026-11-16 10:00
        stage: Final interview
        with:
          - name: Sarah Lin
            title: Claims Manager
            email: sarah.lin@granite.example
        hear_back_by: 2026-12-04
    references:
      - name: Mike Turner
        relation: former manager
        email: mike.turner@example.org
        contacted: 2026-11-24
    log:
      - on: 2026-11-16 17:00
        did: thank-you
        to: Sarah Lin
      - on: 2026-11-19
        did: references-shared
        note: Sent the list to HR{heads_up}
    ---

    ## Notes
    They want to move fast.
"""

LATE_HEADS_UP = """
      - on: 2026-11-20 09:15
        did: heads-up
        to: Mike Turner
        note: A day late, but he knows now."""


def test_a_heads_up_a_day_late_clears_jj108(tmp_path, capsys):
    """Issue 12, first situation: "Give Mike Turner a heads-up about Granite Insurance (was
    due Thu 19 Nov 2026)" must go once the heads-up is logged, even a day late; the thanks
    still owed for the reference (JJ108 b) stays."""
    before = write_journal(tmp_path / "before", {
        "granite-insurance.md": GRANITE.replace("{heads_up}", "")})
    missing = check(capsys, before)
    title = "Give Mike Turner a heads-up about Granite Insurance"
    heads_up = missing.followup(title)
    assert (heads_up["rule"], heads_up["due"], heads_up["overdue"]) == \
        ("JJ108", "2026-11-19", True)
    [finding] = [f for f in missing.findings("JJ108") if "heads-up" in f["message"]]
    assert finding["severity"] == "warning"
    assert finding["file"] == "granite-insurance.md"
    assert finding["line"] == line_of(before, "granite-insurance.md", "- name: Mike Turner")

    after = write_journal(tmp_path / "after", {
        "granite-insurance.md": GRANITE.replace("{heads_up}", LATE_HEADS_UP)})
    late = check(capsys, after)
    assert not any("heads-up" in f["title"] for f in late.followups())
    assert not any("heads-up" in f["message"] for f in late.findings())
    # The thank-you for the reference (contacted Tue 24 Nov + 3 days) is still owed.
    [thanks] = late.followups("JJ108")
    assert "Mike Turner" in thanks["title"] and "Granite Insurance" in thanks["title"]
    assert (thanks["due"], thanks["overdue"]) == ("2026-11-27", True)
    [owed] = late.findings("JJ108")
    assert owed["severity"] == "warning"
    assert late.errors() == [] and late.code == 0


NORTHWIND = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
    interviews:
      - at: 2026-11-24 14:00
        stage: First interview
        with:
          - Aisha Rahman
          - Tom Becker
        debrief: they-call
        hear_back_by: 2026-12-04
    log:
      - on: 2026-11-24 15:30
        did: recruiter-debrief
      - on: {on}
        did: thank-you
        to: Aisha Rahman
        note: Found her address on the company site
    ---
"""


@pytest.mark.parametrize("on", ["2026-11-24 18:00", "2026-11-28"])
def test_a_direct_thank_you_to_an_interviewer_without_email_counts(tmp_path, capsys, on):
    """JJ104 v2: any thank-you to the person (direct or via) at or after the start clears it,
    also when the file gives no email for them (so JJ104 would have asked the recruiter to
    pass it on), and also when it was sent later than the 24 hours."""
    root = write_journal(tmp_path, {"northwind.md": NORTHWIND.replace("{on}", on)})
    result = check(capsys, root)
    assert result.titles("JJ104") == {
        "Ask Priya Shah to pass your thanks to Tom Becker (Northwind Analytics)"}
    tom = result.followup("Ask Priya Shah to pass your thanks to Tom Becker "
                          "(Northwind Analytics)")
    assert (tom["due"], tom["overdue"]) == ("2026-11-25T15:00:00+00:00", True)
    [finding] = result.findings("JJ104")
    assert "Tom Becker" in finding["message"] and "Aisha Rahman" not in finding["message"]
    assert finding["line"] == line_of(root, "northwind.md", "- Tom Becker")
    assert result.findings("JJ107") == []
    assert result.code == 0


ORBIT = """
    ---
    company: Orbit Labs
    role: Platform Engineer
    applied: 2026-11-02
    interviews:
      - at: 2026-11-20 10:00
        stage: Technical interview
        with:
          - name: Lena Park
            title: Engineering Manager
            email: lena.park@orbit.example
        hear_back_by: 2026-12-04
    log:
      - on: 2026-11-20 16:00
        did: thank-you
        to: Lena Park{before}
      - on: 2026-11-21 09:00
        did: linkedin
        to: Lena Park{after}
    ---
"""

WITHDRAWN_ENTRY = """
      - on: {on}
        did: linkedin-withdrawn
        to: {to}"""


def test_jj105_error_says_how_to_clear_it(tmp_path, capsys):
    root = write_journal(tmp_path, {"orbit.md": ORBIT.format(before="", after="")})
    result = check(capsys, root)
    [finding] = result.findings("JJ105")
    assert finding["severity"] == "error"
    assert finding["file"] == "orbit.md"
    assert finding["line"] == line_of(root, "orbit.md", "to: Lena Park", 2)
    assert "linkedin-withdrawn" in finding["message"]
    assert result.code == 1


@pytest.mark.parametrize("to", ["Lena Park", "lena  park"])
def test_jj105_cleared_by_a_later_linkedin_withdrawn(tmp_path, capsys, to):
    """Issue 12: a LinkedIn request could only be silenced with `ignore:`; v2 clears it with
    `did: linkedin-withdrawn` to the same person (a valid action, so no JJ003 either)."""
    entry = WITHDRAWN_ENTRY.format(on="2026-11-23 08:30", to=to)
    root = write_journal(tmp_path, {"orbit.md": ORBIT.format(before="", after=entry)})
    result = check(capsys, root)
    assert result.findings("JJ105") == []
    assert result.findings("JJ003") == [] and result.findings("JJ107") == []
    assert result.errors() == [] and result.code == 0
    # Still checked: the thank-you to Lena cleared JJ104, nothing else was silenced.
    assert result.followups("JJ104") == []


def test_jj105_not_cleared_by_a_withdrawal_before_the_request(tmp_path, capsys):
    entry = WITHDRAWN_ENTRY.format(on="2026-11-20 17:00", to="Lena Park")
    root = write_journal(tmp_path, {"orbit.md": ORBIT.format(before=entry, after="")})
    result = check(capsys, root)
    [finding] = result.findings("JJ105")
    assert finding["severity"] == "error"
    assert finding["line"] == line_of(root, "orbit.md", "to: Lena Park", 3)
    assert result.code == 1


def test_jj105_withdrawal_to_someone_else_does_not_clear_it(tmp_path, capsys):
    orbit = ORBIT.replace("        hear_back_by", "          - Raj Mehta\n        hear_back_by")
    entry = WITHDRAWN_ENTRY.format(on="2026-11-23 08:30", to="Raj Mehta")
    root = write_journal(tmp_path, {"orbit.md": orbit.format(before="", after=entry)})
    result = check(capsys, root)
    [finding] = result.findings("JJ105")
    assert "Lena Park" in finding["message"]
    assert result.code == 1


ASTER = """
    ---
    company: Aster Bank
    role: Risk Analyst
    applied: 2026-11-02
    {closing}
    ---
"""
ASTER_CANCELLED = """interviews:
      - at: 2026-11-19 10:00
        stage: First interview
        with: [Ola Berg]
        cancelled: 2026-11-16
        cancelled_by: me"""

BIRCH = """
    ---
    company: Birch Energy
    role: Data Analyst
    applied: 2026-11-05
    interviews:
      - at: 2026-12-03 10:00
        stage: First interview
        with:
          - name: Dan Moss
            email: dan.moss@birch.example
    {signed}
    ---
"""


def _lesson_journal(root, closing):
    return write_journal(root, {"aster.md": ASTER.format(closing=closing),
                                "birch.md": BIRCH.format(signed="")})


@pytest.mark.parametrize("closing,needle", [("withdrawn: 2026-11-16", "withdrawn:"),
                                            (ASTER_CANCELLED, "cancelled_by: me")])
def test_jj109a_is_a_lesson_shown_for_a_week_then_ages_out(tmp_path, capsys, closing, needle):
    """Issue 12: "Withdrew while another was in progress" was still there weeks later. v2: it
    is shown for [lesson_days] = 7 days after the decision (Mon 16 Nov), then ages out."""
    root = _lesson_journal(tmp_path, closing)
    shown = check(capsys, root, "2026-11-18")
    [lesson] = shown.findings("JJ109", file="aster.md")
    assert lesson["severity"] == "warning"
    assert lesson["line"] == line_of(root, "aster.md", needle)
    assert shown.code == 0

    aged = check(capsys, root, "2026-11-30")
    assert aged.findings("JJ109", file="aster.md") == []
    assert aged.errors() == [] and aged.code == 0


def test_jj109a_lesson_days_boundary(tmp_path, capsys):
    """"Shown for [lesson_days] (default 7) after that date": withdrawn Mon 16 Nov, so still
    shown on Mon 23 Nov (the 7th day after) and gone on Tue 24 Nov."""
    root = _lesson_journal(tmp_path, "withdrawn: 2026-11-16")
    assert len(check(capsys, root, "2026-11-23").findings("JJ109", file="aster.md")) == 1
    assert check(capsys, root, "2026-11-24").findings("JJ109", file="aster.md") == []


def test_jj109a_lesson_days_is_configurable(tmp_path, capsys):
    root = _lesson_journal(tmp_path, "withdrawn: 2026-11-16")
    (root / "jobjournal.toml").write_text(
        'timezone = "Europe/London"\n\n[rules.limits]\nlesson_days = 20\n', encoding="utf-8")
    result = check(capsys, root, "2026-11-30")
    assert len(result.findings("JJ109", file="aster.md")) == 1
    assert result.findings("JJ002") == []


def test_jj109a_goes_at_once_when_the_search_is_over(tmp_path, capsys):
    """Issue 12: the lesson still headed "Needs attention" after the person signed. v2: it
    ages out at once when the search is over, even inside the [lesson_days]."""
    root = _lesson_journal(tmp_path, "withdrawn: 2026-11-16")
    assert len(check(capsys, root, "2026-11-18").findings("JJ109", file="aster.md")) == 1
    write_journal(root, {"birch.md": BIRCH.format(
        signed="offer: 2026-11-19\n    signed: 2026-11-20")})
    after = check(capsys, root, "2026-11-21")
    assert after.findings("JJ109") == []
    assert after.errors() == [] and after.code == 0


INTERVIEWS_WITHOUT_NAMES = """
    ---
    company: Calder Foods
    role: Supply Planner
    applied: 2026-11-02
    interviews:
      - at: 2026-11-25 14:00
        stage: Phone screen
        format: phone
      - at: 2026-12-03 10:00
        stage: Panel interview
    log:
      - on: 2026-11-25 15:00
        did: note
        note: Forgot to ask her name.
    ---
"""


@pytest.mark.parametrize("today", ["2026-11-24", "2026-11-26", "2026-11-30"])
def test_jj106_is_at_most_a_warning(tmp_path, capsys, today):
    """The clock never makes an error: an interview without `with:` is info while upcoming,
    and a warning (not an error) once past, with no change to the file."""
    root = write_journal(tmp_path, {"calder.md": INTERVIEWS_WITHOUT_NAMES})
    if today == "2026-11-24":  # before the note of the 25th: drop it, so nothing is future
        text = (root / "calder.md").read_text(encoding="utf-8")
        text = text.split("log:")[0] + "---\n"
        (root / "calder.md").write_text(text, encoding="utf-8")
    result = check(capsys, root, today)
    found = {(f["line"], f["severity"]) for f in result.findings("JJ106")}
    screen = line_of(root, "calder.md", "- at: 2026-11-25")
    panel = line_of(root, "calder.md", "- at: 2026-12-03")
    expected_screen = "info" if today == "2026-11-24" else "warning"
    assert found == {(screen, expected_screen), (panel, "info")}
    assert result.errors() == []
    assert result.code == 0
