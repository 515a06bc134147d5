"""`jobjournal serve`: rebuild on every save and reload the browser, keeping the last good site.

Watchdog reports file events; editors produce several per save (temporary files, renames,
delete-and-create), so relevant events are debounced into one rebuild: 100 ms of quiet, or 5 ms
once an event ends a save (the file closed after writing, or renamed into place), but never
postponed more than half a second, so continuous saves still rebuild. A rebuild re-reads only
changed files (the loader's stat cache), re-checks only changed applications (the checker's
memo) and makes no page until a browser asks for it, so the page being looked at is ready
within milliseconds of the save. A build that fails outright keeps the last good site and
sends the error to every page's overlay, as Zola does.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from jobjournal.core.dates import current_time
from jobjournal.serve.http import DevServer, SiteState

if TYPE_CHECKING:
    from jobjournal.core.model import Journal

DEBOUNCE_SECONDS = 0.1
# A save that is complete (the file closed after writing, or renamed into place) needs no
# 100 ms of quiet: only a few milliseconds for the editor's last steps (deleting a backup).
SETTLE_SECONDS = 0.005
MAX_DELAY_SECONDS = 0.5
# When idle, the clock is looked at this often (overdue items move when their minute comes)
# and every file now and then, in case an event was lost.
TICK_SECONDS = 1.0
VERIFY_SECONDS = 30.0

# Editors' scratch files: vim's swap/backup/4913 probe, JetBrains' safe write, Emacs locks.
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload")
_SCRATCH_MARKERS = ("___jb_tmp___", "___jb_old___", ".#")


def is_relevant(path: Path, root: Path, output: Path, theme: Path | None) -> bool:
    """Whether a change to `path` can change the site."""
    name = path.name
    if name == "4913" or name.endswith(_SCRATCH_SUFFIXES) or any(m in name for m in
                                                                  _SCRATCH_MARKERS):
        return False
    if theme is not None and _is_below(path, theme):
        return True
    if not _is_below(path, root) or _is_below(path, output):
        return False
    relative = PurePosixPath(path.relative_to(root).as_posix())
    if any(part.startswith((".", "_")) for part in relative.parts):
        return False
    if relative.parts and relative.parts[0] == "templates":
        return True
    return name == "jobjournal.toml" or name.endswith(".md")


def _is_below(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


class Rebuilder:
    """Owns the state between rebuilds: the file cache, the check memo, the pages kept, the
    last report and the served site."""

    def __init__(self, root: Path, today: date | None, server: DevServer,
                 echo: Callable[[str], None] = print) -> None:
        from jobjournal.check.checker import CheckMemo
        from jobjournal.load.gitinfo import HistoryCache
        from jobjournal.render.site import PageCache

        self.root = root.resolve()
        self.today = today
        self.server = server
        self.echo = echo
        self.file_cache: dict = {}
        self.memo = CheckMemo()
        self.pages = PageCache()
        self.histories = HistoryCache(self.root)
        self.last_good: dict[str, bytes] = {}  # each page's newest good bytes, for failures
        self.previous: set[tuple[str, str, str, str]] | None = None
        self.now = datetime.min.replace(tzinfo=UTC)
        self.seen: object = None  # the day, findings and follow-ups last shown
        self.verified = time.monotonic()
        # The pages asked for lately, made ahead of time after a rebuild for the clock.
        self.viewed: deque[str] = deque(maxlen=4)
        self.output = self.root / "_site"
        self.theme: Path | None = None
        self.builds = 0
        self.journal: Journal | None = None  # the last one loaded
        self.tracked: set[str] = set()  # its files, as of the last full look

    def rebuild(self, reason: str, changed: frozenset[str] | None = None,
                quiet: bool = False) -> bool:
        """Load what changed, check, and swap in a site whose pages are made on request.
        `changed`: the journal-relative names the file events named, when known. `quiet`
        (the clock moved, nothing was saved): reload the browser and print only if the
        findings or follow-ups changed, and make the recently viewed pages ahead of time."""
        from jobjournal.check.checker import run_checks
        from jobjournal.core.config import ConfigError
        from jobjournal.core.themes import custom_theme_folder
        from jobjournal.render.site import lazy_site

        started = time.perf_counter()
        try:
            journal = self._load(changed)
            zone = journal.config.zone
            # To the minute, as pages show it: saves within a minute reuse unchanged pages.
            now = current_time(zone, self.today, to_minute=True)
            self.now = now
            self.output = (self.root / journal.config.output).resolve()
            self.theme = custom_theme_folder(self.root, journal.config.theme)
            report = run_checks(journal, now, self.memo)
            files, makers = lazy_site(report, self.histories.view(), self.pages)
        except ConfigError as error:
            self.journal = None  # a broken configuration: the next rebuild reads everything
            return self._failed(str(error))
        except Exception as error:  # a template or internal error: keep the last good site
            self.journal = None
            return self._failed(_describe(error))
        state = SiteState(files=files, lazy=makers, fallback=self.last_good,
                          on_failure=self._page_failed, viewed=self.viewed)
        self.server.state = state
        self.builds += 1
        elapsed = (time.perf_counter() - started) * 1000
        seen = (now.date(), {(f.file, f.rule, f.severity, f.message) for f in report.findings},
                {(f.id, f.overdue) for f in report.followups})
        if quiet and seen == self.seen:
            for path in list(self.viewed):  # ready before anyone asks, as if unchanged
                state.get(path)
            return True
        self.seen = seen
        self.server.broadcaster.send("reload", reason)  # first: the browser is waiting
        self._print_changes(seen[1], report, reason, elapsed)
        return True

    def tick(self) -> None:
        """When idle: rebuild once the clock's minute moves on (`now` is to the minute), so
        overdue items move without an edit; look at every file every VERIFY_SECONDS."""
        if self.today is None and self.journal is not None:
            minute = current_time(self.journal.config.zone, to_minute=True)
            if minute != self.now:
                self.rebuild(f"the clock: {minute:%H:%M}", quiet=True)
                return
        if time.monotonic() - self.verified >= VERIFY_SECONDS:
            self.verified = time.monotonic()
            self.verify()

    def _load(self, changed: frozenset[str] | None) -> Journal:
        """The journal; when the events named only application files that were there
        before and still are, only those are read again (no walk, no stat of the others)."""
        from jobjournal.load.loader import load_journal, refresh

        last = self.journal
        if last is not None and changed and all(
                name.endswith(".md") and name in self.tracked and (self.root / name).is_file()
                for name in changed):
            journal = refresh(last, changed, self.file_cache)
        else:
            journal = load_journal(self.root, cache=self.file_cache)
            self.tracked = {application.file for application in journal.applications}
        self.journal = journal
        return journal

    def verify(self) -> None:
        """When idle: look at every file, in case an event was missed (a full inotify queue,
        a network folder), and rebuild if anything differs from what is served."""
        from jobjournal.core.config import ConfigError
        from jobjournal.load.loader import load_journal

        last = self.journal
        if last is None:
            return
        try:
            journal = load_journal(self.root, cache=self.file_cache)
        except ConfigError:
            return  # the next edit's rebuild reports it
        if journal.config != last.config or len(journal.applications) != len(
                last.applications) or any(
                mine is not theirs for mine, theirs in zip(journal.applications,
                                                           last.applications, strict=True)):
            self.rebuild("files changed without an event")

    def _failed(self, message: str) -> bool:
        last = self.server.state
        self.server.state = SiteState(files=last.files, error=message, lazy=last.lazy,
                                      fallback=last.fallback, on_failure=last.on_failure,
                                      viewed=last.viewed)
        self.echo(f"{time.strftime('%H:%M:%S')} build failed, still serving the last good "
                  f"site:\n  {message}")
        self.server.broadcaster.send("error", message)
        return False

    def _page_failed(self, error: Exception) -> str:
        """A page that could not be made (a template error that depends on the data)."""
        message = _describe(error)
        if self.server.state.error is None:  # say it once per build, not once per page
            self.echo(f"{time.strftime('%H:%M:%S')} a page failed, showing its last good "
                      f"version:\n  {message}")
            self.server.broadcaster.send("error", message)
        return message

    def _print_changes(self, current: set[tuple[str, str, str, str]], report,  # type: ignore[no-untyped-def]
                       reason: str, elapsed: float) -> None:
        stamp = time.strftime("%H:%M:%S")
        summary = (f"{len(report.findings)} findings, "
                   f"{sum(1 for f in report.followups if f.overdue)} overdue")
        self.echo(f"{stamp} rebuilt in {elapsed:.0f} ms ({reason}): {summary}")
        if self.previous is not None:
            from jobjournal.check.reporters import printable

            for file, rule, severity, message in sorted(current - self.previous):
                self.echo(printable(f"  + {file}: {rule} {severity} {message}"))
            for file, rule, severity, message in sorted(self.previous - current):
                self.echo(printable(f"  - {file}: {rule} {severity} {message}"))
        self.previous = current


def _describe(error: Exception) -> str:
    """'file:line: message' for template errors, the exception for anything else."""
    from jobjournal.core.themes import ThemeError

    if isinstance(error, ThemeError):  # already says where
        return str(error)
    filename = getattr(error, "filename", None)
    lineno = getattr(error, "lineno", None)
    text = getattr(error, "message", None) or str(error)
    if filename and lineno:
        return f"{filename}:{lineno}: {type(error).__name__}: {text}"
    frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    where = f" (at {frame.filename}:{frame.lineno})" if frame else ""
    return f"{type(error).__name__}: {text}{where}"


class Debouncer:
    """Collapses bursts of events into one call: after `quiet` seconds without events, or at
    most `longest` seconds after the first, so a stream of saves cannot starve it."""

    def __init__(self, action: Callable[[str, frozenset[str]], object],
                 quiet: float = DEBOUNCE_SECONDS,
                 longest: float = MAX_DELAY_SECONDS, settle: float = SETTLE_SECONDS) -> None:
        self.action = action
        self.quiet = quiet
        self.longest = longest
        self.settle = settle
        self._complete = False
        self._condition = threading.Condition()
        self._first: float | None = None
        self._last = 0.0
        self._reasons: list[str] = []
        self._stopped = False

    def poke(self, reason: str, complete: bool = False) -> None:
        """An event; `complete` when it ends a save (so a shorter wait suffices)."""
        with self._condition:
            now = time.monotonic()
            if self._first is None:
                self._first, self._complete = now, False
            self._last = now
            # Once a save is complete, what follows in the burst (an editor restoring the
            # file's mode, deleting its backup) is the end of it: the short wait stands.
            self._complete = self._complete or complete
            if reason not in self._reasons:
                self._reasons.append(reason)
            self._condition.notify()

    def stop(self) -> None:
        with self._condition:
            self._stopped = True
            self._condition.notify()

    def run(self, idle: Callable[[], None] = lambda: None, idle_every: float = TICK_SECONDS
            ) -> None:
        while True:
            with self._condition:
                while self._first is None and not self._stopped:
                    if not self._condition.wait(timeout=idle_every):
                        break
                if self._stopped:
                    return
                if self._first is None:
                    reasons = None
                else:
                    now = time.monotonic()
                    wait = self.settle if self._complete else self.quiet
                    due = min(self._last + wait, self._first + self.longest)
                    if now < due:
                        self._condition.wait(timeout=due - now)
                        continue
                    reasons = ", ".join(self._reasons[:3]) + (
                        f" and {len(self._reasons) - 3} more" if len(self._reasons) > 3 else "")
                    names = frozenset(self._reasons)
                    self._first, self._reasons = None, []
            if reasons is None:
                idle()
            else:
                self.action(reasons, names)


def _watch(rebuilder: Rebuilder, debouncer: Debouncer):  # type: ignore[no-untyped-def]
    """Start watchdog on the journal (and a theme folder); returns the running observer."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            # A file closed after writing, or renamed into place, ends a save. Both names
            # of a rename count: `mv a.md b.md` changes both files.
            ends_save = event.event_type == "closed"
            for raw in (getattr(event, "dest_path", ""), event.src_path):
                if not raw:
                    continue
                path = Path(raw if isinstance(raw, str) else raw.decode())
                if is_relevant(path, rebuilder.root, rebuilder.output, rebuilder.theme):
                    name = path.relative_to(rebuilder.root).as_posix() if _is_below(
                        path, rebuilder.root) else path.name
                    debouncer.poke(name, complete=ends_save or raw != event.src_path)

    observer = Observer()
    observer.schedule(Handler(), str(rebuilder.root), recursive=True)
    if rebuilder.theme and not _is_below(rebuilder.theme, rebuilder.root):
        observer.schedule(Handler(), str(rebuilder.theme), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, today: date | None = None,
          open_browser: bool = False, echo: Callable[[str], None] = print,
          ready: Callable[[DevServer], None] | None = None) -> int:
    """Serve until interrupted. `ready` (for tests) gets the server once it listens."""
    # The server's threads wait on each other (a rebuild, then the reload event, then the
    # page): hand the interpreter over every millisecond rather than every five.
    sys.setswitchinterval(0.001)
    server = DevServer((host, port), SiteState())
    rebuilder = Rebuilder(root, today, server, echo)
    rebuilder.rebuild("start")
    # What the first build made (the parsed journal, compiled templates) lives as long as the
    # server: keep the garbage collector from walking it again on every rebuild.
    gc.freeze()
    debouncer = Debouncer(rebuilder.rebuild)
    observer = _watch(rebuilder, debouncer)

    worker = threading.Thread(target=debouncer.run, args=(rebuilder.tick, TICK_SECONDS),
                              daemon=True, name="jobjournal-rebuild")
    worker.start()
    shown_host = f"[{host}]" if ":" in host else host
    address = f"{shown_host}:{server.server_address[1]}"
    echo(f"Serving {root} at http://{address}/")
    echo(f"  calendar feed: http://{address}/followups.ics")
    echo(f"                 webcal://{address}/followups.ics")
    echo("Press Ctrl-C to stop.")
    if open_browser:
        import webbrowser

        webbrowser.open(f"http://{address}/")
    if ready:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        echo("Stopping.")
    finally:
        debouncer.stop()
        observer.stop()
        server.server_close()
        observer.join(timeout=2)
        worker.join(timeout=2)
    return 0
