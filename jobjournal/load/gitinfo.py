"""What git knows about each application file: when it last changed and how often.

One `git log` for the whole journal, never one per file, so a journal with years of history
stays quick. Everything degrades quietly: no git, not a repository, or a git that fails means
no history is shown, and nothing else changes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from jobjournal.core.model import FileHistory

_MARK = "\x1ecommit "


def file_histories(root: Path, timeout: float = 20.0) -> dict[str, FileHistory]:
    """Journal-relative POSIX path -> its history, for files git tracks under `root`."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        done = subprocess.run(
            [git, "-C", str(root), "log", f"--format={_MARK}%ct", "--name-only",
             "--relative", "--no-renames", "-z", "--", "."],
            capture_output=True, timeout=timeout, check=False,
            env={"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "PATH": _path()},
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    return parse_log(done.stdout.decode("utf-8", errors="replace"))


def git_head(root: Path) -> str:
    """The commit HEAD names, or "" outside a repository."""
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        done = subprocess.run([git, "-C", str(root), "rev-parse", "HEAD"],
                              capture_output=True, timeout=10, check=False,
                              env={"PATH": _path(), "GIT_TERMINAL_PROMPT": "0"})
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode(errors="replace").strip() if done.returncode == 0 else ""


class HistoryCache:
    """For `serve`: the histories are read again only once HEAD has moved, and each rebuild's
    view reads HEAD only when a page first needs a history."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._head: str | None = None
        self._histories: dict[str, FileHistory] = {}

    def current(self) -> dict[str, FileHistory]:
        head = git_head(self.root)
        if head != self._head:
            self._histories = file_histories(self.root) if head else {}
            self._head = head
        return self._histories

    def view(self) -> Mapping[str, FileHistory]:
        return _OnFirstUse(self.current)


class _OnFirstUse(Mapping[str, FileHistory]):
    def __init__(self, load: Callable[[], dict[str, FileHistory]]) -> None:
        self._load = load

    @cached_property
    def _found(self) -> dict[str, FileHistory]:
        return self._load()

    def __getitem__(self, key: str) -> FileHistory:
        return self._found[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


def parse_log(text: str) -> dict[str, FileHistory]:
    """Parse `git log --format=<mark>%ct --name-only -z` output: each commit is the mark, its
    time, a NUL, then NUL-separated names (the first after a newline)."""
    histories: dict[str, FileHistory] = {}
    for block in text.split(_MARK)[1:]:
        stamp, _, names = block.partition("\x00")
        try:
            when = datetime.fromtimestamp(int(stamp.strip()), UTC)
        except ValueError:
            continue
        for name in names.split("\x00"):
            name = name.strip("\n")
            if not name:
                continue
            known = histories.get(name)
            if known is None:
                histories[name] = FileHistory(when, 1)
            else:
                histories[name] = FileHistory(max(known.last_changed, when), known.commits + 1)
    return histories
