"""Charts drawn as SVG at build time: no chart library, no script, nothing fetched.

Each chart is a small, labelled SVG (colours come from classes in the theme's CSS, so dark mode
and print restyle it) plus the same numbers as a table, its text alternative. The viewBox is
about a phone's width, so text stays readable when a chart fills a phone screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from statistics import median

from jobjournal.cache.memo import LastResult, remembered
from jobjournal.check.checker import Report
from jobjournal.core.dates import day_of
from jobjournal.core.model import Application

WIDTH = 360
MAX_WEEKS = 26


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    summary: str  # one sentence: the SVG's <desc> and the caption of its table
    svg: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _svg(chart_id: str, title: str, summary: str, height: int, body: list[str]) -> str:
    return (f'<svg class="chart {chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{chart_id}-title">{escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{escape(summary)}</desc>' + "".join(body) + "</svg>")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _hbars(rows: list[tuple[str, int, str]], label_width: int = 110) -> tuple[list[str], int]:
    """Horizontal bars: (label, value, note) per row; returns SVG parts and the height."""
    row_height, bar_height = 34, 20
    biggest = max((value for _l, value, _n in rows), default=0) or 1
    room = WIDTH - label_width - 64
    parts = []
    for i, (label, value, note) in enumerate(rows):
        y = 8 + i * row_height
        width = max(2.0, room * value / biggest) if value else 0.0
        parts.append(f'<text class="chart-label" x="{label_width - 8}" y="{y + 15}" '
                     f'text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect class="chart-track" x="{label_width}" y="{y}" width="{room}" '
                     f'height="{bar_height}" rx="4"/>')
        if width:
            parts.append(f'<rect class="chart-bar chart-bar-{i}" x="{label_width}" y="{y}" '
                         f'width="{width:.1f}" height="{bar_height}" rx="4"/>')
        parts.append(f'<text class="chart-value" x="{label_width + room + 6}" y="{y + 15}">'
                     f'{value}{escape(note)}</text>')
    return parts, 8 + len(rows) * row_height


def interviewed(application: Application, now: datetime) -> bool:
    return any(not i.is_cancelled and i.start <= now for i in application.interviews)


def funnel_chart(report: Report) -> Chart:
    now = report.now
    applications = [a for a in report.journal.applications if "applied" in a.milestones]
    applied = len(applications)
    stages = [
        ("Applied", applied),
        ("Interviewed", sum(1 for a in applications if interviewed(a, now))),
        ("Offer", sum(1 for a in applications if "offer" in a.milestones
                      or "signed" in a.milestones)),
        ("Signed", sum(1 for a in applications if "signed" in a.milestones)),
    ]
    summary = ("Of " + str(applied) + " applications, "
               + ", ".join(f"{n} {label.lower()} ({_percent(n, applied)})"
                           for label, n in stages[1:]) + ".")
    rows = [(label, n, f" · {_percent(n, applied)}" if i else "")
            for i, (label, n) in enumerate(stages)]
    parts, height = _hbars(rows, label_width=96)
    return Chart("chart-funnel", "From application to contract", summary,
                 _svg("chart-funnel", "From application to contract", summary, height, parts),
                 ("Stage", "Applications", "Share of applied"),
                 tuple((label, str(n), _percent(n, applied)) for label, n in stages))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_chart(report: Report) -> Chart:
    today = report.now.date()
    this_week = _monday(today)
    days = [a.milestones["applied"] for a in report.journal.applications
            if "applied" in a.milestones and a.milestones["applied"] <= today]
    first = _monday(min(days)) if days else this_week
    first = max(first, this_week - timedelta(weeks=MAX_WEEKS - 1))
    weeks = [first + timedelta(weeks=i) for i in range((this_week - first).days // 7 + 1)]
    counts = dict.fromkeys(weeks, 0)
    for day in days:
        week = _monday(day)
        if week in counts:
            counts[week] += 1
    top = max(counts.values(), default=0)
    scale_top = max(top, 1)
    height, left, bottom, top_pad = 190, 28, 34, 16
    plot_h = height - bottom - top_pad
    plot_w = WIDTH - left - 8
    step = plot_w / len(weeks)
    bar = max(2.0, min(28.0, step * 0.7))
    parts = [f'<line class="chart-axis" x1="{left}" y1="{height - bottom}" x2="{WIDTH - 8}" '
             f'y2="{height - bottom}"/>']
    for tick in sorted({0, scale_top // 2, scale_top}):
        y = height - bottom - plot_h * tick / scale_top
        parts.append(f'<text class="chart-tick" x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{tick}</text>')
        if tick:
            parts.append(f'<line class="chart-gridline" x1="{left}" y1="{y:.1f}" x2="{WIDTH - 8}" '
                         f'y2="{y:.1f}"/>')
    label_every = max(1, round(len(weeks) / 6))
    for i, week in enumerate(weeks):
        x = left + step * i + (step - bar) / 2
        n = counts[week]
        h = plot_h * n / scale_top
        if n:
            parts.append(f'<rect class="chart-bar chart-bar-0" x="{x:.1f}" '
                         f'y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'rx="3"/>')
            if bar >= 12:
                parts.append(f'<text class="chart-value" x="{x + bar / 2:.1f}" '
                             f'y="{height - bottom - h - 4:.1f}" text-anchor="middle">{n}</text>')
        if (len(weeks) - 1 - i) % label_every == 0:
            parts.append(f'<text class="chart-tick" x="{x + bar / 2:.1f}" '
                         f'y="{height - bottom + 16}" text-anchor="middle">'
                         f'{week.day} {week.strftime("%b")}</text>')
    parts.append(f'<text class="chart-tick" x="{left}" y="{height - 4}">weeks starting Monday'
                 f'</text>')
    busiest = max(weeks, key=lambda w: (counts[w], w)) if top else None
    summary = (f"{len(days)} applications in all; in the {len(weeks)} weeks shown, "
               + (f"the busiest week was {busiest.day} {busiest.strftime('%b %Y')} with {top}."
                  if busiest else "none yet."))
    recent = counts.get(this_week, 0)
    summary += f" This week: {recent}."
    return Chart("chart-weekly", "Applications per week", summary,
                 _svg("chart-weekly", "Applications per week", summary, height, parts),
                 ("Week starting", "Applications"),
                 tuple((week.isoformat(), str(counts[week])) for week in weeks))


BUCKETS = (("Within a week", 0, 7), ("1–2 weeks", 8, 14), ("2–4 weeks", 15, 28),
           ("Over 4 weeks", 29, None))


def first_response(application: Application, now: datetime) -> date | None:
    """The first sign of an answer: an interview (its date stands in for the invitation,
    which the format does not record), an offer, a signing or a rejection."""
    zone = now.tzinfo
    answers = [day_of(i.start, zone) for i in application.interviews]  # type: ignore[arg-type]
    answers.extend(application.milestones[m] for m in ("offer", "signed", "rejected")
                   if m in application.milestones)
    today = now.date()
    answers = [day for day in answers if day <= today]
    return min(answers) if answers else None


def response_chart(report: Report) -> Chart:
    waits: list[int] = []
    waiting = 0
    for application in report.journal.applications:
        applied = application.milestones.get("applied")
        if applied is None:
            continue
        answer = first_response(application, report.now)
        if answer is not None:
            waits.append(max(0, (answer - applied).days))
        elif application.is_live:
            waiting += 1
    rows = []
    for label, low, high in BUCKETS:
        rows.append((label, sum(1 for w in waits if w >= low and (high is None or w <= high))))
    rows.append(("No answer yet", waiting))
    middle = f"{median(waits):g} days" if waits else "no answers yet"
    summary = (f"{len(waits)} applications had an answer; the median wait was {middle}. "
               f"{waiting} still waiting.")
    parts, height = _hbars([(label, n, "") for label, n in rows], label_width=110)
    return Chart("chart-response", "Days to first response", summary,
                 _svg("chart-response", "Days to first response", summary, height, parts),
                 ("Time to first response", "Applications"),
                 tuple((label, str(n)) for label, n in rows))


def all_charts(report: Report) -> tuple[Chart, ...]:
    # The charts read only these facts of each application: while they are equal (most
    # edits), `serve` shows the charts it drew last time.
    facts = tuple(_chart_facts(application, report.now)
                  for application in report.journal.applications)
    return _last_charts.get((facts, report.now, report.now.tzinfo), lambda: (
        funnel_chart(report), weekly_chart(report), response_chart(report)))


@remembered
def _chart_facts(application: Application, now: datetime) -> tuple[object, ...]:
    milestones = application.milestones
    return (milestones.get("applied"), interviewed(application, now), "offer" in milestones,
            "signed" in milestones, first_response(application, now), application.is_live)


_last_charts: LastResult[tuple[Chart, ...]] = LastResult()
