"""The theme's live-reload script, against a stand-in for `jobjournal serve`'s event stream.

The stream first sends an `error` event (the overlay must show its text, as text, without
breaking the CSP), then, when the test says so, a `reload` event (the page must reload, and the
overlay must be gone).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from browser.browser_support import EXAMPLE, QuietHandler, Served, build_into, open_page

ERROR_TEXT = "templates/index.html:3: unexpected '}' <b>not bold</b>"


class _Stream:
    def __init__(self) -> None:
        self.connections = 0
        self.send_reload = threading.Event()
        self.stop = threading.Event()


def _handler(stream: _Stream, *args: object, **kwargs: object) -> QuietHandler:
    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path != "/__jobjournal/events":
                super().do_GET()
                return
            stream.connections += 1
            first = stream.connections == 1
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            try:
                if first:
                    self.wfile.write(f"event: error\ndata: {ERROR_TEXT}\n\n".encode())
                    self.wfile.flush()
                    stream.send_reload.wait(30)
                    self.wfile.write(b"event: reload\ndata: site rebuilt\n\n")
                    self.wfile.flush()
                stream.stop.wait(30)
            except OSError:
                pass

    return Handler(*args, **kwargs)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[Served, _Stream]]:
    import shutil

    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    site = build_into(journal, tmp_path / "site", live_reload=True)
    stream = _Stream()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(_handler, stream, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", site), stream
    finally:
        stream.send_reload.set()
        stream.stop.set()
        server.shutdown()
        server.server_close()


def test_error_overlay_then_reload(browser: object, live_server: tuple[Served, _Stream]) -> None:
    served, stream = live_server
    watched = open_page(browser)
    try:
        page = watched.page
        page.goto(served.base + "applications/closed/holbeck-logistics-bi-analyst.html")  # type: ignore[attr-defined]
        overlay = page.locator("#jj-overlay")  # type: ignore[attr-defined]
        overlay.wait_for(state="visible")
        assert ERROR_TEXT in overlay.inner_text()
        assert overlay.locator("b").count() == 0  # shown as text, not markup
        position = "getComputedStyle(document.getElementById('jj-overlay')).position"
        assert page.evaluate(position) == "fixed"  # type: ignore[attr-defined]
        with page.expect_navigation():  # type: ignore[attr-defined]
            stream.send_reload.set()
        page.wait_for_load_state()  # type: ignore[attr-defined]
        assert page.locator("#jj-overlay").count() == 0  # type: ignore[attr-defined]
        for _ in range(200):  # the reloaded page connects again (a wait, not a timing test)
            if stream.connections >= 2:
                break
            time.sleep(0.05)
        assert stream.connections >= 2
        assert watched.problems() == []
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]
