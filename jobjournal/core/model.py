"""The journal as immutable records that remember where each value came from.

The loader builds these once; rules, views and the feed only read them. Every record keeps
`line` (where it starts in the file) and `lines` (the line of each of its keys), so any finding
can point at the exact YAML node it is about.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jobjournal.core.dates import When, add_elapsed
from jobjournal.core.frozen import FrozenMap

if TYPE_CHECKING:
    from jobjournal.core.config import Config
    from jobjournal.core.findings import Finding

_EMPTY: Mapping[str, int] = FrozenMap()


def _no_lines() -> Mapping:  # type: ignore[type-arg]
    return _EMPTY


# How each interview `format` reads in a sentence (pages, the feed).
FORMAT_LABELS = {"in-person": "in person", "video": "video call", "phone": "phone call"}

MILESTONES = ("applied", "offer", "signed", "rejected", "withdrawn", "ghosted")
CLOSINGS = ("signed", "rejected", "withdrawn", "ghosted")
STATUSES = ("considering", "applied", "interviewing", "offer", "signed", "rejected",
            "withdrawn", "ghosted")
LIVE_STATUSES = frozenset({"applied", "interviewing", "offer"})
CLOSED_STATUSES = frozenset(CLOSINGS)


def fold_text(text: str) -> str:
    """A company, role, agency or file name compared as written: case-insensitively, with
    white space folded (people's names are compared with fold_name instead)."""
    return " ".join(text.split()).casefold()


# A leading title is not part of whom a name means: "Dr Anna Kowalski" is "Anna Kowalski".
NAME_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})
_DASHES = str.maketrans({c: " " for c in "-\u2010\u2011\u2012\u2013\u2014_/"})


# The same few hundred names are folded tens of thousands of times in a big journal.
@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A name as a person would match it: case-insensitively, with white space folded,
    ignoring a leading title and punctuation inside the name ("Mark OBrien" is
    "Mark O'Brien", "Mary-Jane Hill" is "Mary Jane Hill", "Dr. Anna Kowalski" is
    "Anna Kowalski")."""
    words = unicodedata.normalize("NFKC", name).casefold().translate(_DASHES).split()
    if len(words) > 1 and words[0].rstrip(".") in NAME_TITLES:
        words = words[1:]
    cleaned = ["".join(ch for ch in word if ch.isalnum()) for word in words]
    folded = " ".join(word for word in cleaned if word)
    return folded or " ".join(words)


def split_names(text: str) -> tuple[str, ...]:
    """ "Tom Hughes, Kai Nakamura" (or with semicolons) names one person per part."""
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")


def ordinal(number: int) -> str:
    """1 -> "first"; past tenth, "11th"."""
    if 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    line: int
    lines: Mapping[str, int] = field(default_factory=_no_lines)
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    direct: bool | None = None
    # Only for the recruiter:
    agency: str | None = None
    # Only for references:
    relation: str | None = None
    contacted: date | None = None
    # The name as people are matched (fold_name), made once with the record.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", sys.intern(fold_name(self.name)))

    @property
    def in_direct_contact(self) -> bool:
        if self.direct is not None:
            return self.direct
        return bool(self.email)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def label(self) -> str:
        """'Priya Shah (Hays)' for a recruiter, the name otherwise."""
        return f"{self.name} ({self.agency})" if self.agency else self.name


@dataclass(frozen=True, slots=True)
class Interview:
    index: int  # 1-based position in `interviews`, part of follow-up ids
    line: int
    at: datetime  # aware, in the journal's zone
    has_time: bool
    minutes: int = 60
    stage: str | None = None
    format: str | None = None
    where: str | None = None
    with_: tuple[Person, ...] = ()
    debrief: str | None = None
    hear_back_by: date | None = None
    time_off: bool = False
    cancelled: date | None = None
    cancelled_by: str | None = None
    notes: str | None = None
    lines: Mapping[str, int] = field(default_factory=_no_lines)

    @property
    def start(self) -> datetime:
        return self.at

    @property
    def end(self) -> datetime:
        return add_elapsed(self.at, timedelta(minutes=self.minutes))

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled is not None or self.cancelled_by is not None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def label(self) -> str:
        """How messages name it: its stage, else "first interview", "second interview"."""
        return self.stage or f"{ordinal(self.index)} interview"


@dataclass(frozen=True, slots=True)
class LogEntry:
    index: int
    line: int
    on: When
    did: str
    to: str | None = None  # as written (a list is shown joined with ", ")
    via: str | None = None
    note: str | None = None
    lines: Mapping[str, int] = field(default_factory=_no_lines)
    # The keys (fold_name) of the people `to` names, made once with the record.
    recipient_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "recipient_keys", tuple(
            sys.intern(fold_name(name)) for name in self.recipients))

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def recipients(self) -> tuple[str, ...]:
        """The people `to` names: "A, B" (or a list) names each of them."""
        return split_names(self.to) if self.to else ()

    def is_to(self, person: Person) -> bool:
        return person.key in self.recipient_keys


@dataclass(frozen=True, slots=True)
class OwnFollowUp:
    """A reminder the person wrote in `followups`."""

    index: int
    line: int
    due: When
    what: str
    done: date | None = None
    lines: Mapping[str, int] = field(default_factory=_no_lines)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@dataclass(frozen=True, slots=True)
class Application:
    slug: str  # path without .md, relative to the journal, POSIX
    file: str  # path relative to the journal, POSIX
    line: int  # the front matter's first line (the opening ---)
    company: str | None = None
    role: str | None = None
    milestones: Mapping[str, date] = field(default_factory=_no_lines)
    location: str | None = None
    salary: str | None = None
    source: str | None = None
    link: str | None = None
    tags: tuple[str, ...] = ()
    recruiter: Person | None = None
    contacts: tuple[Person, ...] = ()
    interviews: tuple[Interview, ...] = ()
    references: tuple[Person, ...] = ()
    log: tuple[LogEntry, ...] = ()
    followups: tuple[OwnFollowUp, ...] = ()
    # rule id or name -> (reason, line of the key)
    ignore: Mapping[str, tuple[str, int]] = field(default_factory=_no_lines)
    # The notes below the front matter, packed (pack_text): a journal's largest text, read
    # only by the application's own page; `notes` gives it back.
    packed_notes: bytes = b""
    notes_line: int = 1
    lines: Mapping[str, int] = field(default_factory=_no_lines)
    # Set when JJ001/JJ004 made the file unreadable or incomplete: shown, flagged, kept.
    needs_repair: bool = False
    # False for a Markdown file with no front matter at all: a note, reported once (JJ001)
    # and left out of the journal (FORMAT.md).
    is_application: bool = True
    # Derived from the milestones and interviews once, with the record (see _status).
    status: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", self._status())

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def notes(self) -> str:
        return unpack_text(self.packed_notes)

    @property
    def title(self) -> str:
        """The company as rules name it; the slug stands in while company is missing."""
        return self.company or self.slug

    def _status(self) -> str:
        for closing in CLOSINGS:
            if closing in self.milestones:
                return closing
        if "offer" in self.milestones:
            return "offer"
        if any(not interview.is_cancelled for interview in self.interviews):
            return "interviewing"
        if "applied" in self.milestones:
            return "applied"
        return "considering"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def closed_on(self) -> date | None:
        status = self.status
        return self.milestones.get(status) if status in CLOSED_STATUSES else None

    def people(self) -> tuple[tuple[str, Person], ...]:
        """Everyone of this application with their part, recruiter first (made on each
        call: a journal of thousands does not keep a second copy of everyone)."""
        found: list[tuple[str, Person]] = []
        if self.recruiter:
            found.append(("recruiter", self.recruiter))
        found.extend(("contact", person) for person in self.contacts)
        for interview in self.interviews:
            found.extend(("interviewer", person) for person in interview.with_)
        found.extend(("reference", person) for person in self.references)
        return tuple(found)

    def moments(self) -> tuple[datetime, ...]:
        """Every date-time the file names (interviews' starts and ends, log entries, its
        people's and reminders' dates when written with a time): what is said about the
        application ("past", "ahead", "overdue") can change at each of them. Plain dates
        change things only at midnight."""
        values: list[When | None] = []
        for interview in self.interviews:
            values.extend((interview.start, interview.end))
        values.extend(entry.on for entry in self.log)
        values.extend(person.contacted for person in self.references)
        for own in self.followups:
            values.extend((own.due, own.done))
        return tuple(value for value in values if isinstance(value, datetime))

    def ahead_of(self, now: datetime) -> tuple[bool, ...]:
        """Which of `moments()` are still ahead of `now`: what a page or a draft says of the
        application's times (an interview to come or begun) changes only when these do."""
        return tuple(moment > now for moment in self.moments())

    def find_person(self, name: str) -> Person | None:
        key = fold_name(name)
        return next((person for _part, person in self.people() if person.key == key), None)

    def in_direct_contact(self, person: Person) -> bool:
        """Whether you can write to this person yourself. The same name is the same person
        whatever their roles here: your recruiter, or anyone with an email (or 'direct: true')
        under any of their roles."""
        if self.recruiter is not None and self.recruiter.key == person.key:
            return True
        records = [p for _part, p in self.people() if p.key == person.key] or [person]
        if any(p.direct is False for p in records):
            return False
        return any(p.in_direct_contact for p in records)

    def interviewers(self) -> list[Person]:
        seen: dict[str, Person] = {}
        for interview in self.interviews:
            for person in interview.with_:
                seen.setdefault(person.key, person)
        return list(seen.values())


