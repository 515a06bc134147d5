"""The render cache (each page's notes as HTML, the big pages' chunks) and the ledger (what
each page was made from).

A build makes each output from a few inputs (a page from its view data, the site's header and
its template; the notes' HTML from their Markdown). The caller sums those inputs up in a key
(`key`). The cache keeps each page's notes as HTML, behind the digest of the Markdown they
were made from, in the same folder as the parse cache (outside the journal). Pages are not
kept a second time: the ledger (`Ledger`) records the key each page of an output folder was
made from, so a build after an edit makes and writes only what the edit changed, and equal
keys always give the bytes a cold build would make.

Nothing read from here is trusted blindly: every file starts with the SHA-256 of its bytes
and one that does not match (a torn write, a disk error, someone's editor) is ignored and its
entries made again; the folder is named after the tool's fingerprint, so another version's
entries are never read (and are removed). It holds one entry per page of the site. Files are
written atomically but not fsynced: a lost one only costs rendering.
"""

from __future__ import annotations

import hashlib
import operator
import pickle
import shutil
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from jobjournal.cache import store
from jobjournal.cache.chunks import ChunkStore
from jobjournal.cache.store import journal_cache_dir, tool_fingerprint
from jobjournal.core.files import atomic_stream, file_stamp

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


def _add(digest: Any, part: object, depth: int, known: Digests | None = None) -> None:
    # Only what is big is taken apart (a dashboard's rows, say); anything else is one repr,
    # which is quick. Every piece says what it is and how long it is, so no two inputs hash
    # alike.
    kind = type(part)
    if kind in (tuple, list) and (depth < 2 or _big(part)):
        digest.update(f"S{kind.__name__}{len(part)}[".encode())  # type: ignore[arg-type]
        if known is not None:  # by slices, each summed up once (see Digests)
            for start in range(0, len(part), SLICE):  # type: ignore[arg-type]
                digest.update(known.of_slice(tuple(part[start:start + SLICE])))  # type: ignore[index]
        else:
            for item in part:  # type: ignore[attr-defined]
                _add(digest, item, depth + 1)
        digest.update(b"]")
        return
    if kind is dict and (depth < 2 or _big(part)):
        digest.update(f"M{len(part)}{{".encode())  # type: ignore[arg-type]
        for name, item in part.items():  # type: ignore[attr-defined]
            _add(digest, name, depth + 1, known)
            _add(digest, item, depth + 1, known)
        digest.update(b"}")
        return
    if is_dataclass(part) and not isinstance(part, type):
        values = [(item.name, getattr(part, item.name)) for item in fields(part)]
        if any(_big(value) for _name, value in values):
            digest.update(f"D{kind.__module__}.{kind.__qualname__}(".encode())
            for name, value in values:
                digest.update(f"{name}=".encode())
                _add(digest, value, depth + 1, known)
            digest.update(b")")
            return
    text = repr(part).encode("utf-8", "surrogatepass")
    digest.update(b"R%d:" % len(text))
    digest.update(text)


# The slices Digests sums up lists by: the chunks the default theme renders them in.
SLICE = 128


class Digests:
    """`key` for one build's big pages and their chunks (kept.StoredChunks): a list is
    summed up a slice of SLICE items at a time, and each slice's digest is remembered while
    the build holds it, so a page's key and the keys of the chunks it is rendered in (the
    same slices of its rows, agenda items or people) hash each row once. A slice is
    remembered by its items' identities, holding them (so no id is reused meanwhile): only
    the very same objects find it. `clear` lets them go. The same values give the same key
    whether their digests were remembered or not."""

    def __init__(self) -> None:
        self._slices: dict[tuple[int, int, int], tuple[tuple[object, ...], bytes]] = {}

    def key(self, *parts: object) -> str:
        digest = hashlib.sha256()
        for part in parts:
            _add(digest, part, 0, self)
        return digest.hexdigest()

    def of_slice(self, items: tuple[object, ...]) -> bytes:
        if not items:
            return b"E"
        at = (id(items[0]), id(items[-1]), len(items))
        found = self._slices.get(at)
        if found is not None and all(map(operator.is_, found[0], items)):
            return found[1]
        digest = hashlib.sha256()
        for item in items:
            _add(digest, item, 2, self)  # the same depth wherever the slice is met
        self._slices[at] = (items, digest.digest())
        return digest.digest()

    def clear(self) -> None:
        self._slices.clear()


