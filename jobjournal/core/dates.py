"""Dates and times exactly as the journal format defines them.

YAML's own timestamp typing is never used: the loader keeps every scalar as text and the
functions here give it meaning, so `2026-11-18 14:00` means the same quoted or not, and a
date-time without an offset is in the journal's time zone.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)\s*(Z|[+-]\d{2}:?\d{2})?$"
)
# The shapes a date and a date-time are written in, for tools that describe the format (the
# language server's completion and the JSON Schema): one home, the parser's own.
DATE_PATTERN = _DATE.pattern
WHEN_PATTERN = _DATETIME.pattern

YEARS = (1900, 2999)

# When a value is a date, a time of day, or both.
When = date | datetime


class DateError(ValueError):
    """A value that is not a date or date-time of the format; the message says why."""


def parse_date(text: str) -> date:
    """Parse `YYYY-MM-DD`, explaining impossible dates such as 2026-02-30."""
    match = _DATE.match(text.strip())
    if not match:
        raise DateError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-18")
    year, month, day = (int(part) for part in match.groups())
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise DateError(f"'{text}' is not a real date ({error})") from None
    # Years far from any job search (0001, 9999) would overflow date arithmetic later.
    if not YEARS[0] <= year <= YEARS[1]:
        raise DateError(f"'{text}' is not a plausible date for a job search; use a year "
                        f"between {YEARS[0]} and {YEARS[1]}")
    return value


def parse_when(text: str, zone: tzinfo) -> When:
    """Parse a date, or a date-time (taken in `zone` when it carries no offset)."""
    stripped = text.strip()
    if _DATE.match(stripped):
        return parse_date(stripped)
    match = _DATETIME.match(stripped)
    if not match:
        raise DateError(
            f"'{text}' is not a date or date-time; write YYYY-MM-DD or YYYY-MM-DD HH:MM"
        )
    day_text, clock, offset = match.groups()
    day = parse_date(day_text)
    if len(clock.split(":")[0]) == 1:
        clock = "0" + clock
    try:
        moment = time.fromisoformat(clock)
    except ValueError:
        raise DateError(f"'{text}' has an impossible time of day '{clock}'") from None
    if offset:
        offset = "+00:00" if offset == "Z" else offset
        try:
            return datetime.fromisoformat(f"{day.isoformat()}T{clock}{offset}")
        except ValueError:
            raise DateError(f"'{text}' has an impossible offset '{offset}'") from None
    return localize(datetime.combine(day, moment), zone)


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Attach the journal's zone to a wall-clock time.

    In a DST gap the wall time does not exist; fold=0 with zoneinfo then reads it with the
    offset from before the change, which moves it forward by the gap: the same result a person
    gets from a calendar app. In an overlap, fold=0 takes the first occurrence.
    """
    aware = naive.replace(tzinfo=zone)
    # Normalise a non-existent wall time through UTC so arithmetic stays honest.
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)


def start_of(value: When, zone: tzinfo) -> datetime:
    """The moment a date (its midnight) or date-time begins, in `zone`."""
    if isinstance(value, datetime):
        return value.astimezone(zone)
    return _midnight(value, zone)


@lru_cache(maxsize=16384)
def _midnight(day: date, zone: tzinfo) -> datetime:
    # Memoised: sorting and comparing asks for the same few hundred days again and again.
    return localize(datetime.combine(day, time(0, 0)), zone)


def day_of(value: When, zone: tzinfo) -> date:
    """The calendar day of a date or date-time, in `zone`."""
    if isinstance(value, datetime):
        return value.astimezone(zone).date()
    return value


def at_or_after(value: When, moment: datetime, zone: tzinfo) -> bool:
    """Whether an entry dated `value` happened at or after `moment`.

    An entry with only a date counts from the day of `moment` on: a thank-you written
    `on: 2026-11-18` counts for an interview that afternoon.
    """
    if isinstance(value, datetime):
        return value >= moment
    return value >= moment.astimezone(zone).date()


def is_overdue(due: When, now: datetime) -> bool:
    """A date is overdue once its day has ended; a date-time once it has passed."""
    if isinstance(due, datetime):
        return now > due
    return now.date() > due


def add_elapsed(moment: datetime, delta: timedelta) -> datetime:
    """`moment` + `delta` of real time: across a DST change, 4 hours stay 4 hours (plain
    aware arithmetic in Python adds wall-clock time)."""
    utc = ZoneInfo("UTC")
    return (moment.astimezone(utc) + delta).astimezone(moment.tzinfo)


def due_or_now(due: datetime, now: datetime) -> datetime:
    """'Due X, or now if that is sooner': never overdue at the moment it is made."""
    return max(due, now)


def iso(value: When) -> str:
    """`YYYY-MM-DD` for a date, ISO 8601 with offset for a date-time."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def human(value: When, zone: tzinfo | None = None) -> str:
    """A short readable form for messages: 'Wed 18 Nov 2026' or 'Wed 18 Nov 2026 14:00'."""
    if isinstance(value, datetime):
        local = value.astimezone(zone) if zone else value
        return local.strftime("%a %d %b %Y %H:%M")
    return value.strftime("%a %d %b %Y")


def local_zone_name() -> str:
    """The machine's zone as an IANA name, falling back to UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        candidate = target.split(marker, 1)[1]
        try:
            ZoneInfo(candidate)
            return candidate
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return "UTC"


def noon(day: date, zone: tzinfo) -> datetime:
    """`--today` fixes now to that day at 12:00 in the journal's zone."""
    return localize(datetime.combine(day, time(12, 0)), zone)


def current_time(zone: tzinfo, today: date | None = None, *, to_minute: bool = False
                 ) -> datetime:
    """"Now" for every command: noon of `today` when `--today` fixes it, else the wall clock in
    the journal's zone (to the minute for `serve`, whose pages show minutes, so saves within a
    minute reuse unchanged pages)."""
    if today is not None:
        return noon(today, zone)
    now = datetime.now(zone)
    return now.replace(second=0, microsecond=0) if to_minute else now


def source_date_epoch() -> datetime | None:
    """The build time fixed by SOURCE_DATE_EPOCH (the reproducible-builds convention), or None
    when it is unset or not a usable number of seconds: a malformed value is ignored, never an
    error, as the convention asks."""
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(text), UTC)
    except (OverflowError, OSError, ValueError):
        return None


def relative_day(day: date, today: date) -> str:
    """"today", "tomorrow", "3 days ago", "in 5 days": a day as people say it."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    return f"in {delta} days" if delta > 0 else f"{-delta} days ago"
