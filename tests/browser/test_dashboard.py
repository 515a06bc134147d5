"""The dashboard in a real browser: it loads cleanly, sorts, filters and leads to its pages."""

from __future__ import annotations

from pathlib import Path

from browser.browser_support import Served, Watched, open_page


def _rows(page: object) -> list[dict[str, str]]:
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#applications-table tbody tr",
        """rows => rows.filter(r => !r.hidden).map(r => ({
             company: r.cells[0].getAttribute('data-sort'),
             status: r.getAttribute('data-status'),
             due: r.cells[6].getAttribute('data-sort'),
             applied: r.cells[3].getAttribute('data-sort')}))""")


def _load(watched: Watched, url: str) -> object:
    page = watched.page
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
    return page


def test_index_loads_without_errors_csp_violations_or_external_requests(
        page: Watched, example_server: Served) -> None:
    _load(page, example_server.base + "index.html")
    assert page.problems() == []
    assert page.requests, "the page made no requests at all?"
    outside = [url for url in page.requests if not url.startswith(example_server.base)]
    assert outside == []
    assert page.page.title().startswith("Job search")  # type: ignore[attr-defined]


def test_every_page_loads_cleanly(browser: object, example_server: Served) -> None:
    pages = ["people.html", "advice.html"] + sorted(
        path.relative_to(example_server.root).as_posix()
        for path in (example_server.root / "applications").rglob("*.html"))
    watched = open_page(browser)
    try:
        for path in pages:
            watched.page.goto(example_server.base + path)  # type: ignore[attr-defined]
            assert watched.problems() == [], path
        assert all(url.startswith(example_server.base) for url in watched.requests)
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]


def test_without_javascript_everything_is_shown_sorted_by_next_followup(
        browser: object, example_server: Served) -> None:
    watched = open_page(browser, javascript=False)
    try:
        page = watched.page
        page.goto(example_server.base + "index.html")  # type: ignore[attr-defined]
        rows = _rows(page)
        total = page.locator("#applications-table tbody tr").count()  # type: ignore[attr-defined]
        assert len(rows) == total > 0
        dues = [row["due"] for row in rows]
        with_due = [due for due in dues if due]
        assert with_due == sorted(with_due)
        assert dues == with_due + [""] * (len(dues) - len(with_due))  # none last
        assert not page.locator(".table-tools").is_visible()  # type: ignore[attr-defined]
    finally:
        watched.page.context.close()  # type: ignore[attr-defined]


