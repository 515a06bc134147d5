"""Advice about people: who you contact, how, and that you keep them on side (JJ105, JJ107,
JJ108, JJ111, JJ112)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from jobjournal.check.registry import Context, Output, make_followup, rule
from jobjournal.core.dates import When, at_or_after, day_of, human, start_of
from jobjournal.core.findings import Finding
from jobjournal.core.followups import FollowUp, followup_id
from jobjournal.core.model import Application, LogEntry, Person, fold_name, fold_text


@rule("JJ105", "no-linkedin-before-offer", "error", per_application=True, applies_when_closed=True,
      why="A LinkedIn request to an interviewer before an offer presumes a familiarity that "
          "is not there yet.",
      explanation="""
Do not send LinkedIn connection requests to your interviewers or the company's people before
you have an offer: it can read as pushy and some hiring managers hold it against you. Withdraw
the pending invitation and log it as 'did: linkedin-withdrawn' with 'to:' the same person; connect
once an offer is made. Requests to recruiters and referees are fine (a recruiter who also sat on
the panel counts as the recruiter).
""", example="""interviews:
  - at: 2026-11-18 14:00
    with: [Tom Becker]
log:
  - on: 2026-11-18 19:00
    did: linkedin
    to: Tom Becker   # before any offer""")
def no_linkedin_before_offer(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        company_people = {p.key: part for part, p in application.people()
                          if part in ("interviewer", "contact")}
        recruiter = application.recruiter.key if application.recruiter else None
        offer = application.milestones.get("offer")
        for entry in application.log:
            if entry.did != "linkedin":
                continue
            if offer is not None and day_of(entry.on, context.zone) >= offer:
                continue
            for name in entry.recipients:
                key = fold_name(name)
                part = company_people.get(key)
                if part is None or key == recruiter or _withdrawn(application, entry, key,
                                                                   context):
                    continue
                yield Finding("JJ105", "error", application.file, entry.line_of("to"),
                              f"LinkedIn request to {name} ({part} at {application.title}) "
                              "before any offer; withdraw the pending invitation and log "
                              "'did: linkedin-withdrawn' to them (connect once you have an "
                              "offer)", application.slug)


def _withdrawn(application: Application, request: LogEntry, key: str, context: Context
               ) -> bool:
    """A `linkedin-withdrawn` to the same person, logged with or after the request."""
    return any(entry.did == "linkedin-withdrawn" and key in entry.recipient_keys
               and at_or_after(entry.on, request.on, context.zone)
               for entry in application.log)


def _person_keys(application: Application) -> frozenset[str]:
    return frozenset(person.key for _part, person in application.people())


def _owners(context: Context) -> dict[str, list[Application]]:
    """Folded name -> the applications that person belongs to, in journal order."""
    owners: dict[str, list[Application]] = {}
    for application in context.journal.applications:
        for key in context.memo.identity(_person_keys)(application):
            owners.setdefault(key, []).append(application)
    return owners


@rule("JJ107", "right-person", "error", applies_when_closed=True,
      why="Mixing up who you spoke to, at which company, is what most puts recruiters off.",
      explanation="""
Every 'to:' in the log must name someone of this application, exactly as written in it: the
recruiter, a contact, an interviewer or a reference. When the name belongs to another
application the message says which, because that is how thank-you notes reach the wrong
company. A 'recruiter-debrief' needs a recruiter.
""", example="""log:
  - on: 2026-11-18 19:30
    did: thank-you
    to: Jane Doe   # nobody of this application""")
def right_person(context: Context) -> Iterator[Output]:
    owners: dict[str, list[Application]] | None = None
    for application in context.journal.applications:
        found, strangers = context.memo.identity(_log_people)(application)
        yield from found
        for entry, name in strangers:  # names nobody of this application: whose are they?
            if owners is None:
                owners = _owners(context)
            elsewhere = [a for a in owners.get(fold_name(name), []) if a is not application]
            if elsewhere:
                other = elsewhere[0]
                message = (f"'{name}' is not part of this application: they are at "
                           f"{other.title} ({other.file}); check whom you wrote to, and log it "
                           "in the right file")
            else:
                guess = _closest_name(application, name)
                hint = (f"did you mean '{guess}'? Otherwise add them" if guess
                        else "add them")
                message = (f"'{name}' is nobody of this application; {hint} to recruiter, "
                           "contacts, an interview's 'with' or references, or fix the spelling")
            yield Finding("JJ107", "error", application.file, entry.line_of("to"), message,
                          application.slug)


def _closest_name(application: Application, name: str) -> str | None:
    """The name of this application's people that `name` most looks like, if any does."""
    names = {person.key: person.name for _part, person in application.people()}
    close = difflib.get_close_matches(fold_name(name), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def _log_people(application: Application) -> tuple[list[Finding], list[tuple[LogEntry, str]]]:
    """JJ107's findings that need only this application, and each name a log entry is
    addressed to that belongs to nobody of it (their message depends on the others)."""
    found: list[Finding] = []
    strangers: list[tuple[LogEntry, str]] = []
    for entry in application.log:
        if entry.did == "recruiter-debrief" and application.recruiter is None:
            found.append(Finding("JJ107", "error", application.file, entry.line_of("did"),
                                 "a recruiter-debrief, but this application has no "
                                 "'recruiter:'; add the recruiter, or log it as 'did: note'",
                                 application.slug))
        elif entry.via == "recruiter" and application.recruiter is None:
            found.append(Finding("JJ107", "error", application.file, entry.line_of("via"),
                                 "'via: recruiter', but this application has no 'recruiter:'; "
                                 "add the recruiter or remove 'via'", application.slug))
        strangers.extend((entry, name) for name in entry.recipients
                         if not application.find_person(name))
    return found, strangers


def _shared_on(application: Application, context: Context) -> date | None:
    dates = [day_of(e.on, context.zone) for e in application.log if e.did == "references-shared"]
    if "offer" in application.milestones:
        dates.append(application.milestones["offer"])
    dates.extend(r.contacted for r in application.references if r.contacted)
    return min(dates) if dates else None


def _logged(application: Application, did: str, person: Person, context: Context,
            since: date | None = None) -> bool:
    return any(entry.did == did and entry.is_to(person)
               and (since is None or day_of(entry.on, context.zone) >= since)
               for entry in application.log)


@rule("JJ108", "references-heads-up", "warning", per_application=True,
      why="A referee who was warned gives a warmer, better-prepared reference.",
      explanation="""
Once your references are shared (a 'references-shared' entry, an offer, or an employer
contacting a referee, whichever comes first), each referee should have had a heads-up
('did: heads-up', on or before that day) telling them who may call and what the role is. After
an employer contacted them ('contacted:'), thank them within [rules.limits]
reference_thanks_days days.
""", example="""references:
  - name: Dr Helen Ward
    contacted: 2026-11-24
# no 'did: heads-up' to Dr Helen Ward""")
def references_heads_up(context: Context) -> Iterator[Output]:
    days = context.limits["reference_thanks_days"]
    for application in context.journal.applications:
        if not application.references:
            continue
        shared = _shared_on(application, context)
        for reference in application.references:
            # A heads-up logged late still clears it: late is better than never.
            if shared and not _logged(application, "heads-up", reference, context):
                yield make_followup(
                    "JJ108", application, subject=reference.name, trigger="heads-up",
                    title=f"Give {reference.name} a heads-up about {application.title}",
                    due=shared, line=reference.line, people=(reference,),
                    problem=f"your references were shared on {human(shared)} and "
                            f"{reference.name} has had no heads-up")
            if reference.contacted and not _logged(application, "thank-you", reference,
                                                   context, since=reference.contacted):
                yield make_followup(
                    "JJ108", application, subject=reference.name, trigger="thanks",
                    title=f"Thank {reference.name} for the reference ({application.title})",
                    due=reference.contacted + timedelta(days=days),
                    line=reference.line_of("contacted"), people=(reference,),
                    problem=f"{application.title} contacted {reference.name} on "
                            f"{human(reference.contacted)} and no thank-you is logged since")


@rule("JJ111", "after-rejection", "warning", per_application=True, applies_when_closed=True,
      why="A rejection handled gracefully keeps the recruiter, and the company, on your side.",
      explanation="""
If it does not work out, keep the relationship: thank the recruiter for their work, and ask for
feedback. Log 'did: thank-you' to the recruiter and 'did: feedback-requested' on or after the
rejection; each follow-up is due [rules.limits] after_rejection_days days after it.
""", example="""rejected: 2026-11-20
recruiter: Priya Shah
# no thank-you to Priya Shah, no feedback-requested""")
def after_rejection(context: Context) -> Iterator[Output]:
    days = context.limits["after_rejection_days"]
    for application in context.journal.applications:
        rejected = application.milestones.get("rejected")
        if rejected is None:
            continue
        due = rejected + timedelta(days=days)
        line = application.line_of("rejected")
        recruiter = application.recruiter
        if recruiter and not _logged(application, "thank-you", recruiter, context,
                                     since=rejected):
            yield make_followup(
                "JJ111", application, subject=recruiter.name, trigger="thanks",
                title=f"Thank {recruiter.label()} for their work on {application.title}",
                due=due, line=line, people=(recruiter,),
                problem=f"rejected on {human(rejected)} and no thank-you to "
                        f"{recruiter.name} logged since")
        asked = any(e.did == "feedback-requested" and day_of(e.on, context.zone) >= rejected
                    for e in application.log)
        if not asked:
            title = (f"Ask {recruiter.name} for feedback on your {application.title} application"
                     if recruiter else f"Ask {application.title} for feedback on your application")
            yield make_followup(
                "JJ111", application, subject="feedback", trigger="feedback",
                title=title,
                due=due, line=line, people=(recruiter,) if recruiter else (),
                problem=f"rejected on {human(rejected)} and no 'feedback-requested' logged "
                        "since")


def _recruiter_key(person: Person) -> tuple[str, str]:
    return person.key, fold_text(person.agency or "")


@dataclass(frozen=True, slots=True)
class _RecruiterFacts:
    """What JJ112 reads of one application, as plain values: equal after unrelated edits."""

    key: tuple[str, str]  # the recruiter: folded name and agency
    recruiter: Person
    latest: When | None  # the latest contact: an entry to them, a recruiter debrief
    linked: bool  # a LinkedIn request to them is logged
    applied: date | None
    slug: str
    file: str


def _recruiter_facts(application: Application, zone: tzinfo) -> _RecruiterFacts:
    recruiter = application.recruiter
    assert recruiter is not None
    contacts: list[When] = []
    linked = False
    for entry in application.log:
        to_them = entry.is_to(recruiter)
        if to_them or entry.did == "recruiter-debrief":
            contacts.append(entry.on)
        linked = linked or (to_them and entry.did == "linkedin")
    latest = max(contacts, key=lambda when: start_of(when, zone)) if contacts else None
    return _RecruiterFacts(_recruiter_key(recruiter), recruiter, latest, linked,
                           application.milestones.get("applied"), application.slug,
                           application.file)


@rule("JJ112", "keep-in-touch", "info", applies_when_closed=True,
      why="A recruiter is an ally for the whole search, not just for one job.",
      explanation="""
For each recruiter across the journal (same name and agency), while your search is not over:
stay in touch every [rules.limits] keep_in_touch_days days (any log entry to them, or a
recruiter-debrief), connect on LinkedIn, meet face to face when you can. Findings attach to
the newest application with that recruiter.
""", example="""recruiter:
  name: Priya Shah
  agency: Hays
# last entry to Priya Shah more than 30 days ago, no 'did: linkedin' to her""")
def keep_in_touch(context: Context) -> Iterator[Output]:
    from jobjournal.check.rules.search import search_over

    if search_over(context.journal, context.today, context.memo):
        return
    days = context.limits["keep_in_touch_days"]
    facts_of = context.memo.identity(_recruiter_facts)
    facts = tuple(facts_of(application, context.zone)
                  for application in context.journal.applications
                  if application.recruiter is not None)
    yield from context.memo.last("JJ112").get((facts, days, context.zone),
                                  lambda: list(_in_touch(facts, days, context.zone)))


def _in_touch(facts: tuple[_RecruiterFacts, ...], days: int, zone: tzinfo
              ) -> Iterator[Output]:
    groups: dict[tuple[str, str], list[_RecruiterFacts]] = {}
    for fact in facts:
        groups.setdefault(fact.key, []).append(fact)
    for group in groups.values():
        newest = max(group, key=lambda f: (f.applied or date.min, f.slug))
        recruiter = newest.recruiter
        contacts = [f.latest for f in group if f.latest is not None]
        last: date | None
        if contacts:
            latest = max(contacts, key=lambda when: start_of(when, zone))
            since = f"your last contact on {human(latest, zone)}"
            last = day_of(latest, zone)  # N days after: a date, never a copied time
        else:
            applied = [f.applied for f in group if f.applied is not None]
            last = min(applied) if applied else None
            since = (f"you applied on {human(last)} and have not been in touch since"
                     if last is not None else "")
        if last is not None:
            # The id names the recruiter, not the application it is attached to, so a newer
            # application with the same recruiter does not make a new calendar event.
            yield FollowUp(
                id=followup_id("", "JJ112", "|".join(_recruiter_key(recruiter)), "check-in"),
                rule="JJ112", application=newest.slug, file=newest.file, line=recruiter.line,
                title=f"Check in with {recruiter.label()}", due=last + timedelta(days=days),
                problem=f"{since}; stay in touch with {recruiter.name}", people=(recruiter,))
        if not any(f.linked for f in group):
            yield Finding("JJ112", "info", newest.file, recruiter.line,
                          f"connect with {recruiter.label()} on LinkedIn (and log it as "
                          "'did: linkedin'): recruiters are allies for the whole search",
                          newest.slug)

