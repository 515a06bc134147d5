"""Notes as Markdown: useful formatting survives, nothing pasted from the web can run."""

from __future__ import annotations

import pytest

from jobjournal.render.markdown import is_safe_url, render_notes


def test_everyday_markdown_renders() -> None:
    html = render_notes("Some **bold**, *italic* and `code`.\n\n- one\n- two\n\n> quoted\n")
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<code>code</code>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html


def test_empty_notes_give_nothing() -> None:
    assert render_notes("") == ""
    assert render_notes("  \n\n ") == ""


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<style>body{display:none}</style>",
])
def test_raw_html_is_escaped_not_rendered(text: str) -> None:
    html = render_notes(text)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<a " not in html and "<style" not in html
    assert "&lt;" in html  # still shown, as text


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java%0ascript:alert(1)",
    "&#106;avascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd",
    "foo:bar",
])
def test_links_with_other_schemes_stay_text(url: str) -> None:
    html = render_notes(f"[click]({url})")
    assert "<a " not in html
    assert "[click]" in html


@pytest.mark.parametrize(("url", "external"), [
    ("https://jobs.example/1", True), ("http://jobs.example/1", True),
    ("mailto:tom@example.com", False), ("tel:+441134960000", False), ("cv.pdf", False),
    ("../other.html", False), ("#notes", False),
])
def test_allowed_links(url: str, external: bool) -> None:
    html = render_notes(f"[click]({url})")
    assert f'href="{url}"' in html
    assert ('rel="noreferrer"' in html) is external


def test_is_safe_url_ignores_control_characters_browsers_drop() -> None:
    assert not is_safe_url("java\tscript:alert(1)")
    assert not is_safe_url(" javascript:alert(1)")
    assert is_safe_url("https://example.com/a:b")
    assert is_safe_url("notes/a:b")  # a colon after the first slash is not a scheme


def test_images_from_other_sites_become_links() -> None:
    html = render_notes("![logo](https://tracker.example/pixel.png)")
    assert "<img" not in html
    assert 'href="https://tracker.example/pixel.png"' in html
    assert "logo" in html


def test_local_images_stay_images() -> None:
    html = render_notes('![chart "q"](chart.png)')
    assert '<img src="chart.png" alt="chart &quot;q&quot;">' in html


def test_table_alignment_uses_classes_not_style_attributes() -> None:
    html = render_notes("| a | b | c |\n|:--|--:|:-:|\n| 1 | 2 | 3 |\n")
    assert "style=" not in html
    assert '<th class="align-left">a</th>' in html
    assert '<td class="align-right">2</td>' in html
    assert '<td class="align-center">3</td>' in html
    assert html.startswith('<div class="table-scroll"')


def test_headings_move_below_the_page_sections() -> None:
    html = render_notes("## Offer\n\ntext\n\n### Details\n")
    assert "<h3>Offer</h3>" in html
    assert "<h4>Details</h4>" in html
    assert "<h2" not in html
    assert "<h6>Deep</h6>" in render_notes("# Top\n\n###### Deep\n")  # capped at h6
