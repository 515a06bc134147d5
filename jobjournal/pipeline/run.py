"""load → check → render → write, in order: the one place that runs the stages together.

Each stage is its own package and knows nothing of the next; the commands parse arguments and
print, and call these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from jobjournal.check.checker import Report, run_checks
from jobjournal.core.config import Config, ConfigError, load_config
from jobjournal.core.dates import current_time, local_zone_name, start_of
from jobjournal.core.findings import Finding
from jobjournal.core.model import Journal
from jobjournal.core.themes import ThemeError
from jobjournal.load.loader import discover, load_journal
from jobjournal.pipeline import replay
from jobjournal.write import BuildError, SiteWriter, WriteResult, check_output

__all__ = ["BuildError", "Checked", "Prepared", "WriteResult", "build", "build_report",
           "checked", "output_folder", "prepare"]


@dataclass(frozen=True)
class Prepared:
    """The cheap part of loading (configuration, file list, now): enough for `replay` to
    recognise a repeated run; `journal()` reads the rest without reading these again."""

    root: Path
    config: Config
    config_findings: tuple[Finding, ...]
    paths: list[Path]
    now: datetime
    on_the_clock: bool = False  # now is the wall clock's, not fixed by --today

    def journal(self) -> Journal:
        return load_journal(self.root, read=(self.config, list(self.config_findings),
                                             self.paths))


def prepare(root: Path, today: date | None) -> Prepared:
    """Read the configuration and list the files of the journal at `root`. Raises
    ConfigError for a configuration that cannot be used."""
    root = root.resolve()
    config, findings = load_config(root, local_zone_name())
    return Prepared(root, config, tuple(findings), discover(root, config),
                    current_time(config.zone, today), on_the_clock=today is None)


@dataclass(frozen=True)
class Checked:
    """A run of `check` or `build` up to the printed findings: either the stored outcome of
    an identical earlier run (`known`), or a fresh report and what it prints."""

    fingerprint: str
    known: replay.Outcome | None = None
    report: Report | None = None
    printed: str = ""
    valid_until: datetime | None = None  # when a replay of this run stops being true


def checked(prepared: Prepared, command: str, place: str, extra: tuple[str, ...],
            print_report: Callable[[Report], str], *, exact_now: bool = False) -> Checked:
    """Load and check, unless every input is as it was for the last `command` run at
    `place` (then its outcome is replayed instead): the part `check` and `build` share.

    On the clock, what a run prints and builds changes only at moments the journal names (a
    follow-up falling due, an interview starting or ending) and at midnight, so an earlier
    run of the same day stands until the next of those moments. `exact_now`: the output
    shows the time itself (JSON's "due now"), so only the same instant may be replayed."""
    moment = (prepared.now.date().isoformat() if prepared.on_the_clock and not exact_now
              else prepared.now.isoformat())
    fingerprint = replay.fingerprint(prepared.root, prepared.config, prepared.paths,
                                     command=command, extra=(*extra, moment))
    known = replay.recall(prepared.root, command, place, fingerprint, prepared.now)
    if known is not None:
        return Checked(fingerprint, known=known)
    report = run_checks(prepared.journal(), prepared.now)
    return Checked(fingerprint, report=report, printed=print_report(report),
                   valid_until=next_change(report) if prepared.on_the_clock else None)


def next_change(report: Report) -> datetime:
    """The first moment from the report's `now` on at which checking again could give
    another answer: the next midnight (dated follow-ups fall overdue, the day moves on), a
    follow-up's due time (those an ignore leaves out included: once due, they show as
    acknowledged), or any date-time an application names (`Application.moments`), whichever
    comes first. A date-time the journal names counts even when it is `now`
    itself (a reminder due at 10:17 sharp is overdue the instant after, so a run at that
    instant is not replayed); a follow-up's due time only when later, since those a rule
    makes due "now" are due now again at every run."""
    zone = report.journal.config.zone
    now = report.now
    moments = [start_of(now.astimezone(zone).date() + timedelta(days=1), zone)]
    moments.extend(f.due for f in report.followups if isinstance(f.due, datetime) and f.due > now)
    moments.extend(due for due in report.silenced_dues if due > now)
    for application in report.journal.applications:
        moments.extend(moment for moment in application.moments() if moment >= now)
    return min(moments)


def output_folder(report: Report, out: Path | None) -> Path:
    """`-o OUT` as given, else the configuration's `output`, relative to the journal."""
    if out is not None:
        return out
    return report.journal.root / report.journal.config.output


def build_report(report: Report, out: Path | None) -> WriteResult:
    """Render a checked journal and write it; BuildError for anything that stops the build.

    Each page is written as soon as it is made (never all held), and a page whose inputs are
    those it was last written from, and whose file nobody touched since, is neither made nor
    written again (the ledger); notes and feed events come from the render cache."""
    # Rendering's dependencies (Jinja2, markdown-it) load only when a site is made, so
    # `jobjournal check`, which shares this package, stays light.
    from jobjournal.cache.renders import Ledger, RenderCache
    from jobjournal.load.gitinfo import file_histories
    from jobjournal.render.site import render_site, site_paths

    root = report.journal.root
    target = output_folder(report, out)
    check_output(target, root)  # refuse before spending time on rendering
    try:
        history = file_histories(root)
        cache = RenderCache.for_journal(root)
        ledger = Ledger(root, target)
        with SiteWriter(target, root, site_paths(report)) as writer:
            if writer.unknown:  # files not ours in the way: compare them all before writing
                files = render_site(report, history=history, cache=cache)
                writer.refuse_foreign(files)  # type: ignore[arg-type]
                written = [path for path, data in files.items()
                           if writer.put(path, data)]  # type: ignore[arg-type]
            else:
                done = render_site(report, history=history, sink=writer.put, cache=cache,
                                   ledger=ledger)
                written = [path for path, wrote in done.items() if wrote]
            result = writer.finish(written)
            ledger.save()  # under the output's lock, with every page in place
        return result
    except ThemeError as error:
        raise BuildError(str(error)) from None


def build(root: Path, out: Path | None, now: datetime) -> tuple[Report, WriteResult]:
    """Load, check, render and write: the whole of `jobjournal build` minus the printing."""
    try:
        journal = load_journal(root)
    except ConfigError as error:
        raise BuildError(str(error)) from None
    report = run_checks(journal, now)
    return report, build_report(report, out)
