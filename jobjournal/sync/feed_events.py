"""The only module of `jobjournal.sync` that imports the rest of jobjournal.

Sync sends exactly the events of `followups.ics`, so it makes the feed the way `jobjournal
feed` does (load the journal, run the checks, render) and works on the bytes from there. It
also keeps a small memory in jobjournal's cache folder, written atomically. Keeping these
imports here means a move of the package's modules changes a few lines.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from jobjournal.cache import cache_root
from jobjournal.feed import UID_DOMAIN
from jobjournal.fsutil import atomic_write

__all__ = ["UID_DOMAIN", "Feed", "atomic_write", "cache_root", "make_feed"]


@dataclass(frozen=True)
class Feed:
    """The feed's bytes, and whether a rule failed (so some follow-ups are missing)."""

    data: bytes
    incomplete: bool


def make_feed(args: argparse.Namespace) -> Feed:
    """The feed of the journal named by the command's arguments (JOURNAL, --today)."""
    from jobjournal.checker import run_checks
    from jobjournal.commands.common import load
    from jobjournal.feed import render_feed

    journal, now = load(args)
    report = run_checks(journal, now)
    return Feed(render_feed(report), bool(report.internal_error))
