"""The render cache: Markdown fragments and feed events kept between builds, and the ledger.

A build makes each output from a few inputs (a page from its view data, the site's header and
its template; the notes' HTML from their Markdown; an event from its fields). The caller sums
those inputs up in a key (`key`). The cache maps a fragment's key to the bytes made from it,
one file per entry, in the same folder as the parse cache (outside the journal). Pages are
not kept a second time: the ledger (`Ledger`) records the key each page of an output folder
was made from, so a build after an edit makes and writes only what the edit changed, and
equal keys always give the bytes a cold build would make.

Nothing read from here is trusted blindly: every entry starts with the SHA-256 of its bytes
and one that does not match (a torn write, a disk error, someone's editor) is ignored and made
again; the folder is named after the tool's fingerprint, so another version's entries are
never read (and are removed). Entries a build did not use are removed after it, so the cache
holds one generation. Each entry is written atomically but not fsynced: a lost entry only costs
its rendering. Safe to share with a forked worker: each process writes its own entries and
reports the keys it used.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from jobjournal.cache import store
from jobjournal.cache.store import journal_cache_dir, tool_fingerprint
from jobjournal.core.files import atomic_write, file_stamp

_PREFIX = "render-"
_DIGEST = 32  # bytes of SHA-256 in front of every entry


def key(*parts: object) -> str:
    """A key for `parts`: their reprs, which for the views' frozen dataclasses, tuples and
    strings list every field, so different inputs give different keys. The outer levels
    (dataclasses, tuples, lists, dicts) are taken apart and hashed piece by piece, so the view
    of a dashboard of thousands of rows is never one huge string."""
    digest = hashlib.sha256()
    for part in parts:
        _add(digest, part, 0)
    return digest.hexdigest()


_BIG = 64  # a sequence longer than this is hashed item by item


def _big(value: object) -> bool:
    kind = type(value)
    if kind is dict:
        return len(value) > _BIG or any(map(_big, value.values()))  # type: ignore[attr-defined]
    return kind in (tuple, list) and len(value) > _BIG  # type: ignore[arg-type]


def _add(digest: Any, part: object, depth: int) -> None:
    # Only what is big is taken apart (a dashboard's rows, say); anything else is one repr,
    # which is quick. Every piece says what it is and how long it is, so no two inputs hash
    # alike.
    kind = type(part)
    if kind in (tuple, list) and (depth < 2 or _big(part)):
        digest.update(f"S{kind.__name__}{len(part)}[".encode())  # type: ignore[arg-type]
        for item in part:  # type: ignore[attr-defined]
            _add(digest, item, depth + 1)
        digest.update(b"]")
        return
    if kind is dict and (depth < 2 or _big(part)):
        digest.update(f"M{len(part)}{{".encode())  # type: ignore[arg-type]
        for name, item in part.items():  # type: ignore[attr-defined]
            _add(digest, name, depth + 1)
            _add(digest, item, depth + 1)
        digest.update(b"}")
        return
    if is_dataclass(part) and not isinstance(part, type):
        values = [(item.name, getattr(part, item.name)) for item in fields(part)]
        if any(_big(value) for _name, value in values):
            digest.update(f"D{kind.__module__}.{kind.__qualname__}(".encode())
            for name, value in values:
                digest.update(f"{name}=".encode())
                _add(digest, value, depth + 1)
            digest.update(b")")
            return
    text = repr(part).encode("utf-8", "surrogatepass")
    digest.update(b"R%d:" % len(text))
    digest.update(text)


class RenderCache:
    """Entries by kind ("page", "notes", …) and key; see the module docstring."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()  # "kind/key" read or written by this process
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_journal(cls, journal_root: Path) -> RenderCache:
        """The journal's cache (none when caching is off); other versions' are removed."""
        base = journal_cache_dir(journal_root)
        if base is None:
            return cls(None)
        folder = base / f"{_PREFIX}{tool_fingerprint()}"
        try:
            for other in base.iterdir():
                if other.name.startswith(_PREFIX) and other != folder:
                    shutil.rmtree(other, ignore_errors=True)
        except OSError:
            pass
        return cls(folder)

    def _path(self, kind: str, name: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / name[:2] / name[2:]

    def get(self, kind: str, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            with open(self._path(kind, name), "rb") as stream:
                data = stream.read()
        except OSError:
            self.misses += 1
            return None
        body = data[_DIGEST:]
        if len(data) < _DIGEST or hashlib.sha256(body).digest() != data[:_DIGEST]:
            self.misses += 1
            return None  # torn or damaged: made again (and overwritten)
        self.hits += 1
        self.used.add(f"{kind}/{name}")
        return body

    def put(self, kind: str, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.used.add(f"{kind}/{name}")
        try:
            atomic_write(self._path(kind, name), hashlib.sha256(data).digest() + data,
                         durable=False)
        except OSError:
            pass  # a read-only or full disk only costs speed

    def prune(self, used: set[str]) -> None:
        """Remove the entries no process of this build used (edited or deleted pages')."""
        if self.folder is None:
            return
        for base, _folders, names in os.walk(self.folder):
            relative = Path(base).relative_to(self.folder).parts
            if len(relative) != 2:
                continue
            kind, head = relative
            for name in names:
                if f"{kind}/{head}{name}" not in used:
                    try:
                        os.unlink(os.path.join(base, name))
                    except OSError:
                        continue


class Ledger:
    """Which inputs made each file of one output folder, and that file's stamp once written.

    A page is not kept here (the output folder already holds it): a build whose inputs for a
    page sum up to the key recorded with it, and whose file there still has the stamp it had
    after that build (nobody touched it since), neither renders nor writes it. Anything else
    (no entry, another key, a file changed or removed by hand, a ledger that cannot be read)
    makes the page again, so the ledger can only save work, never keep a wrong page. It is
    saved after the whole site is written; a build that stops half-way leaves the old one,
    whose stamps no longer match the pages it rewrote."""

    def __init__(self, journal_root: Path, out: Path) -> None:
        self.out = out
        self.name = "ledger-" + hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        self.journal_root = journal_root
        found = store.load(journal_root, self.name)
        # path -> (key of the page's view, the file's stamp, key of the view's inputs)
        self.old: dict[str, tuple[str, object, str | None]] = (
            found if isinstance(found, dict) else {})
        self.new: dict[str, tuple[str, str | None]] = {}  # path -> (key, inputs' key)

    def _intact(self, path: str) -> tuple[str, object, str | None] | None:
        entry = self.old.get(path)
        if (isinstance(entry, tuple) and len(entry) == 3
                and entry[1] == file_stamp(self.out / path)):
            return entry
        return None

    def same_inputs(self, path: str, inputs: str) -> bool:
        """True when the page there was made from a view with these inputs (a key summing
        up what the view is made of) and is intact: then not even the view is needed."""
        entry = self._intact(path)
        if entry is None or entry[2] != inputs:
            return False
        self.new[path] = (entry[0], inputs)
        return True

    def unchanged(self, path: str, key: str, inputs: str | None = None) -> bool:
        """Note `key` for `path`; True when the file there was made from it and is intact."""
        self.new[path] = (key, inputs)
        entry = self._intact(path)
        return entry is not None and entry[0] == key

    def save(self) -> None:
        """Record every page's keys with its file's stamp now (after the site is written)."""
        entries = {}
        for path, (key, inputs) in self.new.items():
            stamp = file_stamp(self.out / path)
            if stamp is not None:
                entries[path] = (key, stamp, inputs)
        if entries != self.old:
            store.store(self.journal_root, self.name, entries)
