"""Reading an export into a header and rows, each row with the line a person would look for.

CSV files may be `,`, `;` or tab separated, UTF-8 with or without a BOM (or UTF-16 with one,
as Excel's "Unicode text" is), with Windows or Unix line ends and quoted cells spanning lines;
`.xlsx` workbooks are read with openpyxl (imported only here, only for them), keeping real
date cells as dates; a LinkedIn data-export ZIP is opened and its `Job Applications*.csv`
files read as one table.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Cell = object  # str for CSV; str, datetime, date, int or float from a workbook; None if empty

MAX_BYTES = 64 * 1024 * 1024  # an export of a job search is never near this
_LINKEDIN_MEMBER = re.compile(r"(^|/)job applications(_\d+)?\.csv$", re.IGNORECASE)


class TableProblem(Exception):
    """The file cannot be read as a table; str() names the file (and line) and says why."""


@dataclass(frozen=True)
class Row:
    line: int  # line of the file (row of the sheet) where the record starts
    cells: tuple[Cell, ...]
    source: str  # the file (or ZIP member) it came from, for messages

    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Table:
    name: str  # what messages call it
    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise TableProblem(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise TableProblem(f"{path}: the old Excel .xls format is not supported; save it as "
                           ".xlsx or CSV (UTF-8)")
    if suffix == ".zip":
        return _read_zip(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TableProblem(f"{path}: larger than {MAX_BYTES // 2**20} MiB; not an export")
        raw = path.read_bytes()
    except OSError as problem:
        raise TableProblem(f"{path}: cannot read it: {problem.strerror or problem}") from None
    return _read_csv(raw, str(path))


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise TableProblem(f"{name}: damaged UTF-16 text") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        raise TableProblem(f"{name}:{line}: not UTF-8 text; save the file as 'CSV UTF-8'"
                           ) from None


def _delimiter(header_line: str) -> str:
    counts = {delimiter: _outside_quotes(header_line).count(delimiter)
              for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _outside_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', "", text)


def _read_csv(raw: bytes, name: str) -> Table:
    text = _decode(raw, name)
    if "\x00" in text:
        raise TableProblem(f"{name}: this is not a text file (is it a spreadsheet saved "
                           "under another name?)")
    lines = text.splitlines()
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise TableProblem(f"{name}: the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[first]))
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    last = 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers = tuple(cell.strip() for cell in record)
                continue
            rows.append(Row(start, tuple(record), name))
    except csv.Error as problem:
        raise TableProblem(f"{name}:{reader.line_num}: {problem}") from None
    assert headers is not None
    return Table(name, headers, tuple(rows))


def _read_zip(path: Path) -> Table:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as problem:
        raise TableProblem(f"{path}: not a ZIP file that can be opened ({problem})") from None
    with archive:
        members = sorted((info for info in archive.infolist()
                          if _LINKEDIN_MEMBER.search(info.filename)),
                         key=lambda info: _member_order(info.filename))
        if not members:
            raise TableProblem(f"{path}: this ZIP has no 'Jobs/Job Applications.csv'; is it "
                               "LinkedIn's data export? Otherwise unpack it and import the "
                               "CSV inside")
        tables = []
        for info in members:
            if info.file_size > MAX_BYTES:
                raise TableProblem(f"{path}:{info.filename}: too large to be an export")
            with archive.open(info) as stream:
                raw = stream.read(MAX_BYTES + 1)
            tables.append(_read_csv(raw, f"{path}:{info.filename}"))
    headers = tables[0].headers
    for table in tables[1:]:
        if table.headers != headers:
            raise TableProblem(f"{table.name}: its columns differ from {tables[0].name}'s")
    return Table(str(path), headers, tuple(row for table in tables for row in table.rows))


def _member_order(name: str) -> tuple[int, str]:
    number = re.search(r"_(\d+)\.csv$", name, re.IGNORECASE)
    return (int(number.group(1)) if number else 0, name)


def _read_xlsx(path: Path) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise TableProblem(f"{path}: reading .xlsx needs openpyxl ('pip install openpyxl'); "
                           "or save the sheet as CSV") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many kinds on a damaged file
        raise TableProblem(f"{path}: cannot open it as a workbook ({problem})") from None
    try:
        sheet = workbook.worksheets[0]
        name = f"{path} (sheet '{sheet.title}')"
        headers: tuple[str, ...] | None = None
        rows: list[Row] = []
        for number, values in enumerate(_sheet_rows(sheet), 1):
            if not any(_filled(value) for value in values):
                continue
            if headers is None:
                headers = tuple("" if value is None else str(value).strip() for value in values)
                continue
            rows.append(Row(number, tuple(values), name))
    finally:
        workbook.close()
    if headers is None:
        raise TableProblem(f"{name}: the sheet is empty")
    return Table(name, headers, tuple(rows))


def _sheet_rows(sheet) -> Iterator[tuple[Cell, ...]]:  # type: ignore[no-untyped-def]
    yield from sheet.iter_rows(values_only=True)


def _filled(value: Cell) -> bool:
    return value is not None and str(value).strip() != ""
