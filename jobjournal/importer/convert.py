"""One row of an export -> the text of one application file: front matter and notes.

Only facts the row holds are written: milestone dates come from its date columns, never from
the day of the import. A status whose date the row does not give, a date in the future or one
out of order, a link that is not http(s): each is kept in the notes and said in the report.
Every non-empty cell no field took goes into the notes as `- Column: value`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from jobjournal.importer.dates import DateProblem, parse_cell
from jobjournal.importer.formats import Format, fold
from jobjournal.importer.journal import yaml_scalar
from jobjournal.importer.tables import Cell, Row

_URL = re.compile(r"^https?://[^\s/$.?#]\S*$", re.IGNORECASE)
_ORDER = ("applied", "offer", "signed", "rejected", "withdrawn", "ghosted")


@dataclass
class Candidate:
    """A row that can become a file."""

    row: Row
    company: str
    role: str
    applied: date | None
    link: str | None
    text: str = ""
    remarks: list[str] = field(default_factory=list)  # said in the report


@dataclass(frozen=True)
class Skipped:
    row: Row
    reason: str


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Row:
    """A row's cells by field, with what it has used, so the rest goes to the notes."""

    def __init__(self, row: Row, headers: tuple[str, ...], form: Format) -> None:
        self.row = row
        self.headers = headers
        self.form = form
        self.used: set[int] = set()

    def _index(self, key: str) -> int | None:
        header = self.form.columns.get(key)
        return self.headers.index(header) if header in self.headers else None

    def raw(self, key: str) -> Cell:
        index = self._index(key)
        if index is None or index >= len(self.row.cells):
            return None
        self.used.add(index)
        value = self.row.cells[index]
        return None if self.empty(value) else value

    def text(self, key: str) -> str:
        return cell_text(self.raw(key))

    def empty(self, value: Cell) -> bool:
        text = cell_text(value)
        return not text or text.casefold() in self.form.empty

    def header(self, key: str) -> str:
        return self.form.columns.get(key, key)

    def rest(self) -> list[tuple[str, str]]:
        found = []
        for index, value in enumerate(self.row.cells):
            if index in self.used or self.empty(value):
                continue
            name = self.headers[index] if index < len(self.headers) and self.headers[index] \
                else f"Column {index + 1}"
            found.append((name, cell_text(value)))
        return found


def convert(row: Row, headers: tuple[str, ...], form: Format, orders: dict[str, str | None],
            today: date, imported_from: str) -> Candidate | Skipped:
    cells = _Row(row, headers, form)
    company, role = cells.text("company"), cells.text("role")
    if not company:
        return Skipped(row, f"no company (column '{cells.header('company')}' is empty)")
    if not role:
        return Skipped(row, f"no role (column '{cells.header('role')}' is empty)")
    kept: list[tuple[str, str]] = []  # (label, value) lines for the notes
    remarks: list[str] = []
    applied = _date(cells, "applied", orders, kept, remarks)
    milestones: dict[str, date] = {"applied": applied} if applied else {}
    _status(cells, orders, milestones, kept, remarks)
    _sane_timeline(milestones, today, cells, kept, remarks)
    link = cells.text("link") or None
    if link and not _URL.match(link):
        kept.append((cells.header("link"), link))
        remarks.append(f"'{link}' is not an http(s) link; kept in the notes")
        link = None
    front = [("company", company), ("role", role)]
    front += [(key, milestones[key].isoformat()) for key in _ORDER if key in milestones]
    for key in ("link", "location", "salary", "source"):
        value = link if key == "link" else cells.text(key)
        if key == "source" and not value:
            value = form.source or ""
        if value:
            front.append((key, value))
    recruiter, agency = cells.text("recruiter"), cells.text("agency")
    if agency and not recruiter and not any(key == "source" for key, _ in front):
        front.append(("source", agency))
        agency = ""
    elif agency and not recruiter:
        kept.append((cells.header("agency"), agency))
    questions = _questions(cells)
    notes_text = cells.text("notes")
    kept.extend(cells.rest())
    text = _file_text(front, recruiter, agency, kept, questions, notes_text,
                      f"Imported on {today.isoformat()} from {imported_from}, line {row.line}.")
    return Candidate(row, company, role, milestones.get("applied"), link, text, remarks)


