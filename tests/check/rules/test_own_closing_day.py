"""Your own follow-ups lapse with the application "up to that day" (docs/rules.md, JJ113):
one due on the closing day itself lapses, at any hour; the next day's stays."""

from __future__ import annotations

APPLICATION = """---
company: Northwind
role: Data Analyst
applied: 2026-11-01
rejected: 2026-11-22
followups:
  - due: 2026-11-21
    what: The day before
  - due: 2026-11-22
    what: The closing day
  - due: 2026-11-22 23:30
    what: The closing day, late at night
  - due: 2026-11-23
    what: The day after
---
"""


def test_own_follow_ups_due_on_the_closing_day_lapse(journal):  # type: ignore[no-untyped-def]
    journal.write("a.md", APPLICATION)
    assert [f.title for f in journal.followups("JJ113")] == ["The day after"]
    [overdue] = journal.findings("JJ113")  # today is the 25th: the day after is overdue
    assert "The day after" in overdue.message
