"""Both cores kept busy: a forked worker makes part of the site while this process makes
the rest, and the bytes are the same as from one process (tests/render/test_parallel_render).

The worker inherits the renderer at the fork, so nothing is pickled on the way in; only what
the sink said of each file (or the files, without a sink) and the ledger's new keys come
back; it keeps the notes of its pages in its own file of the render cache. Each
process first makes its own shared files (the worker the ones named `workers_files`), then
both take the application pages in chunks from a shared counter, so neither waits for the
other at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Protocol

from jobjournal.core import workers

if TYPE_CHECKING:
    from jobjournal.cache.renders import Ledger
    from jobjournal.check.checker import Report

# Below this many applications a worker process costs more than it saves.
PARALLEL_MIN_APPLICATIONS = 120
# Application pages are shared out in chunks of at most this many (fewer for small journals).
CHUNK = 16

# A page as bytes, or (a big one, for a sink) as its pieces in order.
Made = bytes | Iterable[bytes]
Sink = Callable[[str, Made], object]


class Renderer(Protocol):
    """What sharing needs of site.py's renderer."""

    report: Report
    ledger: Ledger | None

    def applications(self, start: int, stop: int) -> Mapping[str, bytes | None]: ...
    def shared(self, which: Callable[[str], bool]) -> Iterator[tuple[str, Made]]: ...
    def statics(self) -> Iterator[tuple[str, bytes]]: ...
    def before_fork(self) -> None: ...
    def as_worker(self) -> None: ...
    def save_cache(self, alone: bool) -> None: ...


def can_fork(count: int) -> bool:
    return count >= 2 and workers.can_fork(count, PARALLEL_MIN_APPLICATIONS)


def deliver(files: Mapping[str, bytes | None] | Iterator[tuple[str, Made | None]],
            sink: Sink | None) -> dict[str, object]:
    """The files themselves, or what `sink` says of each once it has them (then dropped).
    None stands for a page the output folder already holds (see Ledger): nothing to write.
    Given as pairs, each file is made only when the one before it is delivered."""
    pairs = files.items() if isinstance(files, Mapping) else files
    if sink is None:
        return dict(pairs)
    return {path: False if data is None else sink(path, data) for path, data in pairs}


@dataclass
class _Shared:
    """Application pages in chunks, taken by whichever process is free next, so both cores
    stay busy to the end; the first chunk is the parent's and the last the worker's, so both
    always take part."""

    renderer: Renderer
    sink: Sink | None
    workers_files: frozenset[str]
    chunk: int
    chunks: int
    counter: object  # a multiprocessing.Value shared by the two processes

    def take(self) -> int | None:
        with self.counter.get_lock():  # type: ignore[attr-defined]
            index = self.counter.value  # type: ignore[attr-defined]
            if index >= self.chunks - 1:
                return None
            self.counter.value = index + 1  # type: ignore[attr-defined]
        return index

    def run(self, first: int) -> dict[str, object]:
        done: dict[str, object] = {}
        index: int | None = first
        count = len(self.renderer.report.journal.applications)
        while index is not None:
            start = index * self.chunk
            pages = self.renderer.applications(start, min(start + self.chunk, count))
            done.update(deliver(pages, self.sink))
            index = self.take()
        return done


# The work a forked worker inherits: set just before the fork, cleared after.
_INHERITED: _Shared | None = None


def _worker(chunks: int) -> tuple[dict[str, object], dict[str, tuple[str, str | None]]]:
    shared = _INHERITED
    assert shared is not None
    renderer = shared.renderer
    renderer.as_worker()
    done = deliver(renderer.shared(shared.workers_files.__contains__), shared.sink)
    done.update(shared.run(chunks - 1))
    renderer.save_cache(alone=False)
    ledger = renderer.ledger
    return done, ledger.new if ledger is not None else {}


def render_in_two(renderer: Renderer, sink: Sink | None, workers_files: frozenset[str]
                  ) -> dict[str, object]:
    """Every file of the site, made by this process and a forked worker: what `deliver`
    gives for each. The worker keeps the notes of its pages itself."""
    global _INHERITED
    count = len(renderer.report.journal.applications)
    chunk = max(1, min(CHUNK, count // 8))
    chunks = -(-count // chunk)
    renderer.before_fork()
    shared = _Shared(renderer, sink, workers_files, chunk, chunks,
                     workers.fork_context().Value("i", 1))
    _INHERITED = shared
    try:
        with workers.forked_pool() as pool:
            theirs = pool.submit(_worker, chunks)
            done = deliver(chain(renderer.shared(lambda path: path not in workers_files),
                                 renderer.statics()), sink)
            done.update(shared.run(0))
            found, keys = theirs.result()
            done.update(found)
            if renderer.ledger is not None:
                renderer.ledger.new.update(keys)
    finally:
        _INHERITED = None
    return done
