"""Helpers for the browser tests: a watched page and a served site (see conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

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
