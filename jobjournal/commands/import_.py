"""`jobjournal import`: application files from another tracker's export, one per row.

Known exports are recognised by their headers; anything else gets a starter mapping file to
fill in. Nothing is overwritten or written twice, dates are never guessed, and the report
lists every row not written with its line and why. Exit 0 when every row was written or was
already there, 1 when some were skipped, 2 when the import was refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "turn an export (LinkedIn, Huntr, Simplify, a spreadsheet) into application files"
EXAMPLES = """examples:
  jobjournal import ~/Downloads/Basic_LinkedInDataExport.zip
  jobjournal import huntr-jobs.csv ~/job-search --dry-run
  jobjournal import applications.xlsx --date-order dmy
  jobjournal import export.csv --mapping export.mapping.toml"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jobjournal.commands.common import parse_day

    parser.add_argument("file", type=Path,
                        help="the export: a .csv, an .xlsx, or LinkedIn's data-export .zip file")
    parser.add_argument("journal", nargs="?", default=".", type=Path,
                        help="the journal folder (default: the current folder)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print every file it would write, in full; write nothing")
    parser.add_argument("--date-order", choices=("dmy", "mdy"),
                        help="how to read dates like 04/05/2026: dmy (4 May) or mdy (April 5)")
    parser.add_argument("--mapping", type=Path, metavar="MAPPING",
                        help="a mapping file saying which column is what (TOML)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day,
                        help="import as if it were that day (reproducible runs)")


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import error
    from jobjournal.importer.dates import AmbiguousColumn, MixedColumn
    from jobjournal.importer.formats import recognise
    from jobjournal.importer.journal import JournalProblem, open_journal
    from jobjournal.importer.mapping import MappingProblem, load_mapping
    from jobjournal.importer.plan import make_plan
    from jobjournal.importer.tables import TableProblem, read_table

    try:
        table = read_table(args.file)
    except TableProblem as problem:
        return error(str(problem))
    if args.mapping:
        try:
            form = load_mapping(args.mapping, table.headers)
        except MappingProblem as problem:
            return error(str(problem))
    else:
        form = recognise(table.headers)
        if form is None:
            return _unknown(args, table)
    try:
        existing = open_journal(args.journal, args.today)
    except JournalProblem as problem:
        return error(str(problem))
    source = f"{args.file.name} ({form.name})"
    try:
        plan = make_plan(table, form, existing, args.date_order, source)
    except (AmbiguousColumn, MixedColumn) as problem:
        return error(f"{table.name}: {problem}")
    return _carry_out(plan, existing.journal.root, args.dry_run)


def _unknown(args: argparse.Namespace, table) -> int:  # type: ignore[no-untyped-def]
    from jobjournal.commands.common import error
    from jobjournal.importer.mapping import starter

    status_words = _status_words(table)
    text = starter(table.name, table.headers, status_words)
    target = args.file.with_name(f"{args.file.stem}.mapping.toml")
    headers = ", ".join(f"'{header}'" for header in table.headers if header) or "(none)"
    print(f"{table.name}: these headers are not a known export: {headers}", file=sys.stderr)
    if args.dry_run:
        print(f"A starter mapping (not written, dry run):\n\n{text}")
        return error("fill in a mapping like the one above, save it, and run again with "
                     "--mapping FILE")
    if target.exists():
        return error(f"{target} exists already (not overwritten); complete it and run again "
                     f"with --mapping {target}")
    from jobjournal.importer.journal import FileExists, atomic_write

    try:
        atomic_write(target, text.encode("utf-8"), overwrite=False)
    except (FileExists, OSError) as problem:
        return error(f"cannot write a starter mapping to {target}: {problem}")
    return error(f"wrote a starter mapping to {target}: say which column is what, then run "
                 f"'jobjournal import {args.file} --mapping {target}'")


def _status_words(table) -> list[str]:  # type: ignore[no-untyped-def]
    from jobjournal.importer.formats import guess_columns

    header = guess_columns(table.headers).get("status")
    if header is None:
        return []
    index = table.headers.index(header)
    words: dict[str, None] = {}
    for row in table.rows:
        if index < len(row.cells) and row.cells[index] is not None:
            word = str(row.cells[index]).strip()
            if word:
                words.setdefault(word)
    return list(words)[:50]


def _carry_out(plan, root: Path, dry_run: bool) -> int:  # type: ignore[no-untyped-def]
    from jobjournal.importer.journal import FileExists, atomic_write

    table = plan.table
    print(f"{table.name}: {plan.form.name}, {len(table.rows)} row(s)")
    written = 0
    for planned in plan.writes:
        candidate = planned.candidate
        where = candidate.row.where()
        if dry_run:
            print(f"\n=== would write {planned.file} (from {where}) ===")
            sys.stdout.write(candidate.text)
            print("=== end of", planned.file, "===")
        else:
            try:
                atomic_write(root / planned.file, candidate.text.encode("utf-8"),
                             overwrite=False)
            except FileExists:
                plan.skipped.append(_skip(candidate.row, f"{planned.file} appeared while "
                                          "importing; not overwritten"))
                continue
            except OSError as problem:
                plan.skipped.append(_skip(candidate.row, f"cannot write {planned.file}: "
                                          f"{problem.strerror or problem}"))
                continue
            print(f"wrote {planned.file} (from {where})")
        written += 1
        for remark in candidate.remarks:
            print(f"  note: {where}: {remark}")
    if plan.already or plan.skipped:
        print()
    for already in plan.already:
        print(f"already there: {already.row.where()}: {already.file} ({already.why})")
    for skipped in sorted(plan.skipped, key=lambda s: s.row.line):
        print(f"skipped: {skipped.row.where()}: {skipped.reason}")
    verb = "would write" if dry_run else "written"
    print(f"\n{verb}: {written}, already there: {len(plan.already)}, "
          f"skipped: {len(plan.skipped)}" + (" (dry run: nothing was written)" if dry_run
                                             else ""))
    return 1 if plan.skipped else 0


def _skip(row, reason: str):  # type: ignore[no-untyped-def]
    from jobjournal.importer.convert import Skipped

    return Skipped(row, reason)
