"""v2: the clock never makes an error. A journal whose content is right passes `check` (exit
0: warnings and info allowed, no error) on every day of a 60-day range, whatever passes in
between: interviews without `with:` go by, thank-yous and heads-ups fall overdue, chases come
due, an interview falls in working hours, a signing ends the search (RULES.md v2).

The journal is written as of Monday 30 November 2026: nothing in it is dated later, so no day
of the range (30 Nov 2026 to 28 Jan 2027) sees an entry "in the future".
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .v2_support import check, write_journal

CONFIG = """
    timezone = "Europe/London"
    working_hours = "Mon-Fri 09:00-17:30"
"""

ACTIVE = {
    "northwind.md": """
        ---
        company: Northwind Analytics
        role: Senior Data Analyst
        applied: 2026-10-28
        recruiter:
          name: Priya Shah
          agency: Hays
          email: priya.shah@recruit.example
        interviews:
          - at: 2026-11-18 14:00
            stage: First interview
            format: video
            with:
              - name: Tom Becker
                title: Head of Data
                email: tom.becker@northwind.example
              - Aisha Rahman
            debrief: they-call
            hear_back_by: 2026-12-04
          - at: 2026-12-08 10:00
            stage: Second interview
            format: in-person
        references:
          - name: Dr Helen Ward
            relation: former line manager
            email: h.ward@uni.example
            contacted: 2026-11-27
        log:
          - on: 2026-11-18 15:10
            did: recruiter-debrief
          - on: 2026-11-18 19:30
            did: thank-you
            to: Tom Becker
          - on: 2026-11-26
            did: references-shared
        followups:
          - due: 2026-12-10
            what: Send Tom the dashboard sample
        ---

        ## Notes
        Ask about the team's SQL stack.
    """,
    "globex.md": """
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-20
        ---
    """,
    "harbour.md": """
        ---
        company: Harbour Retail
        role: Merchandise Planner
        applied: 2026-11-02
        contacts:
          - name: Chloe Evans
            title: Talent Acquisition
            email: chloe.evans@harbour.example
        log:
          - on: 2026-11-16 10:20
            did: chased
            to: Chloe Evans
        ---
    """,
    "calder.md": """
        ---
        company: Calder Foods
        role: Supply Planner
        applied: 2026-11-09
        interviews:
          - at: 2026-11-27 10:00
            stage: Phone screen
            format: phone
          - at: 2026-12-14 15:00
            stage: Final interview
        ---
    """,
    "delta.md": """
        ---
        company: Delta Health NHS Trust
        role: Data Engineer
        applied: 2026-10-19
        rejected: 2026-11-26
        recruiter:
          name: Sam Patel
          agency: Reed
          email: sam.patel@reed.example
        interviews:
          - at: 2026-11-12 11:00
            stage: First interview
            with: [Mark O'Brien]
        log:
          - on: 2026-11-12 13:00
            did: recruiter-debrief
          - on: 2026-11-12 18:00
            did: thank-you
            to: Mark OBrien
            via: recruiter
        ---
    """,
    "echo.md": """
        ---
        company: Echo Games
        role: Producer
        applied: 2026-11-23
        recruiter:
          name: Tom Hughes
          email: tom.hughes@echogames.example
        interviews:
          - at: 2026-12-15 14:00
            stage: Panel interview
            with: Tom Hughes, Kai Nakamura
            debrief: i-call
            time_off: true
        ---
    """,
    "fir.md": """
        ---
        company: Fir Logistics
        role: Analyst
        applied: 2026-11-05
        interviews:
          - at: 2026-12-02 09:30
            stage: First interview
            with: [Ola Berg]
            cancelled: 2026-11-25
            cancelled_by: me
        ---
    """,
    "gorse.md": """
        ---
        company: Gorse Bank
        role: Risk Analyst
        applied: 2026-10-20
        offer: 2026-11-24
        interviews:
          - at: 2026-11-10 10:00
            stage: Final interview
            with:
              - name: Ruth Adams
                email: ruth.adams@gorse.example
        log:
          - on: 2026-11-10 17:00
            did: thank-you
            to: Ruth Adams
          - on: 2026-11-25
            did: linkedin
            to: Ruth Adams
        ---
    """,
}

SIGNED = {
    "acme.md": """
        ---
        company: Acme Robotics
        role: Data Lead
        applied: 2026-10-12
        offer: 2026-11-24
        signed: 2026-11-27
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
    """,
}

FIRST = date(2026, 11, 30)
DAYS = 60


@pytest.mark.parametrize("variant,expected_rules", [
    ("active", {"JJ101", "JJ104", "JJ106", "JJ108", "JJ109", "JJ111", "JJ113", "JJ114"}),
    ("signed", {"JJ104", "JJ108", "JJ111", "JJ115"}),
])
def test_check_exits_0_on_every_day_of_60(tmp_path, capsys, variant, expected_rules):
    files = dict(ACTIVE)
    if variant == "signed":
        files.update(SIGNED)
    root = write_journal(tmp_path, files, config=CONFIG)
    # The content is right: nothing is an error on the day it was written.
    first = check(capsys, root, FIRST.isoformat())
    assert first.errors() == [], first.errors()

    red: list[tuple[str, list[str]]] = []
    warned: set[str] = set()
    for offset in range(DAYS):
        today = (FIRST + timedelta(days=offset)).isoformat()
        result = check(capsys, root, today)
        errors = [f"{f['file']}:{f['line']} {f['rule']} {f['message']}" for f in result.errors()]
        if result.code != 0 or errors:
            red.append((today, errors))
        warned |= {f["rule"] for f in result.findings(severity="warning")}
    assert red == [], f"check failed on {len(red)} of {DAYS} days, first: {red[:3]}"
    # The clock did matter: these rules warned on some day of the range.
    assert expected_rules <= warned, sorted(expected_rules - warned)
