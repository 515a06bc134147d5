"""`jobjournal build`: check the journal, then write the dashboard, feed and exports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jobjournal.commands.common import add_journal_arguments

HELP = "check the journal and build the dashboard, followups.ics and exports"
EXAMPLES = """examples:
  jobjournal build                       into _site/ (or 'output' in jobjournal.toml)
  jobjournal build ~/job-search -o /tmp/site
  jobjournal build --today 2026-11-25    as if it were that day (reproducible)

The findings are printed exactly as 'jobjournal check' prints them; a journal with errors
still gets its site. Open OUT/index.html in a browser, or subscribe to OUT/followups.ics.

exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage, configuration or
output error"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_journal_arguments(parser)
    parser.add_argument("-o", "--output", metavar="OUT", type=Path,
                        help="the output folder (default: 'output' in jobjournal.toml, _site)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="how to print the findings (default: text)")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.reporters import format_report, use_colour
    from jobjournal.commands.common import error, prepare
    from jobjournal.core.memory import return_big_buffers
    from jobjournal.pipeline import replay
    from jobjournal.pipeline.run import BuildError, build_report, checked, output_folder

    return_big_buffers()  # a build's biggest pages are not kept resident once written
    prepared = prepare(args)
    colour = args.format == "text" and use_colour(sys.stdout)
    target = (args.output or prepared.root / prepared.config.output).expanduser().resolve()
    run = checked(prepared, "build", str(target), (args.format, str(colour), str(target)),
                  lambda report: format_report(report, args.format, colour),
                  exact_now=args.format == "json")
    if run.known is not None:
        print(f"Nothing changed since the last build: {len(run.known.outputs)} files up to "
              f"date in {target}", file=sys.stderr)
        return replay.replay(run.known, args.strict)
    report = run.report
    assert report is not None
    sys.stdout.write(run.printed)
    sys.stdout.flush()
    try:
        result = build_report(report, args.output)
    except BuildError as problem:
        return error(str(problem))
    changed = len(result.written)
    removed = f", {len(result.removed)} removed" if result.removed else ""
    print(f"Wrote {result.files} files ({changed} changed{removed}) to "
          f"{output_folder(report, args.output)}", file=sys.stderr)
    # The folders too: a build killed while writing leaves a temporary file in one, which
    # changes the folder, so the next build really runs and removes it.
    folders = sorted({Path(name).parent.as_posix() for name in result.names})
    replay.remember(prepared.root, "build", str(target), run.fingerprint, run.printed, report,
                    replay.output_signatures(result.out, [*result.names, *folders]),
                    valid_until=run.valid_until)
    return report.exit_code(args.strict)
