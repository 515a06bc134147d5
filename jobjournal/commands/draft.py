"""`jobjournal draft`: the email the advice asks for, ready to paste (To, Subject, body).

Without --kind, the drafts are for the follow-ups owed in that application (to --to, when
given): a thank-you, a chase, a heads-up to a referee... With --kind, that email to that
person, owed or not. The texts are theme templates a journal can override.
"""

from __future__ import annotations

import argparse
import sys

from jobjournal.commands.common import UsageError
from jobjournal.commands.completion_words import mark
from jobjournal.commands.log import add_edit_arguments

HELP = "print a draft of the email owed to someone (thank-you, chase, heads-up...)"
EXAMPLES = """examples:
  jobjournal draft kirkgate                          every email owed for Kirkgate
  jobjournal draft kirkgate --to "Ben Castle"        the one owed to Ben
  jobjournal draft calder --to "Claire Dunn" --kind referee-thank-you
  jobjournal draft holbeck --kind feedback-request --journal ~/job-search

KIND is one of: thank-you, thank-you-via-recruiter, chase, referee-heads-up,
referee-thank-you, feedback-request, thank-you-after-rejection, withdraw, check-in.
The texts are templates: copy one from the theme's emails/ folder to your journal's
templates/emails/ and write it in your own voice.
exit codes: 0 drafted, 1 nothing is owed (say --kind), 2 refused"""


def _kinds() -> tuple[str, ...]:
    from jobjournal.render.drafts import KINDS

    return KINDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mark(parser.add_argument("application",
                             help="file name (without .md) or start of the company"),
         "applications")
    mark(parser.add_argument("--to", metavar="NAME", help="the person, as named in the file"),
         "people")
    kind = parser.add_argument("--kind", metavar="KIND",
                               help="which email (default: the one owed to that person)")
    kind.complete_words = _kinds  # type: ignore[attr-defined]  # read by `completion`
    add_edit_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.checker import run_checks
    from jobjournal.commands.common import load
    from jobjournal.commands.lookup import LookupProblem, resolve
    from jobjournal.render.drafts import (
        KINDS,
        Drafter,
        DraftProblem,
        default_person,
        hiring_team,
        owed,
    )

    if args.kind is not None and args.kind not in KINDS:
        raise UsageError(f"unknown kind '{args.kind}'; use one of: {', '.join(KINDS)}")
    journal, now = load(args)
    try:
        application = resolve(journal, args.application)
    except LookupProblem as problem:
        raise UsageError(str(problem)) from None
    person = None
    if args.to is not None:
        person = application.find_person(args.to)
        if person is None:
            names = list(dict.fromkeys(p.name for _part, p in application.people()))
            raise UsageError(f"--to '{args.to}' is nobody of {application.file}; it has: "
                             f"{', '.join(names) or 'nobody yet'}")
    try:
        drafter = Drafter.of(journal, now)
        if args.kind is None:
            report = run_checks(journal, now)
            drafts = owed(drafter, report.followups_for(application.slug), person)
            if not drafts:
                who = f" to {person.name}" if person else ""
                print(f"No email is owed{who} for {application.file} today; choose one with "
                      f"--kind ({', '.join(KINDS)})", file=sys.stderr)
                return 1
        else:
            drafts = [_asked(drafter, application, args.kind, person, default_person,
                              hiring_team)]
    except DraftProblem as problem:
        raise UsageError(str(problem)) from None
    print("\n\n".join(draft.as_text().rstrip("\n") for draft in drafts))
    return 0


def _asked(drafter, application, kind, person, default_person, hiring_team):  # type: ignore[no-untyped-def]
    """The draft of `kind` to `person` (or to whom that kind goes by default)."""
    about = None
    if kind == "thank-you-via-recruiter":
        recruiter = application.recruiter
        if recruiter is None:
            raise UsageError(f"{application.file} has no recruiter to pass thanks through")
        if person is None or person.key == recruiter.key:
            interviewers = [p for p in application.interviewers() if p.key != recruiter.key]
            if len(interviewers) != 1:
                raise UsageError("name the interviewer to thank with --to: "
                                 + (", ".join(p.name for p in interviewers) or "nobody yet"))
            person = interviewers[0]
        about, person = person, recruiter
    to = person or default_person(application, kind)
    if to is None and kind in ("chase", "withdraw", "feedback-request"):
        to = hiring_team(application)
    if to is None:
        names = ", ".join(dict.fromkeys(p.name for _part, p in application.people()))
        raise UsageError(f"say whom to write to with --to; {application.file} has: "
                         f"{names or 'nobody yet'}")
    return drafter.make(application, kind, to, about)
