"""Files: writing them so that a reader, or a crash, never sees half of one, and the one
policy for telling whether a file changed.

Every write goes to a temporary file in the same folder, then is renamed over the target (or
hard-linked into place when an existing file must never be replaced), so a reader or a killed
process sees the old file or the new one, never half of one. The journal's own files are
also flushed to the disk before the rename (`durable`), so they survive a power loss; derived
files (the generated site, caches) are not: they are made again, not recovered.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO

Stamp = tuple[int, int, int, int]


def stamp_of(stat: os.stat_result) -> Stamp:
    """A file's state as every cache and fingerprint sees it: size, modification time, change
    time and inode. The change time is in it because nothing can set it back: a copy that
    keeps the old size and modification time (`cp -p`, `touch -r`, a sync tool) still
    changes it, and so does a same-size edit within the same second."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def file_stamp(path: str | os.PathLike[str]) -> Stamp | None:
    """`stamp_of` the file at `path`; None when it cannot be read."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


class FileExists(Exception):
    """The target exists and must not be overwritten."""


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once: os.umask can only be read by setting it, which is not thread-safe later on.
_UMASK = _umask()


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True,
                 durable: bool = True, mode: int | None = None) -> None:
    """Write `data` to `path` atomically. A replaced file keeps its permissions; a new one
    gets the usual ones (0666 less the umask), not the temporary file's private 0600.

    `durable` fsyncs the data before the rename: for the journal's own files, which exist
    nowhere else. Without it (the site, caches) a power loss may leave the file empty or old,
    never half-written, and a kill leaves it old or new; such files are simply made again.
    `mode` sets the permissions instead of keeping the replaced file's."""
    with _beside(path, mode) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails if the target exists: never overwrites
            except FileExistsError:
                raise FileExists(str(path)) from None
            os.unlink(temporary)


@contextmanager
def atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace `path` atomically when the block ends without an error:
    `atomic_write` (not durable) for data written a piece at a time, such as a large pickle
    that would otherwise be held whole in memory first."""
    with _beside(path, None) as (handle, temporary):
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)


def replace_unless_same(path: Path, pieces: Iterable[bytes], mode: int | None = None) -> bool:
    """Write `pieces` one after another to `path` atomically (not durable), unless the file
    already holds exactly those bytes: then nothing at all is written (no temporary file
    either), and the file keeps its modification time. True when written. A big page made a
    piece at a time is compared with the file as it comes, so neither is ever held whole."""
    old = _open_regular(path)
    with old if old is not None else nullcontext():
        parts = iter(pieces)
        same = 0  # bytes of the old file known to be the start of the new one
        first: bytes = b""  # the first piece that differs, still to be written
        if old is not None:
            for piece in parts:
                if old.read(len(piece)) != piece:
                    first = piece
                    break
                same += len(piece)
            else:
                if not old.read(1):
                    return False  # the very same bytes
        with _beside(path, mode) as (handle, temporary):
            with os.fdopen(handle, "wb") as stream:
                if old is not None and same:  # the unchanged start, a block at a time
                    old.seek(0)
                    while same:
                        block = old.read(min(same, 1 << 20))
                        if not block:  # cut short by someone else meanwhile
                            raise OSError(errno.EIO, "the file changed while being read",
                                          str(path))
                        stream.write(block)
                        same -= len(block)
                stream.write(first)
                for piece in parts:
                    stream.write(piece)
            os.replace(temporary, path)
    return True


def _open_regular(path: Path) -> BinaryIO | None:
    """The file at `path` open for reading, or None when it is missing or is no regular file
    (a FIFO named like a page would otherwise wait for a writer for ever)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not S_ISREG(os.fstat(handle).st_mode):
            os.close(handle)
            return None
    except OSError:
        os.close(handle)
        return None
    return os.fdopen(handle, "rb")


@contextmanager
def _beside(path: Path, mode: int | None) -> Iterator[tuple[int, str]]:
    """A new file beside `path` (its handle and name) with `mode`, else the permissions of
    the file it will replace, else the usual ones (0666 less the umask) rather than the
    temporary file's private 0600; removed if the block fails."""
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        os.fchmod(handle, mode)
        yield handle, temporary
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def files_under(folders: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Every file in `folders` and below, through linked folders too (as Jinja2's loaders
    follow them), each folder once however it is linked (so a link to a folder above it
    cannot loop): what a theme's templates may load."""
    seen: set[tuple[int, int]] = set()
    for folder in folders:
        for base, dirs, names in os.walk(folder, followlinks=True):
            try:
                info = os.stat(base)
            except OSError:
                dirs[:] = []
                continue
            if (info.st_dev, info.st_ino) in seen:
                dirs[:] = []
                continue
            seen.add((info.st_dev, info.st_ino))
            yield from (os.path.join(base, name) for name in names)
