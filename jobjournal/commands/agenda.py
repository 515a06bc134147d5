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
    from jobjournal.check.checker import run_checks
    from jobjournal.check.reporters import paint, printable, use_colour
    from jobjournal.core.dates import human
    from jobjournal.core.followups import AGENDA_WEEK_DAYS, agenda_bin

    journal, now = load(args)
    report = run_checks(journal, now)
    zone = journal.config.zone
    today = now.date()
    week_end = today + timedelta(days=AGENDA_WEEK_DAYS)
    names = {"overdue": "Overdue", "today": f"Today ({human(today)})",
             "week": f"Next {AGENDA_WEEK_DAYS} days (to {human(week_end)})"}
    groups: dict[str, list] = {name: [] for name in names.values()}
    later = 0
    for followup in report.followups:
        key = agenda_bin(followup, today, zone)
        if key == "later":
            later += 1
        else:
            groups[names[key]].append(followup)
    colour = use_colour(sys.stdout)
    out = []
    for name, items in groups.items():
        style = "error" if name == "Overdue" and items else "bold"
        out.append(paint(f"{name}: {len(items)}", style, colour))
        for followup in items:
            application = journal.application(followup.application)
            where = (f"{application.title} — {application.role or '?'}" if application
                     else "the whole search")
            out.append(f"  {human(followup.due, zone):<22} {printable(followup.title)}")
            out.append(paint(f"  {'':<22} {printable(where)} · {followup.rule} "
                             f"{followup.name}: {followup.why}",
                             "dim", colour))
        out.append("")
    if later:
        out.append(f"{later} more follow-up{'s' if later != 1 else ''} after that.")
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")
    return 0
