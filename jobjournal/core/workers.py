"""Whether and how to share work with a forked worker: one home for loading and rendering."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import ForkContext


def can_fork(count: int, minimum: int) -> bool:
    """Whether sharing `count` items with a forked worker is worth it and safe: enough work,
    two cores, Linux (fork is the safe default there), and no other threads (`serve` has
    them, and forking a threaded process can deadlock the child)."""
    return (count >= minimum and (os.cpu_count() or 1) > 1 and sys.platform == "linux"
            and threading.active_count() == 1)


def fork_context() -> ForkContext:
    import multiprocessing

    return multiprocessing.get_context("fork")


@contextmanager
def forked_pool() -> Iterator[ProcessPoolExecutor]:
    """One forked worker. While it works, what was alive at the fork (the journal, its
    report) is out of the garbage collector's reach (`gc.freeze`): both processes keep it to
    the end of the work anyway, so neither spends time walking it again, and the collector
    no longer writes into every object's header in the worker, which would copy the pages
    the two processes share. It is handed back to the collector afterwards, so a process
    that lives on frees whatever of it becomes garbage."""
    from concurrent.futures import ProcessPoolExecutor

    gc.freeze()
    try:
        with ProcessPoolExecutor(1, mp_context=fork_context()) as pool:
            yield pool
    finally:
        gc.unfreeze()
