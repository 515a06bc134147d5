"""Advice about the search as a whole: keep it going until a contract is signed, chase
applications that met silence, and close the loop politely once you sign (JJ109, JJ114,
JJ115)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from jobjournal.cache.memo import Memos
from jobjournal.check.registry import Context, Output, make_followup, rule
from jobjournal.core.dates import day_of, human
from jobjournal.core.findings import Finding
from jobjournal.core.followups import FollowUp, followup_id
from jobjournal.core.model import CLOSINGS, Application, Journal, Person


def search_over(journal: Journal, day: date, memo: Memos) -> bool:
    """Some application was signed by `day` and nothing was applied for after that signing."""
    return _searches(journal, memo).over_on(day)


def searched_out(journal: Journal, today: date, zone: tzinfo, memo: Memos) -> frozenset[str]:
    """The live applications whose search is over: started on or before a signing (up to
    today). They are owed a polite withdrawal (JJ115), and the advice that pushes an
    application forward lapses for them (RULES.md)."""
    signings = [a.milestones["signed"] for a in journal.applications
                if "signed" in a.milestones and a.milestones["signed"] <= today]
    if not signings:
        return frozenset()
    latest = max(signings)
    return frozenset(a.slug for a in journal.applications
                     if a.is_live and memo.identity(_Span.of)(a, zone).started <= latest)


def _milestones(application: Application) -> tuple[date | None, date | None]:
    return application.milestones.get("applied"), application.milestones.get("signed")


def _searches(journal: Journal, memo: Memos) -> _Searches:
    # Three rules and the checker ask about the same journal in one run.
    return memo.identity(_searches_of, limit=2)(journal, memo)


def _searches_of(journal: Journal, memo: Memos) -> _Searches:
    milestones = memo.identity(_milestones)
    pairs = tuple(milestones(application) for application in journal.applications)
    return memo.last("searches").get(pairs, lambda: _Searches(pairs))


class _Searches:
    """The journal's signings and applications, sorted, to ask 'was the search over?' fast."""

    def __init__(self, pairs: tuple[tuple[date | None, date | None], ...]) -> None:
        self.applied = sorted(applied for applied, _signed in pairs if applied is not None)
        self.signed = sorted(signed for _applied, signed in pairs if signed is not None)

    def over_on(self, day: date) -> bool:
        # The latest signing up to `day` decides: an application after it restarts the search.
        signings = bisect_right(self.signed, day)
        if not signings:
            return False
        latest = self.signed[signings - 1]
        return bisect_right(self.applied, day) == bisect_right(self.applied, latest)


@dataclass(frozen=True, slots=True)
class _Span:
    """When an application started, had prospects (offer, interviews) and closed; and, if
    you withdrew or cancelled an interview, when (the doors you closed). Plain values only,
    so an edit elsewhere in the file leaves it equal."""

    slug: str
    file: str
    title: str
    started: date
    closed: date
    offer: date
    interviews_until: tuple[date, ...]  # per interview: the day it stopped counting
    doors_closed: tuple[tuple[date, int, str], ...]  # sorted (day, line, what)

    @staticmethod
    def of(application: Application, zone: tzinfo) -> _Span:
        started = [application.milestones.get("applied", date.max)]
        started += [day_of(i.start, zone) for i in application.interviews]
        return _Span(application.slug, application.file, application.title, min(started),
                     min(application.milestones.get(k, date.max) for k in CLOSINGS),
                     application.milestones.get("offer", date.max),
                     tuple(i.cancelled or date.max for i in application.interviews),
                     _doors_closed(application))

    def live_with_prospects(self, day: date) -> bool:
        """Whether on `day` the application was open and had an interview or an offer."""
        if self.closed <= day or self.started > day:
            return False
        return self.offer <= day or any(until > day for until in self.interviews_until)


def _doors_closed(application: Application) -> tuple[tuple[date, int, str], ...]:
    """When this application was withdrawn or an interview cancelled by me, sorted."""
    events: list[tuple[date, int, str]] = []
    if "withdrawn" in application.milestones:
        events.append((application.milestones["withdrawn"], application.line_of("withdrawn"),
                       "withdrew from it"))
    for interview in application.interviews:
        if interview.cancelled_by == "me" and interview.cancelled:
            events.append((interview.cancelled, interview.line_of("cancelled_by"),
                           f"cancelled the {interview.label()}"))
    return tuple(sorted(events))


@rule("JJ109", "keep-searching", "warning", applies_when_closed=True,
      why="Nothing is solid until a contract is signed: keep every door open until then.",
      explanation="""
Do not withdraw from applications or cancel interviews because another one looks promising:
offers fall through until a contract is signed. A warning marks an application you withdrew
from, or an interview you cancelled, while another application was live with an interview or an
offer; it is a lesson about a decision already made, so it is shown for [rules.limits]
lesson_days days and then ages out (at once when your search is over). And while your search is
not over, an info finding reminds you to apply for something when nothing was applied for in
the last [rules.limits] keep_searching_days days; it points at your latest application.
""", example="""withdrawn: 2026-11-20   # while another application had an interview
""")
def keep_searching(context: Context) -> Iterator[Output]:
    journal = context.journal
    searches = _searches(journal, context.memo)
    if not searches.over_on(context.today):
        span_of = context.memo.identity(_Span.of)
        spans = tuple(span_of(application, context.zone) for application in journal.applications)
        since = context.today - timedelta(days=context.limits["lesson_days"])
        yield from context.memo.last("JJ109").get(
            (spans, searches, since), lambda: list(_doors(spans, searches, since)))
    yield from _keep_applying(context)


