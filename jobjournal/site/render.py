"""The whole site as bytes: every page, the exports, the feed and the theme's static files.

`render_site` reads nothing but the report and the theme, and writes nothing: it returns
{relative POSIX path: bytes} for `jobjournal.build` to write (or `serve` to serve). Views are
computed once, templates compiled once, so a thousand applications stay quick.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from jobjournal.checker import Report
from jobjournal.feed import render_feed
from jobjournal.gitinfo import FileHistory
from jobjournal.model import STATUSES
from jobjournal.site.appview import application_view
from jobjournal.site.charts import all_charts
from jobjournal.site.directory import advice_view, people_view
from jobjournal.site.exports import applications_csv, journal_json
from jobjournal.site.markdown import render_notes
from jobjournal.site.theme import ThemeError, environment, resolve_theme, static_files
from jobjournal.site.views import STATUS_LABELS, Moment, index_view, lookups, moment

FEED_FILE = "followups.ics"
CSV_FILE = "applications.csv"
JSON_FILE = "journal.json"
# Only the site's own files: no inline script or style, nothing from anywhere else.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'")


@dataclass(frozen=True, slots=True)
class SiteInfo:
    title: str
    today: str  # Wednesday 25 November 2026
    now: Moment
    generated: Moment
    feed: str  # relative path of the calendar feed
    feed_name: str
    webcal: str  # webcal:// address when base_url is known; else the theme's script makes it
    csv: str
    json: str


def build_stamp(now: datetime) -> datetime:
    """`now` (from --today), unless SOURCE_DATE_EPOCH fixes the build time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(now.tzinfo)
    return now


def webcal_url(base_url: str) -> str:
    if not base_url:
        return ""
    return "webcal://" + base_url.split("://", 1)[1].rstrip("/") + "/" + FEED_FILE


def root_of(path: str) -> str:
    """The relative way back to the site's root from a page at `path`."""
    return "../" * path.count("/")


def render_site(report: Report, *, live_reload: bool = False,
                history: Mapping[str, FileHistory] | None = None) -> dict[str, bytes]:
    """Every output file: relative POSIX path -> bytes. Raises ThemeError for a broken theme.

    `history` (journal-relative file -> git history) adds 'last changed' to application pages.
    """
    history = history or {}
    from jinja2 import TemplateError
    from markupsafe import Markup

    journal = report.journal
    now = report.now
    config = journal.config
    stamp = build_stamp(now)
    look = lookups(report)
    site = SiteInfo(config.title, f"{now:%A} {now.day} {now:%B %Y}", moment(now, now),
                    moment(stamp, now), FEED_FILE, config.feed_name,
                    webcal_url(config.base_url), CSV_FILE, JSON_FILE)
    theme = resolve_theme(journal)
    env = environment(theme)
    common = {"site": site, "csp": CSP, "live_reload": live_reload,
              "status_labels": STATUS_LABELS,
              "status_order": {status: i for i, status in enumerate(STATUSES)}}
    files: dict[str, bytes] = {}

    def page(path: str, template: object, **context: object) -> None:
        try:
            text = template.render(root=root_of(path), path=path, **common, **context)  # type: ignore[attr-defined]
        except Exception as error:  # a journal's own template may fail in any way
            raise ThemeError(_template_problem(error, path)) from None
        files[path] = text.encode("utf-8")

    try:
        templates = {name: env.get_template(f"{name}.html")
                     for name in ("index", "application", "people", "advice")}
    except TemplateError as error:
        raise ThemeError(_template_problem(error, "")) from None
    index = index_view(report, now, look)
    page("index.html", templates["index"], page="index", view=index,
         charts=all_charts(report))
    for application in journal.applications:
        view = application_view(report, application, now, look,
                                history.get(application.file))
        page(f"applications/{application.slug}.html", templates["application"],
             page="application",
             view=view, notes_html=Markup(render_notes(view.notes)))
    page("people.html", templates["people"], page="people",
         people=people_view(report, now, look))
    page("advice.html", templates["advice"], page="advice", rules=advice_view(report, now, look))
    files[FEED_FILE] = render_feed(report)
    files[CSV_FILE] = applications_csv(report, index.rows)
    files[JSON_FILE] = journal_json(report, index.rows, stamp)
    files.update(static_files(theme, live_reload))
    return dict(sorted(files.items()))


def _template_problem(error: Exception, page: str) -> str:
    where = getattr(error, "filename", None) or getattr(error, "name", None) or "a template"
    line = getattr(error, "lineno", None)
    at = f"{where}:{line}" if line else str(where)
    during = f" (rendering {page})" if page else ""
    return f"{at}: template error{during}: {type(error).__name__}: {error}"
