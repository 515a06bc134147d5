"""`jobjournal new`: a new application file from the template, never overwriting one."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

HELP = "create a new application file"
MAX_SLUG = 120
EXAMPLES = """examples:
  jobjournal new "Northwind Analytics" "Senior Data Analyst"
  jobjournal new Globex "HR Partner" ~/job-search"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("company", help="the hiring company")
    parser.add_argument("role", help="the job title")
    parser.add_argument("journal", nargs="?", default=".", type=Path,
                        help="the journal folder (default: the current folder)")


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import error
    from jobjournal.commands.init import application_text
    from jobjournal.core.files import FileExists, atomic_write
    from jobjournal.core.model import slugify

    if not args.company.strip() or not args.role.strip():
        return error("company and role must not be empty")
    if not args.journal.is_dir():
        return error(f"{args.journal}: no such journal folder")
    # File names stop at 255 bytes; the temporary file atomic_write starts from is longer still.
    slug = slugify(args.company, args.role)[:MAX_SLUG].rstrip("-")
    path = args.journal / f"{slug}.md"
    text = application_text(args.company.strip(), args.role.strip(), date.today())
    try:
        atomic_write(path, text.encode("utf-8"), overwrite=False)
    except FileExists:
        return error(f"{path} already exists; not overwriting it. Edit it, or choose another "
                     "role name")
    except OSError as problem:
        return error(f"cannot create {path}: {problem.strerror or problem}")
    print(f"Created {path}")
    return 0
