"""Finds a journal's application files and reads each into the model, never raising on content.

Every problem with a file becomes a finding with its file and line; a file that cannot be read
at all still becomes an Application (flagged as needing repair, its text kept as notes), so
nothing a person wrote disappears from the outputs.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import pickle
from collections.abc import Collection
from datetime import tzinfo
from pathlib import Path
from stat import S_ISREG

from jobjournal.cache import store as _cache
from jobjournal.core import workers
from jobjournal.core.config import CONFIG_NAME, Config, load_config
from jobjournal.core.dates import local_zone_name
from jobjournal.core.files import Stamp, file_stamp
from jobjournal.core.findings import Finding
from jobjournal.core.frozen import FrozenMap
from jobjournal.core.model import Application, Journal, pack_text
from jobjournal.load.schema import ApplicationReader
from jobjournal.load.source import NotAnApplication, SourceError, compose, decode, split

MAX_FILE_BYTES = 64 * 1024 * 1024


def _skipped_name(name: str) -> bool:
    return name.startswith((".", "_"))


def discover(root: Path, config: Config) -> list[Path]:
    """Application files below `root`, sorted, following FORMAT.md's skip rules.

    Folder symlinks are followed once each (by device and inode), so a link loop cannot hang.
    """
    return [Path(path) for _name, path in _discover(root, config)]


def _discover(root: Path, config: Config) -> list[tuple[str, str]]:
    """(journal-relative POSIX name, path) of each application file, sorted by name."""
    output = (root / config.output).resolve() if config.output else None
    found: list[tuple[str, str]] = []  # (journal-relative POSIX name, path)
    seen: set[tuple[int, int]] = set()
    excludes = tuple(config.exclude)

    def walk(folder: str, prefix: str) -> None:
        try:
            stat = os.stat(folder)
        except OSError:
            return
        if (stat.st_dev, stat.st_ino) in seen:
            return
        seen.add((stat.st_dev, stat.st_ino))
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        for entry in entries:
            if _skipped_name(entry.name):
                continue
            relative = prefix + entry.name
            if excludes and any(fnmatch.fnmatch(relative, pattern) for pattern in excludes):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link loop: an `x.md` among them is reported by read_file
                is_dir = False
            if is_dir:
                if relative == "templates" or (output and Path(entry.path).resolve() == output):
                    continue
                walk(entry.path, relative + "/")
            elif entry.name.endswith(".md") and entry.name.lower() != "readme.md":
                found.append((relative, entry.path))

    walk(str(root), "")
    found.sort()
    return found


def read_application(raw: bytes, file: str, slug: str, zone: tzinfo
                     ) -> tuple[Application, list[Finding]]:
    """Bytes of one file -> the application and its format findings. Pure: cacheable by bytes."""
    try:
        text = decode(raw)
    except SourceError as error:
        notes = raw.decode("utf-8", errors="replace")
        return _broken(file, slug, error, notes)
    try:
        parts = split(text)
        root = compose(parts.front_matter, parts.offset)
    except NotAnApplication as error:
        # A note, not an application: reported, and counted nowhere else (FORMAT.md).
        return (Application(slug=slug, file=file, line=1, packed_notes=pack_text(text),
                            is_application=False),
                [Finding("JJ001", "error", file, error.line, error.message)])
    except SourceError as error:
        # Keep everything the person wrote visible: the whole text becomes the notes.
        return _broken(file, slug, error, text)
    # Findings with no better place point at the opening '---' (RULES.md), never a line 0.
    reader = ApplicationReader(file, slug, zone, parts.offset)
    application = reader.application(root, parts.line, parts.body, parts.body_line)
    return application, reader.findings


def _broken(file: str, slug: str, error: SourceError, notes: str
            ) -> tuple[Application, list[Finding]]:
    finding = Finding("JJ001", "error", file, error.line, error.message, slug)
    return Application(slug=slug, file=file, line=1, packed_notes=pack_text(notes),
                        needs_repair=True), [finding]


def read_file(path: Path, root: Path, zone: tzinfo) -> tuple[Application, list[Finding]]:
    file = path.relative_to(root).as_posix()
    slug = file[: -len(".md")]
    try:
        raw = _read_bounded(path)
        _refuse_outside(path, root)
    except SourceError as error:
        return _broken(file, slug, error, "")
    except OSError as error:
        reason = error.strerror or str(error)
        hint = "; check its permissions" if error.errno in (errno.EACCES, errno.EPERM) else ""
        return _broken(file, slug, SourceError(1, f"cannot read the file: {reason}{hint}"), "")
    return read_application(raw, file, slug, zone)


def _refuse_outside(path: Path, root: Path) -> None:
    """A link that leads out of the journal is not read: a committed `x.md` pointing at
    /proc/self/environ or ~/.ssh would otherwise publish it on a dashboard built in CI."""
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise SourceError(1, f"this is a link to {target}, outside the journal; jobjournal only "
                             "reads files inside the journal folder, so copy or move the file "
                             "in")


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a plain file or is too large.

    Opened without blocking and checked on the open descriptor: a FIFO named `x.md` would
    otherwise wait forever for a writer, and `/dev/zero` behind a symlink would never end.
    At most MAX_FILE_BYTES + 1 bytes are read, even if the file grows meanwhile.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not S_ISREG(status.st_mode):
            raise SourceError(1, "this is not a regular file (a pipe, socket or device named "
                                 "like an application); remove it or rename it")
        raw = b"" if status.st_size > MAX_FILE_BYTES else stream.read(MAX_FILE_BYTES + 1)
    if (not raw and status.st_size > MAX_FILE_BYTES) or len(raw) > MAX_FILE_BYTES:
        raise SourceError(1, f"the file is larger than the {MAX_FILE_BYTES // (1024 * 1024)} "
                             "MiB an application may be; move attachments out of the journal")
    return raw


# What a file read gave, keyed by its journal-relative name, with the signature it was read at.
FileCache = dict[str, tuple[tuple[int, int, int, int, str], Application, list[Finding]]]

# Below this many files to parse, a worker process costs more than it saves.
PARALLEL_MIN_FILES = 96


def load_journal(root: Path, timezone: str | None = None, cache: FileCache | None = None,
                 *, persistent: bool = True,
                 read: tuple[Config, list[Finding], list[Path]] | None = None) -> Journal:
    """Read the configuration and every application. Raises ConfigError only for the config.

    A file whose size, modification time and journal time zone are unchanged since it was
    last read is taken from `cache` (kept in memory by `serve`) or, when `persistent`, from
    the on-disk cache (see cache.py). Many files to parse are shared with a second process.
    `read` passes the configuration, its findings and the file list when the caller has them.
    """
    root = root.resolve()
    if read is None:
        config, findings = load_config(root, timezone or local_zone_name())
        files = _discover(root, config)
    else:
        config, findings = read[0], list(read[1])
        files = [(_relative(path, root), str(path)) for path in read[2]]
    zone = config.zone
    stored: FileCache | None = None
    if cache is None:
        cache = stored = (_cache.load_map(root, "parsed") or {}) if persistent else {}
    results: dict[str, tuple[Application, list[Finding]]] = {}
    signatures: dict[str, object] = {}
    todo: list[tuple[Path, str, tuple[int, int, int, int, str] | None]] = []
    for file, path in files:
        signature, kept = _from_cache(cache, file, path, config.timezone)
        signatures[file] = signature
        if kept is not None:
            results[file] = kept
        else:
            todo.append((Path(path), file, signature))
    for (_path, file, signature), parsed in zip(todo, _parse_all([t[0] for t in todo], root,
                                                                zone), strict=True):
        results[file] = parsed
        if signature:
            cache[file] = (signature, *parsed)
    gone = [name for name in cache if name not in results]
    for name in gone:
        del cache[name]
    if stored is not None and (todo or gone):
        _cache.store_map(root, "parsed", stored, changed=[*(t[1] for t in todo), *gone])
    applications: list[Application] = []
    for file, _path in files:  # discovery order: sorted, whatever came from the cache
        application, file_findings = results[file]
        applications.append(application)
        findings.extend(file_findings)
    return _assemble(root, config, applications, findings, signatures)


def refresh(journal: Journal, names: Collection[str], cache: FileCache) -> Journal:
    """`journal` with its application files `names` read again, and nothing else looked at:
    for `serve`, which knows from the file events which of its files changed. Each of
    `names` must still be one of the journal's files."""
    root, config = journal.root, journal.config
    fresh: dict[str, tuple[Application, list[Finding]]] = {}
    signatures = dict(journal.signatures)
    for name in names:
        path = root / name
        signature, kept = _from_cache(cache, name, str(path), config.timezone)
        signatures[name] = signature
        fresh[name] = kept if kept is not None else read_file(path, root, config.zone)
        if kept is None and signature:
            cache[name] = (signature, *fresh[name])
    applications = [fresh[a.file][0] if a.file in fresh else a for a in journal.applications]
    findings = [finding for finding in journal.load_findings if finding.file not in fresh]
    for name in sorted(fresh):
        findings.extend(fresh[name][1])
    return _assemble(root, config, applications, findings, signatures)