class RenderCache:
    """Each application page's notes as HTML, kept between builds; see the module docstring.
    (The big pages' chunks are kept beside them: see `chunks_for`.)

    One entry per page: the notes' HTML behind the digest of what it was made from, so an
    edit replaces the page's entry and the cache never holds more than the site. Each
    process of a build keeps the entries of the pages it handled (made, or skipped as
    unchanged) in its own checksummed file: the main process in `notes`, a forked worker
    (`as_worker`) in `notes-worker`. Both files are read before the fork (`load`), so no
    entry is handed from one process to the other, and every page is kept by exactly the
    process that handled it; an entry is used only for the very Markdown it was made from."""

    _FILE = "notes"
    _WORKER_FILE = "notes-worker"
    _LINKS_FILE = "links"

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.made: dict[str, bytes] = {}  # page path -> digest + HTML, made or found here
        self._found: dict[str, bytes] | None = None
        self._files: dict[str, dict[str, bytes]] = {}  # each file's entries, as read
        self._file = self._FILE
        self._handled: set[str] = set()
        # The dashboard's email links (render/drafts.py), by the digest of what each is made
        # of: read when first needed, by the process that makes the dashboard only, and let
        # go once it is made (`save_links`).
        self._links: dict[str, str] | None = None
        self._links_used: dict[str, str] = {}
        self._links_saved = False

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

    def load(self) -> None:
        """Read the entries now: before a fork, so both processes see them as they were."""
        self._entries()

    def as_worker(self) -> None:
        """In a forked worker: the pages it handles are kept in the worker's own file."""
        self._file = self._WORKER_FILE
        self.made = {}
        self._handled = set()

    def _entries(self) -> dict[str, bytes]:
        if self._found is None:
            self._found = {}
            if self.folder is not None:
                for name in (self._WORKER_FILE, self._FILE):  # the main file's entries last
                    self._files[name] = _read_checked(self.folder / name)
                    self._found.update(self._files[name])
        return self._found

    def link(self, key: str, make: Callable[[], str]) -> str:
        """The link kept under `key`, else `make()`'s (kept from now on). A forked worker
        drafts afresh: the main process, which makes the dashboard, keeps them all."""
        if self.folder is None or self._file == self._WORKER_FILE or self._links_saved:
            return make()
        if self._links is None:
            self._links = _read_checked(self.folder / self._LINKS_FILE, str)
        found = self._links_used.get(key)
        if found is None:  # ("" is a link too: a follow-up that is no email has none)
            found = self._links.get(key)
            if found is None:
                found = make()
            self._links_used[key] = found
        return found

    def save_links(self) -> None:
        """Once the dashboard is made: keep the links it used, and no others (what the next
        build will look for), then let them go; pages made after it draft their own."""
        if self.folder is not None and self._links_used and (
                self._links_used.keys() != (self._links or {}).keys()):
            _write_checked(self.folder / self._LINKS_FILE, self._links_used)
        self._links, self._links_used = {}, {}
        self._links_saved = True

    def chunks_for(self, page: str) -> ChunkStore:
        """The chunks of page `page` (see chunks.py), in a folder of the page's own: only the
        process making that page reads or writes it."""
        name = hashlib.sha256(page.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return ChunkStore(self.folder / "chunks" / name if self.folder is not None else None)

    def handled(self, path: str) -> None:
        """Page `path` is this process's, made or skipped: its entry is kept here."""
        self._handled.add(path)

    def notes(self, path: str, source: str, make: Callable[[], bytes]) -> bytes:
        """The HTML of page `path`'s notes, made by `make` from `source` (all it depends
        on) unless the entry kept for the page was made from the same."""
        if self.folder is None:
            return make()
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest()
        entry = self.made.get(path) or self._entries().get(path)
        if entry is None or entry[:_DIGEST] != digest:
            entry = digest + make()
        self.made[path] = entry
        return entry[_DIGEST:]

    def save(self, alone: bool) -> None:
        """Keep the entries of the pages this process handled: those it made or found, and
        the earlier ones of pages it did not need to make. `alone`: no worker took part, so
        the worker's old file goes (once this one is written)."""
        if self.folder is None:
            return
        found = self._entries()
        kept = {}
        for path in self._handled:
            entry = self.made.get(path) or found.get(path)
            if entry is not None:
                kept[path] = entry
        if kept != self._files.get(self._file) and not _write_checked(
                self.folder / self._file, kept):
            return  # the old files stay: they are only ever a cache
        if alone:
            try:
                (self.folder / self._WORKER_FILE).unlink(missing_ok=True)
            except OSError:
                pass  # a read-only cache folder only costs speed


def _write_checked(path: Path, entries: dict[str, bytes] | dict[str, str]) -> bool:
    """`entries` pickled behind their SHA-256, streamed to the file (never held whole);
    False when the disk would not take it (a read-only or full disk only costs speed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_stream(path) as stream:
            stream.write(bytes(_DIGEST))  # the checksum's place, filled in once it is known
            checked = _Hashing(stream)
            pickle.dump(entries, checked, pickle.HIGHEST_PROTOCOL)
            stream.seek(0)
            stream.write(checked.digest.digest())
    except OSError:
        return False
    return True


class _Hashing:
    """A stream that also sums up what goes through it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.stream.write(data)


def _read_checked(path: Path, kind: type[Any] = bytes) -> dict[str, Any]:
    """The entries (each a `kind`) of a checksummed file; none when it is torn, damaged or
    not ours."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    body = data[_DIGEST:]
    if len(data) < _DIGEST or hashlib.sha256(body).digest() != data[:_DIGEST]:
        return {}
    try:
        entries = pickle.loads(body)
    except Exception:  # checksummed, so only a foreign pickle
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, kind)}


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
        # The site is not flushed to disk, so after a power loss a page's file may keep its
        # stamp and lose its bytes: a ledger from before the last boot is not trusted.
        self.boot = _boot_id()
        pages = found.get(self.boot) if isinstance(found, dict) else None
        # path -> (key of the page's view, the file's stamp, key of the view's inputs)
        self.old: dict[str, tuple[str, object, str | None]] = (
            pages if isinstance(pages, dict) else {})
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
            store.store(self.journal_root, self.name, {self.boot: entries})


def _boot_id() -> str:
    """This boot of the machine (Linux), or "" where the system does not say."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""
