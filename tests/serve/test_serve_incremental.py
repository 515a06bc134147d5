"""`serve`'s incremental paths: re-reading only the files the events named, verifying when idle,
pages made on request that may fail (and fall back), dashboard fragments kept between renders,
and the debouncer's short wait for completed saves.

Everything runs on real files under tmp_path; servers listen on a free loopback port.
"""

from __future__ import annotations

import http.client
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import Events

from jobjournal.cache import memo as memo_module
from jobjournal.check.checker import run_checks
from jobjournal.core import workers
from jobjournal.core.dates import noon
from jobjournal.load.loader import FileCache, load_journal
from jobjournal.render import site as site_module
from jobjournal.render.site import PageCache, lazy_site, render_site
from jobjournal.serve.http import DevServer, SiteState
from jobjournal.serve.rebuild import Debouncer, Rebuilder, serve

TODAY = date(2026, 11, 25)
EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
CONFIG = 'timezone = "Europe/London"\n'

APPLICATION = """---
company: {company}
role: Data Analyst
applied: 2026-11-20
---

{notes}
"""

# A journal's own application page: the default one, but failing at render time (only when
# the data says so) for the company "Boom".
FAILING_TEMPLATE = """{% extends "default/application.html" %}
{% block title %}{% if view.application.company == "Boom" %}{{ 1 // 0 }}{% endif %}
{{- super() }}{% endblock %}
"""
FIXED_TEMPLATE = """{% extends "default/application.html" %}
{% block title %}Fixed-template {{ super() }}{% endblock %}
"""

# An application with a reminder (overdue on TODAY) and a contact: its page's views fill the
# memos (the follow-up's view, the findings', the draft link's).
CHUNKED_APPLICATION = """---
company: Company {number}
role: Data Analyst
applied: 2026-11-02
contacts:
  - name: Person {number}
    email: person{number}@company{number}.example
followups:
  - due: 2026-11-20
    what: Ring Person {number} back
---

Notes {number}.
"""


