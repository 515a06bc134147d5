"""`jobjournal agenda`: what to do now: overdue, today and the next seven days."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from jobjournal.commands.common import add_journal_arguments, load

HELP = "list what to do: overdue, today and the next 7 days"
EXAMPLES = """examples:
  jobjournal agenda                      this folder's journal
  jobjournal agenda ~/job-search --today 2026-11-25"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_journal_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from jobjournal.checker import run_checks
    from jobjournal.dates import day_of, human
    from jobjournal.report import paint, printable, use_colour
    from jobjournal.rules import find_rule

    journal, now = load(args)
    report = run_checks(journal, now)
    zone = journal.config.zone
    today = now.date()
    week_end = today + timedelta(days=7)
    groups: dict[str, list] = {"Overdue": [], f"Today ({human(today)})": [],
                               f"Next 7 days (to {human(week_end)})": []}
    names = list(groups)
    later = 0
    for followup in report.followups:
        day = day_of(followup.due, zone)
        if followup.overdue:
            groups[names[0]].append(followup)
        elif day <= today:
            groups[names[1]].append(followup)
        elif day <= week_end:
            groups[names[2]].append(followup)
        else:
            later += 1
    colour = use_colour(sys.stdout)
    out = []
    for name, items in groups.items():
        style = "error" if name == "Overdue" and items else "bold"
        out.append(paint(f"{name}: {len(items)}", style, colour))
        for followup in items:
            application = journal.application(followup.application)
            where = (f"{application.title} — {application.role or '?'}" if application
                     else "the whole search")
            rule = find_rule(followup.rule)
            out.append(f"  {human(followup.due, zone):<22} {printable(followup.title)}")
            out.append(paint(f"  {'':<22} {printable(where)} · {followup.rule} "
                             f"{rule.name if rule else ''}: {rule.why if rule else ''}",
                             "dim", colour))
        out.append("")
    if later:
        out.append(f"{later} more follow-up{'s' if later != 1 else ''} after that.")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")
    return 0
