"""`jobjournal export`: the site's data files on standard output, for pipes and scripts.

The bytes are exactly those `jobjournal build` writes as applications.csv, journal.json and
followups.ics (same functions, same order), so a spreadsheet or a script can read the journal
without building the whole dashboard.
"""

from __future__ import annotations

import argparse
import sys

from jobjournal.commands.common import add_journal_arguments

HELP = "print the applications as CSV, the journal as JSON, or the calendar (ICS)"
EXAMPLES = """examples:
  jobjournal export --format csv > applications.csv     for a spreadsheet
  jobjournal export --format json ~/job-search | jq '.applications[].status'
  jobjournal export --format ics --today 2026-11-25 > followups.ics

The same files as 'jobjournal build' writes into _site/ (applications.csv, journal.json,
followups.ics); docs/journal-json.md describes the JSON.
exit codes: 0 written, 2 usage or configuration error, or a rule failed (the output is still
written, without that rule's findings and follow-ups)"""

FORMATS = ("csv", "json", "ics")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, required=True, help="what to print")
    add_journal_arguments(parser)


def export(report, fmt: str) -> bytes:  # type: ignore[no-untyped-def]
    """The bytes of one export, as the site has them."""
    if fmt == "ics":
        from jobjournal.render.feed import render_feed

        return render_feed(report)
    from jobjournal.render.dashboard import table_rows
    from jobjournal.render.exports import applications_csv, journal_json
    from jobjournal.render.site import build_stamp, due_now_is_today
    from jobjournal.render.views import lookups

    report = due_now_is_today(report)  # as the site's pages and exports have it
    rows = table_rows(report, lookups(report))  # the dashboard's table, in its order
    if fmt == "csv":
        return applications_csv(report, rows)
    return journal_json(report, rows, build_stamp(report.now))


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.checker import run_checks
    from jobjournal.commands.common import load

    journal, now = load(args)
    report = run_checks(journal, now)
    data = export(report, args.format)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if report.internal_error:
        print("jobjournal: a rule failed, so the export lacks its results; run "
              "'jobjournal check' for details", file=sys.stderr)
        return 2
    return 0
