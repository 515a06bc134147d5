"""WCAG 2.1 AA, as axe-core checks it, on every kind of page, light and dark, desktop and phone."""

from __future__ import annotations

import pytest

from browser.browser_support import Served, open_page

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
PAGES = ["index.html", "applications/calder-mutual-senior-data-analyst.html",
         "applications/kirkgate-analytics-analytics-engineer.html",
         "applications/headrow-health-analytics-lead.html", "people.html", "advice.html"]


def _violations(page: object) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # Open every <details> so what they hide is checked too (contrast, names, tables).
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # type: ignore[attr-defined]
    results = Axe().run(page, options=WCAG_AA)
    found = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at "
                     f"{targets}")
    return found


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 375),
                                               ("dark", 375)])
def test_no_wcag_aa_violations(browser: object, example_server: Served, scheme: str,
                               width: int) -> None:
    watched = open_page(browser, width=width, color_scheme=scheme)
    try:
        problems = {}
        for path in PAGES:
            watched.page.goto(example_server.base + path)  # type: ignore[attr-defined]
            found = _violations(watched.page)
            if found:
                problems[path] = found
        assert problems == {}
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]
