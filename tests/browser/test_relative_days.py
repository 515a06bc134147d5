"""Days as people say them, in the browser: the pages carry ISO dates only (so they do not
change with the clock), and the theme's site.js says "in 2 days", "tomorrow" and "as of 3 days
ago" from them, counted from the day the page is read, under the pages' strict CSP. Without
JavaScript the absolute dates are shown."""

from __future__ import annotations

import re
from datetime import date

from browser.browser_support import Served, open_page

# The example journal is built as of 2026-11-25 (browser_support.TODAY).
ABSOLUTE = re.compile(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?( \d{2}:\d{2})?$")  # 13 Nov 11:30
MIDMORNING = "2026-11-25T10:00:00Z"  # still the 25th in any zone from UTC-10 to UTC+13


def _texts(page: object, selector: str) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        selector, "nodes => nodes.map(n => n.textContent.trim())")


def _attributes(page: object, selector: str, name: str) -> list[str]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        selector, f"nodes => nodes.map(n => n.getAttribute('{name}'))")


def _expected(iso: str, today: date) -> str:
    delta = (date.fromisoformat(iso[:10]) - today).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    return named.get(delta, f"in {delta} days" if delta > 0 else f"{-delta} days ago")


def test_relative_days_are_said_by_the_script_from_the_iso_dates(
        browser: object, example_server: Served) -> None:
    watched = open_page(browser)
    try:
        page = watched.page
        page.clock.set_fixed_time(MIDMORNING)  # type: ignore[attr-defined]
        page.goto(example_server.base + "index.html")  # type: ignore[attr-defined]
        page.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
        isos = _attributes(page, ".followup-due .relative", "data-relative")
        said = _texts(page, ".followup-due .relative")
        assert len(isos) > 3
        assert said == [_expected(iso, date(2026, 11, 25)) for iso in isos]
        assert {"tomorrow", "in 2 days"} & set(said) and any("ago" in s for s in said)
        assert _texts(page, "time[data-as-of]") == ["today"]
        assert watched.problems() == []  # no CSP violation, no error

        # Read three days later, the same page says so.
        page.clock.set_fixed_time("2026-11-28T10:00:00Z")  # type: ignore[attr-defined]
        page.reload()  # type: ignore[attr-defined]
        page.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
        assert _texts(page, "time[data-as-of]") == ["3 days ago (Wed 25 Nov 2026)"]
        assert _texts(page, ".followup-due .relative") == [
            _expected(iso, date(2026, 11, 28)) for iso in isos]

        # An application's upcoming items and its timeline.
        page.clock.set_fixed_time(MIDMORNING)  # type: ignore[attr-defined]
        page.goto(example_server.base  # type: ignore[attr-defined]
                  + "applications/calder-mutual-senior-data-analyst.html")
        pills = _attributes(page, ".pill.upcoming[data-relative]", "data-relative")
        assert pills
        page.wait_for_function(  # type: ignore[attr-defined]
            "() => document.querySelector('.pill.upcoming[data-relative]').textContent"
            " !== 'upcoming'")
        assert _texts(page, ".pill.upcoming[data-relative]") == [
            _expected(iso, date(2026, 11, 25)) for iso in pills]
        assert watched.problems() == []
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]


def test_without_javascript_the_dates_are_absolute(browser: object,
                                                   example_server: Served) -> None:
    watched = open_page(browser, javascript=False)
    try:
        page = watched.page
        page.goto(example_server.base + "index.html")  # type: ignore[attr-defined]
        assert _texts(page, "time[data-as-of]") == ["Wed 25 Nov 2026"]
        assert set(_texts(page, ".followup-due .relative")) == {""}  # nothing relative
        dues = _texts(page, ".followup-due time")
        assert dues and all(ABSOLUTE.match(due) for due in dues)
        page.goto(example_server.base  # type: ignore[attr-defined]
                  + "applications/calder-mutual-senior-data-analyst.html")
        assert set(_texts(page, ".pill.upcoming[data-relative]")) == {"upcoming"}
        assert watched.problems() == []
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]
