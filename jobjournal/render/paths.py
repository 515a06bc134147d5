"""Where each page of the site is: the one place that decides an application page's path.

The file is written at `page_path`; links to it (from other pages, from the feed) use
`page_href`, the same path URL-quoted, so a slug with spaces or `#` still links right.
"""

from __future__ import annotations

from urllib.parse import quote

APPLICATION_PAGES = "applications/"


def page_path(slug: str) -> str:
    """The application page's path in the output folder (POSIX, relative)."""
    return f"{APPLICATION_PAGES}{slug}.html"


def page_href(slug: str) -> str:
    """The same page as a relative URL."""
    return quote(page_path(slug), safe="/")


def slug_of_page(path: str) -> str | None:
    """The slug whose application page is at `path`, or None for any other path."""
    if path.startswith(APPLICATION_PAGES) and path.endswith(".html"):
        return path[len(APPLICATION_PAGES):-len(".html")]
    return None
