"""The command line: a thin dispatcher to one module per command (as MkDocs does).

Command modules import their heavy dependencies inside `run`, so `jobjournal check` never
loads Jinja2, markdown-it or watchdog.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from typing import NoReturn

from jobjournal import __version__

COMMANDS = ("check", "agenda", "show", "log", "done", "rules", "init", "new", "build", "feed",
            "serve", "export", "import", "draft", "sync", "completion", "lsp", "schema")

DESCRIPTION = """Keep your job search as plain Markdown files: one per application, facts in
the front matter, notes below. jobjournal checks it against advice for the days after an
interview, and builds a dashboard and a calendar of what to do next."""

EPILOG = """examples:
  jobjournal init ~/job-search           start a journal
  jobjournal new "Northwind" "Analyst"   add an application
  jobjournal check                       what needs attention, with file:line
  jobjournal agenda                      what to do this week
  jobjournal build                       the dashboard and followups.ics in _site/
  jobjournal serve                       the dashboard, rebuilt on every save
  jobjournal log northwind thank-you --to "Tom Becker"   record what you did
  jobjournal show northwind              a card for when the recruiter calls

'jobjournal COMMAND --help' explains each command."""


def _command_module(name: str):  # type: ignore[no-untyped-def]
    # `import` is a Python keyword: its module is import_.
    module = "import_" if name == "import" else name
    return import_module(f"jobjournal.commands.{module}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only`, just that command (which is all a run of it
    needs: describing every command took 20 ms of every start)."""
    parser = argparse.ArgumentParser(
        prog="jobjournal", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"jobjournal {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMANDS:
        try:
            module = _command_module(name)
        except ModuleNotFoundError:
            continue
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP,
                                  epilog=module.EXAMPLES,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    # Commands that describe the command line itself (completion) get the parser from here,
    # so that nothing below the cli imports it.
    parser.set_defaults(parser=parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if arguments[:2] == ["completion", "--words"]:
        # On every TAB: answer without building the whole parser.
        from jobjournal.commands.completion_words import answer

        return answer(arguments[2:])
    from jobjournal.commands.common import UsageError, error

    # `completion` writes a script from the whole parser, so it needs every command.
    first = arguments[0] if arguments else None
    parser = build_parser(first if first in COMMANDS and first != "completion" else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except UsageError as problem:
        return error(str(problem))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as problem:  # the last line of defence: a message, never a traceback
        if os.environ.get("JOBJOURNAL_DEBUG"):
            raise
        import traceback

        frame = traceback.extract_tb(problem.__traceback__)[-1]
        return error(f"internal error: {type(problem).__name__}: {problem} (at "
                     f"{os.path.basename(frame.filename)}:{frame.lineno}); please report it. "
                     "JOBJOURNAL_DEBUG=1 shows the traceback")


def run() -> NoReturn:
    """The `jobjournal` command: `main`, then out at once. A build holds a million small
    objects; freeing them one by one at exit took a tenth of an edit's build. Every file is
    written and closed by then (atomically, each one), so only the output streams need
    flushing; the children (a build's worker) have been waited for."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader gone (`| head`), a full disk, a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
