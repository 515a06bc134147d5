"""Recognising a build or check whose inputs have not changed since the last one.

Everything a run's output depends on is summed up in one fingerprint: the tool's own code, the
configuration's text, every application file's signature (size, modification time, inode),
the templates and theme folder, git's HEAD (for the pages' history), the output folder, the
format and `now` (with `--today`, that moment; on the clock, the day, and the outcome keeps the
moment it stops being true: the journal's next due time, interview start or end, or
midnight). When it equals the last run's and the files that run wrote are still as it left
them, the stored output is printed again and nothing is read, checked or rendered: an
unchanged journal costs one walk of its folder.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jobjournal.cache import store as cache
from jobjournal.core.config import Config
from jobjournal.core.dates import source_date_epoch
from jobjournal.core.files import Stamp, file_stamp
from jobjournal.core.themes import custom_theme_folder
from jobjournal.load.gitinfo import git_head

if TYPE_CHECKING:
    from jobjournal.check.checker import Report


@dataclass(frozen=True)
class Outcome:
    """What a run printed and returned, and what it left in the output folder."""

    fingerprint: str
    stdout: str
    stderr: str
    exit_code: int
    strict_exit_code: int
    outputs: tuple[tuple[str, Stamp], ...] = ()  # (path, its stamp) written or kept
    valid_until: datetime | None = None  # on the clock: replayed only before this moment


def _tree_signatures(folder: Path) -> list[str]:
    found = []
    for base, _dirs, names in os.walk(folder):
        for name in sorted(names):
            path = Path(base, name)
            stamp = file_stamp(path)
            if stamp is not None:
                found.append(f"{path}|{stamp}")
    return sorted(found)


def fingerprint(root: Path, config: Config, paths: list[Path], *, command: str,
                extra: tuple[str, ...]) -> str:
    """The inputs of a run, summed up; `extra` carries format, output folder, now, colour."""
    digest = hashlib.sha256()

    def add(text: str) -> None:
        digest.update(text.encode("utf-8", "surrogateescape"))
        digest.update(b"\x00")

    for part in (cache.tool_fingerprint(), command, str(root), config.source, *extra,
                 str(source_date_epoch())):
        add(part)
    for path in paths:
        add(f"{path}|{file_stamp(path)}")
    if command == "build":
        add(git_head(root))
        for folder in (root / "templates", custom_theme_folder(root, config.theme)):
            if folder is not None and folder.is_dir():
                for line in _tree_signatures(folder):
                    add(line)
    return digest.hexdigest()


def _key(root: Path, command: str, place: str) -> str:
    return f"outcome-{command}-" + hashlib.sha256(place.encode()).hexdigest()[:12]


def recall(root: Path, command: str, place: str, expected: str, now: datetime
           ) -> Outcome | None:
    """The stored outcome when its fingerprint matches, `now` is still before the moment it
    stops being true, and its output files are intact."""
    stored = cache.load(root, _key(root, command, place))
    if not isinstance(stored, Outcome) or stored.fingerprint != expected:
        return None
    if stored.valid_until is not None and not now < stored.valid_until:
        return None
    for path, stamp in stored.outputs:
        if file_stamp(path) != stamp:
            return None
    return stored


def replay(known: Outcome, strict: bool) -> int:
    """Print a recalled run's report again and give its exit code."""
    sys.stdout.write(known.stdout)
    return known.strict_exit_code if strict else known.exit_code


def remember(root: Path, command: str, place: str, fingerprint: str, printed: str,
             report: Report, outputs: tuple[tuple[str, Stamp], ...] = (),
             valid_until: datetime | None = None) -> None:
    """Store what a run printed and returned; runs with an internal error are not kept."""
    if report.internal_error:
        return
    outcome = Outcome(fingerprint, printed, "", report.exit_code(False),
                      report.exit_code(True), outputs, valid_until)
    cache.store(root, _key(root, command, place), outcome)


def output_signatures(folder: Path, names: list[str]) -> tuple[tuple[str, Stamp], ...]:
    return tuple((str(folder / name), found) for name in names
                 if (found := file_stamp(folder / name)) is not None)
