"""What each page is given: plain, sorted data computed once from a Report.

Templates only lay this out. Everything here is a pure function of the report and `now`, so the
same journal and `--today` always give the same pages, and tests can check what a page shows
without parsing HTML. Dates arrive ready to print (`Moment`); links are paths from the site's
root (`applications/closed/x.html`), which templates prefix with the page's `root`.
The dashboard has its own in dashboard.py, the people and advice pages in directory.py, the
application page in appview.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter
from typing import Generic, TypeVar

from jobjournal.cache.memo import IdentityMemo, LastResult, remembered
from jobjournal.check.checker import Acknowledged, Report
from jobjournal.core.dates import When, start_of
from jobjournal.core.findings import SEVERITY_RANK, Finding
from jobjournal.core.followups import (
    OWN_RULE,
    FollowUp,
)
from jobjournal.core.model import Application, Journal, Person, fold_name, slugify
from jobjournal.render.drafts import DraftLinks
from jobjournal.render.paths import page_href

STATUS_LABELS = {
    "considering": "Considering", "applied": "Applied", "interviewing": "Interviewing",
    "offer": "Offer", "signed": "Signed", "rejected": "Rejected", "withdrawn": "Withdrawn",
    "ghosted": "Ghosted",
}
_NOT_DIALABLE = re.compile(r"[^0-9+]")
PART_ORDER = ("recruiter", "contact", "interviewer", "reference")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Moment:
    """A date or date-time, ready to print and to sort."""

    iso: str  # for <time datetime> and sorting: 2026-11-25 or 2026-11-25T14:00:00+00:00
    text: str  # Wed 25 Nov 2026, or Wed 25 Nov 2026 14:00
    short: str  # 25 Nov (this year) or 25 Nov 2025; with 14:00 when there is a time
    sort: str  # UTC-comparable key
    # No "3 days ago": that changes with the clock, so the theme's script says it in the
    # browser (from `iso`), and a page changes only when what it says does.


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")


def moment(value: When, now: datetime) -> Moment:
    """`value` as seen from `now`, in now's zone."""
    # Equal instants in different zones compare equal, so the zone is part of the cache key.
    return _moment(value, now, repr(now.tzinfo))


@lru_cache(maxsize=8192)
def _moment(value: When, now: datetime, _zone_key: str) -> Moment:
    """Cached: a journal repeats its dates, and formatting is most of a page's view cost."""
    zone = now.tzinfo
    if isinstance(value, datetime):
        local = value.astimezone(zone)
        day = local.date()
        clock = f" {local.hour:02d}:{local.minute:02d}"
        iso = local.isoformat(timespec="minutes")
        sort = local.astimezone(UTC).isoformat(timespec="minutes")[:16]
    else:
        day = value
        clock = ""
        iso = day.isoformat()
        sort = start_of(day, zone).astimezone(UTC).isoformat(timespec="minutes")[:16]  # type: ignore[arg-type]
    month = _MONTH_NAMES[day.month - 1]
    year = "" if day.year == now.year else f" {day.year}"
    text = f"{_DAY_NAMES[day.weekday()]} {day.day} {month} {day.year}{clock}"
    short = f"{day.day} {month}{year}{clock}"
    return Moment(iso, text, short, sort)


@dataclass(frozen=True, slots=True)
class AppRef:
    slug: str
    page: str  # applications/<slug>.html, URL-quoted
    company: str
    role: str
    status: str
    status_label: str
    needs_repair: bool

    @property
    def name(self) -> str:
        return f"{self.company} — {self.role}" if self.role else self.company


def app_ref(application: Application) -> AppRef:
    status = application.status
    return AppRef(application.slug, page_href(application.slug), application.title,
                  application.role or "", status, STATUS_LABELS[status],
                  application.needs_repair)


@dataclass(frozen=True, slots=True)
class PersonRef:
    name: str
    part: str
    anchor: str  # id on people.html


@dataclass(frozen=True, slots=True)
class FollowUpView:
    id: str
    title: str
    due: Moment
    overdue: bool
    rule: str
    rule_name: str
    why: str
    own: bool
    application: AppRef | None
    people: tuple[PersonRef, ...]
    mailto: str = ""  # "Draft email": the email it asks for, when the address is known


@dataclass(frozen=True, slots=True)
class FindingView:
    rule: str
    rule_name: str
    severity: str
    message: str
    file: str
    line: int
    why: str
    application: AppRef | None


@dataclass(frozen=True, slots=True)
class AcknowledgedView:
    finding: FindingView
    reason: str
    scope: str


def person_org(part: str, person: Person, application: Application) -> str:
    """Who a person is with: the agency for a recruiter, the company otherwise; referees are
    people of their own, whichever employer contacted them."""
    if part == "recruiter":
        return person.agency or ""
    if part == "reference":
        return ""
    return application.title


def identity(part: str, person: Person, application: Application) -> tuple[str, Person]:
    """The part and record that say who a person is, the same for all their parts in one
    application (RULES v2: the same name is the same person): the recruiter, even on the
    panel; else someone of the company (contact, interviewer); else a referee."""
    recruiter = application.recruiter
    if recruiter is not None and recruiter.key == person.key:
        return "recruiter", recruiter
    if part == "reference":
        for other_part, other in application.people():
            if other.key == person.key and other_part in ("contact", "interviewer"):
                return other_part, other
    return part, person


def person_key(part: str, person: Person, application: Application) -> tuple[str, str, str]:
    """Who a person is across the journal: their name, kind (recruiter, referee, someone of
    a company) and organisation; every part they have in one application gives the same."""
    part, person = identity(part, person, application)
    kind = "reference" if part == "reference" else "recruiter" if part == "recruiter" else "org"
    return (person.key, kind, fold_name(person_org(part, person, application)))


