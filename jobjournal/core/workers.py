"""Whether to share work with a forked worker process: one decision for loading and rendering."""

from __future__ import annotations

import os
import sys
import threading


def can_fork(count: int, minimum: int) -> bool:
    """Whether sharing `count` items with a forked worker is worth it and safe: enough work,
    two cores, Linux (fork is the safe default there), and no other threads (`serve` has
    them, and forking a threaded process can deadlock the child)."""
    return (count >= minimum and (os.cpu_count() or 1) > 1 and sys.platform == "linux"
            and threading.active_count() == 1)
