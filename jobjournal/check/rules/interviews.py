"""Advice around each interview: agree the debrief, name the interviewers, debrief the
recruiter, thank the interviewers, ask when to expect news, and keep the day job discreet
(JJ101, JJ102, JJ103, JJ104, JJ106, JJ110)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from jobjournal.check.registry import (
    Context,
    Output,
    make_followup,
    past_interviews,
    rule,
    upcoming_interviews,
)
from jobjournal.core.dates import add_elapsed, at_or_after, day_of, due_or_now, human
from jobjournal.core.findings import Finding
from jobjournal.core.model import Application, Interview, Person


def _when(interview: Interview, context: Context) -> str:
    moment = interview.start.astimezone(context.zone)
    return human(moment if interview.has_time else moment.date())


@rule("JJ101", "debrief-recruiter", "warning", per_application=True,
      why="Call your recruiter while the interview is fresh: they can only sell you with news.",
      explanation="""
Talk to your recruiter as soon as the interview is over, while it is fresh: tell them how it
went, repeat your interest, and ask any question that came up. Log it as
'did: recruiter-debrief'. The follow-up is due a few hours after the interview ends
([rules.limits] debrief_hours).
""", example="""recruiter: Priya Shah
interviews:
  - at: 2026-11-18 14:00
    with: [Tom Becker]
# no log entry 'did: recruiter-debrief' after 14:00""")
def debrief_recruiter(context: Context) -> Iterator[Output]:
    hours = context.limits["debrief_hours"]
    for application in context.journal.applications:
        recruiter = application.recruiter
        if recruiter is None:
            continue
        debriefs = [e.on for e in application.log if e.did == "recruiter-debrief"]
        for interview in past_interviews(application, context.now):
            if any(at_or_after(on, interview.start, context.zone) for on in debriefs):
                continue
            yield make_followup(
                "JJ101", application, subject=recruiter.name, trigger=str(interview.index),
                title=f"Debrief {recruiter.label()} on your {application.title} interview",
                due=add_elapsed(interview.end, timedelta(hours=hours)), line=interview.line,
                problem=f"no recruiter-debrief logged after the {interview.label()} on "
                        f"{_when(interview, context)}",
                people=(recruiter,))


@rule("JJ102", "agree-debrief-call", "warning", per_application=True, lapses_when_search_over=True,
      why="Settle beforehand who calls whom after the interview, so nobody waits by the phone.",
      explanation="""
Before an interview arranged by a recruiter, agree who calls whom afterwards, and write it as
'debrief: i-call' or 'debrief: they-call' on the interview. The follow-up is due the day before
the interview.
""", example="""recruiter: Priya Shah
interviews:
  - at: 2026-12-02 10:00   # upcoming, no 'debrief:'""")
