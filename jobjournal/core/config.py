"""`jobjournal.toml`: read once, validated, with every unknown key reported.

A configuration that cannot be used (bad TOML, an unknown time zone, a limit that is not a
number) is a ConfigError: the commands exit 2 with its file:line. Unknown keys are findings, so
they show up like every other warning without stopping the run.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jobjournal.core.findings import SEVERITIES, Finding
from jobjournal.core.frozen import FrozenMap

CONFIG_NAME = "jobjournal.toml"

DEFAULT_LIMITS: Mapping[str, int] = FrozenMap({
    "debrief_hours": 4,
    "thank_you_hours": 24,
    "after_rejection_days": 2,
    "reference_thanks_days": 3,
    "chase_application_days": 10,
    "keep_in_touch_days": 30,
    "keep_searching_days": 14,
    "lesson_days": 7,
    "ghost_days": 14,
    "withdraw_days": 2,
})

_TOP_KEYS = ("title", "timezone", "output", "theme", "base_url", "exclude", "working_hours",
             "weekend", "rules", "feed")
_RULES_KEYS = ("ignore", "severity", "limits")
_FEED_KEYS = ("name", "interviews", "contact_details")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ConfigError(Exception):
    """A configuration the tool cannot run with; str() is 'file:line: message'."""


@dataclass(frozen=True, slots=True)
class WorkingHours:
    weekdays: frozenset[int]  # 0 = Monday
    start: time
    end: time
    text: str

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end), in the journal's zone, touches working hours that day."""
        if start.weekday() not in self.weekdays:
            return False
        work_start = start.replace(hour=self.start.hour, minute=self.start.minute, second=0,
                                   microsecond=0)
        work_end = work_start.replace(hour=self.end.hour, minute=self.end.minute)
        return start < work_end and end > work_start


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None = None
    title: str = "Job search"
    timezone: str = "UTC"
    output: str = "_site"
    theme: str = "default"
    base_url: str = ""
    exclude: tuple[str, ...] = ()
    working_hours: WorkingHours | None = None
    weekend: frozenset[int] = frozenset({5, 6})  # weekdays, 0 = Monday; dated follow-ups skip them
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    limits: Mapping[str, int] = field(default_factory=lambda: DEFAULT_LIMITS)
    feed_name: str = "Job search follow-ups"
    feed_interviews: bool = True
    feed_contact_details: bool = True
    # Raw text, so caches can key on the configuration's content.
    source: str = ""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def workday(self, day: date) -> date:
        """`day`, or the next day that is not in `weekend`: where a follow-up due on a date
        lands (RULES.md: due dates in days skip the weekend)."""
        if len(self.weekend) >= 7:
            return day
        while day.weekday() in self.weekend:
            day += timedelta(days=1)
        return day


def _line_of(text: str, key: str) -> int:
    """tomllib keeps no positions; find the line that sets `key` (1 when not found)."""
    pattern = re.compile(rf"^[ \t]*(\"?{re.escape(key)}\"?)[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    if match:
        return text.count("\n", 0, match.start()) + 1
    header = re.compile(rf"^[ \t]*\[[^\]]*\b{re.escape(key)}\]", re.MULTILINE).search(text)
    return text.count("\n", 0, header.start()) + 1 if header else 1


def line_of_value(text: str, value: str) -> int:
    """The first line that mentions `value` (a rule named in [rules]); 1 when none does."""
    for number, line in enumerate(text.splitlines(), 1):
        if value in line.split("#", 1)[0]:
            return number
    return 1


def parse_working_hours(text: str) -> WorkingHours:
    """'Mon-Fri 09:00-17:30' or 'Mon,Tue,Thu 08:30-16:00'."""
    match = re.fullmatch(
        r"\s*([A-Za-z,\-\s]+?)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*", text
    )
    if not match:
        raise ValueError("write working hours as 'Mon-Fri 09:00-17:30'")
    days_text, start_text, end_text = match.groups()
    weekdays: set[int] = set()
    for part in days_text.replace(" ", "").lower().split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            if first[:3] not in _DAYS or last[:3] not in _DAYS:
                raise ValueError(f"unknown day in '{part}'; use Mon, Tue, Wed, Thu, Fri, Sat, Sun")
            i, j = _DAYS.index(first[:3]), _DAYS.index(last[:3])
            weekdays.update(range(i, j + 1) if i <= j else [*range(i, 7), *range(0, j + 1)])
        elif part[:3] in _DAYS:
            weekdays.add(_DAYS.index(part[:3]))
        else:
            raise ValueError(f"unknown day '{part}'; use Mon, Tue, Wed, Thu, Fri, Sat, Sun")
    start, end = (time.fromisoformat(t.zfill(5)) for t in (start_text, end_text))
    if end <= start:
        raise ValueError("working hours must end after they start")
    return WorkingHours(frozenset(weekdays), start, end, text.strip())


def parse_weekend(value: object) -> frozenset[int]:
    """["Sat", "Sun"] (day names, any case, full or three letters); [] turns it off."""
    if not isinstance(value, list) or not all(isinstance(day, str) for day in value):
        raise ValueError('must be a list of day names, e.g. ["Sat", "Sun"], or [] for none')
    days = set()
    for name in value:
        key = name.strip().lower()[:3]
        if key not in _DAYS or not _FULL_DAYS[_DAYS.index(key)].startswith(name.strip().lower()):
            raise ValueError(f"unknown day '{name}'; use Mon, Tue, Wed, Thu, Fri, Sat, Sun")
        days.add(_DAYS.index(key))
    if len(days) == 7:
        raise ValueError("cannot make every day a weekend day; use [] to turn it off")
    return frozenset(days)


def _unknown(keys: Mapping[str, object], known: tuple[str, ...], where: str, text: str,
             file: str) -> list[Finding]:
    found = []
    for key in keys:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(known)}"
        found.append(Finding("JJ002", "warning", file, _line_of(text, key),
                             f"unknown key '{key}' in {where}{hint}"))
    return found


