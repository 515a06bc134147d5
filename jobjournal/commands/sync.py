"""`jobjournal sync`: the follow-ups in your own CalDAV calendar, on every device at once.

The work is in `jobjournal.sync`; this module only declares the command line, and imports
the `caldav` library only when the command runs.
"""

from __future__ import annotations

import argparse

from jobjournal.commands.common import add_journal_arguments

HELP = "put the follow-ups in your own CalDAV calendar (Nextcloud, Fastmail, iCloud, ...)"
EXAMPLES = """examples:
  jobjournal sync                        this folder's journal to the calendar in the settings
  jobjournal sync ~/job-search --dry-run what would change, writing nothing
  jobjournal sync --calendar "Jobs"      another calendar (made when missing)

The events are those of followups.ics. Settings (server, user, password command) are in
~/.config/jobjournal/config.toml, table [caldav], or JOBJOURNAL_CALDAV_URL,
JOBJOURNAL_CALDAV_USERNAME and JOBJOURNAL_CALDAV_PASSWORD; see docs/calendar.md.
Only events sync wrote are changed or deleted; one you edited in your calendar is kept
(reported with '!') unless --force.
exit codes: 0 in step, 1 some events could not be written, 2 configuration, connection or
login error, or a refusal (an empty feed would delete many events; a rule failed)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_journal_arguments(parser)
    parser.add_argument("--calendar", metavar="NAME",
                        help="the calendar's name (default: from the settings, else "
                             "'Job search follow-ups')")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would change and write nothing")
    parser.add_argument("--force", action="store_true",
                        help="overwrite or delete events changed in the calendar, and allow "
                             "an empty feed to delete them all")


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import load
    from jobjournal.sync.main import run_sync

    return run_sync(args, lambda: load(args))
