"""What rendering keeps: serve's pages and template fragments in memory, a build's chunks on
disk, and the signature of a theme's templates that the build's keys include
(jobjournal/cache/renders.py).

Both rest on one rule: an output is a pure function of what its key holds (a page of its
template, the site's header data and its view), so equal keys give equal bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from jobjournal.cache import renders
from jobjournal.cache.chunks import ChunkStore
from jobjournal.core.files import Stamp, file_stamp, files_under
from jobjournal.core.themes import default_theme
from jobjournal.render.theme import Theme, environment


class Fragments:
    """The template helper `cached(macro, *args)` for `serve`: a macro's output is a function
    of its arguments (views that compare by value), so a row of the applications table or
    an agenda item is rendered once and reused until it changes. Arguments are told apart by
    identity (strings by value): the views are remembered objects (jobjournal.cache.memo).

    `cached_each` keeps whole runs of items too: the chunks of the last generation (a render
    of the site) are kept, the pieces for as long as a kept chunk may need them, so that when
    an item is added or removed and the chunks after it shift, their items are still found."""

    def __init__(self) -> None:
        self.kept: dict[Hashable, tuple[tuple[object, ...], str]] = {}
        self.fresh: dict[Hashable, tuple[tuple[object, ...], str]] = {}
        self.chunks: dict[Hashable, _Chunk] = {}
        self.fresh_chunks: dict[Hashable, _Chunk] = {}

    def __call__(self, macro: Callable[..., str], *args: object) -> str:
        return self._one(_code_of(macro), macro, args)[1]

    def _one(self, code: object, macro: Callable[..., str], args: tuple[object, ...]
             ) -> tuple[Hashable, str]:
        # Keyed by the arguments' identities (the views are remembered objects, see
        # jobjournal.cache.memo), so no view is hashed field by field; the entry holds the
        # arguments, so an id cannot be reused while it is kept.
        key = (code, *[arg if isinstance(arg, str) else id(arg) for arg in args])
        entry = self.fresh.get(key) or self.kept.get(key)
        if entry is None or entry[0] != args:  # immediate for the same objects
            entry = (args, macro(*args))
        self.fresh[key] = entry
        return key, entry[1]

    def each(self, macro: Callable[..., str], root: str, items: Iterable[object]) -> Markup:
        """`{{ cached_each(m.finding, root, items) }}`: the items one after another, with one
        call from the template instead of one per item (Jinja's calls are not cheap). A run
        of the very same items as last time is found whole: an edit touches few chunks."""
        code = _code_of(macro)
        items = tuple(items)
        key = (code, root, *map(id, items))
        # The same ids are the same objects: a kept chunk holds its items, so none of their
        # ids can be another object's while it is kept.
        chunk = self.fresh_chunks.get(key) or self.chunks.get(key)
        if chunk is None:
            pieces = [self._one(code, macro, (root, item)) for item in items]
            chunk = _Chunk(items, "".join([text for _key, text in pieces]),
                           tuple(piece_key for piece_key, _text in pieces))
        self.fresh_chunks[key] = chunk
        return Markup(chunk.text)

    def finish(self) -> None:
        if not (self.fresh or self.fresh_chunks):
            return  # a generation that rendered nothing keeps what the last one made
        self.chunks, self.fresh_chunks = self.fresh_chunks, {}
        used = len(self.fresh) + sum(len(chunk.pieces) for chunk in self.chunks.values())
        self.kept.update(self.fresh)  # in place: no copy of what did not change
        if len(self.kept) > 2 * used + 256:  # now and then, drop what nothing kept needs
            needed = {key for chunk in self.chunks.values() for key in chunk.pieces}
            needed.update(self.fresh)
            self.kept = {key: entry for key, entry in self.kept.items() if key in needed}
        self.fresh = {}


class StoredChunks:
    """`cached_each` for a build: each chunk of items comes from the render cache's chunk
    store when it holds one made from the same inputs, so after an edit only the chunks that
    hold what changed are rendered. A chunk's key sums up the macro (by its template and
    place in it), `base` (the tool, the templates' contents, the site's header data and the
    page's own small values such as its day: see site.py), the root and the items' reprs,
    which for the views' frozen dataclasses list every field (by slices, `renders.Digests`,
    most already found by the page's key); the theme's contract (docs/themes.md) is that the
    macro's output depends on nothing else."""

    def __init__(self, store: ChunkStore, base: str, digests: renders.Digests) -> None:
        self.store = store
        self.base = base
        self.digests = digests

    def each(self, macro: Callable[..., str], root: str, items: Iterable[object]) -> Markup:
        code = _code_of(macro)
        if not hasattr(code, "co_filename"):  # not a template's macro: nothing names it
            return Markup("".join([macro(root, item) for item in items]))
        items = tuple(items)
        key = self.digests.key(self.base, "chunk", code.co_filename,  # type: ignore[attr-defined]
                               code.co_firstlineno,  # type: ignore[attr-defined]
                               getattr(macro, "name", ""), root, items)
        text = self.store.get(key)
        if text is None:
            text = "".join([macro(root, item) for item in items])
            self.store.put(key, text)
        return Markup(text)


@dataclass(frozen=True, slots=True)
class _Chunk:
    items: tuple[object, ...]  # held, so no id in the key is reused while it is kept
    text: str
    pieces: tuple[Hashable, ...]  # the keys of its items' own entries


def _code_of(macro: Callable[..., str]) -> object:
    """What stays the same of a macro: Jinja makes it anew on every render, not its code."""
    return getattr(getattr(macro, "_func", None), "__code__", None) or macro


class PageCache:
    """Pages kept between renders by `serve`: a page is a pure function of its template, the
    site's header data and its view, so equal keys give equal bytes. Only the newest render's
    pages are kept. Also keeps the compiled templates and their Fragments."""

    def __init__(self) -> None:
        self.pages: dict[Hashable, bytes] = {}
        self.fresh: dict[Hashable, bytes] = {}
        self.hits = 0
        self._environment: tuple[object, Hashable] | None = None
        self.fragments = Fragments()

    def get(self, key: Hashable) -> bytes | None:
        found = self.pages.get(key)
        if found is not None:
            self.hits += 1
            self.fresh[key] = found
        return found

    def put(self, key: Hashable, page: bytes) -> None:
        self.fresh[key] = page

    def finish(self) -> None:
        self.pages, self.fresh = self.fresh, {}
        self.fragments.finish()

    def environment(self, theme: Theme) -> tuple[object, Hashable]:
        """The theme's Jinja2 environment, compiled once and reused until a template file
        changes; and a key that changes with them, for the pages."""
        signature = (theme, _template_signature(theme))
        if self._environment is None or self._environment[1] != signature:
            env = environment(theme)
            self.fragments = Fragments()  # made by the old templates: start again
            env.globals["cached"] = self.fragments
            env.globals["cached_each"] = self.fragments.each
            self._environment = (env, signature)
        return self._environment


def template_contents(theme: Theme) -> tuple[tuple[str, str], ...]:
    """Every template file of the theme's chain, by path, with the SHA-256 of its bytes: the
    part of a page's key that changes when any template (or the set of them) does."""
    found = []
    for path in files_under((*theme.template_dirs, default_theme() / "templates")):
        try:
            with open(path, "rb") as stream:
                digest = hashlib.sha256(stream.read()).hexdigest()
        except OSError:
            digest = "unreadable"
        found.append((path, digest))
    return tuple(sorted(found))


def _template_signature(theme: Theme) -> tuple[tuple[str, Stamp], ...]:
    found = []
    for path in files_under(theme.template_dirs):
        stamp = file_stamp(path)
        if stamp is not None:
            found.append((path, stamp))
    return tuple(sorted(found))
