"""`jobjournal sync`, step by step: settings, feed, calendar, listing, plan, writes, report.

Exit codes: 0 done (events changed in the calendar are kept and reported, which is not a
failure); 1 some events could not be written; 2 a configuration, connection or login error,
a refused plan (an empty feed facing many events), or a rule failure (then nothing is
deleted, since the feed lacks that rule's follow-ups).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from functools import partial
from typing import TYPE_CHECKING

from jobjournal.sync.apply import Outcome, apply_plan
from jobjournal.sync.client import Resource, Server, SyncError, resource_href
from jobjournal.sync.events import Listed, read_listed, split_feed
from jobjournal.sync.feed_events import UID_DOMAIN, cache_root, make_feed
from jobjournal.sync.memory import Known, memory_file, recall, remember
from jobjournal.sync.plan import Refused, make_plan
from jobjournal.sync.report import begin, tally
from jobjournal.sync.settings import SettingsError, load_settings

if TYPE_CHECKING:
    from jobjournal.sync.feed_events import Journal


def run_sync(args: argparse.Namespace, load: Callable[[], tuple[Journal, datetime]]) -> int:
    """The command, on the options in `args` and the journal `load` reads (after the
    settings, so a missing password is said before a large journal is read)."""
    try:
        settings = load_settings(args.calendar)
    except SettingsError as problem:
        return _error(str(problem))
    feed = make_feed(*load())
    zone, wanted = split_feed(feed.data)
    name, origin = settings.calendar, settings.origin
    try:
        server = Server(settings)
    except SyncError as problem:
        return _error(str(problem))
    try:
        url, created = server.find_calendar(name, create=not args.dry_run)
        if url is None:
            _print(f"the calendar '{name}' is not on {origin} yet; sync would create it")
        elif created:
            _print(f"created the calendar '{name}' on {origin}")
        resources = server.list_events(url) if url else []
        memory = memory_file(cache_root(), origin, settings.username, url) if url else None
        listed = _ours(resources, recall(memory), zone)
        plan = make_plan(wanted, listed, href_for=partial(resource_href, url or settings.url),
                         force=args.force, complete=not feed.incomplete)
        lost = None
        if args.dry_run:
            result = tally(plan, None, args.force)
            _print(*result.lines)
        else:
            result = begin(plan, args.force)
            _print(*result.lines)
            outcomes, lost = apply_plan(plan.changes, server, force=args.force,
                                        progress=lambda outcome: _print(result.add(outcome)))
            remember(memory, _written(listed, outcomes))
    except Refused as problem:
        return _error(f"{problem}; nothing written")
    except SyncError as problem:
        return _error(str(problem))
    finally:
        server.close()
    _print(result.summary(args.dry_run))
    if lost is not None:
        return _error(f"{lost}; the calendar is part-way: run sync again to finish")
    if feed.incomplete:
        return _error("a rule failed, so the feed lacks its follow-ups and no event was "
                      "deleted; run 'jobjournal check' for details")
    return 1 if result.failed else 0


def _print(*lines: str | None) -> None:
    """Lines as they come, so a long first sync shows its progress. A reader that goes
    away (`jobjournal sync | head`) must not stop the writes half-way: the rest of the
    output is dropped instead."""
    for line in lines:
        if line is None:
            continue
        try:
            print(line, flush=True)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _error(message: str) -> int:
    print(f"jobjournal: {message}", file=sys.stderr)
    return 2


def _ours(resources: Sequence[Resource], known: dict[str, Known], zone: tzinfo) -> list[Listed]:
    """Our events among the listed resources: those still at the version we wrote straight
    from the memory, the others read in full."""
    listed = []
    for resource in resources:
        memo = known.get(resource.href)
        if memo is not None and resource.etag == memo.etag:
            listed.append(Listed(memo.uid, resource.href, resource.etag, memo.stored, False,
                                 memo.summary, memo.day))
            continue
        item = read_listed(resource.href, resource.etag, resource.data, UID_DOMAIN, zone)
        if item is not None:
            listed.append(item)
    return listed


def _written(listed: Sequence[Listed], outcomes: Sequence[Outcome]) -> dict[str, Known]:
    """The memory after a sync: what was found as we wrote it, and what we just wrote."""
    known = {item.href: Known(item.etag, item.uid, item.stored, item.summary, item.day)
             for item in listed if not item.edited and _strong(item.etag)}
    for outcome in outcomes:
        change = outcome.change
        known.pop(change.href, None)
        if outcome.status == "done" and change.kind != "delete" and _strong(outcome.etag):
            known[change.href] = Known(str(outcome.etag), change.uid, change.digest,
                                       change.summary, change.day)
    return known


def _strong(etag: str | None) -> bool:
    return bool(etag) and not str(etag).startswith("W/")
