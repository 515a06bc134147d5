"""The feed as calendar resources, and the mark that makes an event recognisably ours.

CalDAV stores one event per resource (RFC 4791 4.1), each carrying the VTIMEZONEs its times
refer to, so the feed is split into small calendars, one per VEVENT. The split works on the
feed's text, which jobjournal renders itself (a BEGIN or END line is never folded): parsing
and re-serialising a thousand events with `icalendar` would take seconds, slicing takes
milliseconds. Only the few lines a report needs (UID, SUMMARY, DTSTART) go through
icalendar's content-line parser.

Each event we send carries `X-JOBJOURNAL-HASH:<feed>.<content>`:

- `feed`: a digest of the event's text in the feed, DTSTAMP left out. Equal digests mean the
  feed has nothing new for that event, so nothing is written.
- `content`: a digest of what the event says, from decoded values (UID, title, description,
  place, link, categories, busy or free, start and end as instants, alarms). Servers rewrite
  calendar data (line ends, folding, property order), so bytes cannot tell whether someone
  edited the event in a calendar app; comparing this digest with that of the stored event
  can. DTSTAMP, SEQUENCE and the like are left out, as clients change them on their own.

A listed event is ours when its UID has our domain and it carries that property.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from icalendar.parser import Contentline

HASH_PROPERTY = "X-JOBJOURNAL-HASH"
PRODID = "-//jobjournal//sync//EN"
_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "TRANSP")
_BLOCK = re.compile(rb"^BEGIN:(VEVENT|VTIMEZONE)\r?\n.*?^END:\1\r?\n", re.M | re.S)
_UNFOLD = re.compile(rb"\r?\n[ \t]")
_TZID = re.compile(rb";TZID=\"?([^\":;]+)")


@dataclass(frozen=True)
class Wanted:
    """One event of the feed, as its own calendar (without our mark until `payload`)."""

    uid: str
    summary: str
    day: date  # the start's date in the journal's zone, for the report
    digest: str  # of the feed's text
    text: bytes  # VCALENDAR with the VTIMEZONEs and the VEVENT

    def payload(self) -> bytes:
        """The resource to PUT: the event with its X-JOBJOURNAL-HASH."""
        (event,) = icalendar.Calendar.from_ical(self.text).walk("VEVENT")
        mark = f"{HASH_PROPERTY}:{self.digest}.{content_digest(event)}\r\n".encode()
        head, _, tail = self.text.rpartition(b"END:VEVENT\r\n")
        return head + mark + b"END:VEVENT\r\n" + tail


@dataclass(frozen=True)
class Listed:
    """One of our events as the calendar holds it."""

    uid: str
    href: str
    etag: str | None
    stored: str  # the feed digest it carries: the version of the feed we last sent
    edited: bool  # changed since we wrote it (in a calendar app, on another device)
    summary: str
    day: date


def split_feed(data: bytes) -> tuple[tzinfo, list[Wanted]]:
    """The feed's time zone, and each of its VEVENTs as a calendar with its time zones."""
    zone = _zone(_header(data, b"X-WR-TIMEZONE") or "UTC")
    zones: dict[str, bytes] = {}
    wanted = []
    for match in _BLOCK.finditer(data):
        block = match.group(0).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        if match.group(1) == b"VTIMEZONE":
            zones[_header(block, b"TZID") or ""] = block
            continue
        lines = _lines(block)
        uid = _value(lines, "UID")
        summary = _value(lines, "SUMMARY")
        start = lines.get("DTSTART", "")
        kept = [line for line in _UNFOLD.sub(b"", block).split(b"\r\n")
                if not line.startswith(b"DTSTAMP")]
        digest = hashlib.sha256(b"\n".join(kept)).hexdigest()[:24]
        tzids = sorted({tzid.decode() for tzid in _TZID.findall(_UNFOLD.sub(b"", block))})
        text = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" + PRODID.encode()
                + b"\r\nCALSCALE:GREGORIAN\r\n"
                + b"".join(zones[tzid] for tzid in tzids if tzid in zones)
                + block + b"END:VCALENDAR\r\n")
        wanted.append(Wanted(uid, summary, _start_day(start, zone), digest, text))
    return zone, wanted


