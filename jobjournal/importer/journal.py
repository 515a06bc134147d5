"""The importer's one door into the rest of jobjournal: reading the journal, quoting YAML,
naming files, writing them without overwriting, and checking what would be written.

Keeping every such import here means a move of jobjournal's own modules changes this file only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from jobjournal.core.config import ConfigError
from jobjournal.core.dates import noon
from jobjournal.core.files import FileExists, atomic_write
from jobjournal.core.model import Journal, fold_name, slugify
from jobjournal.edit.document import yaml_scalar

FORMAT_RULES = ("JJ001", "JJ002", "JJ003", "JJ004", "JJ005")

__all__ = ["FileExists", "atomic_write", "fold_name", "slugify", "yaml_scalar",
           "Existing", "JournalProblem", "open_journal", "format_problems"]


class JournalProblem(Exception):
    """The journal folder cannot be used; str() says why."""


@dataclass(frozen=True)
class Existing:
    """The journal as the importer needs it: its applications, its zone and the import day."""

    journal: Journal
    zone: tzinfo
    now: datetime

    @property
    def today(self) -> date:
        return self.now.date()


def open_journal(root: Path, today: date | None = None) -> Existing:
    from jobjournal.load.loader import load_journal

    if not root.is_dir():
        raise JournalProblem(f"{root}: no such journal folder")
    try:
        journal = load_journal(root.resolve())
    except ConfigError as problem:
        raise JournalProblem(str(problem)) from None
    zone = journal.config.zone
    now = noon(today, zone) if today else datetime.now(zone)
    return Existing(journal, zone, now)


def format_problems(existing: Existing, texts: dict[str, str]) -> dict[str, list[str]]:
    """For each new file (journal-relative name -> text), the format findings (JJ001-JJ005)
    `check` would report on it at the import day, as 'line N: message'."""
    from jobjournal.check.checker import run_checks
    from jobjournal.core.frozen import FrozenMap
    from jobjournal.load.loader import read_application

    applications, findings = [], []
    for file, text in texts.items():
        application, found = read_application(text.encode("utf-8"), file, file[:-3],
                                               existing.zone)
        applications.append(application)
        findings.extend(found)
    journal = Journal(root=existing.journal.root, config=existing.journal.config,
                      applications=tuple(applications), load_findings=tuple(findings),
                      by_slug=FrozenMap({a.slug: a for a in applications}))
    report = run_checks(journal, existing.now)
    problems: dict[str, list[str]] = {file: [] for file in texts}
    for finding in report.findings:
        if finding.rule in FORMAT_RULES and finding.file in problems:
            problems[finding.file].append(f"line {finding.line}: {finding.rule} "
                                          f"{finding.message}")
    return problems
