"""load → check → render → write, in order: the one place that runs the stages together.

Each stage is its own package and knows nothing of the next; the commands parse arguments and
print, and call these.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jobjournal.check.checker import Report, run_checks
from jobjournal.core.config import ConfigError
from jobjournal.core.themes import ThemeError
from jobjournal.load.loader import load_journal
from jobjournal.write import BuildError, WriteResult, check_output, write_site

__all__ = ["BuildError", "WriteResult", "build", "build_report", "output_folder"]


def output_folder(report: Report, out: Path | None) -> Path:
    """`-o OUT` as given, else the configuration's `output`, relative to the journal."""
    if out is not None:
        return out
    return report.journal.root / report.journal.config.output


def build_report(report: Report, out: Path | None) -> WriteResult:
    """Render a checked journal and write it; BuildError for anything that stops the build."""
    # Rendering's dependencies (Jinja2, markdown-it) load only when a site is made, so
    # `jobjournal check`, which shares this package, stays light.
    from jobjournal.load.gitinfo import file_histories
    from jobjournal.render.site import render_site

    target = output_folder(report, out)
    check_output(target, report.journal.root)  # refuse before spending time on rendering
    try:
        files = render_site(report, history=file_histories(report.journal.root))
    except ThemeError as error:
        raise BuildError(str(error)) from None
    return write_site(files, target, report.journal.root)


def build(root: Path, out: Path | None, now: datetime) -> tuple[Report, WriteResult]:
    """Load, check, render and write: the whole of `jobjournal build` minus the printing."""
    try:
        journal = load_journal(root)
    except ConfigError as error:
        raise BuildError(str(error)) from None
    report = run_checks(journal, now)
    return report, build_report(report, out)
