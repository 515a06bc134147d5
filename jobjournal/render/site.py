"""The whole site as bytes: every page, the exports, the feed and the theme's static files.

`render_site` reads nothing but the report, the theme and its render cache, and writes no
page itself: it returns {relative POSIX path: bytes}, or hands each file to a sink (the
writer's `put`) as soon as it is made. Views are computed once, templates compiled once, and a
page whose inputs are unchanged since the last build comes from the render cache.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property, partial
from itertools import chain

from markupsafe import Markup

from jobjournal.cache import renders
from jobjournal.cache.memo import forget_all
from jobjournal.cache.renders import Ledger, RenderCache
from jobjournal.cache.store import compiled_templates, tool_fingerprint
from jobjournal.check.checker import Report
from jobjournal.core.dates import source_date_epoch
from jobjournal.core.model import STATUSES, Application, FileHistory
from jobjournal.render import sharing
from jobjournal.render.appview import application_view, page_inputs
from jobjournal.render.charts import all_charts
from jobjournal.render.dashboard import IndexView, index_view
from jobjournal.render.directory import advice_view, people_view
from jobjournal.render.exports import applications_csv, journal_json_pieces
from jobjournal.render.feed import feed_pieces
from jobjournal.render.kept import Fragments as Fragments
from jobjournal.render.kept import PageCache, StoredChunks, template_contents
from jobjournal.render.markdown import format_notes, render_notes
from jobjournal.render.paths import page_path, slug_of_page
from jobjournal.render.pieces import PIECE, batched, joined
from jobjournal.render.sharing import Made, Sink, deliver
from jobjournal.render.theme import (
    ThemeError,
    environment,
    resolve_theme,
    static_files,
)
from jobjournal.render.views import STATUS_LABELS, Lookups, Moment, lookups, moment

FEED_FILE = "followups.ics"
CSV_FILE = "applications.csv"
JSON_FILE = "journal.json"
SHARED_FILES = ("index.html", "people.html", "advice.html", CSV_FILE, JSON_FILE, FEED_FILE)
# Only the site's own files: no inline script or style, nothing from anywhere else.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'")


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """What every page shows in its header and footer. Nothing here moves with the clock, so
    a page changes only when what it says does (the dashboard gets the day as `as_of`)."""

    title: str
    generated: Moment | None  # the build time fixed by SOURCE_DATE_EPOCH, else none
    feed: str  # relative path of the calendar feed
    feed_name: str
    webcal: str  # webcal:// address when base_url is known; else the theme's script makes it
    csv: str
    json: str


def build_stamp(now: datetime) -> datetime | date:
    """The build time fixed by SOURCE_DATE_EPOCH, else the day the site is as of: never the
    clock's minute, which would change every file of every build."""
    fixed = source_date_epoch()
    return fixed.astimezone(now.tzinfo) if fixed is not None else now.date()


def due_now_is_today(report: Report) -> Report:
    """The report with follow-ups due "now" (the rules' "or now, if that is sooner") due
    today instead: the clock's minute is not a due time, and a page showing it would change
    with every build."""
    now = report.now
    if not any(followup.due == now for followup in report.followups):
        return report
    return replace(report, followups=tuple(
        replace(followup, due=now.date()) if followup.due == now else followup
        for followup in report.followups))


def webcal_url(base_url: str) -> str:
    if not base_url:
        return ""
    return "webcal://" + base_url.split("://", 1)[1].rstrip("/") + "/" + FEED_FILE


def root_of(path: str) -> str:
    """The relative way back to the site's root from a page at `path`."""
    return "../" * path.count("/")


