"""`jobjournal build`'s writer: the only code that puts the site on disk.

It refuses an output folder that would endanger the journal or the home folder, holds a lock so
two builds never interleave, writes each file atomically and only when its bytes changed (so a
reader never sees half a page and unchanged files keep their mtime), and keeps a manifest of
what it wrote: files from earlier builds that are no longer produced are removed, and files it
did not write are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from jobjournal.core.files import replace_unless_same

LOCK_NAME = ".jobjournal.lock"
MANIFEST_NAME = ".jobjournal-manifest.json"
LOCK_WAIT_SECONDS = 10.0
T = TypeVar("T")


class BuildError(Exception):
    """The site cannot be written; str() is the message for the person."""


@dataclass(slots=True)
class WriteResult:
    out: Path
    files: int = 0  # how many files the site has
    written: list[str] = field(default_factory=list)  # changed or new, sorted
    removed: list[str] = field(default_factory=list)  # stale files of earlier builds, sorted
    names: list[str] = field(default_factory=list)  # every file of the site, sorted

    @property
    def changed(self) -> int:
        return len(self.written) + len(self.removed)


def check_output(out: Path, journal_root: Path) -> Path:
    """The resolved output folder, or BuildError when writing there is not safe."""
    resolved = out.expanduser().resolve()
    root = journal_root.resolve()
    home = Path.home().resolve()
    if resolved == Path(resolved.anchor):
        raise BuildError(f"{out}: refusing to build into the file system's root; choose an "
                         "empty folder such as _site")
    if resolved == home:
        raise BuildError(f"{out}: refusing to build into your home folder; choose a folder "
                         "such as _site")
    if resolved == root:
        raise BuildError(f"{out}: refusing to build into the journal folder itself; the default "
                         "output is its _site folder")
    if root.is_relative_to(resolved):
        raise BuildError(f"{out}: refusing to build into a folder that contains the journal "
                         f"({root}); choose a folder inside it such as _site, or elsewhere")
    if resolved.exists() and not resolved.is_dir():
        raise BuildError(f"{out}: exists and is not a folder")
    return resolved


def _safe_relative(path: str) -> bool:
    pure = PurePosixPath(path)
    return (bool(path) and not pure.is_absolute() and ".." not in pure.parts
            and "\\" not in path and "\x00" not in path
            and pure.name not in (LOCK_NAME, MANIFEST_NAME))


@contextmanager
def output_lock(out: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """An exclusive lock on the output folder; waits up to `wait` seconds for another build."""
    path = out / LOCK_NAME
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise BuildError(f"{out}: cannot create the lock file: {error.strerror}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise BuildError(f"{path}: cannot lock: {error.strerror}") from None
                if time.monotonic() >= deadline:
                    raise BuildError(f"{out}: another jobjournal build is writing there; "
                                     "try again when it has finished") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def read_manifest(out: Path) -> set[str]:
    """Paths written by earlier builds; an unreadable manifest counts as none."""
    try:
        data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return set()
    return {f for f in files if isinstance(f, str) and _safe_relative(f)}


def _write_manifest(out: Path, paths: set[str]) -> None:
    data = {"generator": "jobjournal", "files": sorted(paths)}
    encoded = (json.dumps(data, indent=1) + "\n").encode("utf-8")
    replace_unless_same(out / MANIFEST_NAME, (encoded,), _file_mode())  # unchanged: not written


def _file_mode() -> int:
    """What a plain new file gets here (0644 under the usual umask): the site is meant to be
    served and read, unlike the private temporary files atomic_write starts from."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


# The temporary file beside NAME that every write starts from (core/files.py): '.NAME.' +
# 8 random characters + '.tmp'.
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def _remove_leftovers(out: Path, ours: set[str]) -> None:
    """A build killed while writing leaves the temporary file it was filling (the page itself
    is still the old one or the new one); the next build removes those beside files of ours.
    Any other hidden file is not ours and stays."""
    for folder, _folders, names in os.walk(out):
        for name in names:
            match = _LEFTOVER.match(name)
            if match is None:
                continue
            relative = (Path(folder) / match["name"]).relative_to(out).as_posix()
            if relative in ours:
                try:
                    (Path(folder) / name).unlink()
                except OSError:
                    continue


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _remove_empty_parents(path: Path, out: Path) -> None:
    folder = path.parent
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty: never removes anything else
        except OSError:
            return
        folder = folder.parent


