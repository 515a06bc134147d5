"""What every command that reads a journal shares: loading it and fixing 'now'."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jobjournal.core.config import ConfigError

if TYPE_CHECKING:
    from jobjournal.core.model import Journal
    from jobjournal.pipeline.run import Prepared


class UsageError(Exception):
    """Bad arguments or an unusable journal folder: exit code 2."""


def add_journal_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("journal", nargs="?", default=".", type=Path,
                        help="the journal folder (default: the current folder)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day,
                        help="check as if it were that day at 12:00 (reproducible runs)")


def parse_day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-25") from None
    # Date arithmetic near year 1 or 9999 overflows; no job search lives there.
    if not 1900 <= day.year <= 2999:
        raise argparse.ArgumentTypeError(f"'{text}' is not a plausible date; use a year "
                                         "between 1900 and 2999")
    return day


def prepare(args: argparse.Namespace) -> Prepared:
    """The journal named on the command line, prepared (pipeline.run.prepare)."""
    from jobjournal.pipeline.run import prepare as prepare_run

    root: Path = args.journal
    if not root.is_dir():
        raise UsageError(f"{root}: no such journal folder")
    try:
        return prepare_run(root, args.today)
    except ConfigError as problem:
        raise UsageError(str(problem)) from None


def load(args: argparse.Namespace) -> tuple[Journal, datetime]:
    prepared = prepare(args)
    return prepared.journal(), prepared.now


def error(message: str) -> int:
    print(f"jobjournal: {message}", file=sys.stderr)
    return 2
