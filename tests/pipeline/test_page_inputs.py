"""A build skips an application page whose inputs (`page_inputs`) are those it was made from,
without making its view. That is only right if equal inputs always make an equal view: here
the example journal is checked every half hour across the days of its coming
interviews, and a minute before, at and after each one's start and end, and no two instants
may give one application the same inputs but different views."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from jobjournal.check.checker import run_checks
from jobjournal.load.loader import load_journal
from jobjournal.render.appview import application_view, page_inputs
from jobjournal.render.views import lookups

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
LONDON = ZoneInfo("Europe/London")


def test_equal_inputs_make_equal_views_at_every_instant() -> None:
    journal = load_journal(EXAMPLE, persistent=False)
    seen: dict[tuple[object, ...], object] = {}
    distinct_per_app: dict[str, set[tuple[object, ...]]] = {}
    start = datetime(2026, 11, 30, 15, 0, tzinfo=LONDON)  # the Kirkgate interview is at 17:45
    end = datetime(2026, 12, 2, 13, 0, tzinfo=LONDON)  # the Leodis one at 10:00
    instants = {start + timedelta(minutes=30 * step)
                for step in range(int((end - start) / timedelta(minutes=30)) + 1)}
    # Around each interview's start and end, to the minute: where only the clock has moved.
    for application in journal.applications:
        for interview in application.interviews:
            for edge in (interview.start, interview.end):
                if start <= edge <= end:
                    instants.update(edge + timedelta(minutes=d) for d in (-1, 0, 1))
    for now in sorted(instants):
        report = run_checks(journal, now)
        look = lookups(report)
        for application in journal.applications:
            inputs = page_inputs(report, application, look, None)
            assert inputs is not None  # loaded from files: every signature is known
            view = application_view(report, application, now, look, None)
            key = (application.slug, *inputs)
            if key in seen:
                assert seen[key] == view, f"{application.file} at {now}: same inputs, new view"
            seen[key] = view
            distinct_per_app.setdefault(application.slug, set()).add(inputs)
    # The inputs do move with the clock (else the test would show nothing).
    assert len(distinct_per_app["kirkgate-analytics-analytics-engineer"]) >= 4


def test_inputs_are_unknown_for_an_application_not_read_from_a_file() -> None:
    journal = load_journal(EXAMPLE, persistent=False)
    from dataclasses import replace

    bare = replace(journal, signatures={})
    report = run_checks(bare, datetime(2026, 11, 25, 12, 0, tzinfo=LONDON))
    application = bare.applications[0]
    assert page_inputs(report, application, lookups(report), None) is None
