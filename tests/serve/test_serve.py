"""`jobjournal serve` against a real server on a free loopback port, with real file edits.

Edits mimic how editors save: vim writes a new file and renames it over the old one, VS Code
truncates and writes in place. Each save must give one rebuild and one reload event.
"""

from __future__ import annotations

import http.client
import os
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from serve_helpers import Events

from jobjournal.serve.http import resolve
from jobjournal.serve.rebuild import Debouncer, is_relevant, serve

APPLICATION = """---
company: {company}
role: Data Analyst
applied: 2026-11-20
---

Notes about {company}.
"""


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "northwind.md").write_text(APPLICATION.format(company="Northwind"),
                                          encoding="utf-8")
    (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    ready = threading.Event()
    holder: dict = {}
    lines: list[str] = []

    def on_ready(server) -> None:  # type: ignore[no-untyped-def]
        holder["server"] = server
        ready.set()

    thread = threading.Thread(target=serve, kwargs=dict(
        root=journal, port=0, today=date(2026, 11, 25), echo=lines.append, ready=on_ready),
        daemon=True)
    thread.start()
    assert ready.wait(20), "the server did not start"
    server = holder["server"]
    time.sleep(0.3)  # let watchdog settle before the test edits files
    yield journal, server.server_address[1], lines
    server.shutdown()
    thread.join(timeout=5)
    assert not thread.is_alive()


def get(port: int, path: str, method: str = "GET") -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, body, headers


def test_vim_style_save_rebuilds_once_and_the_page_changes(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, _lines = served
    status, body, _ = get(port, "/")
    assert status == 200 and b"Northwind" in body and b"livereload.js" in body
    events = Events(port)
    time.sleep(0.1)
    target = journal / "northwind.md"
    # vim: probe file 4913, backup by rename, write the new file, delete the backup.
    (journal / "4913").write_text("")
    (journal / "4913").unlink()
    os.rename(target, journal / "northwind.md~")
    target.write_text(APPLICATION.format(company="Southwind"), encoding="utf-8")
    (journal / "northwind.md~").unlink()
    assert events.wait_for("reload", 1, timeout=2.0)
    time.sleep(0.6)  # a second rebuild for the same save would have arrived by now
    assert events.count("reload") == 1
    assert b"Southwind" in get(port, "/")[1]
    events.close()


def test_vscode_style_save_truncate_and_write(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, _lines = served
    events = Events(port)
    time.sleep(0.1)
    with open(journal / "northwind.md", "r+", encoding="utf-8") as stream:
        stream.truncate(0)
        stream.write(APPLICATION.format(company="Eastwind"))
    assert events.wait_for("reload", 1, timeout=2.0)
    time.sleep(0.6)
    assert events.count("reload") == 1
    assert b"Eastwind" in get(port, "/")[1]
    events.close()


def test_jetbrains_safe_write_and_delete_and_create_rebuild_once(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, _lines = served
    events = Events(port)
    time.sleep(0.1)
    target = journal / "northwind.md"
    # JetBrains "safe write": write a temporary file, move the original aside, move the
    # temporary file into place, delete the original.
    temporary, old = journal / "northwind.md___jb_tmp___", journal / "northwind.md___jb_old___"
    temporary.write_text(APPLICATION.format(company="Westwind"), encoding="utf-8")
    os.rename(target, old)
    os.rename(temporary, target)
    old.unlink()
    assert events.wait_for("reload", 1, timeout=2.0)
    time.sleep(0.6)
    assert events.count("reload") == 1
    assert b"Westwind" in get(port, "/")[1]
    # Delete and create again (some editors, and many scripts).
    target.unlink()
    target.write_text(APPLICATION.format(company="Northwest"), encoding="utf-8")
    assert events.wait_for("reload", 2, timeout=2.0)
    time.sleep(0.6)
    assert events.count("reload") == 2
    assert b"Northwest" in get(port, "/")[1]
    events.close()


def test_scratch_files_and_output_do_not_trigger_rebuilds(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, _lines = served
    events = Events(port)
    time.sleep(0.1)
    for name in (".northwind.md.swp", "northwind.md~", "4913", "a.md___jb_tmp___", ".#a.md"):
        (journal / name).write_text("x")
    (journal / "_site").mkdir(exist_ok=True)
    (journal / "_site" / "index.html").write_text("x")
    time.sleep(0.8)
    assert events.count("reload") == 0
    events.close()


def test_broken_config_keeps_last_good_site_and_fixing_clears_it(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, lines = served
    events = Events(port)
    time.sleep(0.1)
    (journal / "jobjournal.toml").write_text('timezone = "Europe/Lundun"\n', encoding="utf-8")
    assert events.wait_for("error", 1)
    message = next(data for event, data in events.items if event == "error")
    assert "jobjournal.toml:1" in message and "Lundun" in message
    status, body, _ = get(port, "/")
    assert status == 200 and b"Northwind" in body  # the last good site
    assert any("build failed" in line for line in lines)
    (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    assert events.wait_for("reload", 1)
    events.close()
    late = Events(port)  # a page loaded after the fix gets no error
    time.sleep(0.3)
    assert late.count("error") == 0
    late.close()


def test_rebuild_prints_findings_that_appear_and_go(served) -> None:  # type: ignore[no-untyped-def]
    journal, port, lines = served
    events = Events(port)
    time.sleep(0.1)
    (journal / "bad.md").write_text("---\ncompany: X\n---\n", encoding="utf-8")
    assert events.wait_for("reload", 1)
    assert any(line.startswith("  + bad.md: JJ004") for line in lines)
    (journal / "bad.md").unlink()
    assert events.wait_for("reload", 2)
    assert any(line.startswith("  - bad.md: JJ004") for line in lines)
    events.close()


def test_feed_content_type_and_methods(served) -> None:  # type: ignore[no-untyped-def]
    _journal, port, _lines = served
    status, body, headers = get(port, "/followups.ics")
    assert status == 200 and body.startswith(b"BEGIN:VCALENDAR")
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    status, body, headers = get(port, "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    for method in ("POST", "PUT", "DELETE"):
        status, _body, headers = get(port, "/", method=method)
        assert status == 405 and headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/applications/..%2f..%2fjobjournal.toml",
    "/northwind.md", "/jobjournal.toml", "/%00", "/..%5c..%5cetc%5cpasswd", "/" + "a" * 5000,
])
def test_nothing_outside_the_site_is_served(served, path: str) -> None:  # type: ignore[no-untyped-def]
    _journal, port, _lines = served
    status, body, _ = get(port, path)
    assert status in (404, 414)
    assert b"root:" not in body and b"company:" not in body


def test_resolve_maps_folders_to_index() -> None:
    assert resolve("/") == "index.html"
    assert resolve("/applications/a.html?x=1") == "applications/a.html"
    assert resolve("/docs/") == "docs/index.html"
    assert resolve("/a/../b") is None


def test_relevance_filter(tmp_path: Path) -> None:
    root, output = tmp_path, tmp_path / "_site"
    assert is_relevant(root / "a.md", root, output, None)
    assert is_relevant(root / "2026" / "a.md", root, output, None)
    assert is_relevant(root / "templates" / "base.html", root, output, None)
    assert is_relevant(root / "jobjournal.toml", root, output, None)
    for name in ("a.md~", ".a.md.swp", "4913", "a.md___jb_tmp___", ".#a.md", "notes.txt"):
        assert not is_relevant(root / name, root, output, None), name
    assert not is_relevant(output / "index.html", root, output, None)
    assert not is_relevant(root / "_drafts" / "a.md", root, output, None)


def test_debouncer_collapses_bursts_but_does_not_starve() -> None:
    calls: list[float] = []
    debouncer = Debouncer(lambda *_: calls.append(time.monotonic()), quiet=0.1,
                          longest=0.4)
    worker = threading.Thread(target=debouncer.run, daemon=True)
    worker.start()
    for _ in range(5):  # one burst
        debouncer.poke("a.md")
        time.sleep(0.01)
    time.sleep(0.3)
    assert len(calls) == 1
    started = time.monotonic()
    while time.monotonic() - started < 1.0:  # continuous saves every 50 ms
        debouncer.poke("b.md")
        time.sleep(0.05)
    debouncer.stop()
    worker.join(timeout=2)
    assert len(calls) >= 3  # rebuilt during the stream, not only after it