class _SiteRenderer:
    """The state every page needs, prepared once per build (and inherited by a worker)."""

    def __init__(self, report: Report, live_reload: bool,
                 history: Mapping[str, FileHistory], pages: PageCache | None = None,
                 disk: RenderCache | None = None, ledger: Ledger | None = None,
                 streaming: bool = False, whole: bool = False) -> None:
        from jinja2 import TemplateError

        journal = report.journal
        now = report.now
        config = journal.config
        self.feed_report = report  # the feed has its own rule for "due now" (see feed.py)
        report = due_now_is_today(report)
        self.report = report
        self.now = now
        self.history = history
        self.live_reload = live_reload
        # For a sink (the writer): the big pages are handed over as pieces, never whole.
        self.streaming = streaming
        # Making the whole site at once (render_site), as opposed to serve's pages on demand:
        # what the memos keep for serve's next rebuild is then let go as soon as the pages
        # that used it are made (see `release`).
        self.whole = whole
        self.stamp = build_stamp(now)
        self.today = f"{now:%A} {now.day} {now:%B %Y}"
        self.as_of = moment(now.date(), now)
        site = SiteInfo(config.title, moment(self.stamp, now)
                        if isinstance(self.stamp, datetime) else None, FEED_FILE, config.feed_name,
                        webcal_url(config.base_url), CSV_FILE, JSON_FILE)
        self.theme = resolve_theme(journal)
        self.site = site
        self.cache = pages
        self.disk = disk
        self.ledger = ledger
        # What every page shares, summed up once: a page's key adds its own view to it.
        self.disk_key = "" if disk is None and ledger is None else renders.key(
            tool_fingerprint(), template_contents(self.theme), live_reload, site, CSP)
        self.inputs_key = "" if ledger is None else renders.key(self.disk_key, repr(config))
        self.digests = renders.Digests()  # for the big pages' keys and their chunks' keys
        if pages is None:
            env = environment(self.theme, compiled_templates(journal.root))
            self.templates_key: Hashable = None
        else:
            env, self.templates_key = pages.environment(self.theme)
        self.common = {"site": site, "csp": CSP, "live_reload": live_reload,
                       "status_labels": STATUS_LABELS,
                       "status_order": {status: i for i, status in enumerate(STATUSES)}}
        try:
            self.templates = {name: env.get_template(f"{name}.html")
                              for name in ("index", "application", "people", "advice")}
        except TemplateError as error:
            raise ThemeError(_template_problem(error, "")) from None

    def _made(self, path: str, parts: tuple[object, ...], make: Callable[[], Made],
              inputs: str | None = None) -> Made | None:
        """`make()`; or None when the output folder already holds the page made from equal
        inputs (`parts`), untouched since (see Ledger)."""
        if self.ledger is None:
            return make()
        if self.ledger.unchanged(path, self.digests.key(self.disk_key, "page", *parts), inputs):
            self.digests.clear()  # no chunk of a page not made will look for them
            return None
        return make()

    def notes_html(self, path: str, notes: str) -> Markup:
        if self.disk is None or not notes.strip():
            return Markup(render_notes(notes))
        # The HTML is the tool's Markdown of the notes alone (the cache is the tool's own).
        return Markup(self.disk.notes(path, notes,
                                      lambda: format_notes(notes).encode("utf-8")
                                      ).decode("utf-8"))

    def feed(self) -> Made:
        # Not cached: an event is now written about as fast as a cache could find it.
        return self._whole_unless_streaming(feed_pieces(self.feed_report))

    def _whole_unless_streaming(self, pieces: Iterator[bytes]) -> Made:
        """A big file's pieces as they come for a sink; else joined."""
        return pieces if self.streaming else joined(pieces)

    def release(self) -> None:
        """Empty the memos when making the whole site: each page is made once, and the views
        they kept (of every row, follow-up, finding and person of the journal) would
        otherwise stay resident until the build ends, in both of its processes."""
        if self.whole:
            forget_all()
            self.digests.clear()

    def before_fork(self) -> None:
        """What both processes need, made once: the kept notes as read (the lookups are made
        by render_site before anything else)."""
        if self.disk is not None:
            self.disk.load()

    def as_worker(self) -> None:
        """In a forked worker: the notes of the pages it handles are kept in its own file."""
        if self.disk is not None:
            self.disk.as_worker()

    def save_cache(self, alone: bool) -> None:
        """Keep the notes of the pages this process handled (`alone`: no worker did any)."""
        if self.disk is not None:
            self.disk.save(alone)

    def page(self, path: str, template: str, **context: object) -> Made | None:
        if self.ledger is not None:
            # Each value a part of its own: a big view is then hashed piece by piece.
            return self._made(path, (template, path, *(item for pair in sorted(
                context.items()) for item in pair)),
                              lambda: self._render(path, template, context))
        if self.cache is None:
            return self._render(path, template, context)
        try:
            key: Hashable = (template, path, self.templates_key, self.live_reload, self.site,
                             tuple(sorted(context.items())))
            hash(key)
        except TypeError:  # a view that cannot be compared is simply rendered
            return self._render(path, template, context)
        found = self.cache.get(key)
        if found is None:
            found = self._render(path, template, context)
            self.cache.put(key, found)
        return found

    def _render(self, path: str, template: str, context: dict[str, object]) -> Made:
        made = self.templates[template]
        try:
            if template == "application":
                return made.render(root=root_of(path), path=path, **self.common,
                                   **context).encode("utf-8")
            # The dashboard and the people page grow with the journal: encoded as they are
            # made, their thousands of small strings are never all held at once; for a
            # sink (the writer), never the whole page either. With the render cache, their
            # chunks that are as they were come from it (kept.StoredChunks).
            chunks = None if self.disk is None else StoredChunks(
                self.disk.chunks_for(path), renders.key(self.disk_key, path,
                                                        *_small_values(context)), self.digests)
            pieces = _encoded_pieces(made.generate(
                root=root_of(path), path=path, **self.common, **context,
                **({} if chunks is None else {"cached_each": chunks.each})), path,
                done=None if chunks is None else partial(self._page_done, chunks))
            return self._whole_unless_streaming(pieces)
        except ThemeError:
            raise
        except Exception as error:  # a journal's own template may fail in any way
            raise ThemeError(_template_problem(error, path)) from None

    def _page_done(self, chunks: StoredChunks) -> None:
        """A big page is made: its unused chunks go, and the digests of its rows (which
        would otherwise keep its whole view alive while the next files are made)."""
        chunks.store.keep_only_used()
        self.digests.clear()

    @cached_property
    def look(self) -> Lookups:
        look = lookups(self.report)
        if self.disk is not None and look.draft_links is not None:
            look.draft_links.keep_in(self.disk)  # the dashboard's email links, between builds
        return look

    @cached_property
    def index(self) -> IndexView:
        return index_view(self.report, self.now, self.look)

    def application_page(self, application: Application) -> bytes | None:
        path = application_path(application)
        if self.disk is not None:
            self.disk.handled(path)  # made or skipped, its notes are kept by this process
        history = self.history.get(application.file)
        inputs = None
        if self.ledger is not None:  # what the view is made of: unchanged, no view needed
            parts = page_inputs(self.report, application, self.look, history)
            if parts is not None:
                inputs = renders.key(self.inputs_key, "inputs", path, *parts)
                if self.ledger.same_inputs(path, inputs):
                    return None
        view = application_view(self.report, application, self.now, self.look, history)
        if self.ledger is not None:  # keyed by the view, whose notes make notes_html
            return self._made(path, ("application", path, view), lambda: self._render(
                path, "application", {"page": "application", "view": view,
                                      "notes_html": self.notes_html(path, view.notes)}), inputs)
        return self.page(path, "application", page="application",
                         view=view, notes_html=Markup(render_notes(view.notes)))

    def applications(self, start: int, stop: int) -> dict[str, bytes | None]:
        """Application pages `start` to `stop`; making the whole site, what the memos kept
        for them (and for the shared files before them) is let go after each chunk, so its
        memory stays that of one chunk, not of every page."""
        pages = {application_path(application): self.application_page(application)
                 for application in self.report.journal.applications[start:stop]}
        self.release()
        return pages

    def makers(self) -> Mapping[str, Callable[[], Made]]:
        """Every file but the static ones, each with the function that makes it."""
        return _Makers(self, self.shared_makers())

    def shared_makers(self) -> dict[str, Callable[[], Made]]:
        report = self.report
        return {
            "index.html": lambda: self.page("index.html", "index", page="index",
                                            view=self.index, charts=all_charts(report),
                                            today=self.today, as_of=self.as_of),
            "people.html": lambda: self.page("people.html", "people", page="people",
                                             people=people_view(report, self.now, self.look)),
            "advice.html": lambda: self.page("advice.html", "advice", page="advice",
                                             rules=advice_view(report, self.now, self.look)),
            CSV_FILE: lambda: applications_csv(report, self.index.rows),
            JSON_FILE: lambda: self._whole_unless_streaming(
                journal_json_pieces(report, self.index.rows, self.stamp)),
            FEED_FILE: self.feed,
        }

    def shared(self, which: Callable[[str], bool] = lambda path: True
               ) -> Iterator[tuple[str, Made]]:
        """The shared files (those `which` accepts) one at a time, so a sink holds one of the
        big ones at once."""
        for path, make in self.shared_makers().items():
            if which(path):
                yield path, make()
        # The dashboard's view (its rows, the agenda) served the index, the CSV and the JSON,
        # all made now: the whole site's render lets it go, and what the memos kept, and
        # keeps the email links it drafted for the next build.
        if self.whole:
            self.__dict__.pop("index", None)
            self.release()
            if self.disk is not None:
                self.disk.save_links()

    def statics(self) -> Iterator[tuple[str, bytes]]:
        """The theme's static files (CSS, scripts, icons)."""
        yield from static_files(self.theme, self.live_reload).items()


