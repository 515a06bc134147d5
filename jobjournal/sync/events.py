"""The feed as calendar resources, and the digest that makes an event recognisably ours.

CalDAV stores one event per resource (RFC 4791 4.1), each carrying the VTIMEZONEs its times
refer to, so the feed is split into small calendars, one per VEVENT.

Each event we send carries `X-JOBJOURNAL-HASH`, a digest of what it says: UID, title,
description, place, link, categories, busy or free, start and end as instants, and alarms.
A listed event is ours when its UID has our domain and it has that property. Comparing the
digest we would send with the one stored tells whether the feed changed; comparing the stored
one with the digest of what the server now holds tells whether someone edited the event in
their calendar app. The digest is of decoded values, not bytes, because servers rewrite
calendar data (line ends, folding, property order, time zone definitions); DTSTAMP, SEQUENCE
and the like are left out, as clients change them on their own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

HASH_PROPERTY = "X-JOBJOURNAL-HASH"
PRODID = "-//jobjournal//sync//EN"
_TEXT = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "TRANSP")


@dataclass(frozen=True)
class Wanted:
    """One event of the feed, ready to PUT."""

    uid: str
    summary: str
    day: date  # the start's date in the journal's zone, for the report
    digest: str
    body: bytes


@dataclass(frozen=True)
class Listed:
    """One of our events as the calendar holds it."""

    uid: str
    href: str
    etag: str | None
    stored: str  # the X-JOBJOURNAL-HASH it carries: what we last sent
    actual: str  # the digest of what it says now
    summary: str
    day: date

    @property
    def edited(self) -> bool:
        """Changed since we wrote it (in a calendar app, on another device)."""
        return self.stored != self.actual


def split_feed(data: bytes) -> tuple[tzinfo, list[Wanted]]:
    """The feed's time zone, and every VEVENT of the feed as its own calendar, with its
    time zones and our digest."""
    feed = icalendar.Calendar.from_ical(data)
    zone = _zone(str(feed.get("X-WR-TIMEZONE", "UTC")))
    zones = {str(tz["TZID"]): tz for tz in feed.walk("VTIMEZONE")}
    wanted = []
    for event in feed.walk("VEVENT"):
        digest = content_digest(event)
        event.pop(HASH_PROPERTY, None)
        event.add(HASH_PROPERTY, icalendar.vText(digest))
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        for tzid in sorted(_tzids(event)):
            if tzid in zones:
                calendar.add_component(zones[tzid])
        calendar.add_component(event)
        wanted.append(Wanted(uid=str(event["UID"]), summary=str(event.get("SUMMARY", "")),
                             day=_day(event, zone), digest=digest, body=calendar.to_ical()))
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
        stored = event.get(HASH_PROPERTY)
        if stored is None or not uid.endswith(f"@{uid_domain}"):
            return None
        return Listed(uid=uid, href=href, etag=etag, stored=str(stored),
                      actual=content_digest(event), summary=str(event.get("SUMMARY", "")),
                      day=_day(event, zone))
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
    return hashlib.sha256(text.encode()).hexdigest()[:32]


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


def _tzids(event: icalendar.Event) -> set[str]:
    found = set()
    for component in event.walk():
        for value in component.values():
            for item in value if isinstance(value, list) else [value]:
                tzid = getattr(item, "params", {}).get("TZID")
                if tzid:
                    found.add(str(tzid))
    return found


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
