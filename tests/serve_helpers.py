"""Shared by the serve tests: a live-reload listener, as the browser's script is one."""

from __future__ import annotations

import socket
import threading
import time


class Events:
    """A Server-Sent Events reader on its own thread, collecting (event, data) pairs."""

    def __init__(self, port: int) -> None:
        self.items: list[tuple[str, str]] = []
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(b"GET /__jobjournal/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        buffer = b""
        event = "message"
        data: list[str] = []
        try:
            while True:
                chunk = self.sock.recv(4096)
                if not chunk:
                    return
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    text = line.decode().rstrip("\r")
                    if text.startswith("event: "):
                        event = text[7:]
                    elif text.startswith("data: "):
                        data.append(text[6:])
                    elif not text and data:  # the blank line ends an event
                        self.items.append((event, "\n".join(data)))
                        event, data = "message", []
        except OSError:
            return

    def wait_for(self, event: str, count: int = 1, timeout: float = 3.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count(event) >= count:
                return True
            time.sleep(0.01)
        return False

    def count(self, event: str) -> int:
        return sum(1 for e, _ in self.items if e == event)

    def data(self, event: str) -> list[str]:
        return [d for e, d in self.items if e == event]

    def close(self) -> None:
        self.sock.close()