class BySlug(Generic[T]):
    """A report's items grouped by application slug. One application's page asks once, and
    picking its few items out of thousands is cheaper than grouping them all; the dashboard
    asks for every application, so the second question groups everything."""

    def __init__(self, items: Sequence[T], slug_of: Callable[[T], str | None]) -> None:
        self._items = items
        self._slug_of = slug_of
        self._first: tuple[str, list[T]] | None = None
        self._groups: dict[str, list[T]] | None = None

    def get(self, slug: str, default: list[T] | None = None) -> list[T]:
        if self._groups is None:
            if self._first is None:
                slug_of = self._slug_of
                self._first = (slug, [item for item in self._items
                                      if (slug_of(item) or "") == slug])
            if self._first[0] == slug:
                found: list[T] | None = self._first[1]
                return found if found or default is None else default
            groups: dict[str, list[T]] = {}
            for item in self._items:
                groups.setdefault(self._slug_of(item) or "", []).append(item)
            self._groups = groups  # whole, for the other threads making pages at once
        found = self._groups.get(slug)
        return found if found is not None else (default if default is not None else [])


@dataclass(slots=True)
class Lookups:
    """Per-application indexes, built once so no page scans the whole report."""

    refs: dict[str, AppRef]
    findings: BySlug[Finding]
    followups: BySlug[FollowUp]
    acknowledged: BySlug[Acknowledged]
    anchors: dict[tuple[str, str, str], str] = field(default_factory=dict)
    draft_links: DraftLinks | None = None


def lookups(report: Report) -> Lookups:
    journal = report.journal
    refs = {a.slug: _app_ref(a) for a in journal.applications}
    return Lookups(refs, BySlug(report.findings, attrgetter("application")),
                   BySlug(report.followups, attrgetter("application")),
                   BySlug(report.acknowledged, attrgetter("finding.application")),
                   _anchors(journal), DraftLinks(journal, report.now))


def _anchors(journal: Journal) -> dict[tuple[str, str, str], str]:
    """Each person's id on people.html, unique across the journal: the same person (name,
    kind and organisation) gets the same anchor from every application."""
    people = frozenset().union(*(_people_keys(a) for a in journal.applications))
    # Most edits change nobody's name: the anchors stay as they were.
    return _last_anchors.get(people, lambda: _new_anchors(people))


def _new_anchors(people: frozenset[tuple[str, str, str, str]]
                 ) -> dict[tuple[str, str, str], str]:
    anchors: dict[tuple[str, str, str], str] = {}
    used: set[str] = set()
    for key0, key1, key2, name in sorted(people):
        key = (key0, key1, key2)
        if key in anchors:
            continue
        base = _anchor_base(name, key2 or key1)
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors[key] = anchor
    return anchors


_last_anchors: LastResult[dict[tuple[str, str, str], str]] = LastResult()


@remembered
def _people_keys(application: Application) -> frozenset[tuple[str, str, str, str]]:
    return frozenset(person_key(part, person, application) + (person.name,)
                     for part, person in application.people())


@lru_cache(maxsize=65536)
def _anchor_base(name: str, organisation: str) -> str:
    return "person-" + slugify(name, organisation)


_app_ref = IdentityMemo(app_ref)


def finding_view(finding: Finding, look: Lookups) -> FindingView:
    return _finding_view(finding, look.refs.get(finding.application or ""))


@remembered
def _finding_view(finding: Finding, ref: AppRef | None) -> FindingView:
    return FindingView(finding.rule, finding.name, finding.severity, finding.message,
                       finding.file, finding.line, finding.why, ref)


def _people_refs(followup: FollowUp, application: Application | None,
                 anchors: dict[tuple[str, str, str], str]) -> tuple[PersonRef, ...]:
    found = []
    for person in followup.people:
        part = "person"
        anchor = ""
        if application is not None:
            for candidate_part, candidate in application.people():
                if candidate.key == person.key:
                    part = candidate_part
                    anchor = anchors.get(person_key(part, candidate, application), "")
                    break
        found.append(PersonRef(person.name, part, anchor))
    return tuple(found)


def followup_view(followup: FollowUp, report: Report, look: Lookups) -> FollowUpView:
    # Remembered while the follow-up, its application, the clock and the people's anchors
    # are the same objects: serve's dashboard then rebuilds only what an edit touched.
    application = report.journal.application(followup.application)
    mailto = look.draft_links(followup, application) if look.draft_links else ""
    return _followup_view(followup, application, look.refs.get(followup.application),
                          look.anchors, report.now, mailto)


@remembered
def _followup_view(followup: FollowUp, application: Application | None, ref: AppRef | None,
                   anchors: dict[tuple[str, str, str], str], now: datetime,
                   mailto: str = "") -> FollowUpView:
    return FollowUpView(followup.id, followup.title, moment(followup.due, now),
                        followup.overdue, followup.rule, followup.name,
                        followup.why, followup.rule == OWN_RULE, ref,
                        _people_refs(followup, application, anchors), mailto)


# --- shared by several pages ----------------------------------------------------------


def phone_href(phone: str) -> str:
    digits = _NOT_DIALABLE.sub("", phone)
    return f"tel:{digits}" if digits.strip("+") else ""


def safe_web_url(url: str | None) -> str:
    """Only http(s) links reach an href (the loader reports others; this makes sure)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return ""


def paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(block.split()) for block in text.split("\n\n") if block.strip())


def severity_sorted(findings: Iterable[FindingView]) -> list[FindingView]:
    return sorted(findings, key=lambda f: (SEVERITY_RANK.get(f.severity, 9), f.line, f.rule))