def write_application(root: Path, name: str, company: str, notes: str) -> None:
    (root / name).write_text(APPLICATION.format(company=company, notes=notes), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page(server: DevServer, key: str) -> bytes:
    found = server.state.get(key)
    assert found is not None, f"{key} is not served"
    return found


@pytest.fixture
def make_rebuilder() -> Iterator[Callable[[Path], Rebuilder]]:
    """Rebuilders on their own DevServer (never serving), closed at the end."""
    servers: list[DevServer] = []

    def make(root: Path) -> Rebuilder:
        server = DevServer(("127.0.0.1", 0), SiteState())
        servers.append(server)
        return Rebuilder(root, TODAY, server, echo=lambda _line: None)

    yield make
    for server in servers:
        server.server_close()


# -- 1. only the files the events named are read again ----------------------------------------

def test_rebuild_rereads_only_named_files_and_verify_catches_the_rest(
        tmp_path: Path, make_rebuilder: Callable[[Path], Rebuilder]) -> None:
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    write_application(root, "a.md", "Alpha", "Alpha notes first.")
    write_application(root, "b.md", "Bravo", "Bravo notes first.")
    rebuilder = make_rebuilder(root)
    server = rebuilder.server
    assert rebuilder.rebuild("start")
    assert b"Alpha notes first." in page(server, "applications/a.html")
    assert b"Bravo notes first." in page(server, "applications/b.html")

    rebuilder.verify()  # nothing changed on disk: nothing to rebuild
    assert rebuilder.builds == 1

    write_application(root, "a.md", "Alpha", "Alpha notes, second version.")
    assert rebuilder.rebuild("a.md", frozenset({"a.md"}))
    assert b"Alpha notes, second version." in page(server, "applications/a.html")
    assert b"Alpha notes first." not in page(server, "applications/a.html")

    # B changes without an event naming it: the fast path trusts it, so its page stays old.
    write_application(root, "b.md", "Bravo", "Bravo notes, edited quietly.")
    write_application(root, "a.md", "Alpha", "Alpha notes, third version here.")
    assert rebuilder.rebuild("a.md", frozenset({"a.md"}))
    assert b"Alpha notes, third version here." in page(server, "applications/a.html")
    assert b"Bravo notes first." in page(server, "applications/b.html")
    assert b"Bravo notes, edited quietly." not in page(server, "applications/b.html")

    # verify() looks at every file, sees B differs and rebuilds.
    builds = rebuilder.builds
    rebuilder.verify()
    assert rebuilder.builds == builds + 1
    assert b"Bravo notes, edited quietly." in page(server, "applications/b.html")
    assert b"Alpha notes, third version here." in page(server, "applications/a.html")
    rebuilder.verify()  # and once in step, no further rebuild
    assert rebuilder.builds == builds + 1

    # A new file the events did not name is not found by the fast path (no walk) ...
    write_application(root, "c.md", "Charlie", "Charlie notes.")
    write_application(root, "a.md", "Alpha", "Alpha notes, fourth.")
    assert rebuilder.rebuild("a.md", frozenset({"a.md"}))
    assert server.state.get("applications/c.html") is None
    assert b"Charlie" not in page(server, "index.html")
    # ... and one named in the events, not tracked yet, makes a full load: it appears.
    assert rebuilder.rebuild("c.md", frozenset({"c.md"}))
    assert b"Charlie notes." in page(server, "applications/c.html")
    assert b"Charlie" in page(server, "index.html")

    # A deleted file named in the events disappears.
    (root / "b.md").unlink()
    assert rebuilder.rebuild("b.md", frozenset({"b.md"}))
    assert server.state.get("applications/b.html") is None
    assert b"Bravo" not in page(server, "index.html")
    assert b"Alpha notes, fourth." in page(server, "applications/a.html")
    assert {a.file for a in rebuilder.journal.applications} == {"a.md", "c.md"}  # type: ignore[union-attr]


# -- 2. the fast path serves what a full load would -------------------------------------------

def test_fast_path_edits_serve_the_same_bytes_as_a_fresh_full_build(
        tmp_path: Path, make_rebuilder: Callable[[Path], Rebuilder]) -> None:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root)
    rebuilder = make_rebuilder(root)
    server = rebuilder.server
    assert rebuilder.rebuild("start")
    looked_at = ["index.html", "people.html", "applications/roundhay-games.html",
                 "applications/temple-energy-pricing-analyst.html"]
    for key in looked_at:  # pages and fragments kept from the first generation
        page(server, key)

    temple = "temple-energy-pricing-analyst.md"
    holbeck = "closed/holbeck-logistics-bi-analyst.md"
    edits = [
        (temple, "Went OK, 6/10.", "Went rather well, 8/10."),
        ("roundhay-games.md", "company: Roundhay Games", "company: Roundhay Studios"),
        ("roundhay-games.md", "due: 2026-12-01", "due: 2026-11-20"),  # now overdue
        (holbeck, "role: BI Analyst", "role: Senior BI Analyst"),
        (temple, "Be ready to talk about hedging", "Read up on hedging first"),
    ]
    for name, old, new in edits:
        replace_in(root / name, old, new)
        assert rebuilder.rebuild(name, frozenset({name}))
        for key in looked_at:
            page(server, key)
    index = page(server, "index.html")
    assert b">Roundhay Studios</a>" in index and b">Roundhay Games</a>" not in index
    assert b"Went rather well, 8/10." in page(
        server, "applications/temple-energy-pricing-analyst.html")
    assert b"Senior BI Analyst" in page(
        server, "applications/closed/holbeck-logistics-bi-analyst.html")

    fresh = make_rebuilder(root)
    assert fresh.rebuild("start")
    keys = list(fresh.server.state.lazy)
    assert "index.html" in keys and "applications/roundhay-games.html" in keys
    assert set(keys) == set(server.state.lazy)
    for key in keys:
        assert page(server, key) == page(fresh.server, key), key
    assert server.state.files == fresh.server.state.files  # the static files


# -- 3. a page whose template fails for some data ---------------------------------------------


    def close(self) -> None:
        self.sock.close()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


@pytest.fixture
def failing_journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    (root / "templates").mkdir(parents=True)
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    (root / "templates" / "application.html").write_text(FAILING_TEMPLATE, encoding="utf-8")
    write_application(root, "calm.md", "Calm Waters", "Calm notes.")
    return root


