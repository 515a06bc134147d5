"""The dashboard's "Draft email" links in a real browser: each is a mailto: link to the person
owed the email, with the subject and body percent-encoded, and the application page lists
the same links."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from browser.browser_support import Served, Watched

LINKS = "Array.from(document.querySelectorAll('{} .draft-email a')).map(a => a.href)"


def _parts(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    query = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    return parts.path, {key: unquote(value) for key, value in query.items()}


def test_agenda_draft_links_are_encoded_mailto_links(page: Watched,
                                                       example_server: Served) -> None:
    page.page.goto(example_server.base + "index.html")  # type: ignore[attr-defined]
    hrefs = page.page.evaluate(LINKS.format(".agenda"))  # type: ignore[attr-defined]
    assert hrefs, "no Draft email link on the agenda"
    for href in hrefs:
        assert href.startswith("mailto:"), href
        # Encoded as the browser reads the attribute: nothing left to break the link.
        assert not any(char in href for char in " \n\r\"<>#"), href
        address, query = _parts(href)
        assert "@" in address and set(query) == {"subject", "body"}
        assert query["subject"] and "\r\n\r\n" in query["body"] and "[…]" in query["body"]
    by_address = {_parts(href)[0]: _parts(href)[1] for href in hrefs}
    ben = by_address["ben.castle@kirkgate-analytics.example"]
    assert ben["subject"] == "Thank you for the first interview on Thursday 12 November"
    assert ben["body"].startswith("Dear Ben,\r\n\r\nThank you for taking the time")
    # Only emails get a link: not your own reminders, not a debrief call.
    items = dict(page.page.evaluate(  # type: ignore[attr-defined]
        "Array.from(document.querySelectorAll('.agenda .followup')).map(li => "
        "[li.querySelector('.followup-title').textContent, !!li.querySelector('.draft-email')])"))
    assert items["Send the take-home back to Hannah"] is False
    assert items["Debrief Daniel Price (Harrow & Finch) on your Temple Energy interview"] is False
    assert items["Send Ben Castle a thank-you (Kirkgate Analytics)"] is True
    assert page.problems() == []


def test_the_application_page_lists_its_draft_links(page: Watched,
                                                    example_server: Served) -> None:
    page.page.goto(example_server.base + "index.html")  # type: ignore[attr-defined]
    on_dashboard = [href for href in page.page.evaluate(LINKS.format(".agenda"))  # type: ignore[attr-defined]
                    if "kirkgate" in href]
    page.page.goto(example_server.base  # type: ignore[attr-defined]
                   + "applications/kirkgate-analytics-analytics-engineer.html")
    listed = page.page.evaluate(LINKS.format("#emails"))  # type: ignore[attr-defined]
    assert listed == on_dashboard and len(listed) == 1
    heading = page.page.text_content("#emails-title")  # type: ignore[attr-defined]
    assert heading == "Emails to write"
    assert page.problems() == []
