"""`jobjournal sync`, step by step: settings, feed, calendar, listing, plan, writes, report.

Exit codes: 0 done (events changed in the calendar are kept and reported, which is not a
failure); 1 some events could not be written; 2 a configuration, connection or login error,
a refused plan (an empty feed facing many events), or a rule failure (then nothing is
deleted, since the feed lacks that rule's follow-ups).
"""

from __future__ import annotations

import argparse
import sys
from functools import partial

from jobjournal.sync.apply import apply_plan
from jobjournal.sync.client import Server, SyncError, resource_href
from jobjournal.sync.events import read_listed, split_feed
from jobjournal.sync.feed_events import UID_DOMAIN, make_feed
from jobjournal.sync.plan import Refused, make_plan
from jobjournal.sync.report import tally
from jobjournal.sync.settings import SettingsError, load_settings


def run_sync(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.calendar)
    except SettingsError as problem:
        return _error(str(problem))
    feed = make_feed(args)
    zone, wanted = split_feed(feed.data)
    name, origin = settings.calendar, settings.origin
    server = Server(settings)
    try:
        url, created = server.find_calendar(name, create=not args.dry_run)
        if url is None:
            print(f"the calendar '{name}' is not on {origin} yet; sync would create it")
        elif created:
            print(f"created the calendar '{name}' on {origin}")
        resources = server.list_events(url) if url else []
        listed = [item for item in (read_listed(r.href, r.etag, r.data, UID_DOMAIN, zone)
                                    for r in resources) if item is not None]
        plan = make_plan(wanted, listed, href_for=partial(resource_href, url or settings.url),
                         force=args.force, complete=not feed.incomplete)
        if args.dry_run:
            result = tally(plan, None, args.force)
            lost = None
        else:
            outcomes, lost = apply_plan(plan.changes, server, force=args.force)
            result = tally(plan, outcomes, args.force)
    except Refused as problem:
        return _error(f"{problem}; nothing written")
    except SyncError as problem:
        return _error(str(problem))
    finally:
        server.close()
    for line in result.lines:
        print(line)
    print(result.summary(args.dry_run))
    sys.stdout.flush()
    if lost is not None:
        return _error(f"{lost}; the calendar is part-way: run sync again to finish")
    if feed.incomplete:
        return _error("a rule failed, so the feed lacks its follow-ups and no event was "
                      "deleted; run 'jobjournal check' for details")
    return 1 if result.failed else 0


def _error(message: str) -> int:
    print(f"jobjournal: {message}", file=sys.stderr)
    return 2