@pytest.fixture
def start_server() -> Iterator[Callable[[Path], int]]:
    """`serve` on a free port in a thread; returns the port. Stopped at the end."""
    started: list[tuple[DevServer, threading.Thread]] = []

    def start(root: Path) -> int:
        ready = threading.Event()
        holder: dict[str, DevServer] = {}

        def on_ready(server: DevServer) -> None:
            holder["server"] = server
            ready.set()

        thread = threading.Thread(target=serve, kwargs=dict(
            root=root, port=0, today=TODAY, echo=lambda _line: None, ready=on_ready),
            daemon=True)
        thread.start()
        assert ready.wait(20), "the server did not start"
        started.append((holder["server"], thread))
        time.sleep(0.3)  # let watchdog settle before the test edits files
        return holder["server"].server_address[1]

    yield start
    for server, thread in started:
        server.shutdown()
        thread.join(timeout=5)
        assert not thread.is_alive()


def test_failing_page_shows_failure_then_renders_once_the_template_is_fixed(
        failing_journal: Path, start_server: Callable[[Path], int]) -> None:
    root = failing_journal
    write_application(root, "boom.md", "Boom", "Boom notes.")
    port = start_server(root)
    events = Events(port)
    time.sleep(0.1)

    status, body = get(port, "/applications/boom.html")
    assert status == 200
    # It never rendered, so there are no last good bytes: the failure page, which carries
    # the live-reload script (to show the overlay and reload once fixed).
    assert b"Build failed" in body and b"ZeroDivisionError" in body
    assert b"/static/livereload.js" in body and b"Boom notes." not in body
    assert events.wait_for("error")
    message = events.data("error")[0]
    assert "ZeroDivisionError" in message and "boom.html" in message

    # The other pages still work.
    status, body = get(port, "/applications/calm.html")
    assert status == 200 and b"Calm notes." in body and b"Build failed" not in body
    status, body = get(port, "/")
    assert status == 200 and b"Boom" in body and b"Calm Waters" in body
    assert b"Build failed" not in body
    early = Events(port)  # a page opened now is told of the error at once
    assert early.wait_for("error")
    early.close()

    (root / "templates" / "application.html").write_text(FIXED_TEMPLATE, encoding="utf-8")
    assert events.wait_for("reload")
    status, body = get(port, "/applications/boom.html")
    assert status == 200 and b"Build failed" not in body
    assert b"Fixed-template" in body and b"Boom notes." in body
    events.close()
    late = Events(port)  # a page loaded after the fix gets no error
    time.sleep(0.3)
    assert late.count("error") == 0
    late.close()


def test_failing_page_error_names_the_template_file(
        failing_journal: Path, start_server: Callable[[Path], int]) -> None:
    """docs/themes.md: a template error names the template and line. For an error raised
    while rendering (not compiling) the journal's own template, the overlay's message
    should say which file it was in."""
    root = failing_journal
    write_application(root, "boom.md", "Boom", "Boom notes.")
    port = start_server(root)
    events = Events(port)
    time.sleep(0.1)
    assert get(port, "/applications/boom.html")[0] == 200
    assert events.wait_for("error")
    message = events.data("error")[0]
    events.close()
    assert "templates/application.html" in message, message


def test_page_that_starts_failing_keeps_its_last_good_bytes(
        failing_journal: Path, start_server: Callable[[Path], int]) -> None:
    root = failing_journal
    write_application(root, "later.md", "Quiet Co", "Later notes.")
    port = start_server(root)
    status, good = get(port, "/applications/later.html")
    assert status == 200 and b"Quiet Co" in good and b"Build failed" not in good
    events = Events(port)
    time.sleep(0.1)

    write_application(root, "later.md", "Boom", "Later notes, now failing.")
    assert events.wait_for("reload")
    status, body = get(port, "/applications/later.html")
    assert status == 200
    assert body == good  # the previous good bytes, not the failure page
    assert events.wait_for("error")
    assert "ZeroDivisionError" in events.data("error")[0]
    # The rebuild did take the new data: the dashboard shows it.
    status, index = get(port, "/")
    assert status == 200 and b"Boom" in index and b"Quiet Co" not in index
    events.close()


# -- 4. dashboard fragments kept between renders ----------------------------------------------

