"""The dev server (`jobjournal serve`) under hostile requests on loopback.

Requests go over raw sockets, so nothing is cleaned up on the way: traversal in every
spelling, encodings, NUL, very long lines, odd methods and headers, clients that vanish,
idle connections, and 200 requests at once. Nothing outside the site is ever readable (the
journal, its configuration, .git, the machine's files), the server keeps answering, prints
no tracebacks, and its threads stay bounded.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from hardening_helpers import EXAMPLE_JOURNAL, HARDENING, serving
from hypothesis import given
from hypothesis import strategies as st

from jobjournal.serve.http import EVENTS_PATH, MAX_LISTENERS, MAX_WORKERS

SECRET = b"SECRET-7f3a"  # planted in every file that is not part of the site
OK_STATUSES = {200, 400, 404, 405, 408, 414, 431, 501, 503, 505}


@pytest.fixture(scope="module")
def site(tmp_path_factory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("served")
    journal = base / "journal"
    shutil.copytree(EXAMPLE_JOURNAL, journal, ignore=shutil.ignore_patterns("_site"))
    config = (journal / "jobjournal.toml").read_text(encoding="utf-8")
    (journal / "jobjournal.toml").write_text(config + f"# {SECRET.decode()}\n", "utf-8")
    for name in (".git/config", "_private/notes.txt", "templates/secret.txt", "notes.txt",
                 "_site/index.html"):
        (journal / name).parent.mkdir(parents=True, exist_ok=True)
        (journal / name).write_bytes(SECRET + b"\n")
    (base / "outside.txt").write_bytes(SECRET + b"\n")
    with serving(journal) as server:
        state = server.state  # every file of the site, the ones made on request too
        bodies = {state.get(key) for key in [*state.files, *state.lazy]}
        assert not any(SECRET in body for body in bodies)  # the site itself holds no secret
        yield server, bodies


def exchange(port: int, raw: bytes, timeout: float = 10) -> tuple[int | None, bytes]:
    """Send raw bytes; return the first final response's status (None when the server only
    closed the connection) and its body (by Content-Length)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    while data.startswith(b"HTTP/"):
        head, _sep, rest = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if 100 <= status < 200:  # an interim answer ("100 Continue"); the real one follows
            data = rest
            continue
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _colon, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, rest[:length]
    return None, data


def get(port: int, path: bytes, headers: bytes = b"") -> tuple[int | None, bytes]:
    return exchange(port, b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                    + b"Connection: close\r\n\r\n")


def assert_safe(site, status, body) -> None:  # type: ignore[no-untyped-def]
    _server, bodies = site
    assert status is None or status in OK_STATUSES, status
    assert SECRET not in body and b"root:x:" not in body
    if status == 200 and body:  # (HEAD has none)
        assert body in bodies  # a file of the site, whole, and nothing else


SEGMENTS = ["..", ".", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2f", "..%5c", "%252e%252e",
            "%c0%ae%c0%ae", "..\\", "\\", "%5c", "%2f", "", "etc", "passwd", "jobjournal.toml",
            ".git", "config", "_private", "notes.txt", "templates", "secret.txt", "_site",
            "outside.txt", "index.html", "applications", "static", "site.js", "%00", "\x00",
            "%", "%zz", "%ff%fe", ";", "~", "%20", "\u202e", "ö", "%C3%B6", "a" * 300]


@HARDENING
@given(segments=st.lists(st.sampled_from(SEGMENTS), max_size=8),
       lead=st.sampled_from(["/", "//", "/./", "http://127.0.0.1/", "", "*"]),
       tail=st.sampled_from(["", "/", "?x=../../etc/passwd", "#..", "?%00", ";x"]))
def test_fuzzed_paths_never_reach_outside_the_site(site, segments, lead, tail):
    path = (lead + "/".join(segments) + tail).encode("utf-8", "surrogatepass")
    status, body = get(site[0].server_address[1], path)
    if path.strip() and b" " not in path:  # a request line of three parts: always answered
        assert status is not None, "the server dropped the connection"  # which defends nothing
    assert_safe(site, status, body)


