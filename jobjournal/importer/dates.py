"""Dates from export cells, with the day/month order decided per column, never per row.

`4/5/2026` is 4 May in Leeds and April 5 in Boston. A column is read day first when one of its
dates has a first part above 12, month first when one has a second part above 12; when every
date in it reads both ways, the column is refused (naming it and showing both readings) until
the person says which order, or the format fixes it (LinkedIn writes month first).
ISO dates, month names and real date cells of a workbook need no decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

ORDERS = ("dmy", "mdy")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[,\s]+.*)?$")
_NAMED_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y", "%d-%b-%y",
                  "%a %d %b %Y", "%a %b %d %Y")
_TIME_TAIL = re.compile(r"[,\s]+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?.*$")


class DateProblem(Exception):
    """A cell that is not a date; str() says what it holds."""


class AmbiguousColumn(Exception):
    """Every date of a column reads both day first and month first."""

    def __init__(self, column: str, example: str, where: str, day_first: date,
                 month_first: date) -> None:
        self.column = column
        super().__init__(
            f"the dates in column '{column}' can be read day first or month first: "
            f"'{example}' ({where}) is {_long(day_first)} day first (dmy) or "
            f"{_long(month_first)} month first (mdy); say which with --date-order dmy|mdy "
            "(or 'order' under [dates] in a mapping file)")


class MixedColumn(Exception):
    """A column holds dates written in both orders."""


def _long(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


@dataclass(frozen=True)
class Numeric:
    first: int
    second: int
    year: int


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def numeric_parts(text: str) -> Numeric | None:
    match = _NUMERIC.match(text.strip())
    if not match:
        return None
    return Numeric(int(match.group(1)), int(match.group(2)), _year(match.group(3)))


def decide_order(column: str, cells: list[tuple[str, str]], given: str | None) -> str | None:
    """The order of a column's numeric dates ('dmy' or 'mdy'), from `given` (the option, the
    mapping or the format) or from the dates themselves; None when it has none. `cells` are
    (text, where) pairs of its non-empty cells."""
    if given:
        return given
    day_first = month_first = None
    ambiguous: tuple[str, str, Numeric] | None = None
    for text, where in cells:
        parts = numeric_parts(text)
        if parts is None:
            continue
        if parts.first > 12:
            day_first = day_first or (text, where)
        elif parts.second > 12:
            month_first = month_first or (text, where)
        elif parts.first != parts.second and ambiguous is None:
            ambiguous = (text, where, parts)
    if day_first and month_first:
        raise MixedColumn(f"column '{column}' mixes day-first dates ('{day_first[0]}', "
                          f"{day_first[1]}) and month-first dates ('{month_first[0]}', "
                          f"{month_first[1]}); correct one of them")
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if ambiguous:
        text, where, parts = ambiguous
        raise AmbiguousColumn(column, text, where,
                              _safe_date(parts.year, parts.second, parts.first),
                              _safe_date(parts.year, parts.first, parts.second))
    return None


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, 1, 1)


def parse_cell(value: object, order: str | None) -> date:
    """A cell as a date. Workbook date cells are dates already; text is ISO, numeric in the
    column's `order`, or with a month name; a time after the date is dropped."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    iso = _ISO.match(text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        parts = numeric_parts(text)
        if parts is not None:
            if order is None:
                order = "dmy" if parts.first > 12 else "mdy" if parts.second > 12 else None
            if order is None and parts.first == parts.second:
                order = "dmy"
            if order == "dmy":
                return date(parts.year, parts.second, parts.first)
            if order == "mdy":
                return date(parts.year, parts.first, parts.second)
    except ValueError:
        raise DateProblem(f"'{text}' is not a real date") from None
    bare = _TIME_TAIL.sub("", text).replace(",", " ")
    bare = " ".join(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", bare).split())
    for pattern in _NAMED_FORMATS:
        try:
            return datetime.strptime(bare, pattern).date()
        except ValueError:
            continue
    raise DateProblem(f"'{text}' is not a date (write it like 2026-11-03)")
