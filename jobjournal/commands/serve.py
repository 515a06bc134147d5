"""`jobjournal serve`: the dashboard on a local web server that follows every save."""

from __future__ import annotations

import argparse
import sys

HELP = "serve the dashboard locally and rebuild it on every save"
EXAMPLES = """examples:
  jobjournal serve                       this folder's journal at http://127.0.0.1:8000/
  jobjournal serve ~/job-search --open   and open it in the browser
  jobjournal serve --port 8080

The server only listens on this machine unless you pass --host; the journal holds other
people's names, emails and phone numbers, so think twice before serving it to a network."""

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jobjournal.commands.common import add_journal_arguments

    add_journal_arguments(parser)
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--open", action="store_true", help="open the dashboard in a browser")


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import error
    from jobjournal.serve.rebuild import serve

    if not args.journal.is_dir():
        return error(f"{args.journal}: no such journal folder")
    if not 0 <= args.port <= 65535:
        return error(f"--port {args.port}: use a port from 1 to 65535 (or 0 for any free one)")
    if args.host not in LOCAL_HOSTS:
        print(f"jobjournal: warning: serving on {args.host} makes the dashboard reachable from "
              "other machines; the journal holds personal data (names, emails, phone numbers) "
              "of other people", file=sys.stderr)
    try:
        return serve(args.journal, host=args.host, port=args.port, today=args.today,
                     open_browser=args.open, echo=lambda line: print(line, flush=True))
    except OSError as problem:
        return error(f"cannot listen on {args.host}:{args.port}: {problem.strerror or problem}; "
                     "try another --port")