@pytest.mark.parametrize("path", [
    b"/../../../../../../etc/passwd", b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/..%2f..%2f..%2fjobjournal.toml", b"/jobjournal.toml", b"/.git/config",
    b"/_private/notes.txt", b"/templates/secret.txt", b"/_site/index.html", b"/notes.txt",
    b"/../outside.txt", b"/%2e%2e%2foutside.txt", b"/static/../../jobjournal.toml",
    b"/static/..%5c..%5cjobjournal.toml", b"/aire-valley-insight-analyst.md",
    b"/" + b"a" * 70_000, b"/index.html%00.txt", b"/index.html\x00", b"//etc/passwd",
    b"/%u002e%u002e/etc/passwd", b"/\xff\xfe", b"file:///etc/passwd",
])
def test_known_traversal_spellings(site, path):
    status, body = get(site[0].server_address[1], path)
    assert_safe(site, status, body)
    if len(path) > 65536:
        assert status == 414  # the request line is too long to read
    else:  # the plain "not found", which holds no byte of the file asked for
        assert (status, body) == (404, b"Not found\n")


@pytest.mark.parametrize("request_bytes", [
    b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
    b"PUT /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx",
    b"DELETE /index.html HTTP/1.1\r\nHost: x\r\n\r\n",
    b"TRACE / HTTP/1.1\r\nHost: x\r\nCookie: " + SECRET + b"\r\n\r\n",
    b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", b"CONNECT 127.0.0.1:22 HTTP/1.1\r\n\r\n",
    b"PROPFIND / HTTP/1.1\r\nHost: x\r\n\r\n", b"get / HTTP/1.1\r\n\r\n",
    b"G\x00T / HTTP/1.1\r\n\r\n",
    b"BREW /pot HTTP/1.1\r\n\r\n", b"A" * 70_000 + b" / HTTP/1.1\r\n\r\n",
    b"GET /\r\n", b"GET / HTTP/2.0\r\n\r\n", b"GET / HTTP/1.1 extra\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n", b"GET\r\n\r\n", b"\r\n\r\n", b"\x16\x03\x01\x02\x00\x01",
    b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 100_000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n",
    b"GET / HTTP/1.1\r\nno colon here\r\n\r\n", b"GET / HTTP/1.1\r\nX: \x00\x01\r\n\r\n",
    b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
    b"GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nabc",
    b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET / HTTP/1.1\r\nRange: bytes=999999-\r\n\r\n",
    b"GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET " + EVENTS_PATH.encode() + b"/../jobjournal.toml HTTP/1.1\r\n\r\n",
])
def test_fuzzed_methods_and_headers_are_answered_or_dropped(site, request_bytes):
    port = site[0].server_address[1]
    status, body = exchange(port, request_bytes)
    assert_safe(site, status, body)
    if request_bytes.startswith(b"TRACE"):
        assert status == 405  # never echoes the request back
    assert get(port, b"/index.html")[0] == 200  # and it still serves


def server_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name.startswith("jobjournal-http"))


def test_200_parallel_requests_all_answered_with_bounded_threads(site):
    server, bodies = site
    port = server.server_address[1]
    paths = sorted(server.state.files)
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, server_threads())
            time.sleep(0.005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    with ThreadPoolExecutor(200) as clients:
        results = list(clients.map(
            lambda n: get(port, b"/" + paths[n % len(paths)].encode()), range(200)))
    done.set()
    watcher.join()
    assert [status for status, _body in results] == [200] * 200
    assert all(body in bodies for _status, body in results)
    assert 1 <= peak <= MAX_WORKERS


def test_live_reload_listeners_are_capped_and_pages_still_load(site):
    server, _bodies = site
    port = server.server_address[1]
    streams = []
    try:
        for _ in range(MAX_LISTENERS + 4):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(b"GET " + EVENTS_PATH.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            streams.append(sock)
        statuses = []
        for sock in streams:
            statuses.append(int(sock.recv(64).split(b" ", 2)[1]))
        assert statuses.count(200) == MAX_LISTENERS
        assert statuses.count(503) == 4
        assert get(port, b"/index.html")[0] == 200
        assert server_threads() <= MAX_WORKERS
    finally:
        for sock in streams:
            sock.close()


def test_idle_and_vanishing_clients_neither_block_nor_print(site, capfd):
    """Browsers keep idle connections open and cancel requests; neither may starve the
    server of threads or fill the terminal with tracebacks."""
    server, _bodies = site
    port = server.server_address[1]
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(MAX_WORKERS)]
    try:
        status, _body = exchange(port, b"GET /index.html HTTP/1.1\r\nHost: x\r\n"
                                       b"Connection: close\r\n\r\n", timeout=20)
        assert status == 200
    finally:
        for sock in idle:
            sock.close()
    for _ in range(10):  # ask for a page, then hang up before reading it (a reset)
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.close()
        half = socket.create_connection(("127.0.0.1", port))
        half.sendall(b"GET /ind")  # half a request line, then gone
        half.close()
    time.sleep(0.5)
    assert get(port, b"/index.html")[0] == 200
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Error" not in captured.err