def load_config(root: Path, default_zone: str) -> tuple[Config, list[Finding]]:
    """Read `root/jobjournal.toml` if present. Raises ConfigError when it cannot be used."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return Config(timezone=default_zone), []
    file = CONFIG_NAME
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}:1: cannot read the configuration: {error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python < 3.14 has no `lineno`; the message ends '(at line N, column M)'.
        where = re.search(r"at line (\d+)", str(error))
        line = getattr(error, "lineno", None) or (int(where.group(1)) if where else 1)
        raise ConfigError(f"{file}:{line}: not valid TOML: {error}") from None

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{file}:{_line_of(text, key)}: {key}: {message}")

    def text_value(key: str, default: str, table: Mapping[str, object] = data) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise fail(key, "must be text in quotes")
        return value

    def bool_value(key: str, default: bool, table: Mapping[str, object]) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise fail(key, "must be true or false")
        return value

    findings = _unknown(data, _TOP_KEYS, "jobjournal.toml", text, file)
    timezone = text_value("timezone", default_zone)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail("timezone", f"unknown time zone '{timezone}'; use an IANA name such as "
                   "'Europe/London'") from None
    exclude = data.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        raise fail("exclude", "must be a list of glob patterns, e.g. [\"drafts/**\"]")
    hours = None
    if "working_hours" in data:
        try:
            hours = parse_working_hours(text_value("working_hours", ""))
        except ValueError as error:
            raise fail("working_hours", str(error)) from None

    weekend = frozenset({5, 6})
    if "weekend" in data:
        try:
            weekend = parse_weekend(data["weekend"])
        except ValueError as error:
            raise fail("weekend", str(error)) from None

    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", "must be a table: [rules]")
    findings += _unknown(rules, _RULES_KEYS, "[rules]", text, file)
    ignore = rules.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise fail("ignore", "must be a list of rule ids or names, e.g. [\"JJ112\"]")
    severity = rules.get("severity", {})
    if not isinstance(severity, dict):
        raise fail("severity", "must be a table, e.g. { JJ110 = \"warning\" }")
    for rule, level in severity.items():
        if level not in SEVERITIES:
            raise fail(rule, f"severity must be one of {', '.join(SEVERITIES)}, not {level!r}")
    limits = dict(DEFAULT_LIMITS)
    given = rules.get("limits", {})
    if not isinstance(given, dict):
        raise fail("limits", "must be a table: [rules.limits]")
    findings += _unknown(given, tuple(DEFAULT_LIMITS), "[rules.limits]", text, file)
    for key, value in given.items():
        if key in DEFAULT_LIMITS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise fail(key, f"must be a whole number of at least 0, not {value!r}")
            limits[key] = value

    feed = data.get("feed", {})
    if not isinstance(feed, dict):
        raise fail("feed", "must be a table: [feed]")
    findings += _unknown(feed, _FEED_KEYS, "[feed]", text, file)
    base_url = text_value("base_url", "")
    if base_url and not re.match(r"^https?://", base_url):
        raise fail("base_url", "must be an absolute http(s) URL, or empty")
    config = Config(
        path=path,
        title=text_value("title", "Job search"),
        timezone=timezone,
        output=text_value("output", "_site"),
        theme=text_value("theme", "default"),
        base_url=base_url,
        exclude=tuple(exclude),
        working_hours=hours,
        weekend=weekend,
        ignore=tuple(ignore),
        severity=FrozenMap(dict(severity)),
        limits=FrozenMap(limits),
        feed_name=text_value("name", "Job search follow-ups", feed),
        feed_interviews=bool_value("interviews", True, feed),
        feed_contact_details=bool_value("contact_details", True, feed),
        source=text,
    )
    return config, findings
