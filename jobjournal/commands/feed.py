"""`jobjournal feed`: just the calendar of follow-ups, for people who publish it elsewhere.

`build` puts the same `followups.ics` in the site; this command writes it alone, to stdout or
to a file (atomically, so a web server never serves half a calendar).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobjournal.commands.common import add_journal_arguments, load

HELP = "write the calendar of follow-ups and interviews (followups.ics)"
EXAMPLES = """examples:
  jobjournal feed > followups.ics        the feed of this folder's journal, on stdout
  jobjournal feed ~/job-search -o /srv/www/private-3f9c/followups.ics
  jobjournal feed --today 2026-11-25     as if it were that day (reproducible)

The same calendar as 'jobjournal build' writes to _site/followups.ics. See docs/calendar.md
for subscribing in Google Calendar, Apple Calendar, Outlook and Thunderbird.
exit codes: 0 written, 2 usage or configuration error, or a rule failed (the feed is still
written, without that rule's follow-ups)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_journal_arguments(parser)
    parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                        help="write to FILE instead of stdout ('-' for stdout)")


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.checker import run_checks
    from jobjournal.commands.common import error
    from jobjournal.core.files import atomic_write
    from jobjournal.render.feed import render_feed

    journal, now = load(args)
    report = run_checks(journal, now)
    data = render_feed(report)
    target: Path | None = args.output
    if target is None or str(target) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        if target.is_dir():
            return error(f"{target}: is a folder; name the file, e.g. {target / 'followups.ics'}")
        if not _replaceable(target):  # `-o a.md` by a slip of tab completion: keep the file
            return error(f"{target}: exists and is not a calendar; not overwriting it")
        try:
            atomic_write(target, data)
        except OSError as problem:
            return error(f"{target}: cannot write the feed: {problem.strerror or problem}")
    if report.internal_error:
        print("jobjournal: a rule failed, so the feed lacks its follow-ups; run "
              "'jobjournal check' for details", file=sys.stderr)
        return 2
    return 0


def _replaceable(target: Path) -> bool:
    """Whether writing the feed to `target` loses nothing: it is new, or a calendar already."""
    if not target.exists():
        return True
    if not target.is_file():  # a pipe or a device: opening it to look could block
        return False
    try:
        with open(target, "rb") as stream:
            return stream.read(15) == b"BEGIN:VCALENDAR"
    except OSError:
        return False
