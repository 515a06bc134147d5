"""`jobjournal log`: record what you did without opening the file.

Right after a call the person types one line; the entry lands at the end of the application's
`log:` exactly as they would have written it, formatting and comments untouched
(jobjournal/edit.py). Anything doubtful is refused with the reason, leaving the file
byte-identical. The helpers here are shared with `jobjournal done`.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from jobjournal.commands.common import UsageError, parse_day
from jobjournal.commands.completion_words import mark

if TYPE_CHECKING:
    from jobjournal.core.dates import When
    from jobjournal.core.model import Application, Journal, Person

HELP = "add an entry to an application's log (what you did, e.g. a thank-you)"
EXAMPLES = """examples:
  jobjournal log northwind thank-you --to "Tom Becker"
  jobjournal log northwind recruiter-debrief --note "Went well; Tom keen on SQL depth"
  jobjournal log globex chased --on yesterday
  jobjournal log northwind thank-you --to "mark obrien"      # Mark O'Brien in the file
  jobjournal log echo thank-you --to "Tom Hughes, Kai Nakamura"
  jobjournal log calder thank-you --to "Gemma Clarke" --via recruiter --on "2026-11-20 19:05"
  jobjournal log northwind-data-analyst linkedin --to "Mo Green" --journal ~/job-search

APPLICATION is a file name without .md, or the start of its company or file name.
ACTION is one of: recruiter-debrief, thank-you, linkedin, linkedin-withdrawn, heads-up,
references-shared, feedback-requested, chased, check-in, meeting, note (thank-you, linkedin,
linkedin-withdrawn, heads-up, check-in and meeting need --to; a heads-up goes to one of your
references).
NAME is matched as the rules match people (case, spacing, a leading title such as Dr and
punctuation do not matter), or is the start of one person's name ('Jo' when Jo Whitfield is
the only Jo); "A, B" names several people. When it fits several, they are listed.
With --today, --on may be any time of that day.
The entry is added at the end of 'log:' in the file, keeping its formatting and comments.
exit codes: 0 logged, 2 refused (the file is left exactly as it was)"""


def _actions() -> tuple[str, ...]:
    from jobjournal.load.schema import ACTIONS  # only when completing: schema loads YAML

    return ACTIONS


def add_edit_arguments(parser: argparse.ArgumentParser) -> None:
    """--journal and --today, shared by the commands that edit one application."""
    parser.add_argument("--journal", metavar="DIR", type=Path, default=Path("."),
                        help="the journal folder (default: the current folder)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=parse_day,
                        help="act as if it were that day at 12:00 (reproducible runs)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mark(parser.add_argument("application",
                             help="file name (without .md) or start of the company"),
         "applications")
    action = parser.add_argument("action", help="what you did, e.g. thank-you, chased, note")
    action.complete_words = _actions  # type: ignore[attr-defined]  # read by `completion`
    mark(parser.add_argument("--to", metavar="NAME", help="the person, as named in the file"),
         "people")
    parser.add_argument("--on", metavar="WHEN",
                        help="YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today or yesterday (default: now)")
    parser.add_argument("--note", metavar="TEXT", help="a note to keep with the entry")
    parser.add_argument("--via", choices=("recruiter",),
                        help="the recruiter passed it on (e.g. a thank-you)")
    add_edit_arguments(parser)


# -- shared with `done` ------------------------------------------------------------------------

def text_argument(value: str | None, option: str) -> str | None:
    """A command-line value, stripped; refused when it cannot be written as UTF-8."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{option}: the text holds bytes that are not UTF-8") from None
    return value.strip()


def parse_on(text: str | None, now: datetime, *, day_only: bool = False,
             whole_day: bool = False) -> tuple[str, When]:
    """--on as (what to write, its value): now by default; never in the future. With
    `whole_day` (`--today` fixed the day, at noon) any time of that day is accepted: the
    person logs the evening's thank-you with the same --today."""
    from jobjournal.core.dates import DateError, parse_when

    zone = now.tzinfo
    assert zone is not None
    if text is None:
        if day_only:
            return now.date().isoformat(), now.date()
        moment = now.replace(second=0, microsecond=0)
        return moment.strftime("%Y-%m-%d %H:%M"), moment
    word = text.strip().casefold()
    value: When
    if word in ("today", "yesterday"):
        value = now.date() - timedelta(days=1 if word == "yesterday" else 0)
        written = value.isoformat()
    else:
        try:
            value = parse_when(text, zone)
        except DateError as error:
            raise UsageError(f"--on: {error}; 'today' and 'yesterday' work too") from None
        written = text.strip()
        if day_only and isinstance(value, datetime):
            value = value.astimezone(zone).date()
            written = value.isoformat()
    if isinstance(value, datetime):
        future = value.astimezone(zone).date() > now.date() if whole_day else value > now
    else:
        future = value > now.date()
    if future:
        raise UsageError(f"--on {text}: that is in the future; record things once done")
    return written, value


def load_target(args: argparse.Namespace) -> tuple[Journal, Application, Path, bytes]:
    """The journal, the application APPLICATION names, its real path and its bytes."""
    from jobjournal.commands.common import load
    from jobjournal.commands.lookup import LookupProblem, resolve
    from jobjournal.load.loader import read_application

    journal, _now = load(args)
    try:
        found = resolve(journal, args.application)
    except LookupProblem as problem:
        raise UsageError(str(problem)) from None
    path = (journal.root / found.file).resolve()  # through a symlink, to the real file
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{found.file}: cannot read it: {error.strerror or error}") from None
    # The file as it is now, not as it was when the journal was loaded.
    current, _findings = read_application(raw, found.file, found.slug, journal.config.zone)
    return journal, current, path, raw


