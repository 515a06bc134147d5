"""`relative_day`: a day as people say it, used by `jobjournal show` (the pages leave it to the
theme's script, which reads their ISO dates)."""

from __future__ import annotations

from datetime import date

import pytest

from jobjournal.core.dates import relative_day

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("day, said", [
    (date(2026, 11, 25), "today"),
    (date(2026, 11, 26), "tomorrow"),
    (date(2026, 11, 24), "yesterday"),
    (date(2026, 11, 27), "in 2 days"),
    (date(2026, 11, 23), "2 days ago"),
    (date(2026, 12, 25), "in 30 days"),
])
def test_a_day_as_people_say_it(day: date, said: str) -> None:
    assert relative_day(day, TODAY) == said
