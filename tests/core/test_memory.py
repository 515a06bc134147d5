"""core/memory.py: once asked, glibc hands a big freed buffer back to the system, so a
build's peak memory does not keep the size of its biggest page after writing it."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

# In a fresh interpreter: a 24 MiB buffer made and freed, then another; how much of the
# second stays resident once it is freed too (in MiB).
_PROBE = """
import sys
from jobjournal.core.memory import return_big_buffers
if sys.argv[1] == "on":
    assert return_big_buffers()
def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024
size = 24 * 1024 * 1024
first = b"x" * size
del first
before = rss()
second = b"y" * size
del second
print(rss() - before)
"""


def _kept_mib(mode: str) -> float:
    done = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True,
                          text=True, timeout=60, check=True)
    return float(done.stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")
def test_a_big_freed_buffer_is_given_back_once_asked() -> None:
    assert _kept_mib("off") > 16  # glibc's default: the second buffer stays resident
    assert _kept_mib("on") < 4