class SiteWriter:
    """Writes a site file by file, as its pages are made, so no build holds them all.

    Opened with every path the site will have (known before anything is rendered): it checks
    them, takes the lock and records them in the manifest first, so a build that stops half-way
    still knows its files. `put` writes one file when its bytes changed (safe to call from a
    forked worker: each file is written by one process); `finish` removes the stale files of
    earlier builds. Paths that exist but were not written by jobjournal (`unknown`) must be
    compared before anything is written: `write_site` does that with the whole site in hand.
    """

    def __init__(self, out: Path, journal_root: Path, names: list[str], *,
                 lock_wait: float = LOCK_WAIT_SECONDS) -> None:
        bad = sorted(path for path in names if not _safe_relative(path))
        if bad:
            raise BuildError(f"refusing to write outside the output folder: {', '.join(bad)}")
        self.out = check_output(out, journal_root)
        self.names = set(names)
        self.result = WriteResult(self.out, len(self.names), names=sorted(self.names))
        self.mode = _file_mode()
        self.previous: set[str] = set()
        self.unknown: list[str] = []
        self._lock_wait = lock_wait
        self._lock: contextlib.ExitStack | None = None

    def __enter__(self) -> SiteWriter:
        out = self.out
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BuildError(f"{out}: cannot create the output folder: {error.strerror}"
                             ) from None
        stack = contextlib.ExitStack()
        stack.enter_context(output_lock(out, self._lock_wait))
        self._lock = stack
        try:
            self.previous = read_manifest(out)
            self.unknown = sorted(path for path in self.names if path not in self.previous
                                  and os.path.lexists(out / path))
            _remove_leftovers(out, self.previous | self.names | {MANIFEST_NAME})
            # Record everything first: if the build stops half-way, the next one still knows
            # which files are its own.
            self._guard(lambda: _write_manifest(out, self.previous | self.names))
        except BaseException:
            stack.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def refuse_foreign(self, files: Mapping[str, bytes]) -> None:
        """BuildError naming the unknown files whose bytes differ from `files`' (nothing has
        been written yet)."""
        foreign = [path for path in self.unknown if not _same_bytes(self.out / path, files[path])]
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise BuildError(f"{self.out}: not overwriting files jobjournal did not write: "
                             f"{shown}; move them away or choose another output folder")

    def put(self, path: str, data: bytes | Iterable[bytes]) -> bool:
        """Write one file of the site unless it already holds `data` (its bytes, or the
        pieces of a big page, never joined); True when written."""
        target = self.out / path

        def write() -> bool:
            if target.is_dir():
                raise BuildError(f"{target}: is a folder where the site needs a file")
            # Not fsynced: a kill still leaves the old file or the new one (the rename is
            # atomic), and a site is made again after a power loss, not recovered
            # (docs/reliability.md).
            return replace_unless_same(target, (data,) if isinstance(data, bytes) else data,
                                       self.mode)

        return self._guard(write)

    def finish(self, written: Iterable[str]) -> WriteResult:
        """Remove the stale files of earlier builds and record the site's files."""
        result = self.result
        out = self.out

        def tidy() -> None:
            for path in sorted(self.previous - self.names):
                target = out / path
                try:
                    if target.is_file() or target.is_symlink():
                        target.unlink()
                        result.removed.append(path)
                        _remove_empty_parents(target, out)
                except OSError:
                    continue  # a stale file that cannot go is harmless
            _write_manifest(out, self.names)

        self._guard(tidy)
        result.written = sorted(written)
        return result

    def _guard(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except OSError as error:
            raise BuildError(f"{self.out}: cannot write the site: "
                             f"{error.strerror or error} ({error.filename or self.out})"
                             ) from None


def write_site(files: dict[str, bytes], out: Path, journal_root: Path, *,
               lock_wait: float = LOCK_WAIT_SECONDS) -> WriteResult:
    """Write the whole site, given as {path: bytes}, into `out` (see the module docstring)."""
    with SiteWriter(out, journal_root, list(files), lock_wait=lock_wait) as writer:
        writer.refuse_foreign(files)
        written = [path for path, data in files.items() if writer.put(path, data)]
        return writer.finish(written)
