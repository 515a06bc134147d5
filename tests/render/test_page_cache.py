"""`serve`'s page cache: a render with it gives the same bytes as one without, reuses the
pages whose inputs did not change, and notices a changed template."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from jobjournal.check.checker import run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.site import PageCache, lazy_site, render_site

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def render(journal: Path, pages: PageCache | None) -> dict[str, bytes]:
    """Every file of the site: as `serve` makes them (through the cache), or as `build`."""
    loaded = load_journal(journal, persistent=False)
    report = run_checks(loaded, noon(date(2026, 11, 25), loaded.config.zone))
    if pages is None:
        return render_site(report, live_reload=True)
    files, makers = lazy_site(report, {}, pages)
    files.update((path, make()) for path, make in makers.items())
    return dict(sorted(files.items()))


def test_cached_render_equals_uncached_and_reuses_pages(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    pages = PageCache()
    first = render(journal, pages)
    assert first == render(journal, None)
    assert pages.hits == 0
    edited = journal / "temple-energy-pricing-analyst.md"
    edited.write_text(edited.read_text().replace("Temple Energy", "Temple Power"))
    second = render(journal, pages)
    assert second == render(journal, None)
    assert pages.hits >= 8  # the other applications' pages came from the cache
    assert b"Temple Power" in second["applications/temple-energy-pricing-analyst.html"]


def test_a_changed_template_is_not_served_from_the_cache(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    (journal / "templates").mkdir()
    own = journal / "templates" / "people.html"
    own.write_text('{% extends "default/people.html" %}{% block main %}FIRST{% endblock %}')
    pages = PageCache()
    assert b"FIRST" in render(journal, pages)["people.html"]
    own.write_text('{% extends "default/people.html" %}{% block main %}SECOND!{% endblock %}')
    assert b"SECOND!" in render(journal, pages)["people.html"]
