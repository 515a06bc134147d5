"""v2: follow-ups due on a date never fall on a weekend day (`weekend`, Saturday and Sunday by
default); follow-ups with a time keep it; "N days after" follow-ups are dates, never a copied
time (RULES.md v2, "Due dates in days skip the weekend"; FORMAT.md `weekend`).

Today is Monday 30 November 2026; Sat 28 and Sun 29 November, Sat 12 and Sun 13 December.
"""

from __future__ import annotations

import re

import pytest

from .v2_support import check, write_journal

NO_WEEKEND = 'timezone = "Europe/London"\nweekend = []\n'

GLOBEX = """
    ---
    company: Globex
    role: HR Partner
    applied: {applied}
    ---
"""

HARBOUR = """
    ---
    company: Harbour Retail
    role: Merchandise Planner
    applied: 2026-11-02
    log:
      - on: {chased}
        did: chased
        note: Emailed the careers inbox
    ---
"""

PRIYA_CHECK_IN = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
    log:
      - on: 2026-11-10 09:00
        did: linkedin
        to: Priya Shah
      - on: 2026-11-12 11:30
        did: check-in
        to: Priya Shah
        note: Coffee near her office
    ---
"""

HEAR_BACK = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
    interviews:
      - at: 2026-11-20 14:00
        stage: First interview
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        debrief: they-call
        hear_back_by: 2026-11-27
    log:
      - on: 2026-11-20 15:30
        did: recruiter-debrief
      - on: 2026-11-20 18:00
        did: thank-you
        to: Tom Becker
    ---
"""

REFEREE = """
    ---
    company: Granite Insurance
    role: Claims Analyst
    applied: 2026-11-02
    offer: 2026-11-26
    references:
      - name: Mike Turner
        email: mike.turner@example.org
        contacted: 2026-11-25
    log:
      - on: 2026-11-24
        did: heads-up
        to: Mike Turner
    ---
"""

REJECTED = """
    ---
    company: Delta Health NHS Trust
    role: Data Engineer
    applied: 2026-11-02
    rejected: 2026-11-26
    ---
"""

ACME_SIGNED = """
    ---
    company: Acme Robotics
    role: Data Lead
    applied: 2026-10-12
    offer: 2026-11-24
    signed: 2026-11-26
    ---
"""

# (case, files, rule, title or None when the rule makes one follow-up, due, due if weekend = [])
CASES = [
    ("JJ114 applied Thu 19 + 10 days = Sun 29", {"globex.md": GLOBEX.format(applied="2026-11-19")},
     "JJ114", "Chase Globex about your application", "2026-11-30", "2026-11-29"),
    ("JJ114 chased Sat 14 16:45 + 14 days = Sat 28",
     {"harbour.md": HARBOUR.format(chased="2026-11-14 16:45")},
     "JJ114", "Chase Harbour Retail once more, or close it as ghosted", "2026-11-30",
     "2026-11-28"),
    ("JJ112 check-in Thu 12 Nov 11:30 + 30 days = Sat 12 Dec",
     {"northwind.md": PRIYA_CHECK_IN},
     "JJ112", "Check in with Priya Shah (Hays)", "2026-12-14", "2026-12-12"),
    ("JJ103 hear back by Fri 27, chase the day after = Sat 28", {"northwind.md": HEAR_BACK},
     "JJ103", "Chase Priya Shah for news on Northwind Analytics", "2026-11-30", "2026-11-28"),
    ("JJ108(b) contacted Wed 25 + 3 days = Sat 28", {"granite.md": REFEREE},
     "JJ108", None, "2026-11-30", "2026-11-28"),
    ("JJ111 rejected Thu 26 + 2 days = Sat 28", {"delta.md": REJECTED},
     "JJ111", None, "2026-11-30", "2026-11-28"),
    ("JJ115 signed Thu 26 + 2 days = Sat 28",
     {"acme.md": ACME_SIGNED, "globex.md": GLOBEX.format(applied="2026-11-09")},
     "JJ115", "Let Globex know you have accepted another offer", "2026-11-30", "2026-11-28"),
]


def _the_followup(result, rule, title):
    if title is None:
        found = result.followups(rule)
        assert len(found) == 1, found
        return found[0]
    followup = result.followup(title)
    assert followup["rule"] == rule
    return followup


@pytest.mark.parametrize("case,files,rule,title,due,due_without_weekend", CASES,
                         ids=[case[0] for case in CASES])
def test_a_date_on_the_weekend_moves_to_monday(tmp_path, capsys, case, files, rule, title,
                                               due, due_without_weekend):
    root = write_journal(tmp_path, files)
    followup = _the_followup(check(capsys, root), rule, title)
    assert followup["due"] == due
    assert followup["overdue"] is False
    assert check(capsys, root).findings(rule, severity="warning") == []


@pytest.mark.parametrize("case,files,rule,title,due,due_without_weekend", CASES,
                         ids=[case[0] for case in CASES])
