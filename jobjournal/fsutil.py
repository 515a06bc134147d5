"""Writing files so that a reader, or a crash, never sees half of one.

Every write goes to a temporary file in the same folder, is flushed to disk, then renamed over
the target (or hard-linked into place when an existing file must never be replaced).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class FileExists(Exception):
    """The target exists and must not be overwritten."""


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once: os.umask can only be read by setting it, which is not thread-safe later on.
_UMASK = _umask()


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` atomically. A replaced file keeps its permissions; a new one
    gets the usual ones (0666 less the umask), not the temporary file's private 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
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
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