def write_back(path: Path, old: bytes, new: bytes, shown: str) -> None:
    """Replace the file atomically, unless it changed since it was read."""
    from jobjournal.core.files import atomic_write

    try:
        if path.read_bytes() != old:
            raise UsageError(f"{shown} changed while jobjournal was editing it (saved in an "
                             "editor?); nothing was written, run the command again")
        atomic_write(path, new)  # keeps the file's permissions
    except OSError as error:
        raise UsageError(f"{shown}: cannot write it: {error.strerror or error}") from None


def now_of(args: argparse.Namespace, journal: Journal) -> datetime:
    from jobjournal.core.dates import current_time

    return current_time(journal.config.zone, args.today)


# -- log ---------------------------------------------------------------------------------------

def check_action(action: str, today: date) -> None:
    from jobjournal.core.model import MILESTONES
    from jobjournal.load.schema import ACTIONS

    if action in MILESTONES:
        raise UsageError(f"'{action}' is a milestone, not an action: edit the milestone in "
                         f"the file instead, writing '{action}: {today.isoformat()}' (its "
                         "date) at the top of the front matter")
    if action not in ACTIONS:
        from jobjournal.load.suggest import ACTION_WORDS, hint, suggest_choice

        meant = hint(suggest_choice(action, ACTIONS, ACTION_WORDS))
        raise UsageError(f"unknown action '{action}'; {meant + ' ' if meant else ''}use one "
                         f"of: {', '.join(ACTIONS)}")


def _people_list(people: list[str]) -> str:
    return ", ".join(people) if people else "nobody yet: add them to the file first"


def _one_person(application: Application, action: str, name: str) -> Person:
    """The person `name` means (as the rules match names, or a unique start of a name)."""
    from jobjournal.commands.whom import (
        AmbiguousPerson,
        NoSuchPerson,
        everyone,
        match_person,
        parts_of,
    )

    people = everyone(application)
    # A heads-up goes to a referee: "Anna" means the referee Anna, when there is one.
    pools = [application.references, people] if action == "heads-up" else [people]
    for pool in pools:
        try:
            return match_person(name, pool)
        except NoSuchPerson:
            continue
        except AmbiguousPerson as ambiguous:
            listed = "".join(f"\n  {person.name} ({', '.join(parts_of(application, person))})"
                             for person in ambiguous.candidates)
            raise UsageError(f"--to '{name}' fits {len(ambiguous.candidates)} people of "
                             f"{application.file}; give more of the name:{listed}") from None
    names = [person.name for person in people]
    raise UsageError(f"--to '{name}' is nobody of {application.file}; it has: "
                     f"{_people_list(names)}. Add the person to the file first, or check "
                     "the spelling")


def check_person(application: Application, action: str, name: str | None) -> str | None:
    """The people `name` means, written as the file writes them ("A, B" for several), or None;
    UsageError when it cannot be."""
    from jobjournal.commands.whom import everyone, split_people
    from jobjournal.load.schema import ACTIONS_NEEDING_TO

    names = [person.name for person in everyone(application)]
    references = [person.name for person in application.references]
    if name is None:
        if action in ACTIONS_NEEDING_TO:
            who = references if action == "heads-up" else names
            raise UsageError(f"'{action}' needs --to NAME; {application.file} has: "
                             f"{_people_list(who)}")
        return None
    wanted = split_people(name)
    if not wanted:
        raise UsageError("--to is empty; give the person's name")
    referees = {person.key for person in application.references}
    found: list[str] = []
    for one in wanted:
        person = _one_person(application, action, one)
        if action == "heads-up" and person.key not in referees:
            raise UsageError(f"a heads-up goes to a referee, and {person.name} is not one of "
                             f"the references of {application.file}; references: "
                             f"{_people_list(references)}")
        if person.name not in found:
            found.append(person.name)
    return ", ".join(found)


def run(args: argparse.Namespace) -> int:
    from jobjournal.edit.document import EditError, append_log, verify

    action = (text_argument(args.action, "ACTION") or "").casefold()
    check_action(action, args.today or date.today())
    note = text_argument(args.note, "--note")
    to_name = text_argument(args.to, "--to")
    journal, application, path, raw = load_target(args)
    zone = journal.config.zone
    to = check_person(application, action, to_name)
    written, on = parse_on(text_argument(args.on, "--on"), now_of(args, journal),
                           whole_day=args.today is not None)
    fields = [("on", written), ("did", action)]
    fields += [(key, value) for key, value in (("to", to), ("via", args.via), ("note", note))
               if value]
    try:
        new = append_log(raw, fields)
        edited = verify(raw, new, application.file, application.slug, zone)
    except EditError as problem:
        raise UsageError(f"{application.file}: not logged: {problem}") from None
    entry = max(edited.log, key=lambda e: e.index, default=None)
    if (len(edited.log) != len(application.log) + 1 or entry is None
            or (entry.on, entry.did, entry.to, entry.via, entry.note)
            != (on, action, to, args.via, note or None)):
        raise UsageError(f"{application.file}: not logged: the entry did not read back as "
                         "written; please report this, with the file")
    write_back(path, raw, new, application.file)
    whom = f" to {to}" if to else ""
    via = " via the recruiter" if args.via else ""
    print(f"Logged {action}{whom}{via} on {written} in {application.file}:{entry.line}")
    return 0