def test_cached_fragments_give_the_same_index_as_an_uncached_render(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root)
    files: FileCache = {}
    pages = PageCache()

    journal = load_journal(root, cache=files)
    now = noon(TODAY, journal.config.zone)
    report = run_checks(journal, now)
    _static, makers = lazy_site(report, {}, pages)
    first = makers["index.html"]()
    first_report = report
    assert b">Roundhay Games</a>" in first

    replace_in(root / "roundhay-games.md", "company: Roundhay Games",
               "company: Roundhay Studios")
    replace_in(root / "roundhay-games.md", "due: 2026-12-01", "due: 2026-11-20")
    journal = load_journal(root, cache=files)
    report = run_checks(journal, now)
    _static, makers = lazy_site(report, {}, pages)
    fragments = pages.fragments
    assert len(fragments.kept) > 0  # the first render's rows and items
    second = makers["index.html"]()
    assert b">Roundhay Studios</a>" in second and b">Roundhay Games</a>" not in second
    assert second != first

    # Reused: the very same rendered string as the first generation's, for unchanged rows.
    reused = [key for key, (_args, text) in fragments.fresh.items()
              if key in fragments.kept and fragments.kept[key][1] is text]
    assert len(reused) > 0
    redone = [text for key, (_args, text) in fragments.fresh.items()
              if key not in reused and "Roundhay Studios" in text]
    assert redone, "the edited row was not rendered again"
    assert not any("Roundhay Studios" in fragments.kept[key][1] for key in reused)

    # Last, as making the whole site at once (render_site) empties the memos serve keeps.
    assert first == render_site(first_report, live_reload=True)["index.html"]
    assert second == render_site(report, live_reload=True)["index.html"]


def test_the_whole_site_lets_go_of_the_memos_serve_keeps(tmp_path: Path) -> None:
    """serve's pages on demand keep the views' memos for the next rebuild; a build, which
    makes the whole site once, empties them (tens of MiB for a journal of thousands)."""
    from jobjournal.render.views import _followup_view

    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root)
    journal = load_journal(root, cache={})
    report = run_checks(journal, noon(TODAY, journal.config.zone))
    _static, makers = lazy_site(report, {}, PageCache())
    makers["index.html"]()
    assert len(_followup_view) > 0
    render_site(report)
    assert len(_followup_view) == 0


def memos_size() -> int:
    """What every memo of the views holds (those `forget_all` empties), in entries."""
    return sum(len(memo) for memo in list(memo_module._ALL))


@pytest.mark.parametrize("forked", [False, True], ids=["one process", "forked worker"])
def test_a_build_lets_go_of_the_memos_after_each_chunk_of_application_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool) -> None:
    """A build holds the memos' views of one chunk of application pages at a time, not of
    every page: render_site empties them after the lookups, after the shared files and after
    each chunk (`_SiteRenderer.applications`), in each process. The test above only sees
    them empty once the build is over, which holds as well when they are emptied only then,
    after growing with the whole journal (the memory this is for: tens of MiB at thousands of
    applications). So every chunk, in the parent and in the forked worker, must start with
    the memos empty, and its pages must fill them (else the journal proves nothing)."""
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    count = 40  # 3 chunks of 16 in one process; 8 of 5 shared with the worker
    for number in range(count):
        (root / f"app-{number:02d}.md").write_text(CHUNKED_APPLICATION.format(
            number=number), encoding="utf-8")
    journal = load_journal(root, cache={})
    report = run_checks(journal, noon(TODAY, journal.config.zone))
    assert len(report.journal.applications) == count

    # What each process saw, appended to a file (a forked worker's memory is its own).
    seen = tmp_path / "seen"

    def record(kind: str) -> None:
        with open(seen, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {kind} {memos_size()}\n")

    chunk = site_module._SiteRenderer.applications
    view = site_module.application_view

    def observed_chunk(self: site_module._SiteRenderer, start: int, stop: int
                       ) -> dict[str, bytes | None]:
        record("chunk")
        return chunk(self, start, stop)

    def observed_view(*args: Any, **kwargs: Any) -> Any:
        made = view(*args, **kwargs)
        record("page")
        return made

    monkeypatch.setattr(site_module._SiteRenderer, "applications", observed_chunk)
    monkeypatch.setattr(site_module, "application_view", observed_view)
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: forked)

    def sink(path: str, made: bytes | Iterable[bytes]) -> int:
        return len(made) if isinstance(made, bytes) else sum(len(piece) for piece in made)

    done = render_site(report, sink=sink)
    assert sum(path.startswith("applications/") for path in done) == count
    assert memos_size() == 0

    chunks: dict[str, list[list[int]]] = {}  # process -> its chunks -> memo sizes
    for line in seen.read_text(encoding="utf-8").splitlines():
        pid, kind, size = line.split()
        if kind == "chunk":
            chunks.setdefault(pid, []).append([int(size)])
        else:
            chunks[pid][-1].append(int(size))
    assert len(chunks) == (2 if forked else 1), "the worker did not take part"
    assert sum(len(sizes) - 1 for mine in chunks.values() for sizes in mine) == count
    assert max(len(mine) for mine in chunks.values()) >= 2, "one chunk per process"
    for pid, mine in chunks.items():
        for number, (at_start, *pages) in enumerate(mine):
            assert max(pages) > 0, f"chunk {number} of {pid}: its pages fill no memo"
            assert at_start == 0, (f"chunk {number} of process {pid} began with {at_start} "
                                   f"memo entries of the pages before it (sizes: {mine})")