def _doors(spans: tuple[_Span, ...], searches: _Searches, since: date) -> Iterator[Finding]:
    for span in spans:
        for day, line, what in span.doors_closed:
            if day < since:
                continue  # the lesson has aged out
            other = next((o for o in spans if o.slug != span.slug and
                          o.live_with_prospects(day)), None)
            if other is not None and not searches.over_on(day):
                yield Finding("JJ109", "warning", span.file, line,
                              f"you {what} on {human(day)} while {other.title} was still "
                              "in progress; nothing is solid until a contract is signed, so "
                              "keep other applications going", span.slug)
                break


def _keep_applying(context: Context) -> Iterator[Output]:
    journal = context.journal
    if search_over(journal, context.today, context.memo) or not any(
            a.is_live for a in journal.applications):
        return
    days = context.limits["keep_searching_days"]
    dated = [(a.milestones["applied"], a.slug, a) for a in journal.applications
             if "applied" in a.milestones]
    if any(day > context.today - timedelta(days=days) for day, _slug, _a in dated):
        return
    if dated:
        # Reported where it can be acted on: the latest application's 'applied' line.
        last, _slug, latest = max(dated, key=lambda item: item[:2])
        file, line, slug = latest.file, latest.line_of("applied"), latest.slug
        message = (f"nothing applied for since {latest.title} on {human(last)}, more than "
                   f"{days} days ago, while your search is not over; keep applying until a "
                   "contract is signed")
    else:
        live = next(a for a in journal.applications if a.is_live)
        file, line, slug = live.file, live.line, live.slug
        message = ("nothing applied for yet while your search is not over; keep applying "
                   "until a contract is signed")
    yield Finding("JJ109", "info", file, line, message, slug)
    yield FollowUp(id=followup_id("", "JJ109", "apply"), rule="JJ109", application="",
                   file=file, line=line, title="Apply for another role", due=context.now,
                   problem=f"nothing applied for in the last {days} days", severity="info")


@rule("JJ114", "chase-application", "warning", per_application=True,
      lapses_when_search_over=True,
      why="One polite chase after a silence often revives an application that got lost.",
      explanation="""
When an application has met silence (no interview, no milestone, no 'feedback-requested' since
you applied), chase once after [rules.limits] chase_application_days days and log it as
'did: chased'. If the chase meets silence too, chase once more or let it go: after
[rules.limits] ghost_days days the follow-up asks you to, and 'ghosted: <date>' closes the
application. Each new 'chased' starts the wait again.
""", example="""applied: 2026-10-28
# nothing since""")
def chase_application(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        applied = application.milestones.get("applied")
        if applied is None or not application.is_live or application.interviews:
            continue
        if any(key != "applied" for key in application.milestones):
            continue
        if any(e.did == "feedback-requested" for e in application.log):
            continue
        who = application.recruiter or next(iter(application.contacts), None)
        chases = [day_of(e.on, context.zone) for e in application.log
                  if e.did == "chased" and day_of(e.on, context.zone) >= applied]
        if not chases:
            yield make_followup(
                "JJ114", application, subject="application", trigger="applied",
                title=f"Chase {application.title} about your application",
                due=applied + timedelta(days=context.limits["chase_application_days"]),
                line=application.line_of("applied"), people=(who,) if who else (),
                problem=f"no answer since you applied on {human(applied)}; chase once (log "
                        "it as 'did: chased'), and if that meets silence too, chase once more "
                        "or close it with 'ghosted: <date>'")
            continue
        last = max(chases)
        yield make_followup(
            "JJ114", application, subject="application", trigger="chased",
            title=f"Chase {application.title} once more, or close it as ghosted",
            due=last + timedelta(days=context.limits["ghost_days"]),
            line=application.line_of("applied"), people=(who,) if who else (),
            problem=f"no answer since you chased on {human(last)}; chase once more (and log "
                    "it), or write 'ghosted: <date>' to close it")


@rule("JJ115", "withdraw-politely", "warning",
      why="Signing is the time to tell the others, thank them, and keep the door open.",
      explanation="""
Once you sign a contract, withdraw politely from every application still in progress: thank
them for their time and keep the door open. Every other application that was live on the
signing day and is still live gets a follow-up due [rules.limits] withdraw_days days after the
signing; writing 'withdrawn: <date>' on it clears it. Applications made after the signing are
a new search and are left alone.
""", example="""# another file: signed: 2026-11-23
company: Globex
applied: 2026-11-02   # still live, no 'withdrawn:'""")
def withdraw_politely(context: Context) -> Iterator[Output]:
    journal = context.journal
    signings = sorted((a.milestones["signed"], a.slug) for a in journal.applications
                      if "signed" in a.milestones and a.milestones["signed"] <= context.today)
    if not signings:
        return
    days = context.limits["withdraw_days"]
    for application in journal.applications:
        if not application.is_live:
            continue
        started = context.memo.identity(_Span.of)(application, context.zone).started
        # The first signing it was live for: the one that asks it to be told.
        signed = next((day for day, _slug in signings if started <= day), None)
        if signed is None:
            continue  # applied for after every signing: a new search
        # The same object while the application and the signing are: `serve` then settles
        # and shows it without making anything of it again.
        yield context.memo.identity(_withdraw)(application, signed, days)


def _withdraw(application: Application, signed: date, days: int) -> Output:
    return make_followup(
        "JJ115", application, subject="withdraw", trigger="signing",
        title=f"Let {application.title} know you have accepted another offer",
        due=signed + timedelta(days=days),
        line=application.line_of("applied") if "applied" in application.milestones
        else application.line, people=_contact_of(application),
        problem=f"you signed elsewhere on {human(signed)} and {application.title} is still "
                "in progress; withdraw politely and write 'withdrawn: <date>'")


def _contact_of(application: Application) -> tuple[Person, ...]:
    who = application.recruiter or next(iter(application.contacts), None)
    return (who,) if who else ()