def _from_cache(cache: FileCache, file: str, path: str, timezone: str
                ) -> tuple[tuple[int, int, int, int, str] | None,
                           tuple[Application, list[Finding]] | None]:
    """The file's signature now, and what `cache` holds for it if that still stands."""
    signature = _signature(path, timezone)
    cached = cache.get(file)
    if signature and cached and cached[0] == signature:
        return signature, (cached[1], cached[2])
    return signature, None


def _relative(path: Path, root: Path) -> str:
    """`path` below `root` as a journal-relative POSIX name (discover's paths all are)."""
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):
        return text[len(base) + 1:].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def _signature(path: str, timezone: str) -> tuple[Stamp, str] | None:
    """What must not change for a cached read to stand: the file's stamp and the zone its
    times were read in."""
    found = file_stamp(path)
    return (found, timezone) if found is not None else None


def _read_many(paths: list[Path], root: Path, zone: tzinfo
               ) -> list[tuple[Application, list[Finding]]]:
    return [read_file(path, root, zone) for path in paths]


def _parse_all(paths: list[Path], root: Path, zone: tzinfo
               ) -> list[tuple[Application, list[Finding]]]:
    """Parse files, on two cores when there are many (a forked worker takes part of them)."""
    if not workers.can_fork(len(paths), PARALLEL_MIN_FILES):
        return _read_many(paths, root, zone)
    # The main process keeps a larger share: it also pays to unpickle the worker's records.
    split = len(paths) * 11 // 20
    try:
        with workers.forked_pool() as pool:
            theirs = pool.submit(_read_many, paths[split:], root, zone)
            mine = _read_many(paths[:split], root, zone)
            return mine + theirs.result()
    except (OSError, RuntimeError, pickle.PicklingError):
        return _read_many(paths, root, zone)


def _assemble(root: Path, config: Config, applications: list[Application],
              findings: list[Finding], signatures: dict[str, object]) -> Journal:
    applications = [application for application in applications if application.is_application]
    by_slug = FrozenMap({application.slug: application for application in applications})
    return Journal(root=root, config=config, applications=tuple(applications),
                   load_findings=tuple(findings), by_slug=by_slug,
                   signatures=FrozenMap(signatures))


__all__ = ["CONFIG_NAME", "discover", "load_journal", "read_application", "read_file"]