def test_sorting_by_company_both_ways_and_empty_cells_last(page: Watched,
                                                           example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    p.click("#applications-table th:nth-child(1) .sort-button")  # type: ignore[attr-defined]
    companies = [row["company"] for row in _rows(p)]
    assert companies == sorted(companies)
    assert p.get_attribute("#applications-table th:nth-child(1)", "aria-sort") == "ascending"  # type: ignore[attr-defined]
    p.click("#applications-table th:nth-child(1) .sort-button")  # type: ignore[attr-defined]
    assert [row["company"] for row in _rows(p)] == sorted(companies, reverse=True)
    assert p.get_attribute("#applications-table th:nth-child(1)", "aria-sort") == "descending"  # type: ignore[attr-defined]
    assert p.get_attribute("#applications-table th:nth-child(7)", "aria-sort") is None  # type: ignore[attr-defined]
    # Applied, newest first: applications never applied for stay at the end.
    p.click("#applications-table th:nth-child(4) .sort-button")  # type: ignore[attr-defined]
    p.click("#applications-table th:nth-child(4) .sort-button")  # type: ignore[attr-defined]
    applied = [row["applied"] for row in _rows(p)]
    dated = [a for a in applied if a]
    assert dated == sorted(dated, reverse=True)
    assert applied[len(dated):] == [""] * (len(applied) - len(dated))
    assert page.problems() == []


def test_filtering_by_status_and_text(page: Watched, example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    everything = _rows(p)
    p.select_option('[data-filter="status"]', "interviewing")  # type: ignore[attr-defined]
    shown = _rows(p)
    assert shown and {row["status"] for row in shown} == {"interviewing"}
    assert len(shown) == sum(1 for row in everything if row["status"] == "interviewing")
    assert f"{len(shown)} of {len(everything)}" in p.inner_text("[data-filter-count]")  # type: ignore[attr-defined]
    p.select_option('[data-filter="status"]', "live")  # type: ignore[attr-defined]
    live = [row for row in everything if row["status"] in ("applied", "interviewing", "offer")]
    assert live and _rows(p) == live  # every live row, in order, and nothing else
    p.select_option('[data-filter="status"]', "")  # type: ignore[attr-defined]
    p.fill('[data-filter="text"]', "calder")  # type: ignore[attr-defined]
    assert [row["company"] for row in _rows(p)] == ["calder mutual"]
    # Free text finds people too: the recruiter of that application.
    p.fill('[data-filter="text"]', "jess okafor")  # type: ignore[attr-defined]
    assert [row["company"] for row in _rows(p)] == ["calder mutual"]
    p.fill('[data-filter="text"]', "no such thing anywhere")  # type: ignore[attr-defined]
    assert _rows(p) == []
    assert page.problems() == []


def test_pipeline_link_filters_the_table(page: Watched, example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    p.click('.pipeline a[data-status="offer"]')  # type: ignore[attr-defined]
    assert {row["status"] for row in _rows(p)} == {"offer"}
    # The same link works as a plain URL, e.g. bookmarked.
    p.goto(example_server.base + "index.html?status=interviewing")  # type: ignore[attr-defined]
    p.wait_for_selector(".sort-button")  # type: ignore[attr-defined]
    assert {row["status"] for row in _rows(p)} == {"interviewing"}


def test_application_page_is_reachable_from_the_table(page: Watched,
                                                      example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    p.click("#applications-table a:text-is('Calder Mutual')")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.url.endswith("/applications/calder-mutual-senior-data-analyst.html")  # type: ignore[attr-defined]
    assert p.inner_text("h1") == "Calder Mutual"  # type: ignore[attr-defined]
    # And back, through relative links, from a page one folder deeper.
    p.goto(example_server.base + "applications/closed/holbeck-logistics-bi-analyst.html")  # type: ignore[attr-defined]
    p.click(".site-nav a:text-is('People')")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.url == example_server.base + "people.html"  # type: ignore[attr-defined]
    assert page.problems() == []


def test_works_from_file_urls(page: Watched, example_site: Path) -> None:
    p = _load(page, (example_site / "index.html").as_uri())
    # The stylesheet applied (no CSP refusal for file://) and the script ran.
    assert p.evaluate("getComputedStyle(document.body).margin") == "0px"  # type: ignore[attr-defined]
    assert p.locator(".table-tools").is_visible()  # type: ignore[attr-defined]
    p.click("#applications-table a:text-is('Calder Mutual')")  # type: ignore[attr-defined]
    p.wait_for_load_state()  # type: ignore[attr-defined]
    assert p.inner_text("h1") == "Calder Mutual"  # type: ignore[attr-defined]
    assert page.problems() == []


def test_nothing_scrolls_sideways_on_a_phone(browser: object, example_server: Served) -> None:
    pages = ["index.html", "people.html", "advice.html"] + sorted(
        path.relative_to(example_server.root).as_posix()
        for path in (example_server.root / "applications").rglob("*.html"))
    for scheme in ("light", "dark"):
        watched = open_page(browser, width=375, height=740, color_scheme=scheme)
        try:
            for path in pages:
                watched.page.goto(example_server.base + path)  # type: ignore[attr-defined]
                width = watched.page.evaluate(  # type: ignore[attr-defined]
                    "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
                assert width <= 375, f"{path} is {width}px wide at 375px ({scheme})"
        finally:
            watched.page.context.close()  # type: ignore[attr-defined]


def test_webcal_link_appears_when_served_over_http(page: Watched, example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    links = p.locator("a.webcal")  # type: ignore[attr-defined]
    assert links.count() == 2  # on the agenda and in the footer
    expected = "webcal://" + example_server.base.split("://", 1)[1] + "followups.ics"
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href") == expected
        assert links.nth(i).is_visible()


def test_webcal_link_stays_hidden_from_file_urls(page: Watched, example_site: Path) -> None:
    # webcal:// needs an address a calendar can fetch; a file:// path is none.
    p = _load(page, (example_site / "index.html").as_uri())
    assert p.locator("a.webcal:visible").count() == 0  # type: ignore[attr-defined]
    assert p.locator("a[href='followups.ics']:visible").count() == 2  # type: ignore[attr-defined]


def test_prints_the_table_without_the_controls(page: Watched, example_server: Served) -> None:
    p = _load(page, example_server.base + "index.html")
    p.emulate_media(media="print")  # type: ignore[attr-defined]
    assert p.locator("#applications-table").is_visible()  # type: ignore[attr-defined]
    assert p.evaluate(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('#applications-table')).display") == "table"
    assert not p.locator(".table-tools").is_visible()  # type: ignore[attr-defined]
    assert not p.locator(".site-nav").is_visible()  # type: ignore[attr-defined]
