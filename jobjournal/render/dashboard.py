"""What the dashboard (index.html) is given: the pipeline's counts, the agenda, what needs
attention and the table of every application (which applications.csv and journal.json share).

Pure functions of the report and `now`, built on views.py; the per-application pieces (rows,
follow-ups, last activity) are remembered by identity, so `serve` rebuilds only what an edit
touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobjournal.cache.memo import remembered
from jobjournal.check.checker import Report
from jobjournal.core.dates import When, start_of
from jobjournal.core.findings import SEVERITIES, Finding
from jobjournal.core.followups import AGENDA_BINS, AGENDA_WEEK_DAYS, agenda_bin
from jobjournal.core.model import STATUSES, Application
from jobjournal.render.views import (
    STATUS_LABELS,
    AppRef,
    FindingView,
    FollowUpView,
    Lookups,
    Moment,
    finding_view,
    followup_view,
    lookups,
    moment,
)


@dataclass(frozen=True, slots=True)
class StatusCount:
    status: str
    label: str
    count: int
    live: bool


@dataclass(frozen=True, slots=True)
class AgendaGroup:
    key: str  # overdue | today | week | later
    label: str
    items: tuple[FollowUpView, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the applications table (and of applications.csv)."""

    application: AppRef
    applied: Moment | None
    last_activity: Moment | None
    next_followup: FollowUpView | None
    recruiter: str
    agency: str
    errors: int
    warnings: int
    infos: int
    location: str
    tags: tuple[str, ...]

    @property
    def findings_total(self) -> int:
        return self.errors + self.warnings + self.infos

    @property
    def findings_sort(self) -> int:
        # Errors weigh most: sorting by this column puts the worst files together.
        return self.errors * 10000 + self.warnings * 100 + self.infos


@dataclass(frozen=True, slots=True)
class IndexView:
    statuses: tuple[StatusCount, ...]
    live: int
    closed: int
    total: int
    agenda: tuple[AgendaGroup, ...]
    overdue: int
    due_this_week: int
    findings: dict[str, tuple[FindingView, ...]]  # severity -> findings, minus the agenda's
    in_agenda: int  # findings left out above: overdue follow-ups, already on the agenda
    rows: tuple[Row, ...]  # sorted by next follow-up, then company
    needs_repair: int


@remembered
def last_activity(application: Application, now: datetime) -> When | None:
    """The latest dated thing that already happened: a milestone, interview, log entry,
    follow-up marked done or a referee being contacted."""
    zone = now.tzinfo
    past: list[When] = list(application.milestones.values())
    past.extend(i.start for i in application.interviews if not i.is_cancelled and i.start <= now)
    past.extend(entry.on for entry in application.log)
    past.extend(own.done for own in application.followups if own.done)
    past.extend(r.contacted for r in application.references if r.contacted)
    past = [value for value in past if start_of(value, zone) <= now]  # type: ignore[arg-type]
    if not past:
        return None
    return max(past, key=lambda value: (start_of(value, zone), isinstance(value, datetime)))  # type: ignore[arg-type]


def table_rows(report: Report, look: Lookups) -> tuple[Row, ...]:
    now = report.now
    rows = []
    for application in report.journal.applications:
        slug = application.slug
        findings = look.findings.get(slug, [])
        pending = look.followups.get(slug, [])
        counts = {s: 0 for s in SEVERITIES}
        for finding in findings:
            counts[finding.severity] += 1
        rows.append(_row(application, look.refs[slug],
                         followup_view(pending[0], report, look) if pending else None,
                         counts["error"], counts["warning"], counts["info"], now))
    rows.sort(key=lambda r: (r.next_followup is None,
                             r.next_followup.due.sort if r.next_followup else "",
                             r.application.company.casefold(), r.application.role.casefold(),
                             r.application.slug))
    return tuple(rows)


@remembered
def _row(application: Application, ref: AppRef, next_followup: FollowUpView | None,
         errors: int, warnings: int, infos: int, now: datetime) -> Row:
    """Remembered while its inputs are the same, so `serve` can reuse the row's HTML."""
    applied = application.milestones.get("applied")
    last = last_activity(application, now)
    recruiter = application.recruiter
    return Row(ref, moment(applied, now) if applied else None,
               moment(last, now) if last else None, next_followup,
               recruiter.name if recruiter else "", (recruiter.agency or "") if recruiter else "",
               errors, warnings, infos, application.location or "", application.tags)


def agenda_groups(report: Report, look: Lookups) -> tuple[AgendaGroup, ...]:
    today = report.now.date()
    zone = report.now.tzinfo
    groups: dict[str, list[FollowUpView]] = {key: [] for key in AGENDA_BINS}
    for followup in report.followups:
        groups[agenda_bin(followup, today, zone)].append(  # type: ignore[arg-type]
            followup_view(followup, report, look))
    labels = {"overdue": "Overdue", "today": "Today",
              "week": f"Next {AGENDA_WEEK_DAYS} days", "later": "Later"}
    return tuple(AgendaGroup(key, labels[key], tuple(items)) for key, items in groups.items())


def is_overdue_followup(finding: Finding, overdue: dict[tuple[str, str, int], list[str]]
                        ) -> bool:
    """Whether a finding only reports an overdue follow-up (same rule and place, and the
    checker quotes the follow-up's title in it), which the agenda shows already."""
    titles = overdue.get((finding.rule, finding.file, finding.line), ())
    return any(title in finding.message for title in titles)


def index_view(report: Report, now: datetime, look: Lookups | None = None) -> IndexView:
    look = look or lookups(report)
    applications = report.journal.applications
    counts = {status: 0 for status in STATUSES}
    for application in applications:
        counts[application.status] += 1
    statuses = tuple(StatusCount(s, STATUS_LABELS[s], counts[s],
                                 s in ("applied", "interviewing", "offer")) for s in STATUSES)
    agenda = agenda_groups(report, look)
    overdue: dict[tuple[str, str, int], list[str]] = {}
    for followup in report.followups:
        if followup.overdue:
            overdue.setdefault((followup.rule, followup.file, followup.line), []).append(
                followup.title)
    attention = [f for f in report.findings if not is_overdue_followup(f, overdue)]
    by_severity = {severity: tuple(finding_view(f, look) for f in attention
                                   if f.severity == severity)
                   for severity in SEVERITIES}
    live = sum(1 for a in applications if a.is_live)
    closed = sum(1 for a in applications if a.is_closed)
    return IndexView(statuses, live, closed, len(applications), agenda,
                     len(agenda[0].items), len(agenda[1].items) + len(agenda[2].items),
                     by_severity, len(report.findings) - len(attention), table_rows(report, look),
                     sum(1 for a in applications if a.needs_repair))
