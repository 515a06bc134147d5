"""Running `jobjournal import` and `jobjournal check` as a person would, and reading back
what was written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from jobjournal.cli import main

TODAY = "2026-11-30"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_import(capsys, file: Path, journal: Path, *extra: str) -> Result:
    capsys.readouterr()
    code = main(["import", str(file), str(journal), "--today", TODAY, *extra])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def format_findings(capsys, journal: Path) -> list[dict]:
    """Findings JJ001-JJ005 that `jobjournal check` reports on the journal at the import day."""
    capsys.readouterr()
    main(["check", str(journal), "--today", TODAY, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    return [f for f in report["findings"]
            if f["rule"] in ("JJ001", "JJ002", "JJ003", "JJ004", "JJ005")]


def written(journal: Path) -> dict[str, Path]:
    return {path.name: path for path in sorted(journal.glob("*.md"))}


def read(path: Path) -> tuple[dict, str]:
    """Front matter as PyYAML reads it (dates typed) and the notes below it."""
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    return dict(post.metadata), post.content


def crlf(text: str) -> bytes:
    """`text` as Windows writes it: CRLF line ends."""
    return text.replace("\n", "\r\n").encode("utf-8")
