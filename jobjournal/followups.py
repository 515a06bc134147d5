"""Follow-ups: dated actions the rules ask for, and the person's own reminders.

A follow-up's id is made from what it is about (application, rule, subject, trigger), never
from its title or due time, so a calendar event moves when a due date changes instead of being
duplicated, and stays put from one day to the next.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from jobjournal.dates import When, iso
from jobjournal.model import Person


def followup_id(application: str, rule: str, subject: str, trigger: str = "") -> str:
    digest = hashlib.sha256(
        "\x1f".join((application, rule, subject.casefold(), trigger)).encode("utf-8")
    ).hexdigest()
    return f"{rule.lower()}-{digest[:16]}"


@dataclass(frozen=True)
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

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "rule": self.rule,
            "application": self.application,
            "title": self.title,
            "due": iso(self.due),
            "overdue": self.overdue,
        }
