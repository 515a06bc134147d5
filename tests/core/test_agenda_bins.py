"""The agenda's bins (core/followups.agenda_bin), which the dashboard and `jobjournal agenda`
share: overdue, today, the next seven days with the seventh included, later."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobjournal.core.followups import AGENDA_WEEK_DAYS, FollowUp, agenda_bin

ZONE = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 25)


def _due(due: date | datetime, overdue: bool = False) -> FollowUp:
    return FollowUp("x", "JJ113", "a", "a.md", 1, "Do it", due, "not done", overdue=overdue)


@pytest.mark.parametrize("days, expected", [
    (-1, "today"), (0, "today"), (1, "week"), (6, "week"), (7, "week"), (8, "later"),
    (30, "later"),
])
def test_a_date_goes_in_its_bin(days: int, expected: str) -> None:
    assert AGENDA_WEEK_DAYS == 7
    assert agenda_bin(_due(TODAY + timedelta(days=days)), TODAY, ZONE) == expected


def test_a_time_goes_by_its_day_in_the_journal_zone() -> None:
    # 00:30 on 3 December in London is still 2 December in New York: the seventh day, then.
    late = datetime(2026, 12, 2, 23, 30, tzinfo=ZONE)
    assert agenda_bin(_due(late), TODAY, ZONE) == "week"
    assert agenda_bin(_due(late + timedelta(hours=1)), TODAY, ZONE) == "later"
    assert agenda_bin(_due(late + timedelta(hours=1)), TODAY, ZoneInfo("America/New_York")
                      ) == "week"


def test_overdue_comes_first_whatever_the_date() -> None:
    assert agenda_bin(_due(TODAY + timedelta(days=3), overdue=True), TODAY, ZONE) == "overdue"