def _date(cells: _Row, key: str, orders: dict[str, str | None],
          kept: list[tuple[str, str]], remarks: list[str]) -> date | None:
    value = cells.raw(key)
    if value is None:
        return None
    try:
        return parse_cell(value, orders.get(key))
    except DateProblem as problem:
        kept.append((cells.header(key), cell_text(value)))
        remarks.append(f"column '{cells.header(key)}': {problem}; kept in the notes")
        return None


def _status(cells: _Row, orders: dict[str, str | None], milestones: dict[str, date],
            kept: list[tuple[str, str]], remarks: list[str]) -> None:
    word = cells.text("status")
    on = _date(cells, "status_date", orders, kept, remarks)
    label = cells.form.status_label or cells.header("status")
    if not word:
        if on:
            kept.append((cells.header("status_date"), on.isoformat()))
        return
    dated = f"{word} ({on.isoformat()})" if on else word
    milestone = cells.form.statuses.get(fold(word))
    if milestone is None:
        kept.append((label, dated))
        remarks.append(f"status '{word}' means no milestone jobjournal knows; kept in the "
                       "notes (a mapping file can say what it means)")
    elif not milestone:
        kept.append((label, dated))
        if fold(word).startswith("interview"):
            remarks.append(f"status '{word}': the file gives no interview date; kept in the "
                           "notes (add the interview to the file)")
    elif milestone == "applied" and "applied" in milestones:
        if on and on != milestones["applied"]:
            kept.append((label, dated))
    elif on is None:
        kept.append((label, word))
        remarks.append(f"status '{word}' has no date in the file, so no '{milestone}:' was "
                       "written; kept in the notes")
    else:
        milestones[milestone] = on


def _sane_timeline(milestones: dict[str, date], today: date, cells: _Row,
                   kept: list[tuple[str, str]], remarks: list[str]) -> None:
    """Drop (to the notes) what `check` would call a timeline error (JJ005)."""
    def drop(key: str, why: str) -> None:
        day = milestones.pop(key)
        kept.append((f"{key.capitalize()} (not written: {why})", day.isoformat()))
        remarks.append(f"'{key}: {day.isoformat()}' not written ({why}); kept in the notes")

    for key in list(milestones):
        if milestones[key] > today:
            drop(key, "in the future")
    applied = milestones.get("applied")
    for key in ("offer", "signed", "rejected", "withdrawn", "ghosted"):
        if applied and key in milestones and milestones[key] < applied:
            drop(key, f"before applied {applied.isoformat()}")
    if "signed" in milestones and "offer" in milestones and milestones["signed"] < \
            milestones["offer"]:
        drop("signed", "before the offer")
    closings = [key for key in ("signed", "rejected", "withdrawn", "ghosted") if key in milestones]
    for key in closings[1:]:
        drop(key, f"'{closings[0]}' is already written")


def _questions(cells: _Row) -> list[str]:
    header = cells.form.questions
    if not header or header not in cells.headers:
        return []
    index = cells.headers.index(header)
    cells.used.add(index)
    value = cells.row.cells[index] if index < len(cells.row.cells) else None
    text = "" if cells.empty(value) else cell_text(value)
    parts = re.split(r"\s*\|\s*|\r?\n", text)
    return [part.strip() for part in parts if part.strip()]


def _bullet(label: str, value: str) -> str:
    lines = value.splitlines() or [""]
    rest = "".join(f"\n  {line}" if line.strip() else "\n" for line in lines[1:])
    return f"- {label}: {lines[0]}{rest}"


def _file_text(front: list[tuple[str, str]], recruiter: str, agency: str,
               kept: list[tuple[str, str]], questions: list[str], notes: str,
               origin: str) -> str:
    lines = ["---"]
    lines += [f"{key}: {yaml_scalar(value)}" for key, value in front]
    if recruiter:
        lines += ["recruiter:", f"  name: {yaml_scalar(recruiter)}"]
        if agency:
            lines.append(f"  agency: {yaml_scalar(agency)}")
    lines += ["---", "", "## Notes", "", origin]
    if kept or questions:
        lines.append("")
        lines += [_bullet(label, value) for label, value in kept]
        if questions:
            lines.append("- Questions and answers:")
            lines += [f"  - {_one_line(question)}" for question in questions]
    if notes:
        lines += ["", notes.replace("\r\n", "\n")]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
