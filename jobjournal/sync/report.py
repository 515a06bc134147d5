"""What `jobjournal sync` prints: a line per change and a summary.

    + 2026-12-02 Send Tom Becker a thank-you (Northwind Analytics)
    ~ 2026-12-04 Chase Priya Shah (Hays) for news on Northwind Analytics
    - 2026-11-20 Book time off for the Leodis Labs interview
    ! 2026-11-27 Send Tom the dashboard sample: changed in your calendar; kept
    3 created, 1 updated, 2 deleted, 212 unchanged

`+` created, `~` updated, `-` deleted, `!` not done (kept or failed), with the reason.
The date is the event's start in the journal's time zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from jobjournal.sync.apply import Outcome
from jobjournal.sync.plan import Change, Plan

_SIGN = {"create": "+", "update": "~", "delete": "-"}


def change_line(change: Change) -> str:
    return f"{_SIGN[change.kind]} {change.day.isoformat()} {change.summary}"


def problem_line(day: date, summary: str, why: str) -> str:
    return f"! {day.isoformat()} {summary}: {why}"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    kept: int = 0
    failed: int = 0
    not_started: int = 0
    withheld: int = 0
    hint: str = ""  # after "kept": how to overwrite instead
    lines: list[str] = field(default_factory=list)

    def summary(self, dry_run: bool = False) -> str:
        parts = [f"{self.created} created", f"{self.updated} updated",
                 f"{self.deleted} deleted", f"{self.unchanged} unchanged"]
        if self.kept:
            parts.append(f"{self.kept} kept (changed in your calendar)")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.not_started:
            parts.append(f"{self.not_started} not attempted")
        if self.withheld:
            parts.append(f"{self.withheld} deletions withheld")
        text = ", ".join(parts)
        return f"{text} (dry run: nothing written)" if dry_run else text


    def add(self, outcome: Outcome) -> str | None:
        """Count one write's outcome; its line, if it has one."""
        change, status, detail = outcome.change, outcome.status, outcome.detail
        line = None
        if status == "done":
            line = change_line(change)
            setattr(self, _COUNT[change.kind], getattr(self, _COUNT[change.kind]) + 1)
        elif status == "conflict":
            self.kept += 1
            suffix = self.hint if change.kind != "create" else "; the next sync looks again"
            line = problem_line(change.day, change.summary, detail + suffix)
        elif status == "failed":
            self.failed += 1
            line = problem_line(change.day, change.summary,
                                f"not {_COUNT[change.kind]}: {detail}")
        else:
            self.not_started += 1
        if line is not None:
            self.lines.append(line)
        return line


def begin(plan: Plan, force: bool) -> Tally:
    """The tally before any write: what is unchanged, and the events kept (with lines)."""
    result = Tally(unchanged=plan.unchanged, withheld=plan.withheld,
                   hint="" if force else " (--force overwrites)")
    for item in plan.kept:
        result.kept += 1
        result.lines.append(problem_line(item.day, item.summary,
                                         f"changed in your calendar; kept{result.hint}"))
    return result


def tally(plan: Plan, outcomes: Sequence[Outcome] | None, force: bool) -> Tally:
    """The lines and counts of a sync; `outcomes` None for a dry run (all as planned)."""
    result = begin(plan, force)
    done = [Outcome(change, "done") for change in plan.changes] if outcomes is None else outcomes
    for outcome in done:
        result.add(outcome)
    return result


_COUNT = {"create": "created", "update": "updated", "delete": "deleted"}
