"""Where the language server thinks the front matter ends (lsp/textpos.front_matter_end): only
a file whose first line is `---` has any, and it ends at the next `---`."""

from __future__ import annotations

from jobjournal.lsp.textpos import front_matter_end


def test_front_matter_ends_at_the_closing_fence() -> None:
    assert front_matter_end(["---", "company: A", "---", "## Notes", "---"]) == 2
    assert front_matter_end(["---\r\n", "company: A\r\n", "---  \r\n"]) == 2


def test_no_front_matter_without_an_opening_fence() -> None:
    assert front_matter_end(["# Notes", "---", "company: A", "---"]) is None
    assert front_matter_end(["company: A", "---"]) is None
    assert front_matter_end([]) is None


def test_an_unclosed_front_matter_has_no_end() -> None:
    assert front_matter_end(["---", "company: A", "role: B"]) is None


def test_as_the_loader_reads_it_blank_lines_first_and_no_yaml_end_marker() -> None:
    """The loader accepts blank lines before the opening fence and closes only at a fence;
    the server must agree, or its completions and fixes land outside the front matter."""
    assert front_matter_end(["", "  ", "---", "company: A", "---"]) == 4
    assert front_matter_end(["---", "company: A", "...", "role: B", "---"]) == 4
    assert front_matter_end(["---", "company: A", "...", "role: B"]) is None