def read_listed(href: str, etag: str | None, data: bytes | str | None,
                uid_domain: str, zone: tzinfo) -> Listed | None:
    """The event stored at `href` if it is one of ours, else None (never touched)."""
    if not data:
        return None
    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = calendar.walk("VEVENT")
        if len(events) != 1:  # ours hold exactly one; a series with overrides is not ours
            return None
        (event,) = events
        uid = str(event.get("UID", ""))
        mark = event.get(HASH_PROPERTY)
        if mark is None or not uid.endswith(f"@{uid_domain}"):
            return None
        stored, _, content = str(mark).partition(".")
        # Without a content digest there is no telling; If-Match still guards the write.
        return Listed(uid=uid, href=href, etag=etag, stored=stored,
                      edited=bool(content) and content_digest(event) != content,
                      summary=str(event.get("SUMMARY", "")), day=_day(event, zone))
    except Exception:  # anything unreadable is someone else's, and left alone
        return None


def content_digest(event: icalendar.Event) -> str:
    """A digest of what the event says (see the module's docstring)."""
    facts: dict[str, object] = {"UID": str(event.get("UID", ""))}
    for name in _TEXT:
        if name in event:
            facts[name] = str(event[name])
    categories = event.get("CATEGORIES")
    if categories is not None:
        lists = categories if isinstance(categories, list) else [categories]
        facts["CATEGORIES"] = [str(c) for item in lists for c in getattr(item, "cats", [item])]
    for name in ("DTSTART", "DTEND"):
        if name in event:
            facts[name] = _instant(event.decoded(name))
    alarms = []
    for alarm in event.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        related = trigger.params.get("RELATED", "START") if trigger is not None else ""
        when = alarm.decoded("TRIGGER") if trigger is not None else None
        when_text = _instant(when) if isinstance(when, date) else str(when)
        alarms.append([str(alarm.get("ACTION", "")), when_text, related])
    facts["VALARM"] = sorted(alarms)
    text = json.dumps(facts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _lines(block: bytes) -> dict[str, str]:
    """The VEVENT's own lines we read (not its VALARM's), unfolded, by name."""
    found: dict[str, str] = {}
    for raw in _UNFOLD.sub(b"", block).split(b"\r\n"):
        if raw.startswith(b"BEGIN:VALARM"):
            break
        name = raw.split(b":", 1)[0].split(b";", 1)[0].decode("ascii", "replace")
        if name in ("UID", "SUMMARY", "DTSTART") and name not in found:
            found[name] = raw.decode("utf-8")
    return found


def _parts(line: str) -> tuple[dict[str, str], str]:
    """A content line's parameters and value. Quoted parameters go through icalendar's
    parser; the usual plain line is split directly, which is many times faster."""
    head, colon, value = line.partition(":")
    if '"' in head or not colon:
        _name, parsed, value = Contentline(line).parts()
        return {key: str(parsed[key]) for key in parsed}, value
    params = dict(part.partition("=")[::2] for part in head.split(";")[1:])
    return {key.upper(): text for key, text in params.items()}, value


_TEXT_ESCAPE = re.compile(r"\\([\\;,nN])")


def _value(lines: dict[str, str], name: str) -> str:
    """A TEXT value as written, unescaped (RFC 5545 3.3.11: backslash, semicolon, comma,
    newline), as the feed's own parser reads it."""
    if name not in lines:
        return ""
    raw = _parts(lines[name])[1]
    return _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def _start_day(line: str, zone: tzinfo) -> date:
    if not line:
        return date.min
    params, value = _parts(line)
    start = icalendar.vDDDTypes.from_ical(value, timezone=params.get("TZID"))
    if isinstance(start, datetime):
        return start.astimezone(zone).date() if start.tzinfo else start.date()
    return start


def _header(data: bytes, name: bytes) -> str:
    match = re.search(rb"^" + name + rb"[;:][^\r\n]*", data, re.M)
    if not match:
        return ""
    return _parts(match.group(0).decode("utf-8"))[1]


def _instant(value: object) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return "floating " + value.isoformat()
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return "date " + value.isoformat()
    return str(value)


def _day(event: icalendar.Event, zone: tzinfo) -> date:
    start = event.decoded("DTSTART") if "DTSTART" in event else date.min
    if isinstance(start, datetime):
        return start.astimezone(zone).date() if start.tzinfo else start.date()
    return start


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