# -- 5. the debouncer: a completed save needs no quiet period ---------------------------------

def recorder() -> tuple[list[tuple[float, str, frozenset[str]]], threading.Event,
                        Callable[[str, frozenset[str]], None]]:
    """A debouncer action that records (when, reasons, names) and sets an event."""
    calls: list[tuple[float, str, frozenset[str]]] = []
    arrived = threading.Event()

    def action(reasons: str, names: frozenset[str]) -> None:
        calls.append((time.monotonic(), reasons, names))
        arrived.set()

    return calls, arrived, action


def test_debouncer_runs_a_completed_save_at_once_and_waits_for_an_incomplete_one() -> None:
    calls, arrived, action = recorder()
    debouncer = Debouncer(action, quiet=2.0, longest=5.0, settle=0.0)
    worker = threading.Thread(target=debouncer.run, daemon=True)
    worker.start()
    try:
        started = time.monotonic()
        debouncer.poke("a.md", complete=True)
        assert arrived.wait(1.0), "a completed save did not run within 1 s"
        assert calls[0][0] - started < 1.0
        assert calls[0][1] == "a.md" and calls[0][2] == frozenset({"a.md"})

        # A new burst starts incomplete again: the full quiet period applies.
        arrived.clear()
        started = time.monotonic()
        debouncer.poke("a.md")
        assert not arrived.wait(1.0), "an incomplete save ran before its quiet period"
        assert arrived.wait(2.0), "an incomplete save never ran"
        assert 1.9 <= calls[1][0] - started <= 4.0
        assert calls[1][2] == frozenset({"a.md"})
        assert len(calls) == 2
    finally:
        debouncer.stop()
        worker.join(timeout=2)
    assert not worker.is_alive()


def test_debouncer_keeps_the_short_wait_once_a_burst_is_complete() -> None:
    calls, arrived, action = recorder()
    # The burst is in before the worker starts, so its order is certain: complete, then not.
    debouncer = Debouncer(action, quiet=2.0, longest=5.0, settle=0.0)
    debouncer.poke("a.md", complete=True)
    debouncer.poke("b.md")
    started = time.monotonic()
    worker = threading.Thread(target=debouncer.run, daemon=True)
    worker.start()
    try:
        assert arrived.wait(1.0), "an incomplete event after a complete one restarted the wait"
        assert calls[0][0] - started < 1.0
        assert calls[0][1] == "a.md, b.md"
        assert calls[0][2] == frozenset({"a.md", "b.md"})
    finally:
        debouncer.stop()
        worker.join(timeout=2)

    # The same with the worker waiting: a complete save, then its editor's cleanup 100 ms later.
    calls.clear()
    arrived.clear()
    debouncer = Debouncer(action, quiet=2.0, longest=5.0, settle=0.4)
    worker = threading.Thread(target=debouncer.run, daemon=True)
    worker.start()
    try:
        started = time.monotonic()
        debouncer.poke("a.md", complete=True)
        time.sleep(0.1)
        debouncer.poke("a.md~gone")
        assert arrived.wait(1.5)
        assert calls[0][0] - started < 1.0
        assert calls[0][2] == frozenset({"a.md", "a.md~gone"})
        time.sleep(0.3)
        assert len(calls) == 1  # one call for the burst
    finally:
        debouncer.stop()
        worker.join(timeout=2)


