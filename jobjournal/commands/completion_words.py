"""The words tab completion reads from the journal when TAB is pressed: application slugs,
and the people of one application (after `--to`).

The shell runs `jobjournal completion --words applications|people` on every TAB, so this
reads as little as it can: the slugs come from the file list alone (no file is parsed), and
the people from the one file the application names when it is a slug (the whole journal, from
the cache, only when it is a company or a prefix). Problems print nothing: a completion never
shows an error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DYNAMIC = ("applications", "people")


def mark(action: argparse.Action, words: str) -> argparse.Action:
    """Tell the completion scripts to ask the journal for `words` for this argument."""
    action.complete_dynamic = words  # type: ignore[attr-defined]  # read by `completion`
    return action


def _root_and_config(journal: Path):  # type: ignore[no-untyped-def]
    from jobjournal.core.config import load_config
    from jobjournal.core.dates import local_zone_name

    root = journal.expanduser().resolve()
    config, _findings = load_config(root, local_zone_name())
    return root, config


def applications(journal: Path) -> list[str]:
    from jobjournal.load.loader import discover

    root, config = _root_and_config(journal)
    return [path.relative_to(root).as_posix()[:-3] for path in discover(root, config)]


def people(journal: Path, application: str) -> list[str]:
    from jobjournal.load.loader import read_file

    root, config = _root_and_config(journal)
    query = application.strip().removeprefix("./").removesuffix(".md")
    if not query:
        return []
    path = root / f"{query}.md"
    if not (path.is_file() and path.resolve().is_relative_to(root)):
        path = _by_slug_prefix(root, config, query) or path
    if path.is_file() and path.resolve().is_relative_to(root):
        found, _findings = read_file(path, root, config.zone)
    else:
        from jobjournal.commands.lookup import LookupProblem, resolve
        from jobjournal.load.loader import load_journal

        try:
            found = resolve(load_journal(root), query)
        except LookupProblem:
            return []
    return list(dict.fromkeys(person.name for _part, person in found.people()))


def _by_slug_prefix(root: Path, config, query: str) -> Path | None:  # type: ignore[no-untyped-def]
    """The one file whose slug (or file name) starts with `query`, found without parsing."""
    from jobjournal.load.loader import discover

    key = query.casefold()
    found = [path for path in discover(root, config)
             if path.relative_to(root).as_posix().casefold().startswith(key)
             or path.name.casefold().startswith(key)]
    return found[0] if len(found) == 1 else None


def words(kind: str, journal: Path, application: str) -> list[str]:
    try:
        if kind == "applications":
            return applications(journal)
        return people(journal, application)
    except Exception:  # a completion never shows an error
        return []


def answer(argv: list[str]) -> int:
    """`jobjournal completion --words KIND [--journal DIR] [--application APP]`: the words,
    one a line; nothing on any problem."""
    import sys

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("kind", choices=DYNAMIC)
    parser.add_argument("--journal", type=Path, default=Path("."))
    parser.add_argument("--application", default="")
    try:
        args, _rest = parser.parse_known_args(argv)
    except SystemExit:
        return 2
    found = words(args.kind, args.journal, args.application)
    sys.stdout.write("".join(f"{word}\n" for word in found if "\n" not in word))
    return 0
