"""What every command that reads a journal shares: loading it and fixing 'now'."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jobjournal.core.config import Config, ConfigError, load_config
from jobjournal.core.dates import current_time
from jobjournal.core.findings import Finding
from jobjournal.core.model import Journal


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


@dataclass(frozen=True)
class Prepared:
    """The cheap part of loading (configuration, file list, now), enough for `unchanged` to
    recognise a repeated run; `journal()` reads the rest without reading these again."""

    root: Path
    config: Config
    config_findings: tuple[Finding, ...]
    paths: list[Path]
    now: datetime

    def journal(self) -> Journal:
        from jobjournal.load.loader import load_journal

        return load_journal(self.root, read=(self.config, list(self.config_findings),
                                             self.paths))


def prepare(args: argparse.Namespace) -> Prepared:
    from jobjournal.core.dates import local_zone_name
    from jobjournal.load.loader import discover

    root: Path = args.journal
    if not root.is_dir():
        raise UsageError(f"{root}: no such journal folder")
    root = root.resolve()
    try:
        config, findings = load_config(root, local_zone_name())
    except ConfigError as problem:
        raise UsageError(str(problem)) from None
    zone = config.zone
    now = current_time(zone, args.today)
    return Prepared(root, config, tuple(findings), discover(root, config), now)


def load(args: argparse.Namespace) -> tuple[Journal, datetime]:
    prepared = prepare(args)
    return prepared.journal(), prepared.now


def error(message: str) -> int:
    print(f"jobjournal: {message}", file=sys.stderr)
    return 2
