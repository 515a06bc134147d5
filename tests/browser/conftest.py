"""Browser tests: the built site in real headless Chromium, driven by Playwright.

The sites are built once per session (the example journal, and a journal full of hostile
text) and served from a local HTTP server, as `jobjournal serve` or any static host would. Each
test gets a fresh page that records console messages, page errors, dialogs, CSP violations and
every request, so a test can assert that nothing ran, nothing broke and nothing left the machine.
"""

from __future__ import annotations

import shutil
import textwrap
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_support import Served, Watched, QuietHandler, open_page

from jobjournal.build import write_site
from jobjournal.checker import run_checks
from jobjournal.dates import noon
from jobjournal.loader import load_journal
from jobjournal.site.render import render_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
TODAY = date(2026, 11, 25)

def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: runs the built site in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def build_into(journal: Path, out: Path, *, live_reload: bool = False) -> Path:
    loaded = load_journal(journal)
    report = run_checks(loaded, noon(TODAY, loaded.config.zone))
    write_site(render_site(report, live_reload=live_reload), out, journal)
    return out


HOSTILE_NOTES = """\
<script>alert('notes')</script>
<img src=x onerror="alert('img')">
[click me](javascript:alert('md'))
[data link](data:text/html,<script>alert(1)</script>)
![pic](javascript:alert('pic'))
"quote' breaking `code` </script></textarea>
<a href="javascript:alert(1)">raw link</a>
"""

HOSTILE = textwrap.dedent("""\
    ---
    company: "<script>alert('company')</script>Evil \\"Corp' & <b>Co</b>"
    role: "<img src=x onerror=alert('role')>"
    applied: 2026-11-01
    link: "javascript:alert('link')"
    tags: ["<script>alert('tag')</script>"]
    recruiter:
      name: "\\"><script>alert('recruiter')</script>"
      agency: "</title><script>alert('agency')</script>"
      email: "a@b.example\\"><script>alert('email')</script>"
      phone: "javascript:alert('phone')"
    contacts:
      - name: "' onmouseover='alert(1)"
        title: "<style>body{display:none}</style>"
        linkedin: "javascript:alert('li')"
    interviews:
      - at: 2026-11-20 10:00
        stage: "<svg onload=alert('stage')>"
        where: "\\"><img src=x onerror=alert('where')>"
        with: ["<iframe src=javascript:alert(1)>"]
    log:
      - on: 2026-11-20
        did: note
        note: "</textarea><script>alert('note')</script>"
    followups:
      - due: 2026-11-30
        what: "<script>alert('followup')</script>"
    ---
    """) + HOSTILE_NOTES

HOSTILE_COMPANY = "<script>alert('company')</script>Evil \"Corp' & <b>Co</b>"


def _serve(folder: Path) -> Iterator[Served]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", folder)
    finally:
        server.shutdown()
        server.server_close()


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
    yield from _serve(example_site)


@pytest.fixture(scope="session")
def hostile_server(hostile_site: Path) -> Iterator[Served]:
    yield from _serve(hostile_site)


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
