"""What people.html and advice.html are given: who is who, and what each rule says and where.

Pure functions of the report and `now`, like the dashboard's views (views.py), which they
build on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobjournal.check.checker import Report
from jobjournal.check.registry import find_rule
from jobjournal.core.dates import When, start_of
from jobjournal.core.model import Application, fold_name
from jobjournal.render.views import (
    PART_ORDER,
    AppRef,
    Lookups,
    Moment,
    lookups,
    moment,
    paragraphs,
    person_key,
    person_org,
    phone_href,
    safe_web_url,
)


@dataclass(frozen=True, slots=True)
class PersonView:
    anchor: str
    name: str
    title: str
    organisation: str  # agency for recruiters, company for the company's people
    relation: str  # for referees
    parts: tuple[str, ...]
    applications: tuple[AppRef, ...]
    email: str
    phone: str
    phone_href: str
    linkedin: str
    last_contact: Moment | None
    last_contact_what: str


_DID_TEXT = {
    "recruiter-debrief": "debrief", "thank-you": "thank-you", "linkedin": "LinkedIn request",
    "heads-up": "heads-up", "references-shared": "references shared",
    "feedback-requested": "feedback requested", "chased": "chased", "check-in": "check-in",
    "meeting": "meeting", "note": "note",
}


def _contacts_by_person(application: Application, zone: object
                        ) -> dict[str, list[tuple[When, str]]]:
    """Folded name -> (when, what) for each time you were in touch: log entries to them,
    debriefs (with the recruiter) and interviews they took part in."""
    found: dict[str, list[tuple[When, str]]] = {}
    recruiter = application.recruiter
    for entry in application.log:
        target = entry.to
        if target is None and entry.did == "recruiter-debrief" and recruiter:
            target = recruiter.name
        if target:
            found.setdefault(fold_name(target), []).append((entry.on, _DID_TEXT.get(entry.did,
                                                                                  entry.did)))
    for interview in application.interviews:
        if interview.is_cancelled:
            continue
        for person in interview.with_:
            found.setdefault(person.key, []).append((interview.start, interview.label()))
    return found


class _Met:
    """One person as people_view gathers them over the journal: slotted, as a journal of
    thousands has tens of thousands of them at once (a dict, a set and a dict each took
    about a kilobyte per person)."""

    __slots__ = ("name", "title", "org", "relation", "parts", "apps", "email", "phone",
                 "linkedin", "last")

    def __init__(self, name: str, org: str) -> None:
        self.name = name
        self.org = org
        self.title = self.relation = self.email = self.phone = self.linkedin = ""
        self.parts: tuple[str, ...] = ()
        self.apps: list[AppRef] = []  # in the journal's order, each application once
        self.last: tuple[tuple[datetime, bool], When, str] | None = None


def people_view(report: Report, now: datetime, look: Lookups | None = None
                ) -> tuple[PersonView, ...]:
    look = look or lookups(report)
    zone = now.tzinfo
    merged: dict[tuple[str, str, str], _Met] = {}
    for application in report.journal.applications:
        contacts = _contacts_by_person(application, zone)
        ref = look.refs[application.slug]
        for part, person in application.people():
            key = person_key(part, person, application)
            entry = merged.get(key)
            if entry is None:
                entry = merged[key] = _Met(person.name, person_org(part, person, application))
            if part not in entry.parts:
                entry.parts += (part,)
            if not entry.org and part in ("contact", "interviewer"):
                # A recruiter with no agency who sits on the panel works for the company.
                entry.org = person_org(part, person, application)
            if not entry.apps or entry.apps[-1] is not ref:  # applications come in turn
                entry.apps.append(ref)
            entry.title = entry.title or (person.title or "")
            entry.email = entry.email or (person.email or "")
            entry.phone = entry.phone or (person.phone or "")
            entry.relation = entry.relation or (person.relation or "")
            entry.linkedin = entry.linkedin or safe_web_url(person.linkedin)
            for when, what in contacts.get(person.key, []):
                if start_of(when, zone) > now:  # type: ignore[arg-type]
                    continue
                ordering = (start_of(when, zone), isinstance(when, datetime))  # type: ignore[arg-type]
                if entry.last is None or ordering > entry.last[0]:
                    entry.last = (ordering, when, f"{what} ({application.title})")
    people = []
    # Each gathered entry is let go as its view is made (the last first, then the list is
    # turned round): the two are never all held at once.
    while merged:
        key, entry = merged.popitem()
        last = entry.last
        parts = tuple(p for p in PART_ORDER if p in entry.parts)
        apps = tuple(sorted(entry.apps,
                            key=lambda r: (r.company.casefold(), r.role.casefold(), r.slug)))
        people.append(PersonView(look.anchors.get(key, ""), entry.name, entry.title,
                                 entry.org, entry.relation, parts, apps, entry.email,
                                 entry.phone, phone_href(entry.phone), entry.linkedin,
                                 moment(last[1], now) if last else None,
                                 last[2] if last else ""))
    people.reverse()
    people.sort(key=lambda p: (fold_name(p.name), p.organisation.casefold(), p.anchor))
    return tuple(people)


# --- advice ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a rule fires now: a finding, or a follow-up not yet overdue."""

    application: AppRef | None
    text: str
    severity: str  # the finding's severity, or "due" for a follow-up not yet due
    due: Moment | None


@dataclass(frozen=True, slots=True)
class RuleView:
    id: str
    name: str
    group: str
    severity: str
    default_severity: str
    why: str
    explanation: tuple[str, ...]  # paragraphs
    example: str
    ignored: bool  # in jobjournal.toml
    places: tuple[Place, ...]
    acknowledged: int

    @property
    def anchor(self) -> str:
        return self.id.lower()


def advice_view(report: Report, now: datetime, look: Lookups | None = None
                ) -> tuple[RuleView, ...]:
    from jobjournal.check.registry import all_rules

    look = look or lookups(report)
    config = report.journal.config
    ignored = {rule.id for key in config.ignore if (rule := find_rule(key))}
    severity = {rule.id: level for key, level in config.severity.items()
                if (rule := find_rule(key))}
    places: dict[str, list[Place]] = {}
    for finding in report.findings:
        places.setdefault(finding.rule, []).append(
            Place(look.refs.get(finding.application or ""), finding.message, finding.severity,
                  None))
    for followup in report.followups:
        if not followup.overdue:  # an overdue one is already there as its finding
            places.setdefault(followup.rule, []).append(
                Place(look.refs.get(followup.application), followup.title, "due",
                      moment(followup.due, now)))
    acknowledged: dict[str, int] = {}
    for item in report.acknowledged:
        acknowledged[item.finding.rule] = acknowledged.get(item.finding.rule, 0) + 1
    views = []
    for rule in all_rules():
        views.append(RuleView(rule.id, rule.name, rule.group,
                              severity.get(rule.id, rule.severity), rule.severity, rule.why,
                              paragraphs(rule.explanation), rule.example, rule.id in ignored,
                              tuple(places.get(rule.id, ())), acknowledged.get(rule.id, 0)))
    return tuple(views)
