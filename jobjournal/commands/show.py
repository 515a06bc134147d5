"""`jobjournal show`: everything you need on one screen when a recruiter calls.

The phone rings, a name comes up: type part of it and get the company, role, status, who is
who with their numbers, what you last did and what is due next, without opening a file.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from jobjournal.commands.log import add_edit_arguments

if TYPE_CHECKING:
    from jobjournal.check.checker import Report
    from jobjournal.core.model import Application, Person

HELP = "show an application's card: people, last contact, next follow-up"
EXAMPLES = """examples:
  jobjournal show northwind              by company
  jobjournal show "priya"                by a person's name (recruiter, interviewer, ...)
  jobjournal show globex-hr --journal ~/job-search --today 2026-11-25

QUERY is any part of a company, a person's name or a file name, in any case. Several
matches show one card each (up to {limit}), then list the rest.
exit codes: 0 shown, 1 nothing matches, 2 usage or configuration error"""

MAX_CARDS = 5
EXAMPLES = EXAMPLES.format(limit=MAX_CARDS)
_LABEL = 13  # width of the labels column


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="part of a company, person's name or file name")
    add_edit_arguments(parser)


def _person_line(person: Person, *, part: str = "") -> str:
    bits = [person.label() if part == "recruiter" else person.name]
    if person.title:
        bits[0] += f", {person.title}"
    bits.extend(value for value in (person.phone, person.email) if value)
    if person.relation:
        bits.append(person.relation)
    return " · ".join(bits)


def card(application: Application, report: Report, colour: bool) -> str:
    """The card of one application, as lines of text."""
    from jobjournal.check.reporters import paint, printable
    from jobjournal.core.dates import day_of, human, relative_day, start_of

    zone = report.journal.config.zone
    now = report.now
    rows: list[tuple[str, str, str]] = []  # (label, text, style)

    def row(label: str, text: str, style: str = "") -> None:
        rows.append((label, printable(text), style))  # journal text: never terminal codes

    def when(value) -> str:  # type: ignore[no-untyped-def]
        return f"{human(value, zone)} ({relative_day(day_of(value, zone), now.date())})"

    status = application.status + (" · needs repair" if application.needs_repair else "")
    title = f"{application.company or '(no company)'} — {application.role or '(no role)'}"
    head = f"{paint(printable(title), 'bold', colour)}  [{status}]"
    row("file", application.file, "dim")
    if application.recruiter:
        row("recruiter", _person_line(application.recruiter, part="recruiter"))
    for number, person in enumerate(application.contacts):
        row("contacts" if number == 0 else "", _person_line(person))
    for number, person in enumerate(application.interviewers()):
        row("interviewers" if number == 0 else "", _person_line(person))
    upcoming = [i for i in application.interviews if not i.is_cancelled and i.end > now]
    if upcoming:
        interview = min(upcoming, key=lambda i: i.start)
        kind = f" ({interview.format})" if interview.format else ""
        row("interview", f"{when(interview.start)}: {interview.label()}{kind}")
    if application.log:
        last = max(application.log, key=lambda e: (start_of(e.on, zone), e.index))
        what = last.did + (f" to {last.to}" if last.to else "")
        what += " via the recruiter" if last.via else ""
        what += f": {last.note}" if last.note else ""
        row("last contact", f"{when(last.on)}: {what}")
    else:
        row("last contact", "nothing logged yet", "dim")
    pending = report.followups_for(application.slug)
    if pending:
        followup = pending[0]
        more = f" (+{len(pending) - 1} more)" if len(pending) > 1 else ""
        style = "error" if followup.overdue else ""
        label = "overdue " if followup.overdue else ""
        row("next", f"{label}{when(followup.due)}: {followup.title}{more}", style)
    else:
        row("next", "no follow-up pending", "dim")
    findings = report.findings_for(application.slug)
    counts = [(sum(1 for f in findings if f.severity == s), s) for s in
              ("error", "warning", "info")]
    summary = ", ".join(f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for n, s in counts
                        if n) or "none"
    worst = next((s for n, s in counts if n), "")
    row("findings", summary + (" ('jobjournal check' for details)" if findings else ""),
        worst)
    lines = [head]
    for label, text, style in rows:
        shown = paint(text, style, colour) if style else text
        lines.append(f"  {paint(label.ljust(_LABEL), 'dim', colour)} {shown}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.checker import run_checks
    from jobjournal.check.reporters import use_colour
    from jobjournal.commands.common import load
    from jobjournal.commands.lookup import describe, search

    journal, now = load(args)
    found = search(journal, args.query)
    if not found:
        print(f"jobjournal: no application matches '{args.query}'; try part of a company, "
              "a person's name or a file name", file=sys.stderr)
        return 1
    report = run_checks(journal, now)
    colour = use_colour(sys.stdout)
    cards = [card(application, report, colour) for application in found[:MAX_CARDS]]
    out = "\n\n".join(cards) + "\n"
    rest = found[MAX_CARDS:]
    if rest:
        out += f"\n{len(rest)} more match{'es' if len(rest) != 1 else ''}:\n"
        out += "".join(f"  {describe(application)}\n" for application in rest)
    sys.stdout.write(out)
    return 0