def test_clock_rebuild_is_silent_unless_something_changed_and_warms_viewed_pages(
        tmp_path: Path) -> None:
    """Without --today, `now` is the current minute: when it moves on, `tick` rebuilds; the
    browser is reloaded only if findings or follow-ups changed, and the pages looked at
    lately are made ahead of time."""
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    write_application(root, "a.md", "Acme", "Notes.")
    server = DevServer(("127.0.0.1", 0), SiteState())
    lines: list[str] = []
    rebuilder = Rebuilder(root, None, server, echo=lines.append)
    listener = server.broadcaster.subscribe()
    assert listener is not None
    try:
        assert rebuilder.rebuild("start")
        assert listener.get(timeout=1) == ("reload", "start")
        page(server, "applications/a.html")  # looked at: made ahead after the next tick
        builds, printed = rebuilder.builds, len(lines)
        rebuilder.now = rebuilder.now.replace(year=2001)  # as if the minute had moved on
        rebuilder.tick()
        assert rebuilder.builds == builds + 1  # rebuilt for the clock
        assert listener.empty() and len(lines) == printed  # but nothing changed: silent
        assert "applications/a.html" in server.state.files  # made before anyone asked
        assert "index.html" not in server.state.files  # never looked at: not made
        rebuilder.tick()  # the same minute: nothing to do
        assert rebuilder.builds == builds + 1
        rebuilder.seen = None  # as if the last shown findings differed
        rebuilder.now = rebuilder.now.replace(year=2001)
        rebuilder.tick()
        assert listener.get(timeout=1)[0] == "reload"
        assert len(lines) > printed
    finally:
        server.server_close()


def test_a_broken_configuration_stays_broken_until_fixed(
        tmp_path: Path, make_rebuilder: Callable[[Path], Rebuilder]) -> None:
    """A save of an application after jobjournal.toml broke must not bring the old
    configuration back through the fast path: the error stays until the file is fixed."""
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    write_application(root, "a.md", "Acme", "First.")
    rebuilder = make_rebuilder(root)
    assert rebuilder.rebuild("start")
    (root / "jobjournal.toml").write_text('timezone = "Europe/Lundun"\n', encoding="utf-8")
    assert not rebuilder.rebuild("jobjournal.toml", frozenset({"jobjournal.toml"}))
    write_application(root, "a.md", "Acme", "Second.")
    assert not rebuilder.rebuild("a.md", frozenset({"a.md"}))
    assert "Lundun" in (rebuilder.server.state.error or "")
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    assert rebuilder.rebuild("jobjournal.toml", frozenset({"jobjournal.toml"}))
    assert rebuilder.server.state.error is None
    assert b"Second." in page(rebuilder.server, "applications/a.html")


def test_a_rename_onto_another_file_is_seen_at_once(tmp_path: Path) -> None:
    """`mv a.md b.md` names both files: a's page goes and b shows a's content, without
    waiting for the idle look at every file."""
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    write_application(root, "a.md", "Acme", "Apples.")
    write_application(root, "b.md", "Bravo", "Bananas.")
    ready = threading.Event()
    holder: dict[str, DevServer] = {}

    def on_ready(server: DevServer) -> None:
        holder["server"] = server
        ready.set()

    thread = threading.Thread(target=serve, kwargs=dict(
        root=root, port=0, today=TODAY, echo=lambda _line: None, ready=on_ready), daemon=True)
    thread.start()
    assert ready.wait(20)
    server = holder["server"]
    try:
        time.sleep(0.3)
        events = Events(server.server_address[1])
        time.sleep(0.1)
        (root / "a.md").rename(root / "b.md")
        assert events.wait_for("reload", 1, timeout=3.0)
        deadline = time.monotonic() + 3
        while server.state.get("applications/a.html") is not None and \
                time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.state.get("applications/a.html") is None
        assert b"Apples." in page(server, "applications/b.html")
        events.close()
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_fragments_tell_apart_macros_of_the_same_name(tmp_path: Path) -> None:
    """`cached(row, ...)` and `cached(m.row, ...)` are different macros with one name."""
    from jinja2 import DictLoader, Environment

    from jobjournal.render.site import Fragments

    fragments = Fragments()
    env = Environment(loader=DictLoader({
        "m.html": "{% macro row(x) %}imported {{ x }}{% endmacro %}",
        "page.html": '{% import "m.html" as m %}{% macro row(x) %}local {{ x }}{% endmacro %}'
                     "{{ cached(m.row, 'a') }} / {{ cached(row, 'a') }}"}))
    env.globals["cached"] = fragments
    for _ in range(2):  # the second render takes both from the fragments
        assert env.get_template("page.html").render() == "imported a / local a"
