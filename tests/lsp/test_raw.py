"""Raw JSON-RPC the way no client library would send it: errors come back, the server goes on.

pygls only reports a request whose parameters it cannot read; the server also answers it
with an error response, so a client never waits forever.
"""

from __future__ import annotations

import json
import select
import subprocess
import time
from pathlib import Path

from tests.lsp.conftest import ENV, SERVER


class RawServer:
    """The server over raw JSON-RPC frames, for messages no client library would send."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=ENV,
                                        bufsize=0)
        self.root = root

    def send(self, body: bytes | dict) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def receive(self, request_id: int, timeout: float = 10.0) -> dict:
        """The response to `request_id`, skipping notifications and other responses."""
        stream = self.process.stdout
        assert stream is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([stream], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                break
            length = 0
            while (line := stream.readline().strip()):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            if message.get("id") == request_id and "method" not in message:
                return message
        raise AssertionError(f"no response to request {request_id}")

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def test_malformed_requests_get_errors_and_the_server_goes_on(journal: Path) -> None:
    server = RawServer(journal)
    try:
        server.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"capabilities": {}, "rootUri": journal.as_uri(),
                                "processId": None}})
        assert "capabilities" in server.receive(1)["result"]
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        malformed: list[bytes | dict] = [
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
             "params": {"textDocument": 5}},
            {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover",
             "params": {"textDocument": {"uri": "file:///x.md"},
                        "position": {"line": -1, "character": "a"}}},
            {"jsonrpc": "2.0", "id": 4, "method": "textDocument/completion"},
            {"jsonrpc": "2.0", "id": 5, "method": "textDocument/codeAction",
             "params": {"textDocument": {"uri": "untitled:1"}}},
            {"jsonrpc": "2.0", "id": 6, "method": "jobjournal/nonsense", "params": [1]},
        ]
        for message in malformed:
            server.send(message)
            assert "error" in server.receive(message["id"])  # type: ignore[index]
        server.send(b"{this is not json")
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                     "params": {"textDocument": 7}})
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": "file:///never/opened.md",
                                                 "version": 2},
                                "contentChanges": [{"text": "x"}]}})
        file = journal / "kirkgate-analytics-analytics-engineer.md"
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                     "params": {"textDocument": {"uri": file.as_uri(), "languageId": "markdown",
                                                 "version": 1, "text": file.read_text()}}})
        server.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover",
                     "params": {"textDocument": {"uri": file.as_uri()},
                                "position": {"line": 59, "character": 3}}})
        answer = server.receive(7)
        assert answer["result"] is None or "JJ110" in answer["result"]["contents"]["value"]
        server.send({"jsonrpc": "2.0", "id": 8, "method": "shutdown"})
        assert server.receive(8)["result"] is None
    finally:
        server.close()
