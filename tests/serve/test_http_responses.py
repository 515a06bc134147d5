"""What the dev server (serve/http.py) sends, seen by a real HTTP client: every response says
`X-Content-Type-Options: nosniff` (a browser must not guess that a text file is HTML), and the
page shown when a page fails to render carries the error as text, never as markup."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator

import pytest

from jobjournal.serve.http import DevServer, SiteState

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _fails() -> bytes:
    raise ValueError(f"template error near {MARKUP}")


@pytest.fixture
def server() -> Iterator[DevServer]:
    state = SiteState(files={"index.html": b"<!doctype html><p>hello</p>",
                             "notes.txt": b"<p>plain text</p>"},
                      lazy={"broken.html": _fails})
    server = DevServer(("127.0.0.1", 0), state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _get(server: DevServer, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, \
            response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path, status", [("/index.html", 200), ("/notes.txt", 200),
                                          ("/no-such-page.html", 404),
                                          ("/broken.html", 200)])
def test_every_response_forbids_sniffing(server: DevServer, path: str, status: int) -> None:
    got, headers, _body = _get(server, path)
    assert got == status
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"


def test_the_failure_page_shows_the_error_as_text(server: DevServer) -> None:
    status, headers, body = _get(server, "/broken.html")
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    page = body.decode()
    assert "<h1>Build failed</h1>" in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" \
        in page
    assert "<script>alert" not in page and "<img" not in page
    assert page.count("<script") == 1  # the live-reload script, which shows the overlay
    assert server.state.error is not None and MARKUP in server.state.error
