"""The forked worker: what the parent holds is out of the collector's reach while it works."""

from __future__ import annotations

import gc
import os
import sys

import pytest

from jobjournal.core import workers


def _pid() -> int:
    return os.getpid()


@pytest.mark.skipif(sys.platform != "linux", reason="the build forks on Linux only")
def test_what_is_alive_is_frozen_while_the_worker_works_and_only_then() -> None:
    held = [{"record": n} for n in range(1000)]  # stands for the journal a build holds
    gc.unfreeze()
    with workers.forked_pool() as pool:
        assert gc.get_freeze_count() >= len(held)
        assert pool.submit(_pid).result() != os.getpid()
    assert gc.get_freeze_count() == 0  # a process that lives on can free it again


def _fail() -> None:
    raise ZeroDivisionError("the worker's work failed")


@pytest.mark.skipif(sys.platform != "linux", reason="the build forks on Linux only")
def test_what_is_frozen_is_handed_back_when_the_work_fails_too() -> None:
    gc.unfreeze()
    with pytest.raises(ZeroDivisionError), workers.forked_pool() as pool:
        assert gc.get_freeze_count() > 0
        pool.submit(_fail).result()
    assert gc.get_freeze_count() == 0
