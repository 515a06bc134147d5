"""The person's own reminders from `followups` (JJ113): listed until done, reported once due."""

from __future__ import annotations

from collections.abc import Iterator

from jobjournal.check.registry import Context, Output, make_followup, rule
from jobjournal.core.dates import day_of
from jobjournal.core.followups import OWN_RULE


@rule(OWN_RULE, "overdue-followup", "warning", per_application=True, applies_when_closed=True,
      why="A promise you made to yourself, or to someone else, is waiting.",
      explanation="""
Your own reminders in 'followups:' are listed on the agenda and in the feed until you add
'done: <date>'; once their due time has passed they are reported. When an application closes,
reminders due up to that day lapse; later ones stay.
""", example="""followups:
  - due: 2026-11-20
    what: Send Tom the dashboard sample""")
def overdue_followup(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        closed_on = application.closed_on
        for own in application.followups:
            if own.done is not None:
                continue
            if closed_on is not None and day_of(own.due, context.zone) <= closed_on:
                continue
            yield make_followup(
                OWN_RULE, application, subject=str(own.index), trigger="own",
                title=own.what, due=own.due, line=own.line,
                problem="your own follow-up is not marked done")
