"""The only module of `jobjournal.sync` that imports the rest of jobjournal.

Sync sends exactly the events of `followups.ics`, so it makes the feed the way `jobjournal
feed` does (run the checks on the loaded journal, render) and works on the bytes from there.
It also keeps a small memory in jobjournal's cache folder, written atomically. Keeping these
imports here means a move of the package's modules changes a few lines. The journal itself
is loaded by the command (`jobjournal.commands.sync`), since only the command line may use
the commands' shared loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from jobjournal.cache.store import cache_root
from jobjournal.core.files import atomic_write
from jobjournal.render.feed import UID_DOMAIN

if TYPE_CHECKING:
    from jobjournal.core.model import Journal

__all__ = ["UID_DOMAIN", "Feed", "atomic_write", "cache_root", "make_feed"]


@dataclass(frozen=True)
class Feed:
    """The feed's bytes, and whether a rule failed (so some follow-ups are missing)."""

    data: bytes
    incomplete: bool


def make_feed(journal: Journal, now: datetime) -> Feed:
    """The feed of `journal` at `now`, as `jobjournal feed` writes it."""
    from jobjournal.check.checker import run_checks
    from jobjournal.render.feed import render_feed

    report = run_checks(journal, now)
    return Feed(render_feed(report), bool(report.internal_error))
