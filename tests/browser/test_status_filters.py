"""The dashboard's status filter shows exactly the right rows: "Live" every application still
in play (applied, interviewing, offer) and nothing else, "Closed" every closed one (signed,
rejected, withdrawn and ghosted), each status its own rows. The journal holds one application
per status, so a filter that hides everything, or leaves one status out, fails."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser.browser_support import Served, Watched, build_into, serve_folder
from jobjournal.core.model import LIVE_STATUSES, STATUSES

MILESTONES = {
    "considering": [],
    "applied": ["applied: 2026-11-02"],
    "interviewing": ["applied: 2026-11-02", "interviews:", "  - at: 2026-11-30 10:00",
                     "    with: [Tom Becker]"],
    "offer": ["applied: 2026-11-02", "offer: 2026-11-20"],
    "signed": ["applied: 2026-11-02", "offer: 2026-11-10", "signed: 2026-11-12"],
    "rejected": ["applied: 2026-11-02", "rejected: 2026-11-12"],
    "withdrawn": ["applied: 2026-11-02", "withdrawn: 2026-11-12"],
    "ghosted": ["applied: 2026-09-02", "ghosted: 2026-11-12"],
}
CLOSED = {"signed", "rejected", "withdrawn", "ghosted"}


@pytest.fixture(scope="module")
def every_status(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    journal = tmp_path_factory.mktemp("statuses") / "journal"
    journal.mkdir()
    (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    for status, lines in MILESTONES.items():
        text = "\n".join(["---", f"company: Firm {status}", "role: Analyst", *lines, "---", ""])
        (journal / f"{status}.md").write_text(text, encoding="utf-8")
    site = build_into(journal, tmp_path_factory.mktemp("statuses-site") / "site")
    yield from serve_folder(site)


def _shown(page: object) -> list[str]:
    return sorted(page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#applications-table tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => r.getAttribute('data-status'))"))


def test_each_status_filter_shows_exactly_its_rows(page: Watched, every_status: Served) -> None:
    p = page.page
    p.goto(every_status.base + "index.html")  # type: ignore[attr-defined]
    p.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
    assert set(MILESTONES) == set(STATUSES) and LIVE_STATUSES == {"applied", "interviewing",
                                                                   "offer"}
    assert _shown(p) == sorted(STATUSES)
    expected = {"": set(STATUSES), "live": set(LIVE_STATUSES), "closed": CLOSED,
                **{status: {status} for status in STATUSES}}
    for wanted, statuses in expected.items():
        p.select_option('[data-filter="status"]', wanted)  # type: ignore[attr-defined]
        assert _shown(p) == sorted(statuses), wanted
        count = p.inner_text("[data-filter-count]")  # type: ignore[attr-defined]
        assert f"{len(statuses)} of {len(STATUSES)}" in count or wanted == "", (wanted, count)
    assert page.problems() == []
