"""The language server's one door into jobjournal: loading, reading, checking, the format.

Every import of jobjournal internals the server needs is here, so a reorganisation of the
package changes these lines only. The engine runs the same load → check steps as `jobjournal
check`, with the unsaved text of open buffers laid over the files on disk.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from jobjournal.cache import store as _cache
from jobjournal.check.checker import CheckMemo, Report, run_checks
from jobjournal.check.registry import Rule, all_rules, find_rule
from jobjournal.core.config import CONFIG_NAME, ConfigError
from jobjournal.core.dates import DATE_PATTERN, WHEN_PATTERN, current_time, human, iso
from jobjournal.core.findings import Finding
from jobjournal.core.frozen import FrozenMap
from jobjournal.core.model import MILESTONES, Application, Journal, Person, fold_name
from jobjournal.load.loader import load_journal, read_application
from jobjournal.load.schema import (
    ACTIONS,
    ACTIONS_NEEDING_TO,
    CANCELLED_BY,
    DEBRIEFS,
    FOLLOWUP_KEYS,
    FORMATS,
    INTERVIEW_KEYS,
    LOG_KEYS,
    PERSON_KEYS,
    TOP_KEYS,
)

__all__ = [
    "ACTIONS", "ACTIONS_NEEDING_TO", "CANCELLED_BY", "CONFIG_NAME", "DEBRIEFS",
    "FOLLOWUP_KEYS", "FORMATS", "INTERVIEW_KEYS", "LOG_KEYS", "MILESTONES", "PERSON_KEYS",
    "TOP_KEYS", "Application", "ConfigError", "Engine", "Finding", "Journal", "Person", "Report",
    "Rule", "Snapshot", "all_rules", "find_journal_root", "find_rule", "fold_name", "human",
    "iso", "parse_text", "DATE_PATTERN", "WHEN_PATTERN",
]

# The reader's own patterns for a date and a date-time, for the JSON Schema.


def find_journal_root(path: Path, workspace_roots: list[Path]) -> Path | None:
    """The folder holding jobjournal.toml at or above `path`, else the workspace folder that
    contains it, else None (the file is outside every journal)."""
    for folder in path.parents:
        if (folder / CONFIG_NAME).is_file():
            return folder
    inside = [root for root in workspace_roots if path.is_relative_to(root)]
    return max(inside, key=lambda root: len(root.parts)) if inside else None


def parse_text(text: str, file: str, zone) -> tuple[Application, list[Finding]]:  # type: ignore[no-untyped-def]
    """One buffer's text read as an application, exactly as the loader reads a file."""
    return read_application(text.encode("utf-8", errors="surrogatepass"), file,
                            file[: -len(".md")], zone)


@dataclass(frozen=True)
class Snapshot:
    """One run of the checks: the report, and which buffer versions it saw."""

    root: Path
    report: Report
    versions: dict[str, int | None]  # journal-relative file -> buffer version (None: disk)
    by_file: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def journal(self) -> Journal:
        return self.report.journal

    @property
    def now(self) -> datetime:
        return self.report.now


class Engine:
    """One journal: its parse cache, its check memo and its last snapshot."""

    def __init__(self, root: Path, today: date | None = None) -> None:
        self.root = root.resolve()
        self.today = today
        self.files: dict | None = None  # type: ignore[type-arg]  # the parse cache, loaded by run
        self.memo = CheckMemo()
        self.buffers: dict[str, tuple[str, Application, list[Finding]]] = {}
        self.last: Snapshot | None = None
        self.unsaved = False  # files parsed since the parse cache was stored
        self.readable: dict[str, Application] = {}  # each buffer's last readable version
        self.lock = threading.Lock()

    def relative(self, path: Path) -> str | None:
        """The journal-relative POSIX name of `path`, or None outside the journal."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return None

    def now(self, zone) -> datetime:  # type: ignore[no-untyped-def]
        # Whole minutes: the check memo is kept while `now` stays the same.
        return current_time(zone, self.today, to_minute=True)

    def run(self, buffers: dict[str, tuple[str, int | None]]) -> Snapshot:
        """Check the journal with `buffers` (file -> (text, version)) over the disk.
        Raises ConfigError when jobjournal.toml cannot be read."""
        with self.lock:
            if self.files is None:  # in the worker thread, not while the editor waits
                self.files = _cache.load_map(self.root, "parsed") or {}
            before = {name: id(entry) for name, entry in self.files.items()}
            journal = load_journal(self.root, cache=self.files, persistent=False)
            self.unsaved = self.unsaved or before != {
                name: id(entry) for name, entry in self.files.items()}
            journal = self._overlay(journal, buffers)
            report = run_checks(journal, self.now(journal.config.zone), self.memo)
            by_file: dict[str, list[Finding]] = {}
            for finding in report.findings:
                by_file.setdefault(finding.file, []).append(finding)
            versions = {file: version for file, (_text, version) in buffers.items()}
            self.last = Snapshot(self.root, report, versions, by_file)
            return self.last

    def last_readable(self, file: str) -> Application | None:
        """The file's application as last read without a JJ001/JJ004: completion's stand-in
        while the buffer is half-typed YAML."""
        kept = self.readable.get(file)
        if kept is not None:
            return kept
        found = self.last.journal.by_slug.get(file[: -len(".md")]) if self.last else None
        return found if found is not None and not found.needs_repair else None

    def persist(self) -> None:
        """Store the parse cache on disk when files were parsed since it was last stored, so
        the next start (or `check`) finds them parsed. Called after diagnostics are out."""
        with self.lock:
            if self.unsaved:
                self.unsaved = False
                _cache.store_map(self.root, "parsed", self.files)

    def accepts(self, file: str, journal: Journal) -> bool:
        """Whether `file` is one the journal reads as an application (FORMAT.md's rules),
        whether or not it exists on disk yet."""
        if any(a.file == file for a in journal.applications):
            return True
        parts = PurePosixPath(file).parts
        config = journal.config
        output = (self.root / config.output).resolve() if config.output else None
        if not file.endswith(".md") or parts[-1].lower() == "readme.md":
            return False
        if (self.root / file).exists():  # on disk, yet not read: the journal skips it
            return False
        if any(part.startswith((".", "_")) for part in parts) or parts[0] == "templates":
            return False
        if output and (self.root / file).resolve().is_relative_to(output):
            return False
        return not any(fnmatch.fnmatch(file, pattern) for pattern in config.exclude)

    def _overlay(self, journal: Journal, buffers: dict[str, tuple[str, int | None]]) -> Journal:
        if not buffers:
            return journal
        zone = journal.config.zone
        applications = {a.file: a for a in journal.applications}
        read: dict[str, list[Finding]] = {}
        for file, (text, _version) in buffers.items():
            if not self.accepts(file, journal):
                continue
            kept = self.buffers.get(file)
            if kept is None or kept[0] != text:
                kept = (text, *parse_text(text, file, zone))
                self.buffers[file] = kept
            applications[file] = kept[1]
            read[file] = kept[2]
            if not kept[1].needs_repair:
                self.readable[file] = kept[1]
        for gone in [file for file in self.buffers if file not in buffers]:
            del self.buffers[gone]
        if not read:
            return journal
        findings = [f for f in journal.load_findings if f.file not in read]
        for file in sorted(read):
            findings.extend(read[file])
        ordered = tuple(applications[file] for file in sorted(applications))
        return Journal(root=journal.root, config=journal.config, applications=ordered,
                       load_findings=tuple(findings),
                       by_slug=FrozenMap({a.slug: a for a in ordered}))
