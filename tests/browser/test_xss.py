"""Hostile text in notes, names, company, link and file names: nothing runs, everything shows.

The journal (see conftest.HOSTILE) puts `<script>`, `onerror=`, `javascript:` links and
quote-breaking text in every field a person types. In the browser no dialog may open, no error
or CSP violation may happen, and the text must still be there for the person to read.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser.browser_support import HOSTILE_COMPANY, Served, Watched, open_page

SLUGS = ["evil", "o'brien & \"co\" <x>", "what?#"]


def _pages(server: Served) -> list[str]:
    return ["index.html", "people.html", "advice.html"] + [
        f"applications/{quote(slug, safe='')}.html" for slug in SLUGS]


def _script_free(page: object) -> None:
    # No element the journal supplied became live markup.
    assert page.evaluate("document.querySelectorAll('main script, main iframe, main svg "  # type: ignore[attr-defined]
                         "[onload], main [onerror], main [onmouseover], main style').length") == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")  # type: ignore[attr-defined]
    assert [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))] == []


def test_nothing_runs_anywhere(browser: object, hostile_server: Served) -> None:
    watched = open_page(browser)
    try:
        for path in _pages(hostile_server):
            response = watched.page.goto(hostile_server.base + path)  # type: ignore[attr-defined]
            assert response.status == 200, path
            # Hover and click around where handlers were injected: still nothing may fire.
            watched.page.mouse.move(200, 300)  # type: ignore[attr-defined]
            _script_free(watched.page)
            assert watched.problems() == [], path
        assert all(url.startswith(hostile_server.base) for url in watched.requests)
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]


def test_hostile_text_is_shown_escaped_on_the_application_page(page: Watched,
                                                               hostile_server: Served) -> None:
    p = page.page
    p.goto(hostile_server.base + "applications/evil.html")  # type: ignore[attr-defined]
    assert p.inner_text("h1") == HOSTILE_COMPANY  # type: ignore[attr-defined]
    text = p.inner_text("main")  # type: ignore[attr-defined]
    for shown in ("<script>alert('notes')</script>", "<img src=x onerror=\"alert('img')\">",
                  "[click me](javascript:alert('md'))", "\"quote' breaking",
                  "</textarea><script>alert('note')</script>",
                  "<a href=\"javascript:alert(1)\">raw link</a>",
                  "<img src=x onerror=alert('role')>", "<svg onload=alert('stage')>",
                  "\"><script>alert('recruiter')</script>", "<script>alert('followup')</script>",
                  "<script>alert('tag')</script>"):
        assert shown in text
    # The invalid posting link is not a link, and no javascript: reached an href.
    assert p.locator("a[href^='javascript']").count() == 0  # type: ignore[attr-defined]
    assert p.title().startswith(HOSTILE_COMPANY)  # type: ignore[attr-defined]
    assert page.problems() == []


def test_dashboard_and_people_show_the_names(page: Watched, hostile_server: Served) -> None:
    p = page.page
    p.goto(hostile_server.base + "index.html")  # type: ignore[attr-defined]
    p.fill('[data-filter="text"]', "evil \"corp'")  # type: ignore[attr-defined]
    assert p.locator("#applications-table tbody tr:not([hidden])").count() == len(SLUGS)  # type: ignore[attr-defined]
    assert HOSTILE_COMPANY in p.inner_text("#applications-table")  # type: ignore[attr-defined]
    p.goto(hostile_server.base + "people.html")  # type: ignore[attr-defined]
    people = p.inner_text("main")  # type: ignore[attr-defined]
    assert "' onmouseover='alert(1)" in people
    assert "<iframe src=javascript:alert(1)>" in people
    assert page.problems() == []


@pytest.mark.parametrize("slug", SLUGS)
def test_odd_file_names_are_linked_correctly(page: Watched, hostile_server: Served,
                                             slug: str) -> None:
    p = page.page
    p.goto(hostile_server.base + "index.html")  # type: ignore[attr-defined]
    p.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
    link = p.locator(f"#applications-table a[href='applications/{quote(slug)}.html']")  # type: ignore[attr-defined]
    assert link.count() == 1
    link.click()
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.inner_text(".source code") == f"{slug}.md"  # type: ignore[attr-defined]
    assert page.problems() == []
