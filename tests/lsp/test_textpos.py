"""Where the cursor is, read from indentation alone (the buffer is often not valid YAML)."""

from __future__ import annotations

import pytest

from jobjournal.lsp.textpos import cursor_at, front_matter_end

TEXT = """---
company: Acme
recruiter:
  name: Priya
interviews:
  - at: 2026-11-18 14:00
    with:
      - Tom Becker
      - name: Ann
        ti
    for
log:
- on: 2026
  did: tha
{blank}
references:
    -   name: Dr Ward
        relation: boss
---
## Notes
did: not front matter
""".format(blank="  ")
LINES = TEXT.split("\n")


@pytest.mark.parametrize(("line", "path", "key", "prefix", "item"), [
    (1, (), "company", "Acme", False),
    (3, ("recruiter",), "name", "Priya", False),
    (5, ("interviews",), "at", "2026-11-18 14:00", False),
    (6, ("interviews",), "with", "", False),
    (7, ("interviews", "with"), None, "Tom Becker", True),
    (8, ("interviews", "with"), "name", "Ann", False),
    (9, ("interviews", "with"), None, "ti", False),
    (10, ("interviews",), None, "for", False),
    (12, ("log",), "on", "2026", False),  # a list at the key's own indentation
    (13, ("log",), "did", "tha", False),
    (14, ("log",), None, "", False),
    (16, ("references",), "name", "Dr Ward", False),  # wide indentation
    (17, ("references",), "relation", "boss", False),
])
def test_cursor_at_line_end(line: int, path: tuple[str, ...], key: str | None, prefix: str,
                            item: bool) -> None:
    cursor = cursor_at(LINES, line, len(LINES[line]))
    assert cursor is not None
    assert (cursor.path, cursor.key, cursor.prefix, cursor.in_list_item) == (path, key, prefix,
                                                                             item)


def test_outside_the_front_matter_there_is_no_cursor() -> None:
    end = front_matter_end(LINES)
    assert end == 18
    assert cursor_at(LINES, 0, 1) is None
    assert cursor_at(LINES, end, 1) is None
    assert cursor_at(LINES, end + 2, 3) is None
    assert cursor_at(["company: A", "---"], 0, 3) is None  # no opening fence


def test_mid_line_cursor_sees_only_what_is_before_it() -> None:
    cursor = cursor_at(LINES, 13, len("  di"))
    assert cursor is not None and cursor.key is None and cursor.prefix == "di"


def test_siblings_are_the_keys_of_the_same_item() -> None:
    from jobjournal.lsp.textpos import siblings

    assert siblings(LINES, 14, 2) == {"on", "did"}  # the log item being written
    assert siblings(LINES, 9, 8) == {"name"}  # the second interviewer, not the first
    assert siblings(LINES, 10, 4) == {"at", "with"}
    assert {"company", "recruiter", "interviews", "log"} <= siblings(LINES, 15, 0)
    # A new item below the log entry: only what follows it on its own lines.
    lines = ["---", "log:", "  - on: 1", "    did: x", "  - ", "    to: Ann", "---"]
    assert siblings(lines, 4, 4, starts_item=True) == {"to"}
