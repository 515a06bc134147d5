"""Browser tests: the built site in real headless Chromium, driven by Playwright.

The sites are built once per session (the example journal, and a journal full of hostile
text) and served from a local HTTP server, as `jobjournal serve` or any static host would. Each
test gets a fresh page that records console messages, page errors, dialogs, CSP violations and
every request, so a test can assert that nothing ran, nothing broke and nothing left the machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXAMPLE,
    HOSTILE,
    Served,
    Watched,
    build_into,
    open_page,
    serve_folder,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs the built site in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("example") / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    return build_into(journal, tmp_path_factory.mktemp("example-site") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    journal = tmp_path_factory.mktemp("hostile") / "journal"
    journal.mkdir()
    (journal / "evil.md").write_text(HOSTILE, encoding="utf-8")
    # File names become slugs and URLs: quotes, angle brackets, ? and # must survive.
    (journal / "o'brien & \"co\" <x>.md").write_text(HOSTILE, encoding="utf-8")
    (journal / "what?#.md").write_text(HOSTILE, encoding="utf-8")
    return build_into(journal, tmp_path_factory.mktemp("hostile-site") / "site")


@pytest.fixture(scope="session")
def example_server(example_site: Path) -> Iterator[Served]:
    yield from serve_folder(example_site)


@pytest.fixture(scope="session")
def hostile_server(hostile_site: Path) -> Iterator[Served]:
    yield from serve_folder(hostile_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[Watched]:
    watched = open_page(browser)
    yield watched
    watched.page.context.close()  # type: ignore[attr-defined]
