"""applications.csv and journal.json: the journal for spreadsheets and for other programs.

The CSV is the spreadsheet a job seeker would otherwise keep by hand. It starts with a UTF-8
byte order mark and uses CRLF, so Excel and LibreOffice both open it with the right accents and
columns; any cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) is
prefixed with an apostrophe, so a company name pasted from the web cannot run one.
journal.json is documented in docs/journal-json.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from jobjournal.check.checker import Report
from jobjournal.core.dates import iso
from jobjournal.core.model import MILESTONES, Application, Interview, Person
from jobjournal.render.dashboard import Row, last_activity
from jobjournal.render.pieces import batched, joined
from jobjournal.render.views import Moment

JSON_VERSION = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# One format per column, so a spreadsheet sorts it: the milestones, `last_activity` and
# `next_followup_due` are dates (YYYY-MM-DD, the day in the journal's zone);
# `next_followup_due_at` is the date-time with its offset when the follow-up is due at a time
# (a thank-you within 24 hours), empty when it is due on a day.
CSV_COLUMNS = ("company", "role", "status", "needs_repair", *MILESTONES, "last_activity",
               "next_followup", "next_followup_due", "next_followup_due_at", "recruiter",
               "agency", "location", "salary", "source", "link", "tags", "errors", "warnings",
               "info", "file")


def _day(when: Moment | None) -> str:
    """The day of a moment, YYYY-MM-DD (its `iso` is already in the journal's zone)."""
    return when.iso[:10] if when else ""


def _date_time(when: Moment | None) -> str:
    """A moment with a time, as ISO 8601 with its offset; '' for a date or nothing."""
    if when is None or "T" not in when.iso:
        return ""
    return datetime.fromisoformat(when.iso).isoformat(timespec="seconds")


def neutralise(cell: str) -> str:
    """Make a cell inert in spreadsheets: '=HYPERLINK(...)' -> "'=HYPERLINK(...)"."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def applications_csv(report: Report, rows: tuple[Row, ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    journal = report.journal
    for row in rows:
        application = journal.by_slug[row.application.slug]
        recruiter = application.recruiter
        followup = row.next_followup
        cells = [
            application.company or "", application.role or "", application.status,
            "yes" if application.needs_repair else "",
            *(application.milestones[m].isoformat() if m in application.milestones else ""
              for m in MILESTONES),
            _day(row.last_activity),
            followup.title if followup else "", _day(followup.due if followup else None),
            _date_time(followup.due if followup else None),
            recruiter.name if recruiter else "", (recruiter.agency or "") if recruiter else "",
            application.location or "", application.salary or "", application.source or "",
            application.link or "", ", ".join(application.tags), str(row.errors),
            str(row.warnings), str(row.infos), application.file,
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _person(person: Person) -> dict[str, Any]:
    data: dict[str, Any] = {"name": person.name}
    for key in ("title", "email", "phone", "linkedin", "agency", "relation"):
        value = getattr(person, key)
        if value:
            data[key] = value
    if person.direct is not None:
        data["direct"] = person.direct
    if person.contacted:
        data["contacted"] = person.contacted.isoformat()
    return data


def _interview(interview: Interview) -> dict[str, Any]:
    data: dict[str, Any] = {"at": iso(interview.at), "minutes": interview.minutes}
    for key in ("stage", "format", "where", "debrief", "cancelled_by", "notes"):
        value = getattr(interview, key)
        if value:
            data[key] = value
    data["with"] = [_person(p) for p in interview.with_]
    if interview.hear_back_by:
        data["hear_back_by"] = interview.hear_back_by.isoformat()
    if interview.time_off:
        data["time_off"] = True
    if interview.cancelled:
        data["cancelled"] = interview.cancelled.isoformat()
    return data


def _application(application: Application, row: Row, now: datetime) -> dict[str, Any]:
    last = last_activity(application, now)
    return {
        "slug": application.slug,
        "file": application.file,
        "page": row.application.page,
        "company": application.company,
        "role": application.role,
        "status": application.status,
        "live": application.is_live,
        "needs_repair": application.needs_repair,
        "milestones": {m: application.milestones[m].isoformat() for m in MILESTONES
                       if m in application.milestones},
        "location": application.location,
        "salary": application.salary,
        "source": application.source,
        "link": application.link,
        "tags": list(application.tags),
        "recruiter": _person(application.recruiter) if application.recruiter else None,
        "contacts": [_person(p) for p in application.contacts],
        "interviews": [_interview(i) for i in application.interviews],
        "references": [_person(p) for p in application.references],
        "log": [{k: v for k, v in (("on", iso(e.on)), ("did", e.did), ("to", e.to),
                                   ("via", e.via), ("note", e.note)) if v}
                for e in application.log],
        "followups": [{k: v for k, v in (("due", iso(f.due)), ("what", f.what),
                                         ("done", f.done.isoformat() if f.done else None))
                       if v} for f in application.followups],
        "last_activity": iso(last) if last else None,
        "next_followup": row.next_followup.id if row.next_followup else None,
        "findings": {"error": row.errors, "warning": row.warnings, "info": row.infos},
    }


def journal_json(report: Report, rows: tuple[Row, ...], stamp: datetime | date) -> bytes:
    """journal.json whole (for `jobjournal export`); a build streams `journal_json_pieces`."""
    return joined(journal_json_pieces(report, rows, stamp))


def journal_json_pieces(report: Report, rows: tuple[Row, ...], stamp: datetime | date
                        ) -> Iterator[bytes]:
    """journal.json a piece at a time (see `_compact`)."""
    journal = report.journal
    now = report.now
    data = {
        "version": JSON_VERSION,
        "title": journal.config.title,
        # The day, not the minute: the file changes when its content does, not every build.
        "generated": (stamp.isoformat(timespec="seconds") if isinstance(stamp, datetime)
                      else stamp.isoformat()),
        "now": now.date().isoformat(),
        "timezone": journal.config.timezone,
        "applications": (_application(journal.by_slug[row.application.slug], row, now)
                         for row in sorted(rows, key=lambda r: r.application.slug)),
        "findings": ({"rule": f.rule, "name": f.name, "severity": f.severity,
                      "file": f.file, "line": f.line, "message": f.message,
                      "application": f.application} for f in report.findings),
        "followups": ({**f.as_json(), "file": f.file, "line": f.line,
                       "people": [p.name for p in f.people]} for f in report.followups),
        "acknowledged": ({"rule": a.finding.rule, "name": a.finding.name,
                          "file": a.finding.file, "line": a.finding.line,
                          "message": a.finding.message, "application": a.finding.application,
                          "reason": a.reason, "scope": a.scope}
                         for a in report.acknowledged),
    }
    return batched(_compact(data))


def _compact(data: dict[str, Any]) -> Iterator[bytes]:
    """`json.dumps(data, ensure_ascii=False, separators=(",", ":"))` plus a newline, as UTF-8,
    with the lists (given as iterables) written an item at a time: a big journal's objects
    are never all made at once. The C encoder does each item (it only runs without
    `indent`)."""
    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    yield b"{"
    for index, (name, value) in enumerate(data.items()):
        yield (("," if index else "") + dumps(name) + ":").encode("utf-8")
        if isinstance(value, (str, int, float, bool, dict, list)) or value is None:
            yield dumps(value).encode("utf-8")
            continue
        yield b"["
        for position, item in enumerate(value):
            yield (("," if position else "") + dumps(item)).encode("utf-8")
        yield b"]"
    yield b"}\n"
