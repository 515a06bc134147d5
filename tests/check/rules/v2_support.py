"""Shared helpers of the v2 tests (issue 12): write a journal as a person would, then drive the
product only through its command line, in-process, and read what it prints or builds.

Nothing here imports jobjournal internals except `jobjournal.cli.main`, so the tests hold
whatever the package layout becomes.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobjournal.cli import main

# Europe/London, so every time is deterministic (UTC+0 from 25 Oct 2026 to 28 Mar 2027).
CONFIG = 'timezone = "Europe/London"\n'
TODAY = "2026-11-30"  # a Monday


def dedent(text: str) -> str:
    """Strip the common indentation and the first newline, so files read naturally."""
    return textwrap.dedent(text).lstrip("\n")


def write_journal(root: Path, files: dict[str, str], config: str | None = CONFIG) -> Path:
    """Write `files` (name -> text, dedented) and jobjournal.toml into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "jobjournal.toml").write_text(dedent(config), encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8", newline="")
    return root


def line_of(root: Path, name: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line of the file holding `needle`."""
    seen = 0
    text = (root / name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {name}")


@dataclass
class Checked:
    """What `jobjournal check --format json` printed, and its exit status."""

    code: int
    data: dict[str, Any]
    err: str
    raw: str = ""

    def findings(self, rule: str | None = None, file: str | None = None,
                 severity: str | None = None) -> list[dict[str, Any]]:
        return [f for f in self.data["findings"]
                if (rule is None or f["rule"] == rule) and (file is None or f["file"] == file)
                and (severity is None or f["severity"] == severity)]

    def followups(self, rule: str | None = None, application: str | None = None
                  ) -> list[dict[str, Any]]:
        return [f for f in self.data["followups"]
                if (rule is None or f["rule"] == rule)
                and (application is None or f["application"] == application)]

    def titles(self, rule: str | None = None) -> set[str]:
        return {f["title"] for f in self.followups(rule)}

    def followup(self, title: str) -> dict[str, Any]:
        """The one follow-up with exactly this title."""
        found = [f for f in self.data["followups"] if f["title"] == title]
        assert len(found) == 1, (f"expected one follow-up titled {title!r}; follow-ups: "
                                 f"{sorted(f['title'] for f in self.data['followups'])}")
        return found[0]

    def errors(self) -> list[dict[str, Any]]:
        return self.findings(severity="error")


def run_cli(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """`jobjournal ARGV...` in-process: (exit status, stdout, stderr)."""
    capsys.readouterr()  # drop anything printed before
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def check(capsys: Any, root: Path, today: str = TODAY, *extra: str) -> Checked:
    """`jobjournal check ROOT --format json --today TODAY`, parsed."""
    code, out, err = run_cli(capsys, "check", str(root), "--format", "json", "--today", today,
                             *extra)
    assert code in (0, 1), f"check exited {code}: {err}"
    return Checked(code, json.loads(out), err, out)


@dataclass
class Built:
    code: int
    out: str
    err: str
    site: Path
    pages: dict[str, str] = field(default_factory=dict)

    def text(self, name: str) -> str:
        if name not in self.pages:
            self.pages[name] = (self.site / name).read_text(encoding="utf-8-sig")
        return self.pages[name]

    def csv_rows(self) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.text("applications.csv"), newline="")))

    def journal_json(self) -> dict[str, Any]:
        return json.loads(self.text("journal.json"))


def build(capsys: Any, root: Path, today: str = TODAY) -> Built:
    """`jobjournal build ROOT --today TODAY` into ROOT/_site."""
    code, out, err = run_cli(capsys, "build", str(root), "--today", today)
    assert code in (0, 1), f"build exited {code}: {err}"
    return Built(code, out, err, root / "_site")
