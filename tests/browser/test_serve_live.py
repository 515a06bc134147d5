"""`jobjournal serve` end to end in Chromium: a save reloads the open page by itself, and a
broken configuration shows the error overlay over the last good page until it is fixed."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from browser.browser_support import Watched, open_page
from jobjournal.serve.rebuild import serve

APPLICATION = """---
company: {company}
role: Data Analyst
applied: 2026-11-20
---

Notes about {company}.
"""


@pytest.fixture
def live(tmp_path: Path, browser: object) -> Iterator[tuple[Path, str, Watched]]:
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "northwind.md").write_text(APPLICATION.format(company="Northwind"),
                                          encoding="utf-8")
    (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    ready = threading.Event()
    holder: dict = {}

    def on_ready(server) -> None:  # type: ignore[no-untyped-def]
        holder["server"] = server
        ready.set()

    thread = threading.Thread(target=serve, kwargs=dict(
        root=journal, port=0, today=date(2026, 11, 25), echo=lambda _line: None,
        ready=on_ready), daemon=True)
    thread.start()
    assert ready.wait(20)
    server = holder["server"]
    watched = open_page(browser)
    time.sleep(0.3)  # let watchdog settle
    yield journal, f"http://127.0.0.1:{server.server_address[1]}/", watched
    watched.page.context.close()  # type: ignore[attr-defined]
    server.shutdown()
    thread.join(timeout=5)


def test_page_reloads_itself_after_a_save(live: tuple[Path, str, Watched]) -> None:
    journal, base, watched = live
    page = watched.page
    page.goto(base)  # type: ignore[attr-defined]
    page.wait_for_selector("text=Northwind")  # type: ignore[attr-defined]
    page.evaluate("window.__marker = 'before reload'")  # type: ignore[attr-defined]
    # Saved the way vim does: a new file renamed over the old one.
    replacement = journal / ".northwind.md.new"
    replacement.write_text(APPLICATION.format(company="Southwind"), encoding="utf-8")
    os.replace(replacement, journal / "northwind.md")
    page.wait_for_selector("text=Southwind", timeout=5000)  # type: ignore[attr-defined]
    # A real reload: the page's JavaScript state is gone.
    assert page.evaluate("window.__marker === undefined")  # type: ignore[attr-defined]
    assert watched.problems() == []


def test_overlay_shows_a_broken_build_and_clears_when_fixed(
        live: tuple[Path, str, Watched]) -> None:
    journal, base, watched = live
    page = watched.page
    page.goto(base)  # type: ignore[attr-defined]
    page.wait_for_selector("text=Northwind")  # type: ignore[attr-defined]
    (journal / "jobjournal.toml").write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    overlay = page.wait_for_selector("#jj-overlay", timeout=5000)  # type: ignore[attr-defined]
    assert "jobjournal.toml:1" in overlay.inner_text()
    assert page.is_visible("text=Northwind")  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    # Every page loaded while the build is broken shows the overlay too.
    page.wait_for_selector("#jj-overlay", timeout=5000)  # type: ignore[attr-defined]
    # The fix reloads the page; wait for that navigation, so nothing below runs in the page
    # being left (its overlay goes just before the reload starts).
    with page.expect_navigation(timeout=5000):  # type: ignore[attr-defined]
        (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n',
                                                 encoding="utf-8")
    page.wait_for_selector("#jj-overlay", state="detached",  # type: ignore[attr-defined]
                           timeout=5000)
    bad = [m for m in watched.problems() if "jj-overlay" not in m]
    assert bad == []
