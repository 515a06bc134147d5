"""One feed event, written as the bytes icalendar would write for it, without its machinery.

A feed of a thousand applications holds thousands of events, and icalendar builds each
content line through parameter objects, type lookups and encodings: two thirds of the time a
cold build spends on the feed. Every event here has the same few properties of known types,
so they are written directly: TEXT escaped as RFC 5545 (and icalendar) escape it, lines
folded by `icalfold`, properties in icalendar's order (its canonical ones first, the others
by name). Date-times are the exception: their TZID and form come from icalendar itself, once
per distinct value. A property test (tests/render/test_vevent.py) checks that these bytes
equal icalendar's own `Event.to_ical()` for any event, so the feed is unchanged byte for
byte; icalendar still makes the calendar around the events and its VTIMEZONE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

from jobjournal.core.dates import When
from jobjournal.render.icalfold import fold


@dataclass(frozen=True, slots=True)
class Item:
    """One event, before it becomes a VEVENT."""

    uid: str
    summary: str
    start: When
    end: When | None  # None only when it would fall past year 9999
    description: str
    category: str
    stamp: datetime
    location: str | None = None
    url: str | None = None
    busy: bool = False
    alarm: timedelta | None = None  # how long before the start it rings; None for no alarm


def moment(value: When, zone: tzinfo, first: int, last: int) -> When:
    """A date as is; a date-time in the journal's zone, or in UTC where a TZID would lie
    (the second of two equal wall times, or outside the VTIMEZONE's years)."""
    if not isinstance(value, datetime):
        return value
    local = value.astimezone(zone).replace(microsecond=0)
    if local.fold or not first <= local.year <= last:
        try:
            return local.astimezone(UTC)
        except OverflowError:
            return local
    return local


def text(value: str) -> str:
    """RFC 5545 TEXT escaping, step for step as icalendar does it (the order matters).
    icalendar reads each value back as "utf-8-sig" when it makes the content line, which
    drops one byte-order mark at its start: so does this."""
    if value.startswith("\ufeff"):
        value = value[1:]
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;")
            .replace(",", r"\,").replace("\r\n", r"\n").replace("\n", r"\n")
            .replace("\r", r"\n"))


def _line(name_and_value: str) -> str:
    return fold(name_and_value) + "\r\n"


@lru_cache(maxsize=8192)
def _when(value: When, zone: object) -> str:
    """';PARAMS:VALUE' of a DATE or DATE-TIME property, as icalendar writes it. `zone` is
    part of the key because equal instants in different zones are equal datetimes."""
    import icalendar

    prop = icalendar.vDDDTypes(value)
    if not isinstance(value, datetime):
        prop.params["VALUE"] = "DATE"
    params = prop.params.to_ical(sorted=True).decode("utf-8")
    return (f";{params}" if params else "") + ":" + prop.to_ical().decode("utf-8")


def _dated(name: str, value: When) -> str:
    return _line(name + _when(value, getattr(value, "tzinfo", None)))


@lru_cache(maxsize=64)
def _trigger(before: timedelta) -> str:
    import icalendar

    return icalendar.vDDDTypes(-before).to_ical().decode("ascii")


def event_bytes(item: Item, zone: tzinfo, first: int, last: int) -> bytes:
    """The VEVENT of `item`, CRLF-terminated, ready to go between the calendar's lines."""
    out = ["BEGIN:VEVENT\r\n",
           _line("SUMMARY:" + text(item.summary)),
           _dated("DTSTART", moment(item.start, zone, first, last))]
    if item.end is not None:
        out.append(_dated("DTEND", moment(item.end, zone, first, last)))
    out.append(_dated("DTSTAMP", item.stamp.astimezone(UTC).replace(microsecond=0)))
    out.append(_line("UID:" + text(item.uid)))
    out.append(_line("CATEGORIES:" + text(item.category)))
    out.append(_line("DESCRIPTION:" + text(item.description)))
    if item.location:
        out.append(_line("LOCATION:" + text(item.location)))
    out.append("TRANSP:OPAQUE\r\n" if item.busy else "TRANSP:TRANSPARENT\r\n")
    if item.url:
        out.append(_line("URL:" + item.url))
    if item.alarm is not None:
        out.append("BEGIN:VALARM\r\nACTION:DISPLAY\r\n")
        out.append(_line("DESCRIPTION:" + text(item.summary)))
        out.append(_line("TRIGGER:" + _trigger(item.alarm)))
        out.append("END:VALARM\r\n")
    out.append("END:VEVENT\r\n")
    return "".join(out).encode("utf-8")