class _Makers(Mapping[str, Callable[[], Made]]):
    """The shared files' makers, and each application page's, found from its path only when
    asked for: a thousand applications need no thousand entries made on every rebuild."""

    def __init__(self, renderer: _SiteRenderer, shared: dict[str, Callable[[], Made]]) -> None:
        self._renderer = renderer
        self._shared = shared
        self._applications = renderer.report.journal.applications

    def __getitem__(self, path: str) -> Callable[[], Made]:
        found = self._shared.get(path)
        if found is not None:
            return found
        slug = slug_of_page(path)
        if slug is not None:
            application = self._renderer.report.journal.by_slug.get(slug)
            if application is not None:
                return partial(self._renderer.application_page, application)
        raise KeyError(path)

    def __iter__(self) -> Iterator[str]:
        yield from self._shared
        yield from (application_path(application) for application in self._applications)

    def __len__(self) -> int:
        return len(self._shared) + len(self._applications)


def application_path(application: Application) -> str:
    return page_path(application.slug)


def lazy_site(report: Report, history: Mapping[str, FileHistory], pages: PageCache
              ) -> tuple[dict[str, bytes], Mapping[str, Callable[[], bytes]]]:
    """For `serve`: the static files now, and every other file as a function that makes it
    when first asked for, so a rebuild costs only the check and the page being looked at.
    Raises ThemeError when a template does not compile."""
    pages.finish()  # a new generation: keep only the pages asked for since the last one
    renderer = _SiteRenderer(report, True, history, pages)
    return static_files(renderer.theme, True), renderer.makers()


