"""Notes as Markdown, rendered so that text pasted from a job site can never run script.

markdown-it-py's `js-default` preset has raw HTML off (tags come out escaped) and tables on.
On top of it: links may only be http(s), mailto, tel or relative (anything else stays literal
text); images from other sites become plain links, because an `<img>` from the web would leak
that the dashboard was opened (and the Content-Security-Policy would block it anyway); table
alignment becomes a class instead of a `style` attribute, which that policy forbids; headings
move down to fit under the page's own section headings; tables scroll inside their own box.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ALIGN = re.compile(r"text-align:\s*(left|right|center)")
_TOP_HEADING = 3  # the page's sections are h2; the notes' own headings start below them
# markdown-it's inline parser is quadratic in the '[' of a paragraph (each scans ahead for its
# ']'): 100 kB of '![' takes minutes. A paragraph longer than MAX_INLINE_CHARS, or with more
# than MAX_BRACKETS '[', is shown as written, and notes longer than MAX_MARKDOWN_CHARS as plain
# text, so no paste can stall a build. Nothing is cut: all the text is there, unformatted.
MAX_INLINE_CHARS = 10_000
MAX_BRACKETS = 200
MAX_MARKDOWN_CHARS = 128 * 1024

_md: MarkdownIt | None = None


def is_safe_url(url: str) -> bool:
    """http(s), mailto, tel, or a relative reference; never javascript:, data:, file: ..."""
    # Browsers drop these characters before reading the scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", unquote(url))
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in _ALLOWED_SCHEMES


def is_external(url: str) -> bool:
    return url.startswith("//") or bool(_SCHEME.match(url))


def _link_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if is_external(href) and not href.lower().startswith(("mailto:", "tel:")):
        token.attrSet("rel", "noreferrer")
    return renderer.renderToken(tokens, idx, options, env)


def _image(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    if not is_external(src):
        token.attrSet("alt", alt)
        return renderer.renderToken(tokens, idx, options, env)
    from markdown_it.common.utils import escapeHtml

    label = escapeHtml(alt or src)
    return (f'<a class="external-image" href="{escapeHtml(src)}" rel="noreferrer">'
            f'{label} <span class="hint">(image on another site)</span></a>')


def _table_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # A wide table scrolls in its own box instead of pushing the page sideways on a phone;
    # the box is focusable so keyboard users can scroll it too.
    return ('<div class="table-scroll" tabindex="0" role="region" aria-label="Table from the '
            'notes">' + renderer.renderToken(tokens, idx, options, env))


def _table_close(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return renderer.renderToken(tokens, idx, options, env) + "</div>\n"


def _cell_open(renderer: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    style = token.attrGet("style")
    if style is not None:
        token.attrs.pop("style", None)
        match = _ALIGN.search(str(style))
        if match:
            token.attrSet("class", f"align-{match.group(1)}")
    return renderer.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
        md.enable("table")
        md.validateLink = is_safe_url  # type: ignore[method-assign]
        md.core.ruler.at("inline", _bounded_inline)
        for name, function in (("link_open", _link_open), ("image", _image),
                               ("table_open", _table_open), ("table_close", _table_close),
                               ("th_open", _cell_open), ("td_open", _cell_open)):
            md.add_render_rule(name, function)
        _md = md
    return _md


def _bounded_inline(state: Any) -> None:
    """markdown-it's core 'inline' rule, except that an overlong paragraph stays plain text."""
    from markdown_it.token import Token

    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if len(token.content) > MAX_INLINE_CHARS or token.content.count("[") > MAX_BRACKETS:
            token.children.append(Token("text", "", 0, content=token.content))
        else:
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _shift_headings(tokens: list[Token]) -> None:
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    shift = _TOP_HEADING - min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"


@lru_cache(maxsize=4096)
def render_notes(text: str) -> str:
    """format_notes, memoised: the result depends on the text alone, and `serve` re-renders
    every page on each save, where all but one application's notes are unchanged."""
    return format_notes(text)


def format_notes(text: str) -> str:
    """Markdown notes -> safe HTML (a fragment; empty for empty notes). A build formats each
    application's notes once and calls this directly: a memo of thousands of notes and
    their HTML would only hold memory until the build ends."""
    if not text.strip():
        return ""
    if len(text) > MAX_MARKDOWN_CHARS:
        from markdown_it.common.utils import escapeHtml

        return ('<p class="hint">These notes are too long to format; they are shown as '
                f'written.</p>\n<pre class="notes-plain">{escapeHtml(text)}</pre>\n')
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    _shift_headings(tokens)
    return md.renderer.render(tokens, md.options, env)
