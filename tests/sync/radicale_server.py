"""A real CalDAV server for the sync tests: Radicale on a free loopback port.

Storage and the password file live in a temporary folder; the server runs as a subprocess so
a test can stop it (the server going away mid-sync) and start it again on the same port and
storage.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

USER = "anna"
PASSWORD = "correct horse battery 42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Radicale:
    """One Radicale server: `start()`, `stop()`, `url`."""

    def __init__(self, folder: Path, tls: tuple[Path, Path, Path] | None = None) -> None:
        """`tls`: the certificate chain, its key and the CA that signed it, for https."""
        self.folder = folder
        self.port = free_port()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}/"
        self.verify: str | bool = str(tls[2]) if tls else True
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
        (folder / "config").write_text(f"""\
[server]
hosts = 127.0.0.1:{self.port}
{f"ssl = True{chr(10)}certificate = {tls[0]}{chr(10)}key = {tls[1]}" if tls else ""}
[auth]
type = htpasswd
htpasswd_filename = {folder / "users"}
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = {folder / "collections"}
[logging]
level = warning
""")

    def start(self) -> None:
        log = open(self.folder / "radicale.log", "ab")  # noqa: SIM115 -- kept by the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.folder / "config")],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Radicale exited: "
                                   + (self.folder / "radicale.log").read_text()[-2000:])
            try:
                if requests.get(self.url, timeout=1, verify=self.verify).status_code < 500:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not answer within 20 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
