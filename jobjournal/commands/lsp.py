"""`jobjournal lsp`: the language server, over stdio, for any editor with LSP support."""

from __future__ import annotations

import argparse

from jobjournal.commands.common import parse_day

HELP = "run the language server (LSP over stdio) for editors"
EXAMPLES = """examples:
  jobjournal lsp                       started by your editor; see docs/editors.md
  jobjournal lsp --today 2026-11-25    as if it were that day at 12:00 (tests, demos)

The server pushes the findings of 'jobjournal check' as diagnostics while you type, explains
rules and people on hover, completes keys, values and names, and offers quick fixes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day,
                        help="check as if it were that day at 12:00 (also the "
                             "initializationOptions key 'today')")
    parser.add_argument("--stdio", action="store_true",
                        help="talk over stdin and stdout (the default and only transport; "
                             "accepted because many editors pass it)")


def run(args: argparse.Namespace) -> int:
    import logging

    from jobjournal.lsp.server import create_server

    # pygls logs to stderr, which editors show or keep; warnings and worse only.
    logging.basicConfig(level=logging.WARNING, format="jobjournal lsp: %(message)s")
    create_server(args.today).start_io()
    return 0