# The shared files a forked worker makes while this process makes the others: about half the
# work of an edit each (the dashboard's views and the JSON here, the feed and people there).
WORKERS_FILES = frozenset((FEED_FILE, "people.html", "advice.html"))


def site_paths(report: Report, live_reload: bool = False) -> list[str]:
    """Every path `render_site` makes, known before anything is rendered (for the writer)."""
    theme = resolve_theme(report.journal)
    paths = [*SHARED_FILES, *static_files(theme, live_reload)]
    paths.extend(application_path(a) for a in report.journal.applications)
    return paths


def render_site(report: Report, *, live_reload: bool = False,
                history: Mapping[str, FileHistory] | None = None, sink: Sink | None = None,
                cache: RenderCache | None = None, ledger: Ledger | None = None
                ) -> dict[str, object]:
    """Every output file: relative POSIX path -> bytes. Raises ThemeError for a broken theme.

    `history` (journal-relative file -> git history) adds 'last changed' to application pages.
    With `sink`, each file is handed to it as soon as it is made and not kept: the result maps
    each path to what `sink` returned. With `cache` (a RenderCache), notes whose Markdown is
    unchanged since the last build are not made into HTML again. With `ledger` (and a sink),
    a page whose inputs are those it was last written from, untouched since, is not made or
    handed over at all; the caller saves the ledger once the site is written.
    With many applications, a forked worker makes the feed, the people and advice pages and
    takes chunks of application pages while this process makes the other shared files and
    takes chunks too (sharing.py); the bytes are the same either way. (`serve` uses
    `lazy_site` instead: it makes each file when asked for, and keeps the views' memos for
    its next rebuild; here they are emptied as the pages that used them are made.)
    """
    renderer = _SiteRenderer(report, live_reload, history or {}, disk=cache,
                             ledger=ledger if sink is not None else None,
                             streaming=sink is not None, whole=True)
    # The lookups now, and the memos emptied of what made them (every person's keys,
    # the journal's people as the anchors' key), before a worker inherits them.
    renderer.look  # noqa: B018
    renderer.release()
    count = len(report.journal.applications)
    forked = sharing.can_fork(count)
    if forked:
        done = sharing.render_in_two(renderer, sink, WORKERS_FILES)
    else:
        done = {}
        step = sharing.CHUNK if sink is not None else max(count, 1)  # a sink: in batches
        for start in range(0, count, step):
            done.update(deliver(renderer.applications(start, min(start + step, count)), sink))
        done.update(deliver(chain(renderer.shared(), renderer.statics()), sink))
    renderer.save_cache(alone=not forked)
    return dict(sorted(done.items()))