def test_weekend_empty_keeps_the_day(tmp_path, capsys, case, files, rule, title, due,
                                     due_without_weekend):
    """`weekend = []` turns the move off: the follow-up is due on the Saturday or Sunday
    (and is overdue by Monday when that was the 28th or 29th)."""
    root = write_journal(tmp_path, files, config=NO_WEEKEND)
    result = check(capsys, root)
    assert result.findings("JJ002") == []  # `weekend` is a known key
    followup = _the_followup(result, rule, title)
    assert followup["due"] == due_without_weekend
    overdue = due_without_weekend < "2026-11-30"
    assert followup["overdue"] is overdue
    assert len(result.findings(rule, severity="warning")) == (1 if overdue else 0)


def test_a_weekend_of_friday_and_saturday(tmp_path, capsys):
    """`weekend` names the days: with Friday and Saturday off, a chase due Friday 27 moves to
    Sunday 29 (still overdue on Monday 30); by default it stays on Friday."""
    files = {"globex.md": GLOBEX.format(applied="2026-11-17")}
    default = check(capsys, write_journal(tmp_path / "default", files))
    assert default.followup("Chase Globex about your application")["due"] == "2026-11-27"
    config = 'timezone = "Europe/London"\nweekend = ["Fri", "Sat"]\n'
    root = write_journal(tmp_path / "fri-sat", files, config=config)
    result = check(capsys, root)
    assert result.findings("JJ002") == []  # `weekend` is a known key
    chase = result.followup("Chase Globex about your application")
    assert (chase["due"], chase["overdue"]) == ("2026-11-29", True)
    [finding] = result.findings("JJ114")
    assert finding["severity"] == "warning" and finding["file"] == "globex.md"


THANK_ON_SATURDAY = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
    interviews:
      - at: 2026-11-27 14:00
        stage: First interview
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        debrief: they-call
        hear_back_by: 2026-12-04
    ---
"""


def test_follow_ups_with_a_time_keep_it_on_a_weekend(tmp_path, capsys):
    """The thank-you within 24 hours of an interview ending Fri 27 Nov 15:00 is due Sat 28 Nov
    15:00, weekend or not; the debrief (4 hours) Fri 19:00."""
    root = write_journal(tmp_path, {"northwind.md": THANK_ON_SATURDAY})
    result = check(capsys, root)
    thanks = result.followup("Send Tom Becker a thank-you (Northwind Analytics)")
    assert (thanks["due"], thanks["overdue"]) == ("2026-11-28T15:00:00+00:00", True)
    debrief = result.followup("Debrief Priya Shah (Hays) on your Northwind Analytics interview")
    assert (debrief["due"], debrief["overdue"]) == ("2026-11-27T19:00:00+00:00", True)
    assert len(result.findings("JJ104", severity="warning")) == 1


def test_n_days_after_a_time_is_a_date(tmp_path, capsys):
    """A chase logged Thu 12 Nov 16:45: once more 14 days later is due Thu 26 Nov, the date,
    not 16:45 that day; so on Mon 30 Nov it is overdue and warns."""
    root = write_journal(tmp_path, {"harbour.md": HARBOUR.format(chased="2026-11-12 16:45")})
    result = check(capsys, root)
    again = result.followup("Chase Harbour Retail once more, or close it as ghosted")
    assert (again["rule"], again["due"], again["overdue"]) == ("JJ114", "2026-11-26", True)
    [finding] = result.findings("JJ114")
    assert finding["severity"] == "warning"
    assert "ghosted:" in finding["message"]


OWN_SATURDAY = """
    ---
    company: Globex
    role: HR Partner
    followups:
      - due: 2026-12-05
        what: Finish the case study over the weekend
    ---
"""


def test_your_own_follow_up_on_a_saturday_stays_there(tmp_path, capsys):
    """Spec ambiguous: RULES.md moves "a follow-up due on a date" off the weekend, while the
    v2 summary speaks of "follow-ups counted in days". A date the person wrote
    (`followups: due: 2026-12-05`, a Saturday, "over the weekend") is their own plan: it stays
    on Saturday. Only follow-ups the rules count in days move."""
    root = write_journal(tmp_path, {"globex.md": OWN_SATURDAY})
    own = check(capsys, root).followup("Finish the case study over the weekend")
    assert (own["rule"], own["due"], own["overdue"]) == ("JJ113", "2026-12-05", False)


def test_agenda_on_sunday_shows_the_chase_for_monday(tmp_path, capsys):
    """`jobjournal agenda` on Sunday 29 Nov: the chase that falls on Sunday is due Monday, so
    nothing is due today and it is listed among the next 7 days."""
    from .v2_support import run_cli

    root = write_journal(tmp_path, {"globex.md": GLOBEX.format(applied="2026-11-19")})
    code, out, err = run_cli(capsys, "agenda", str(root), "--today", "2026-11-29")
    assert code == 0, err
    assert re.search(r"^Overdue: 0$", out, flags=re.M), out
    assert re.search(r"^Today \([^)]*\): 0$", out, flags=re.M), out
    upcoming = out.split("Next 7 days", 1)[1]
    assert "Chase Globex about your application" in upcoming
    assert re.search(r"Mon 30 Nov 2026", upcoming), out
