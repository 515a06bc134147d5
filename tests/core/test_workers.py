"""The forked worker: what the parent holds at the fork is out of the collector's reach."""

from __future__ import annotations

import gc
import os
import sys

import pytest

from jobjournal.core import workers


def _pid() -> int:
    return os.getpid()


@pytest.mark.skipif(sys.platform != "linux", reason="the build forks on Linux only")
def test_a_forked_pool_freezes_what_is_alive_and_really_forks() -> None:
    held = [{"record": n} for n in range(1000)]  # stands for the journal a build holds
    gc.unfreeze()
    try:
        with workers.forked_pool() as pool:
            assert gc.get_freeze_count() >= len(held)
            assert pool.submit(_pid).result() != os.getpid()
    finally:
        gc.unfreeze()