# The kinds of value a page's context passes besides its views: a chunk's key holds them.
_SMALL = (str, int, float, date, Moment, type(None))


def _small_values(context: Mapping[str, object]) -> tuple[object, ...]:
    """The page's own small values (its name, the day it is as of), not its views: a chunk's
    key holds them, so a theme's macro that reads one (which docs/themes.md asks it not to)
    still never shows another day's."""
    return tuple(item for name, value in sorted(context.items()) if isinstance(value, _SMALL)
                 for item in (name, value))


def _encoded_pieces(pieces: Iterator[str], path: str,
                    done: Callable[[], None] | None = None) -> Iterator[bytes]:
    """A template's output as UTF-8 in pieces (pieces.batched), never encoding more than a
    piece's worth of characters at once (a str holding one character beyond the Basic
    Multilingual Plane takes four bytes for every character, so encoding a whole page at once
    would cost several times its size). A template error met on the way is a ThemeError
    naming the page. `done` is called once the whole page is made."""
    def encoded() -> Iterator[bytes]:
        try:
            for piece in pieces:
                for start in range(0, len(piece), PIECE):
                    yield piece[start:start + PIECE].encode("utf-8")
        except Exception as error:  # a journal's own template may fail in any way
            raise ThemeError(_template_problem(error, path)) from None
        if done is not None:
            done()

    return batched(encoded())


def _template_problem(error: Exception, page: str) -> str:
    where = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    if where is None:  # raised while rendering: Jinja puts the template's lines in the traceback
        import traceback

        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename.endswith((".html", ".xml", ".txt", ".j2"))]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("a template",
                                                                               None)
    at = f"{where}:{line}" if line else str(where)
    during = f" (rendering {page})" if page else ""
    return f"{at}: template error{during}: {type(error).__name__}: {error}"
