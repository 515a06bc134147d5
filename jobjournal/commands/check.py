"""`jobjournal check`: lint the journal against the format and the advice rules."""

from __future__ import annotations

import argparse
import sys

from jobjournal.commands.common import add_journal_arguments

HELP = "check the journal against the format and the advice rules"
EXAMPLES = """examples:
  jobjournal check                       check the journal in this folder
  jobjournal check ~/job-search --strict fail on warnings too (for CI and hooks)
  jobjournal check --format json         machine-readable findings and follow-ups
  jobjournal check --today 2026-11-25    as if it were that day (reproducible)

exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage or configuration error"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_journal_arguments(parser)
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.reporters import format_report, use_colour
    from jobjournal.commands.common import prepare
    from jobjournal.pipeline import replay
    from jobjournal.pipeline.run import checked

    prepared = prepare(args)
    colour = args.format == "text" and use_colour(sys.stdout)
    run = checked(prepared, "check", "", (args.format, str(colour)),
                  lambda report: format_report(report, args.format, colour),
                  exact_now=args.format == "json")
    if run.known is not None:
        return replay.replay(run.known, args.strict)
    assert run.report is not None
    sys.stdout.write(run.printed)
    replay.remember(prepared.root, "check", "", run.fingerprint, run.printed, run.report,
                    valid_until=run.valid_until)
    return run.report.exit_code(args.strict)
