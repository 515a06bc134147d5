"""An application's status (docs/format.md): a cancelled interview no longer counts."""

from __future__ import annotations

import pytest

BASE = "---\ncompany: Northwind\nrole: Analyst\napplied: 2026-11-02\n"


@pytest.mark.parametrize("interviews, status", [
    ("", "applied"),
    ("interviews:\n  - at: 2026-11-30 10:00\n", "interviewing"),
    ("interviews:\n  - at: 2026-11-30 10:00\n    cancelled: 2026-11-24\n", "applied"),
    ("interviews:\n  - at: 2026-11-30 10:00\n    cancelled_by: them\n", "applied"),
    ("interviews:\n  - at: 2026-11-20 10:00\n    cancelled: 2026-11-19\n"
     "  - at: 2026-11-30 10:00\n", "interviewing"),
])
def test_a_cancelled_interview_does_not_make_it_interviewing(journal, interviews, status):  # type: ignore[no-untyped-def]
    journal.write("a.md", BASE + interviews + "---\n")
    [application] = journal.load().applications
    assert application.status == status
    assert application.is_live