# Text this long is compressed (fast zlib) when packed; shorter text is only encoded.
_COMPRESS_FROM = 512


def pack_text(text: str) -> bytes:
    """Text as compact bytes: UTF-8 (a str holding one character beyond Latin-1 takes two
    or four bytes for every character), compressed when long. unpack_text gives it back."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) >= _COMPRESS_FROM:
        return b"z" + zlib.compress(data, 1)
    return b"t" + data if data else b""


def unpack_text(packed: bytes) -> str:
    if not packed:
        return ""
    data = zlib.decompress(packed[1:]) if packed[:1] == b"z" else packed[1:]
    return data.decode("utf-8", "surrogatepass")


_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def slugify(*parts: str) -> str:
    """'Northwind Analytics', 'Senior Data Analyst' -> 'northwind-analytics-senior-data-analyst'."""
    import unicodedata

    text = " ".join(parts)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_UNSAFE.sub("-", text.lower()).strip("-") or "application"


@dataclass(frozen=True, slots=True)
class Journal:
    root: Path
    config: Config
    applications: tuple[Application, ...]
    # Findings the loader made (JJ001-JJ004, configuration), before any rule ran.
    load_findings: tuple[Finding, ...] = ()
    by_slug: Mapping[str, Application] = field(default_factory=_no_lines)
    # Each file's signature when it was read (its stamp and the zone): an application is
    # what its file said then, so a build can tell an unchanged one without comparing it.
    signatures: Mapping[str, object] = field(default_factory=_no_lines)

    def application(self, slug: str) -> Application | None:
        return self.by_slug.get(slug)


@dataclass(frozen=True)
class FileHistory:
    """What git knows about one application file (load/gitinfo.py reads it)."""

    last_changed: datetime  # the newest commit touching the file (UTC)
    commits: int