def agree_debrief_call(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        recruiter = application.recruiter
        if recruiter is None:
            continue
        for interview in upcoming_interviews(application, context.now):
            if interview.debrief:
                continue
            yield make_followup(
                "JJ102", application, subject=recruiter.name, trigger=str(interview.index),
                title=f"Agree with {recruiter.label()} who calls whom after the "
                      f"{application.title} interview",
                due=due_or_now(interview.start - timedelta(days=1), context.now),
                line=interview.line, people=(recruiter,),
                problem=f"the {interview.label()} on {_when(interview, context)} has no "
                        "'debrief:' (i-call or they-call)")


def _something_after(application: Application, interview: Interview, context: Context) -> bool:
    """A later interview or any milestone on or after the interview's day."""
    later = any(other.start > interview.start and not other.is_cancelled
                for other in application.interviews)
    day = day_of(interview.start, context.zone)
    return later or any(on >= day for key, on in application.milestones.items()
                        if key != "applied")


@rule("JJ103", "hear-back", "warning", per_application=True, lapses_when_search_over=True,
      why="Know when to expect news, and chase politely once that day has passed.",
      explanation="""
At the end of an interview, ask when you can expect to hear back and write it as
'hear_back_by:'. Without it you get an info finding; once that day has passed with no news
(no later interview, no milestone, no 'chased' or 'feedback-requested' since), chase: the
follow-up is due the day after.
""", example="""interviews:
  - at: 2026-11-18 14:00
    hear_back_by: 2026-11-20   # passed, nothing logged since""")
def hear_back(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        if not application.is_live:
            continue
        past = past_interviews(application, context.now)
        if not past:
            continue
        latest = max(past, key=lambda i: i.start)
        if _something_after(application, latest, context):
            continue
        if latest.hear_back_by is None:
            yield Finding("JJ103", "info", application.file, latest.line,
                          f"you do not know when to hear back after the {latest.label()} on "
                          f"{_when(latest, context)}; ask, and write it as 'hear_back_by:'",
                          application.slug)
            continue
        deadline = latest.hear_back_by
        if context.today <= deadline:
            continue
        chased = any(e.did in ("chased", "feedback-requested")
                     and day_of(e.on, context.zone) >= deadline for e in application.log)
        if chased:
            continue
        target = application.recruiter or next(iter(latest.with_), None)
        who = target.name if target else application.title
        yield make_followup(
            "JJ103", application, subject="hear-back", trigger=str(latest.index),
            title=f"Chase {who} for news on {application.title}",
            due=deadline + timedelta(days=1), line=latest.line_of("hear_back_by"),
            people=(target,) if target else (),
            problem=f"you were to hear back by {human(deadline)} and nothing has come since")


def _thanked(application: Application, person: Person, interview: Interview,
             context: Context) -> bool:
    """Any thank-you to that person (direct or through the recruiter) since the interview
    began clears it, however late: late is better than never."""
    return any(
        entry.did == "thank-you" and entry.is_to(person)
        and at_or_after(entry.on, interview.start, context.zone)
        for entry in application.log
    )


@rule("JJ104", "thank-you", "warning", per_application=True,
      why="A short, specific thank-you within a day keeps you in the interviewer's mind.",
      explanation="""
Thank every interviewer soon after the interview. When you have their email (or 'direct:
true'), or they are your recruiter, write to them yourself; otherwise ask your recruiter to pass
it on and log it with 'via: recruiter'. Log each as 'did: thank-you' with 'to:' naming the
interviewer ('to: Tom Becker, Aisha Rahman' counts for both). A thank-you logged late still
clears it. Due [rules.limits] thank_you_hours after the interview ends.
""", example="""interviews:
  - at: 2026-11-18 14:00
    with:
      - name: Tom Becker
        email: tom.becker@northwind.example
# no 'did: thank-you' with 'to: Tom Becker'""")
def thank_you(context: Context) -> Iterator[Output]:
    hours = context.limits["thank_you_hours"]
    for application in context.journal.applications:
        recruiter = application.recruiter
        for interview in past_interviews(application, context.now):
            due = add_elapsed(interview.end, timedelta(hours=hours))
            for person in interview.with_:
                if application.in_direct_contact(person):
                    title = f"Send {person.name} a thank-you ({application.title})"
                    people: tuple[Person, ...] = (person,)
                elif recruiter is not None:
                    title = (f"Ask {recruiter.name} to pass your thanks to {person.name} "
                             f"({application.title})")
                    people = (recruiter, person)
                else:
                    continue
                if _thanked(application, person, interview, context):
                    continue
                yield make_followup(
                    "JJ104", application, subject=person.name, trigger=str(interview.index),
                    title=title, due=due, line=person.line, people=people,
                    problem=f"no thank-you to {person.name} logged since the "
                            f"{interview.label()} on {_when(interview, context)}")


@rule("JJ106", "name-your-interviewers", "warning", per_application=True,
      lapses_when_search_over=True,
      why="You cannot thank, or tell apart, people whose names you did not keep.",
      explanation="""
Record who interviewed you, with their titles, in the interview's 'with:'. A past interview
without it gets a warning (never an error: the clock alone must not fail a commit); an upcoming
one gets a reminder to ask who you will meet.
""", example="""interviews:
  - at: 2026-11-18 14:00   # no 'with:'""")
def name_your_interviewers(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        for interview in application.interviews:
            if interview.with_ or interview.is_cancelled:
                continue
            if interview.start < context.now:
                yield Finding("JJ106", "warning", application.file, interview.line,
                              f"the {interview.label()} on {_when(interview, context)} does not "
                              "say who interviewed you; add 'with:' with their names and titles",
                              application.slug)
            else:
                yield Finding("JJ106", "info", application.file, interview.line,
                              f"the {interview.label()} on {_when(interview, context)} does not "
                              "say who will interview you; ask, then add 'with:'",
                              application.slug)


@rule("JJ110", "day-job", "info", per_application=True, lapses_when_search_over=True,
      why="Keep your current job going well, and discreet, while you search.",
      explanation="""
Only when 'working_hours' is set in jobjournal.toml. An upcoming interview that falls in your
working hours needs time off booked: book it and write 'time_off: true' on the interview. The
follow-up is due three days before the interview.
""", example="""# jobjournal.toml: working_hours = "Mon-Fri 09:00-17:30"
interviews:
  - at: 2026-12-02 10:00   # a Wednesday, no 'time_off: true'""")
def day_job(context: Context) -> Iterator[Output]:
    hours = context.journal.config.working_hours
    if hours is None:
        return
    for application in context.journal.applications:
        for interview in upcoming_interviews(application, context.now):
            start = interview.start.astimezone(context.zone)
            end = interview.end.astimezone(context.zone)
            if interview.time_off or not hours.overlaps(start, end):
                continue
            yield Finding("JJ110", "info", application.file, interview.line,
                          f"the {interview.label()} on {_when(interview, context)} is in your "
                          f"working hours ({hours.text}); book time off and add "
                          "'time_off: true'", application.slug)
            yield make_followup(
                "JJ110", application, subject="time-off", trigger=str(interview.index),
                title=f"Book time off for the {application.title} interview",
                due=due_or_now(start - timedelta(days=3), context.now), line=interview.line,
                problem=f"no time off booked for the {interview.label()} on "
                        f"{_when(interview, context)}")
