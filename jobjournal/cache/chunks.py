"""Chunks of the big pages kept between builds, each in its own file named by its inputs.

The dashboard's table, its agenda and the people page are made a chunk at a time by the
theme's `cached_each` (128 rows, say), and a chunk is a pure function of what its key sums
up: the macro that renders it, the templates, the site's header data and the items
themselves (jobjournal/render/kept.py). After an edit, all but the chunks holding what
changed are found here instead of being rendered again.

One file per chunk, named by its key, in a folder of the page's own (RenderCache.chunks_for):
a build reads only the chunks it asks for, one at a time, so the cache adds nothing to its
memory however big the journal. Each file starts with the SHA-256 of its text; one that does
not match (a torn write, a disk error) is ignored and made again. Once a page is made, the
chunks it did not use are removed, so each folder holds one page's worth; a page the build
did not need to make keeps its folder as it was. Files are written atomically but not
fsynced: a lost one only costs rendering.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jobjournal.core.files import atomic_write

_DIGEST = 32  # bytes of SHA-256 in front of every chunk's text


class ChunkStore:
    """The chunks in `folder` (none kept when it is None: caching is off)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()  # keys this process asked for, found or made

    def get(self, key: str) -> str | None:
        """The text kept under `key`, or None (never kept, or damaged)."""
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            with open(self.folder / key, "rb") as stream:
                data = stream.read()
        except OSError:
            return None
        body = data[_DIGEST:]
        if len(data) < _DIGEST or hashlib.sha256(body).digest() != data[:_DIGEST]:
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:  # checksummed, so only ever a file that is not ours
            return None

    def put(self, key: str, text: str) -> None:
        """Keep `text` under `key`; a disk that will not take it only costs speed."""
        if self.folder is None:
            return
        body = text.encode("utf-8", "surrogatepass")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.folder / key, hashlib.sha256(body).digest() + body,
                         durable=False)
        except OSError:
            pass

    def keep_only_used(self) -> None:
        """Once the page is made: remove every chunk it did not use."""
        if self.folder is None:
            return
        wanted = self.used
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in wanted:
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    pass  # a read-only folder: it only costs space
