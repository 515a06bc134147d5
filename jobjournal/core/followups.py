"""Follow-ups: dated actions the rules ask for, and the person's own reminders.

A follow-up's id is made from what it is about (application, rule, subject, trigger), never
from its title or due time, so a calendar event moves when a due date changes instead of being
duplicated, and stays put from one day to the next.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo

from jobjournal.core.dates import When, day_of, iso
from jobjournal.core.model import Person


def followup_id(application: str, rule: str, subject: str, trigger: str = "") -> str:
    digest = hashlib.sha256(
        "\x1f".join((application, rule, subject.casefold(), trigger)).encode("utf-8")
    ).hexdigest()
    return f"{rule.lower()}-{digest[:16]}"


OWN_RULE = "JJ113"  # the person's own `followups` carry this rule id


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One thing to do by a date. Rules make them; the checker decides if they are overdue."""

    id: str
    rule: str
    application: str  # slug; "" for journal-wide ones (JJ109 b)
    file: str
    line: int
    title: str  # one-line imperative: "Send Tom Becker a thank-you (Northwind Analytics)"
    due: When
    problem: str  # what is missing, used in the finding once overdue
    people: tuple[Person, ...] = ()
    overdue: bool = False
    # Severity of the finding once overdue, when it differs from the rule's default.
    severity: str | None = None
    # The rule's name and "why", stamped on by the checker (see Finding).
    name: str = field(default="", compare=False)
    why: str = field(default="", compare=False)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "rule": self.rule,
            "application": self.application,
            "title": self.title,
            "due": iso(self.due),
            "overdue": self.overdue,
        }


AGENDA_WEEK_DAYS = 7
AGENDA_BINS = ("overdue", "today", "week", "later")


def agenda_bin(followup: FollowUp, today: date, zone: tzinfo) -> str:
    """Where a follow-up goes on an agenda: overdue, today, the next seven days (the seventh
    included) or later. The dashboard and `jobjournal agenda` both ask here."""
    if followup.overdue:
        return "overdue"
    day = day_of(followup.due, zone)
    if day <= today:
        return "today"
    return "week" if day <= today + timedelta(days=AGENDA_WEEK_DAYS) else "later"
