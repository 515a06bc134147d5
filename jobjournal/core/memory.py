"""How a build asks the C allocator to give big freed buffers back to the system.

A build makes a few buffers as big as its largest files (the dashboard, people.html,
journal.json: megabytes each for a journal of thousands). glibc's malloc serves such a buffer
with its own mapping and unmaps it when freed, but then raises that size threshold to the
buffer's size, so the next ones come from the heap and stay resident after they are freed:
the build's peak memory grows by the size of its biggest pages. Fixing the threshold keeps
big buffers mapped apart, so each one is returned once freed. Elsewhere (not glibc) this does
nothing.
"""

from __future__ import annotations

import sys

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number in glibc's malloc.h
_THRESHOLD = 128 * 1024  # glibc's own starting value


def return_big_buffers() -> bool:
    """Keep glibc's mmap threshold where it starts (setting it also stops its growth);
    whether that was done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # another C library, or none found
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, _THRESHOLD))
