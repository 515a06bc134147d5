"""Where the cursor is in a file's front matter, read from the text alone.

The buffer being typed is often not valid YAML, so completion and hover cannot wait for a
parse: they look at indentation, `- ` list markers and `key:` prefixes, the way a person
reads the file, to tell which mapping the cursor is in and whether a key or a value is being
written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<rest>.*)$")
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ ]*:(?:[ ]+|$)(?P<value>.*)$")
# The loader's fence (python-frontmatter's): three or more dashes alone on a line.
_FENCE = re.compile(r"^-{3,}\s*$")


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the closing `---` line, or None without front matter. As the loader
    reads it: blank lines may come before the opening fence, and only a fence closes it
    (YAML's `...` does not)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start].rstrip("\r\n")):
        return None
    for index in range(start + 1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return index
    return None


@dataclass(frozen=True)
class Line:
    """One front-matter line taken apart."""

    indent: int  # column of the dash, or of the content without one
    dash: bool
    column: int  # column of the content after any dash
    key: str | None
    value: str  # the text after `key:` (or the whole content without a key)
    value_column: int
    blank: bool


def parse_line(text: str) -> Line:
    text = text.rstrip("\r\n")
    match = _LINE.match(text)
    assert match is not None
    indent = len(match["indent"])
    dash = match["dash"] is not None or match["rest"] == "-"
    rest = "" if match["rest"] == "-" else match["rest"]
    column = indent + (len(match["dash"]) if match["dash"] else (1 if dash else 0))
    blank = not rest.strip() or rest.lstrip().startswith("#")
    key_match = _KEY.match(rest)
    if key_match:
        value = key_match["value"]
        return Line(indent, dash, column, key_match["key"], value,
                    column + key_match.start("value"), blank)
    return Line(indent, dash, column, None, rest, column, blank)


def parents(lines: list[str], index: int, column: int, dash_column: int | None = None
            ) -> tuple[str, ...]:
    """The keys leading to an entry at `column` on line `index` (list items skipped).

    `dash_column` is where the line's own `- ` marker sits, when it has one: the entry is then
    an item of a list whose key is at or left of that column.
    """
    found: list[str] = []
    # Either inside a mapping whose keys are at `limit`, or an item of a list whose dashes
    # are at `limit` (in_list).
    limit, in_list = (dash_column, True) if dash_column is not None else (column, False)
    for above in range(index - 1, 0, -1):
        if not in_list and limit == 0:
            break
        line = parse_line(lines[above])
        if line.blank and not line.dash:
            continue
        if in_list:
            if line.dash and line.indent >= limit:
                continue  # another item of the same list, or something inside one
            if line.key and line.column <= limit and not line.value.strip():
                found.append(line.key)
                limit, in_list = (line.indent, True) if line.dash else (line.column, False)
            continue
        if line.dash and line.column == limit and line.indent < limit:
            limit, in_list = line.indent, True  # the mapping is this list item
            continue
        if line.key and line.column < limit and not line.value.strip():
            found.append(line.key)
            limit, in_list = (line.indent, True) if line.dash else (line.column, False)
    return tuple(reversed(found))


@dataclass(frozen=True)
class Cursor:
    """What is being written at the cursor."""

    path: tuple[str, ...]  # the mapping the key belongs to, list items skipped
    key: str | None  # the key whose value is at the cursor, or None when writing a key
    prefix: str  # what was typed of the key or value before the cursor
    line: Line
    in_list_item: bool  # a plain `- value` item (a name under `with:`, say)


def cursor_at(lines: list[str], index: int, character: int) -> Cursor | None:
    """What the cursor at (index, character) is writing, or None outside the front matter."""
    end = front_matter_end(lines)
    if end is None or not 0 < index < end:
        return None
    text = lines[index].rstrip("\r\n")
    line = parse_line(text[:character])
    whole = parse_line(text)
    dash_column = line.indent if line.dash else None
    if line.key is not None:
        path = parents(lines, index, line.column, dash_column)
        return Cursor(path, line.key, line.value.lstrip(), whole, False)
    path = parents(lines, index, line.column, dash_column)
    if line.dash and path:
        # `- Tom Be|` under `with:`: a plain item of the list `path[-1]`, or a new entry's key.
        return Cursor(path, None, line.value, whole, True)
    return Cursor(path, None, line.value, whole, False)


def siblings(lines: list[str], index: int, column: int, starts_item: bool = False) -> set[str]:
    """The keys already written in the mapping that line `index` (at `column`) belongs to:
    the same list item only, never the keys of the item before or after. `starts_item`: the
    line is the item's first (`- `), so nothing above belongs to it."""
    end = front_matter_end(lines) or len(lines)
    found: set[str] = set()
    for above in range(index - 1, 0 if not starts_item else index - 1, -1):
        line = parse_line(lines[above])
        if line.blank and not line.dash:
            continue
        if line.column < column or (line.dash and line.column != column and
                                    line.indent < column):
            break
        if line.column == column and line.key:
            found.add(line.key)
        if line.dash and line.column == column:
            break  # the first key of this list item
    for below in range(index + 1, end):
        line = parse_line(lines[below])
        if line.blank and not line.dash:
            continue
        if line.column < column or (line.dash and line.indent < column):
            break
        if line.column == column and line.key:
            found.add(line.key)
    return found


def word_at(text: str, character: int, pattern: str = r"[\w.@+-]+") -> tuple[str, int, int] | None:
    for match in re.finditer(pattern, text):
        if match.start() <= character <= match.end():
            return match.group(), match.start(), match.end()
    return None
