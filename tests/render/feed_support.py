"""Shared helpers for the feed tests: real journals on disk, and a strict reading of the feed.

Every feed a test produces goes through `check_feed`: lexical RFC 5545 checks done here on the
raw bytes, then two independent parsers (the strict `ical` package and `icalendar`, the
generator's own library), so a bug in the generator cannot hide behind its own parser.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
from ical.calendar_stream import IcsCalendarStream

from jobjournal.check.checker import Report, run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.feed import render_feed

LONDON_CONFIG = 'timezone = "Europe/London"\n'


def write_journal(root: Path, files: dict[str, str], config: str = LONDON_CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "jobjournal.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def report_for(root: Path, today: date) -> Report:
    journal = load_journal(root)
    return run_checks(journal, noon(today, journal.config.zone))


def feed_for(root: Path, today: date) -> bytes:
    return render_feed(report_for(root, today))


@dataclass
class Parsed:
    raw: bytes
    strict: object  # ical.calendar.Calendar
    calendar: icalendar.Calendar

    @property
    def events(self) -> dict[str, icalendar.Event]:
        return {str(event["UID"]): event for event in self.calendar.walk("VEVENT")}

    @property
    def strict_events(self) -> dict[str, object]:
        return {event.uid: event for event in self.strict.events}  # type: ignore[attr-defined]


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n"), "the feed must end with CRLF"
    return data[:-2].split(b"\r\n")


def unfolded_lines(data: bytes) -> list[str]:
    lines: list[bytes] = []
    for line in physical_lines(data):
        if line[:1] in (b" ", b"\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return [line.decode("utf-8") for line in lines]


def check_feed(data: bytes) -> Parsed:
    """Assert everything RFC 5545 asks of a feed that can be checked, and parse it twice."""
    lines = physical_lines(data)
    for number, line in enumerate(lines, 1):
        assert b"\r" not in line and b"\n" not in line, f"line {number}: a bare CR or LF"
        assert len(line) <= 75, f"line {number} is {len(line)} octets: {line!r}"
        # Each physical line decodes alone: folding never split a UTF-8 character.
        line.decode("utf-8")
    assert not lines[0].startswith(b" ")
    logical = unfolded_lines(data)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"

    # No floating times: in an event, every date-time carries a TZID or is UTC.
    stack: list[str] = []
    for line in logical:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:], f"unbalanced {line}"
        elif stack[-1] == "VEVENT" and line.startswith(("DTSTART", "DTEND", "DTSTAMP")):
            name, _, value = line.partition(":")
            if "VALUE=DATE" in name.split(";"):
                assert re.fullmatch(r"\d{8}", value), line
            else:
                assert value.endswith("Z") or ";TZID=" in name, f"floating time: {line}"
    assert not stack
    used = set(re.findall(r";TZID=([^;:]+)", "\n".join(logical)))
    defined = {line[len("TZID:"):] for line in logical if line.startswith("TZID:")}
    assert used <= defined, f"TZIDs without a VTIMEZONE: {used - defined}"

    calendar = icalendar.Calendar.from_ical(data)
    for component in calendar.walk():
        assert not component.errors, f"{component.name}: {component.errors}"
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))

    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)), "UIDs must be unique"
    assert len(strict.events) == len(uids)
    for event in calendar.walk("VEVENT"):
        if "DTEND" in event:
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is type(end), f"{event['UID']}: DTSTART and DTEND differ in kind"
            assert end > start, f"{event['UID']}: DTEND is not after DTSTART"
    return Parsed(data, strict, calendar)


def vevent_blocks(data: bytes) -> dict[str, str]:
    """Each VEVENT's unfolded text, by UID, to compare two feeds event by event."""
    blocks: dict[str, str] = {}
    current: list[str] | None = None
    for line in unfolded_lines(data):
        if line == "BEGIN:VEVENT":
            current = [line]
        elif current is not None:
            current.append(line)
            if line == "END:VEVENT":
                uid = next(x for x in current if x.startswith("UID:"))[4:]
                blocks[uid] = "\n".join(current)
                current = None
    return blocks


def instant(value: datetime) -> datetime:
    """A parsed date-time as a UTC instant.

    Needed to compare times near a DST change: Python never finds an ambiguous or skipped
    local time equal to a time in another zone (PEP 495), whatever instant it stands for.
    """
    assert value.tzinfo is not None and value.utcoffset() is not None, f"floating: {value!r}"
    return value.astimezone(UTC)
