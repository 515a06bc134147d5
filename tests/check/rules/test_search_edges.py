"""Edges of the search's rules: a signing dated after today does not end the search yet (no
JJ115, nothing lapses), and a chase logged before the application does not count (JJ114)."""

from __future__ import annotations

from datetime import date


def test_a_signing_dated_later_than_today_ends_nothing_yet(journal):  # type: ignore[no-untyped-def]
    journal.write("signed.md", "---\ncompany: Globex\nrole: Analyst\napplied: 2026-10-01\n"
                               "offer: 2026-11-20\nsigned: 2026-11-30\n---\n")
    journal.write("other.md", "---\ncompany: Initech\nrole: Analyst\napplied: 2026-11-02\n---\n")
    assert journal.followups("JJ115") == []
    assert [f.application for f in journal.followups("JJ114")] == ["other"]  # no lapse
    assert [f.application for f in journal.check(date(2026, 12, 1)).followups
            if f.rule == "JJ115"] == ["other"]  # and on the day after it, it does


def test_a_chase_before_applying_does_not_count(journal):  # type: ignore[no-untyped-def]
    journal.write("a.md", "---\ncompany: Initech\nrole: Analyst\napplied: 2026-11-10\nlog:\n"
                          "  - on: 2026-11-05\n    did: chased\n---\n")
    [chase] = journal.followups("JJ114")
    assert chase.due == date(2026, 11, 20)  # chase_application_days after applying
    assert "once more" not in chase.title
