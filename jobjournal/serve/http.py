"""The HTTP side of `jobjournal serve`: the last good site from memory, plus live-reload events.

The site is held as a dict of path -> bytes that a rebuild swaps in one assignment, so a reader
never sees half a build and nothing outside the site can ever be served: there is no file
system lookup to trick with `..`, encodings or symlinks. Only GET and HEAD are allowed, request
handling runs on a bounded pool of threads, and live-reload listeners are capped.
"""

from __future__ import annotations

import http.server
import queue
import socketserver
import threading
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

EVENTS_PATH = "/__jobjournal/events"
MAX_LISTENERS = 16
MAX_WORKERS = 32
KEEPALIVE_SECONDS = 15.0
# How long a connection may sit without sending (or taking) a byte before its thread is freed:
# idle keep-alive connections would otherwise hold every worker and stall the next page.
IDLE_SECONDS = 5.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
}


@dataclass
class SiteState:
    """What the server shows; replaced whole by each rebuild.

    Most files are made only when first asked for (`lazy`), then kept until the next rebuild.
    When making one fails (a template error that depends on the data), the page's last good
    bytes (`fallback`, kept across rebuilds) are shown, and `on_failure` turns the error into
    the overlay's message.
    """

    files: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None  # the last failed build's message, shown as an overlay
    lazy: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)
    fallback: dict[str, bytes] = field(default_factory=dict)
    on_failure: Callable[[Exception], str] = str
    viewed: deque[str] = field(default_factory=lambda: deque(maxlen=4))  # pages asked for lately
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _making: dict[str, threading.Lock] = field(default_factory=dict)

    def get(self, key: str) -> bytes | None:
        found = self.files.get(key)
        if found is None and key not in self.lazy:
            return None
        if key.endswith(".html") and key not in self.viewed:
            self.viewed.append(key)
        if found is not None:
            return found
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:  # one request makes it; the others for the same file wait for that
            found = self.files.get(key)
            if found is not None:
                return found
            try:
                found = self.lazy[key]()
            except Exception as error:  # a template may fail in any way: keep serving
                message = self.on_failure(error)
                self.error = self.error or message
                return self.fallback.get(key) or failure_page(self.error)
            self.files[key] = self.fallback[key] = found
            return found


def failure_page(message: str) -> bytes:
    """Shown for a page that never rendered: the error, and the live-reload script, which
    shows the overlay and reloads once the error is fixed."""
    from html import escape

    return (f"<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed"
            f"</title><script src=\"/static/livereload.js\"></script><h1>Build failed</h1>"
            f"<pre>{escape(message)}</pre></html>\n").encode()


class Broadcaster:
    """Fans events out to the live-reload listeners."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[queue.Queue[tuple[str, str] | None]] = []

    def subscribe(self) -> queue.Queue[tuple[str, str] | None] | None:
        with self._lock:
            if len(self._listeners) >= MAX_LISTENERS:
                return None
            listener: queue.Queue[tuple[str, str] | None] = queue.Queue()
            self._listeners.append(listener)
            return listener

    def unsubscribe(self, listener: queue.Queue[tuple[str, str] | None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def send(self, event: str, data: str = "") -> None:
        with self._lock:
            for listener in self._listeners:
                listener.put((event, data))

    def close(self) -> None:
        with self._lock:
            for listener in self._listeners:
                listener.put(None)

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._listeners)


def resolve(path: str) -> str | None:
    """A request path -> the site key it names, or None when it cannot name a site file."""
    raw = urlsplit(path).path
    if len(raw) > 2048:
        return None
    decoded = unquote(raw, errors="strict") if "%" in raw else raw
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        return None
    key = "/".join(parts)
    if decoded.endswith("/") or not key:
        key = f"{key}/index.html" if key else "index.html"
    return key


class _Handler(http.server.BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"
    server_version = "jobjournal"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass  # the terminal shows rebuilds, not every request

    def _refuse(self) -> None:
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS_PATH:
            self._events()
        else:
            self._serve(body=True)

    def _serve(self, body: bool) -> None:
        try:
            key = resolve(self.path)
        except UnicodeDecodeError:
            key = None
        state = self.server.state
        content = state.get(key) if key else None
        if content is None and key and not key.endswith(".html"):
            content = state.get(f"{key}/index.html")  # /applications -> its index
        if content is None:
            self._send(404, b"Not found\n", "text/plain; charset=utf-8", body)
            return
        suffix = key[key.rfind("."):] if key and "." in key else ""
        self._send(200, content, CONTENT_TYPES.get(suffix, "application/octet-stream"), body)

    def _send(self, status: int, content: bytes, content_type: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(content)

    def _events(self) -> None:
        listener = self.server.broadcaster.subscribe()
        if listener is None:
            self._send(503, b"Too many live-reload listeners\n", "text/plain; charset=utf-8",
                       True)
            return
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            self.wfile.write(b"retry: 500\n\n")
            if self.server.state.error:
                self._write_event("error", self.server.state.error)
            self.wfile.flush()
            while True:
                try:
                    item = listener.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                if item is None:
                    return
                self._write_event(*item)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            return
        finally:
            self.server.broadcaster.unsubscribe(listener)

    def _write_event(self, event: str, data: str) -> None:
        lines = "".join(f"data: {line}\n" for line in (data.splitlines() or [""]))
        self.wfile.write(f"event: {event}\n{lines}\n".encode())


class DevServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """An HTTP server whose requests run on a bounded thread pool."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # a page's burst of requests queues instead of being refused

    def __init__(self, address: tuple[str, int], state: SiteState) -> None:
        import socket

        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.state = state
        self.broadcaster = Broadcaster()
        self._pool = ThreadPoolExecutor(max_workers=MAX_WORKERS,
                                        thread_name_prefix="jobjournal-http")
        super().__init__(address, _Handler)

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        request.settimeout(IDLE_SECONDS)
        self._pool.submit(self.process_request_thread, request, client_address)

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # the browser went away (a reload, a closed tab): nothing to report
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        self.broadcaster.close()
        super().server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)
