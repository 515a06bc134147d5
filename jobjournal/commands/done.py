"""`jobjournal done`: tick off one of your own follow-ups from the terminal.

The follow-up is found by a piece of its `what`, and gets a `done: <date>` line in the file,
written like its other keys (jobjournal/edit.py); nothing else in the file changes.
"""

from __future__ import annotations

import argparse

from jobjournal.commands.common import UsageError
from jobjournal.commands.completion_words import mark

HELP = "mark one of an application's own follow-ups done"
EXAMPLES = """examples:
  jobjournal done northwind "dashboard sample"
  jobjournal done northwind dashboard --on yesterday
  jobjournal done globex "send the portfolio" --on 2026-11-24 --journal ~/job-search

TEXT is any part of the follow-up's 'what', compared as the rules compare names (case,
spacing, punctuation do not matter: "mark obrien" finds "Send Mark O'Brien the case study");
when it fits several open follow-ups, they are listed with their dates so you can give more
of it. Only your own 'followups:' are
marked; the advice's follow-ups go away when you log what they ask ('jobjournal log').
exit codes: 0 marked done, 2 refused (the file is left exactly as it was)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from jobjournal.commands.log import add_edit_arguments

    mark(parser.add_argument("application",
                             help="file name (without .md) or start of the company"),
         "applications")
    parser.add_argument("text", help="part of the follow-up's 'what'")
    parser.add_argument("--on", metavar="DATE",
                        help="YYYY-MM-DD, today or yesterday (default: today)")
    add_edit_arguments(parser)


def _listing(followups: list) -> str:  # type: ignore[type-arg]
    """One line per follow-up, dates as people read them ("due Wed 02 Dec 2026 10:00")."""
    from jobjournal.core.dates import human

    lines = []
    for own in followups:
        state = f"done {human(own.done)}" if own.done else f"due {human(own.due)}"
        lines.append(f"\n  line {own.line}: {own.what} ({state})")
    return "".join(lines)


def choose(application, text: str):  # type: ignore[no-untyped-def]
    """The one follow-up of `application` that `text` names; UsageError otherwise."""
    from jobjournal.core.model import fold_name

    own = list(application.followups)
    if not own:
        raise UsageError(f"{application.file} has no follow-ups of its own ('followups:')")
    key = fold_name(text)
    matches = [f for f in own if key and key in fold_name(f.what)]
    if not matches:
        raise UsageError(f"no follow-up of {application.file} mentions '{text}'; it has:"
                         f"{_listing(own)}")
    exact = [f for f in matches if fold_name(f.what) == key]
    if len(exact) == 1:
        return exact[0]
    pending = [f for f in matches if f.done is None]
    if len(pending) == 1:
        return pending[0]
    if not pending:
        raise UsageError(f"'{text}' is already done in {application.file}:{_listing(matches)}")
    raise UsageError(f"'{text}' fits {len(pending)} open follow-ups of {application.file}; "
                     f"give more of the text:{_listing(pending)}")


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.log import load_target, now_of, parse_on, text_argument, write_back
    from jobjournal.edit.document import EditError, mark_done, verify

    text = text_argument(args.text, "TEXT") or ""
    journal, application, path, raw = load_target(args)
    followup = choose(application, text)
    if followup.done is not None:
        raise UsageError(f"'{followup.what}' is already marked done on "
                         f"{followup.done.isoformat()} ({application.file}:{followup.line})")
    written, day = parse_on(text_argument(args.on, "--on"), now_of(args, journal),
                            day_only=True)
    try:
        new = mark_done(raw, followup.index, written)
        edited = verify(raw, new, application.file, application.slug, journal.config.zone)
    except EditError as problem:
        raise UsageError(f"{application.file}: not marked done: {problem}") from None
    after = next((f for f in edited.followups if f.index == followup.index), None)
    if after is None or after.done != day or after.what != followup.what:
        raise UsageError(f"{application.file}: not marked done: the change did not read back "
                         "as written; please report this, with the file")
    write_back(path, raw, new, application.file)
    from jobjournal.check.reporters import printable

    print(printable(f"Marked done on {written}: {followup.what} ({application.file}:"
                    f"{followup.line})"))
    return 0
