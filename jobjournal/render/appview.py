"""What an application's page is given: its facts, people, one timeline, findings and notes.

The timeline merges everything dated in the file (milestones, interviews, log entries, referees
being contacted, follow-ups) in time order, with "now" marked, so the page reads as the story of
the application and what comes next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from jobjournal.check.checker import Report
from jobjournal.check.registry import find_rule
from jobjournal.core.dates import When, start_of
from jobjournal.core.followups import OWN_RULE
from jobjournal.core.model import (
    FORMAT_LABELS,
    MILESTONES,
    Application,
    FileHistory,
    Interview,
    LogEntry,
)
from jobjournal.render.views import (
    PART_ORDER,
    AcknowledgedView,
    AppRef,
    FindingView,
    FollowUpView,
    Lookups,
    Moment,
    finding_view,
    followup_view,
    lookups,
    moment,
    paragraphs,
    person_key,
    person_org,
    phone_href,
    safe_web_url,
    severity_sorted,
)

MILESTONE_TEXT = {
    "applied": "Applied", "offer": "Offer received", "signed": "Contract signed",
    "rejected": "Rejected", "withdrawn": "Withdrew", "ghosted": "Stopped waiting (ghosted)",
}


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    text: str
    href: str = ""
    when: Moment | None = None


@dataclass(frozen=True, slots=True)
class AppPerson:
    anchor: str  # on people.html
    name: str
    parts: tuple[str, ...]
    title: str
    organisation: str
    relation: str
    email: str
    phone: str
    phone_href: str
    linkedin: str
    direct: bool
    contacted: Moment | None


@dataclass(frozen=True, slots=True)
class TimelineItem:
    when: Moment
    kind: str  # milestone | interview | log | referee | followup | own
    title: str
    details: tuple[str, ...]
    note: str
    state: str  # past | upcoming | overdue | done | cancelled | lapsed
    rule: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True)
class FindingDetail:
    finding: FindingView
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ApplicationView:
    application: AppRef
    file: str
    facts: tuple[Fact, ...]
    tags: tuple[str, ...]
    people: tuple[AppPerson, ...]
    timeline: tuple[TimelineItem, ...]
    now_at: int  # index of the first timeline item after now
    findings: tuple[FindingDetail, ...]
    acknowledged: tuple[AcknowledgedView, ...]
    notes: str  # Markdown source; render.py turns it into HTML
    raw_source: str  # the file as written, when its front matter could not be read
    pending: int  # follow-ups to do
    # From git, when the journal is a repository: the last commit touching the file, and
    # how many commits did.
    last_changed: Moment | None = None
    commits: int = 0
    emails: tuple[FollowUpView, ...] = ()  # follow-ups that are emails, with a draft link


def _facts(application: Application, now: datetime) -> tuple[Fact, ...]:
    facts = [Fact(MILESTONE_TEXT[m], "", when=moment(application.milestones[m], now))
             for m in MILESTONES if m in application.milestones]
    for label, value in (("Location", application.location), ("Salary", application.salary),
                         ("Source", application.source)):
        if value:
            facts.append(Fact(label, value))
    if application.recruiter:
        facts.append(Fact("Recruiter", application.recruiter.label()))
    link = safe_web_url(application.link)
    if link:
        facts.append(Fact("Job posting", urlsplit(link).hostname or link, href=link))
    elif application.link:
        facts.append(Fact("Job posting", application.link))
    return tuple(facts)


def _people(application: Application, now: datetime, look: Lookups) -> tuple[AppPerson, ...]:
    merged: dict[str, dict] = {}
    for part, person in application.people():
        entry = merged.setdefault(person.key, {
            "anchor": look.anchors.get(person_key(part, person, application), ""),
            "name": person.name, "parts": [], "title": "", "org": "", "relation": "",
            "email": "", "phone": "", "linkedin": "", "direct": False, "contacted": None})
        if part not in entry["parts"]:
            entry["parts"].append(part)
        for attribute in ("title", "email", "phone", "relation"):
            entry[attribute] = entry[attribute] or (getattr(person, attribute) or "")
        entry["org"] = entry["org"] or (person_org(part, person, application)
                                        if part == "recruiter" else "")
        entry["linkedin"] = entry["linkedin"] or safe_web_url(person.linkedin)
        entry["direct"] = entry["direct"] or person.in_direct_contact
        if person.contacted and entry["contacted"] is None:
            entry["contacted"] = moment(person.contacted, now)
    people = [AppPerson(e["anchor"], e["name"],
                        tuple(p for p in PART_ORDER if p in e["parts"]), e["title"], e["org"],
                        e["relation"], e["email"], e["phone"], phone_href(e["phone"]),
                        e["linkedin"], e["direct"], e["contacted"]) for e in merged.values()]
    return tuple(people)


def _interview_title(interview: Interview) -> str:
    """Its stage, else its name in messages with a capital ("First interview")."""
    label = interview.stage or interview.label()
    return label[:1].upper() + label[1:]


def _interview_item(interview: Interview, now: datetime) -> TimelineItem:
    details = []
    how = [f"{interview.minutes} min"]
    if interview.format:
        how.append(FORMAT_LABELS.get(interview.format, interview.format))
    if interview.where:
        how.append(interview.where)
    details.append(" · ".join(how))
    if interview.with_:
        names = [f"{p.name} ({p.title})" if p.title else p.name for p in interview.with_]
        details.append("With " + ", ".join(names))
    if interview.debrief == "i-call":
        details.append("Afterwards: you call the recruiter")
    elif interview.debrief == "they-call":
        details.append("Afterwards: the recruiter calls you")
    if interview.hear_back_by:
        details.append(f"Hear back by {moment(interview.hear_back_by, now).text}")
    if interview.time_off:
        details.append("Time off booked")
    state = "upcoming" if interview.start > now else "past"
    if interview.is_cancelled:
        state = "cancelled"
        by = {"me": " by you", "them": " by them"}.get(interview.cancelled_by or "", "")
        when = f" on {moment(interview.cancelled, now).text}" if interview.cancelled else ""
        details.append(f"Cancelled{when}{by}")
    return TimelineItem(moment(interview.start, now), "interview",
                        _interview_title(interview), tuple(details),
                        interview.notes or "", state)


def _log_title(entry: LogEntry, application: Application) -> str:
    to = entry.to or ""
    recruiter = application.recruiter.name if application.recruiter else ""
    titles = {
        "recruiter-debrief": f"Debriefed {to or recruiter or 'the recruiter'}",
        "thank-you": f"Thank-you to {to}",
        "linkedin": f"LinkedIn request to {to}",
        "heads-up": f"Heads-up to {to}",
        "references-shared": "References shared" + (f" with {to}" if to else ""),
        "feedback-requested": "Asked for feedback" + (f" from {to}" if to else ""),
        "chased": "Chased" + (f" {to}" if to else " for news"),
        "check-in": f"Checked in with {to}",
        "meeting": f"Met {to}",
        "note": f"Note, with {to}" if to else "Note",
    }
    title = titles.get(entry.did, entry.did)
    if entry.via == "recruiter":
        title += " (via the recruiter)"
    return title


def _timeline(application: Application, report: Report, look: Lookups
              ) -> tuple[tuple[TimelineItem, ...], int]:
    now = report.now
    zone = now.tzinfo
    items: list[tuple[tuple, TimelineItem]] = []

    def add(value: When, order: int, item: TimelineItem) -> None:
        items.append(((start_of(value, zone), order, len(items)), item))  # type: ignore[arg-type]

    for name in MILESTONES:
        if name in application.milestones:
            value = application.milestones[name]
            add(value, 0, TimelineItem(moment(value, now), "milestone", MILESTONE_TEXT[name],
                                       (), "", "past"))
    for interview in application.interviews:
        add(interview.start, 1, _interview_item(interview, now))
    for entry in application.log:
        add(entry.on, 2, TimelineItem(moment(entry.on, now), "log",
                                      _log_title(entry, application), (), entry.note or "",
                                      "past"))
    for reference in application.references:
        if reference.contacted:
            add(reference.contacted, 2, TimelineItem(
                moment(reference.contacted, now), "referee",
                f"The employer contacted {reference.name}",
                (reference.relation,) if reference.relation else (), "", "past"))
    pending = look.followups.get(application.slug, [])
    own_pending = {f.line: f for f in pending if f.rule == OWN_RULE}
    for own in application.followups:
        if own.done:
            add(own.done, 3, TimelineItem(moment(own.done, now), "own", own.what,
                                          (f"Was due {moment(own.due, now).text}",), "",
                                          "done"))
        elif own.line not in own_pending:
            add(own.due, 3, TimelineItem(moment(own.due, now), "own", own.what,
                                         ("Lapsed when the application closed",), "", "lapsed"))
    for followup in pending:
        view = followup_view(followup, report, look)
        add(followup.due, 3, TimelineItem(
            view.due, "own" if view.own else "followup", view.title, (),
            "", "overdue" if view.overdue else "upcoming", view.rule, view.why))
    items.sort(key=lambda pair: pair[0])
    # The "Now" line divides the page: what happened above it, what is to come below it.
    # Overdue follow-ups belong to now, so they come last before the line (after every past
    # item, whatever their due date), and nothing of the past is drawn below it.
    past, overdue, future = [], [], []
    for (when, _order, _n), item in items:
        if item.state == "overdue":
            overdue.append(item)
        elif item.state == "upcoming" or when > now:
            future.append(item)
        else:
            past.append(item)
    return (*past, *overdue, *future), len(past) + len(overdue)


# A first line of the notes that only says "Notes" (as `jobjournal new` writes it): the page's
# own "Notes" heading already says it.
_NOTES_HEADING = re.compile(r"\A\s*(?:#{1,6}[ \t]+notes[ \t]*#*[ \t]*:?|notes:?[ \t]*\n[=-]+)"
                            r"[ \t]*(?:\n|\Z)", re.IGNORECASE)


def notes_without_heading(notes: str) -> str:
    """The notes without a leading "## Notes" heading, which would repeat the page's."""
    return _NOTES_HEADING.sub("", notes, count=1)


