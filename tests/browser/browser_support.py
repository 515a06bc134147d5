"""Helpers for the browser tests: building the sites, a watched page, a served folder.

Kept out of conftest.py so test modules (and take_screenshots.py) can import them: this folder
is a package, `browser`, so its conftest never shadows tests/conftest.py.
"""

from __future__ import annotations

import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from jobjournal.check.checker import run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.site import render_site
from jobjournal.write import write_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
TODAY = date(2026, 11, 25)


def build_into(journal: Path, out: Path, *, live_reload: bool = False) -> Path:
    loaded = load_journal(journal)
    report = run_checks(loaded, noon(TODAY, loaded.config.zone))
    write_site(render_site(report, live_reload=live_reload), out, journal)
    return out


HOSTILE_NOTES = """\
<script>alert('notes')</script>
<img src=x onerror="alert('img')">
[click me](javascript:alert('md'))
[data link](data:text/html,<script>alert(1)</script>)
![pic](javascript:alert('pic'))
"quote' breaking `code` </script></textarea>
<a href="javascript:alert(1)">raw link</a>
"""

HOSTILE = textwrap.dedent("""\
    ---
    company: "<script>alert('company')</script>Evil \\"Corp' & <b>Co</b>"
    role: "<img src=x onerror=alert('role')>"
    applied: 2026-11-01
    link: "javascript:alert('link')"
    tags: ["<script>alert('tag')</script>"]
    recruiter:
      name: "\\"><script>alert('recruiter')</script>"
      agency: "</title><script>alert('agency')</script>"
      email: "a@b.example\\"><script>alert('email')</script>"
      phone: "javascript:alert('phone')"
    contacts:
      - name: "' onmouseover='alert(1)"
        title: "<style>body{display:none}</style>"
        linkedin: "javascript:alert('li')"
    interviews:
      - at: 2026-11-20 10:00
        stage: "<svg onload=alert('stage')>"
        where: "\\"><img src=x onerror=alert('where')>"
        with: ["<iframe src=javascript:alert(1)>"]
    log:
      - on: 2026-11-20
        did: note
        note: "</textarea><script>alert('note')</script>"
    followups:
      - due: 2026-11-30
        what: "<script>alert('followup')</script>"
    ---
    """) + HOSTILE_NOTES

HOSTILE_COMPANY = "<script>alert('company')</script>Evil \"Corp' & <b>Co</b>"


def serve_folder(folder: Path) -> Iterator[Served]:
    """Serve a folder over HTTP on 127.0.0.1, as any static host would, while in use."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}/", folder)
    finally:
        server.shutdown()
        server.server_close()


# Records what the page itself cannot hide: CSP violations reach this listener even when the
# page's own script is blocked. Playwright injects it outside the page's CSP.
_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Served:
    base: str  # http://127.0.0.1:PORT/
    root: Path


@dataclass
class Watched:
    """A page plus everything it did that a test may want to forbid."""

    page: object
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")  # type: ignore[attr-defined]

    def problems(self) -> list[str]:
        bad_console = [m for m in self.console if m.startswith(("error", "warning"))]
        return bad_console + self.errors + self.dialogs + self.csp_violations()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def open_page(browser: object, *, width: int = 1280, height: int = 900,
              color_scheme: str = "light", javascript: bool = True) -> Watched:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": height}, color_scheme=color_scheme,
        java_script_enabled=javascript)
    context.add_init_script(_RECORDER)
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda m: watched.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: watched.errors.append(f"pageerror: {e}"))

    def on_dialog(dialog: object) -> None:
        watched.dialogs.append(f"dialog: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    page.on("request", lambda r: watched.requests.append(r.url))
    return watched
