"""`jobjournal build`'s writer: the only code that puts the site on disk.

It refuses an output folder that would endanger the journal or the home folder, holds a lock so
two builds never interleave, writes each file atomically and only when its bytes changed (so a
reader never sees half a page and unchanged files keep their mtime), and keeps a manifest of
what it wrote: files from earlier builds that are no longer produced are removed, and files it
did not write are never touched.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from jobjournal.core.files import atomic_write

LOCK_NAME = ".jobjournal.lock"
MANIFEST_NAME = ".jobjournal-manifest.json"
LOCK_WAIT_SECONDS = 10.0


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
    _write(out / MANIFEST_NAME, (json.dumps(data, indent=1) + "\n").encode("utf-8"),
           _file_mode())


def _file_mode() -> int:
    """What a plain new file gets here (0644 under the usual umask): the site is meant to be
    served and read, unlike the private temporary files atomic_write starts from."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write(target: Path, data: bytes, mode: int) -> None:
    atomic_write(target, data)
    os.chmod(target, mode)


# atomic_write's temporary file beside NAME: '.NAME.' + 8 random characters + '.tmp'.
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


def write_site(files: dict[str, bytes], out: Path, journal_root: Path, *,
               lock_wait: float = LOCK_WAIT_SECONDS) -> WriteResult:
    """Write the site into `out`; see the module docstring for the guarantees."""
    bad = sorted(path for path in files if not _safe_relative(path))
    if bad:
        raise BuildError(f"refusing to write outside the output folder: {', '.join(bad)}")
    out = check_output(out, journal_root)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{out}: cannot create the output folder: {error.strerror}") from None
    result = WriteResult(out, len(files), names=sorted(files))
    with output_lock(out, lock_wait):
        previous = read_manifest(out)
        foreign = sorted(path for path, data in files.items() if path not in previous
                         and (out / path).exists() and not _same_bytes(out / path, data))
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise BuildError(f"{out}: not overwriting files jobjournal did not write: {shown}; "
                             "move them away or choose another output folder")
        mode = _file_mode()
        _remove_leftovers(out, previous | set(files) | {MANIFEST_NAME})
        try:
            # Record everything first: if the build stops half-way, the next one still knows
            # which files are its own.
            _write_manifest(out, previous | set(files))
            for path, data in files.items():
                target = out / path
                if target.is_dir():
                    raise BuildError(f"{target}: is a folder where the site needs a file")
                if _same_bytes(target, data):
                    continue
                _write(target, data, mode)
                result.written.append(path)
            for path in sorted(previous - set(files)):
                target = out / path
                try:
                    if target.is_file() or target.is_symlink():
                        target.unlink()
                        result.removed.append(path)
                        _remove_empty_parents(target, out)
                except OSError:
                    continue  # a stale file that cannot go is harmless
            _write_manifest(out, set(files))
        except OSError as error:
            raise BuildError(f"{out}: cannot write the site: "
                             f"{error.strerror or error} ({error.filename or out})") from None
    result.written.sort()
    return result