def application_view(report: Report, application: Application, now: datetime,
                     look: Lookups | None = None, history: FileHistory | None = None
                     ) -> ApplicationView:
    look = look or lookups(report)
    slug = application.slug
    findings = []
    for view in severity_sorted(finding_view(f, look) for f in look.findings.get(slug, [])):
        rule = find_rule(view.rule)
        findings.append(FindingDetail(view, paragraphs(rule.explanation) if rule else ()))
    acknowledged = tuple(AcknowledgedView(finding_view(item.finding, look), item.reason,
                                          item.scope)
                         for item in look.acknowledged.get(slug, []))
    timeline, now_at = _timeline(application, report, look)
    broken = application.needs_repair and not application.lines
    return ApplicationView(
        look.refs[slug], application.file, _facts(application, now), application.tags,
        _people(application, now, look), timeline, now_at, tuple(findings), acknowledged,
        "" if broken else notes_without_heading(application.notes),
        application.notes if broken else "",
        len(look.followups.get(slug, [])),
        moment(history.last_changed, now) if history else None,
        history.commits if history else 0,
        tuple(view for view in (followup_view(f, report, look)
                                for f in look.followups.get(slug, [])) if view.mailto))


def page_inputs(report: Report, application: Application, look: Lookups,
                history: FileHistory | None) -> tuple[object, ...] | None:
    """Everything `application_view` reads, summed up without making the view: the file as
    it was read (its signature), this application's findings, acknowledgements and follow-ups,
    its people's anchors on people.html, the email templates, the day and which of its
    date-times are past. Equal inputs make an equal view, so a build need not make the view
    of an application nothing touched (a test checks this over many builds and instants).
    None when the file's signature is unknown: then only the view itself can say."""
    signature = report.journal.signatures.get(application.file)
    if signature is None:
        return None
    now = report.now
    slug = application.slug
    anchors = tuple(look.anchors.get(person_key(part, person, application), "")
                    for part, person in application.people())
    drafts = look.draft_links.key[2] if look.draft_links is not None else None
    return (application.file, signature, now.date(), repr(now.tzinfo),
            application.ahead_of(now), anchors, drafts, repr(history),
            repr(look.findings.get(slug, [])), repr(look.acknowledged.get(slug, [])),
            repr(look.followups.get(slug, [])))
