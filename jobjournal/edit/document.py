"""Changing an application's front matter the way a careful person would, by hand.

`jobjournal log` and `jobjournal done` add a line or two to a file the person wrote and will
keep editing. A YAML dumper would reorder keys, drop comments and re-quote everything, so the
file is never round-tripped: PyYAML composes the front matter into nodes whose marks say where
each value sits, and the new text is spliced in there, indented and dashed like its
neighbours. Line endings (CRLF stays CRLF) and a byte order mark are kept.

Every edit is then re-read with the loader; an edit that would add a JJ001–JJ004 finding, or
that does not read back as intended, is refused before anything is written.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from frontmatter.default_handlers import YAMLHandler

from jobjournal.core.findings import Finding
from jobjournal.core.model import Application
from jobjournal.load.source import (
    Map,
    Node,
    Scalar,
    Seq,
    SourceError,
    compose,
    decode,
    is_null,
    split,
)

GUARDED_RULES = frozenset({"JJ001", "JJ002", "JJ003", "JJ004"})

# Characters YAML cannot hold raw in a double-quoted scalar: controls, line separators (which
# YAML would fold), non-characters and the byte order mark.
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})
_FLOW_SPECIALS = frozenset(",[]{}")
_MESSAGE_PLACES = re.compile(r"\b(line|column) \d+")


class EditError(Exception):
    """The edit cannot be made safely; the file was not touched. str() says why."""


# -- quoting ---------------------------------------------------------------------------------

def yaml_scalar(value: str, *, flow: bool = False) -> str:
    """`value` as a YAML scalar that reads back as exactly this text.

    Plain when a person would write it plain (`Tom Becker`, `2026-11-18 14:00`), otherwise
    double-quoted with escapes, so `: `, `#`, quotes, a leading `-` or a line break cannot
    change the meaning of the front matter. Inside a flow mapping (`{...}`), commas and
    brackets are quoted too.
    """
    if _plain_ok(value, flow):
        return value
    out = ['"']
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif _ESCAPE.match(char):
            code = ord(char)
            out.append(_NAMED_ESCAPES.get(char) or
                       (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"))
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or value in _NULL_WORDS:
        return False
    if not (value[0].isalnum() or value[0] in "(£$€+"):
        return False
    if ": " in value or " #" in value or value.endswith(":") or "\t" in value:
        return False
    if _ESCAPE.search(value) or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        return False
    if flow and (_FLOW_SPECIALS & set(value)):
        return False
    # The final word belongs to the YAML parser itself: it must read back as this very text.
    try:
        node = compose(f"{{k: {value}}}\n" if flow else f"k: {value}\n", 0)
    except SourceError:
        return False
    return (isinstance(node, Map) and len(node.value) == 1
            and isinstance(node.value[0][1], Scalar) and not is_null(node.value[0][1])
            and not node.value[0][1].style and node.value[0][1].value == value)


# -- the file, ready to splice ---------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A file split so that its front matter can be changed and put back byte for byte."""

    bom: bool
    head: str  # text before the front matter (the opening fence)
    front: str  # the front matter text; node marks index into it
    tail: str  # the closing fence and the notes
    newline: str  # "\r\n" or "\n", as the file writes it
    root: Map

    def rebuild(self, front: str) -> bytes:
        data = (self.head + front + self.tail).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def open_source(raw: bytes) -> Source:
    """Split `raw` for editing; EditError when the front matter cannot be read at all."""
    try:
        text = decode(raw)
        parts = split(text)
        root = compose(parts.front_matter, parts.offset)
    except SourceError as error:
        raise EditError(f"the file cannot be read ({error.message}); fix it first, "
                        "'jobjournal check' shows where") from None
    if not isinstance(root, Map):
        raise EditError("the front matter is not a mapping of 'key: value' lines; fix it "
                        "first, 'jobjournal check' shows where")
    if root.flow_style:
        raise EditError("the front matter is written as one '{...}' mapping; write one "
                        "'key: value' per line to let jobjournal edit it")
    # The same opening fence split() found: the front matter starts right after it.
    opening = next(YAMLHandler.FM_BOUNDARY.finditer(text))
    start = opening.end()
    end = start + len(parts.front_matter)
    if text[start:end] != parts.front_matter:  # pragma: no cover - defensive
        raise EditError("the front matter could not be located in the file")
    front = parts.front_matter
    newline = "\r\n" if "\r\n" in (front or text) else "\n"
    return Source(raw.startswith(codecs.BOM_UTF8), text[:start], front, text[end:], newline,
                  root)


def _last_value(mapping: Map, key: str) -> tuple[Scalar, Node] | None:
    """The last `key:` of a mapping (the loader uses the later of repeated keys)."""
    found = None
    for key_node, value in mapping.value:
        if isinstance(key_node, Scalar) and key_node.value == key:
            found = (key_node, value)
    return found


def _content_end(node: Node) -> int:
    """Where the last character of a node's own content is, ignoring trailing comments."""
    if isinstance(node, Scalar) or node.flow_style or not node.value:
        return node.end_mark.index
    children: Iterable[Node] = (node.value if isinstance(node, Seq)
                                else (child for pair in node.value for child in pair))
    return max(_content_end(child) for child in children)


def _written_in_place(seq: Seq, what: str) -> None:
    """Refuse a list whose items are YAML aliases (`- *entry`): their marks point at the
    anchor, elsewhere in the file, so text spliced 'after' them would land in the wrong
    place."""
    previous = seq.start_mark.index - 1
    for item in seq.value:
        if item.start_mark.index <= previous:
            raise EditError(f"'{what}:' repeats entries with YAML aliases ('*name'); write "
                            "them out to let jobjournal edit the list")
        previous = item.start_mark.index


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (or `index` at a line start)."""
    if index == 0 or text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


@dataclass(frozen=True)
class _Dash:
    column: int  # where the '-' is
    gap: int  # from the '-' to the item's first key ('- ' is 2)


def _dash_of(front: str, seq: Seq) -> _Dash:
    """How the last item of a block sequence is dashed: '  - on:' is column 2, gap 2."""
    item = seq.value[-1]
    start = item.start_mark.index
    before = front[_line_start(front, start):start]
    if before.strip() == "-":
        column = before.index("-")
        return _Dash(column, len(before) - column)
    return _Dash(seq.start_mark.column, 2)


def _default_dash(front: str, root: Map) -> _Dash:
    """For a new list: copy how this file indents its other lists, else '  - '."""
    key_column = root.start_mark.column
    for key, value in root.value:
        if isinstance(value, Seq) and not value.flow_style and value.value:
            dash = _dash_of(front, value)
            return _Dash(key_column + max(0, dash.column - key.start_mark.column), dash.gap)
    return _Dash(key_column + 2, 2)


def _block_item(fields: list[tuple[str, str]], dash: _Dash) -> str:
    lines = []
    for number, (key, value) in enumerate(fields):
        lead = (" " * dash.column + "-" + " " * (dash.gap - 1) if number == 0
                else " " * (dash.column + dash.gap))
        lines.append(f"{lead}{key}: {yaml_scalar(value)}\n")
    return "".join(lines)


def _flow_mapping(fields: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{key}: {yaml_scalar(value, flow=True)}"
                           for key, value in fields) + "}"


def _splice(text: str, at: int, insert: str, newline: str, remove_to: int | None = None
            ) -> str:
    return text[:at] + insert.replace("\n", newline) + text[at if remove_to is None
                                                           else remove_to:]


# -- the edits -------------------------------------------------------------------------------

def append_log(raw: bytes, fields: list[tuple[str, str]]) -> bytes:
    """`raw` with a new last `log:` entry of `fields` ([("on", ...), ("did", ...), ...])."""
    source = open_source(raw)
    front, newline = source.front, source.newline
    found = _last_value(source.root, "log")
    if found is None:
        # No log yet: a new key after everything else, lists indented as elsewhere in the file.
        text = front if not front or front.endswith("\n") else front + "\n"
        dash = _default_dash(front, source.root)
        block = " " * source.root.start_mark.column + "log:\n" + _block_item(fields, dash)
        return source.rebuild(_splice(text, len(text), block, newline))
    key, value = found
    if isinstance(value, Seq):
        _written_in_place(value, "log")
    if isinstance(value, Seq) and value.value and not value.flow_style:
        last = value.value[-1]
        dash = _dash_of(front, value)
        if isinstance(last, Map) and last.flow_style:
            item = (" " * dash.column + "-" + " " * (dash.gap - 1) + _flow_mapping(fields)
                    + "\n")
        else:
            item = _block_item(fields, dash)
        at = _line_after(front, _content_end(value))
        return source.rebuild(_splice(front, at, item, newline))
    if isinstance(value, Seq) and value.value:  # log: [{...}, {...}]
        close = value.end_mark.index - 1
        if front[close] != "]":  # pragma: no cover - defensive
            raise EditError("the 'log:' list could not be located in the file")
        return source.rebuild(_splice(front, close, ", " + _flow_mapping(fields), newline))
    if isinstance(value, Seq) or is_null(value):  # log: [] / log: / log: ~
        start, end = value.start_mark.index, value.end_mark.index
        while start > key.end_mark.index and front[start - 1] in " \t":
            start -= 1
        trimmed = front[:start] + front[end:]
        dash = _default_dash(front, source.root)
        at = _line_after(trimmed, start)
        block = _block_item(fields, dash)
        if at == len(trimmed) and not trimmed.endswith("\n"):
            block = "\n" + block
        return source.rebuild(_splice(trimmed, at, block, newline))
    raise EditError(f"'log:' (line {_file_line(source, value)}) is not a list; fix it first, "
                    "'jobjournal check' shows how")


def mark_done(raw: bytes, index: int, day: str) -> bytes:
    """`raw` with `done: day` added to the `index`-th (1-based) item of `followups:`."""
    source = open_source(raw)
    front, newline = source.front, source.newline
    found = _last_value(source.root, "followups")
    items = found[1].value if found and isinstance(found[1], Seq) else []
    if found and isinstance(found[1], Seq):
        _written_in_place(found[1], "followups")
    if not 0 < index <= len(items) or not isinstance(items[index - 1], Map):
        raise EditError(f"follow-up {index} could not be located in the file")
    item: Map = items[index - 1]
    existing = _last_value(item, "done")
    if existing is not None:
        done_key, done_value = existing
        if not (isinstance(done_value, Scalar) and is_null(done_value)):
            raise EditError(f"it is already marked done (line {_file_line(source, done_key)})")
        # 'done:' written but left empty: fill it in, keeping any comment after it.
        start, end = done_value.start_mark.index, done_value.end_mark.index
        prefix = "" if front[start - 1:start] in (" ", "\t") else " "
        return source.rebuild(_splice(front, start, prefix + day, newline, remove_to=end))
    if item.flow_style:
        close = item.end_mark.index - 1
        if front[close] != "}":  # pragma: no cover - defensive
            raise EditError(f"follow-up {index} could not be located in the file")
        return source.rebuild(_splice(front, close, f", done: {day}", newline))
    column = item.value[0][0].start_mark.column if item.value else item.start_mark.column
    at = _line_after(front, _content_end(item))
    return source.rebuild(_splice(front, at, " " * column + f"done: {day}\n", newline))


def _file_line(source: Source, node: Node) -> int:
    return source.head.count("\n") + node.start_mark.line + 1


# -- the safety net --------------------------------------------------------------------------

def _finding_key(finding: Finding) -> tuple[str, str]:
    # Lines move when text is inserted above them: compare what is wrong, not where.
    return finding.rule, _MESSAGE_PLACES.sub(r"\1 #", finding.message)


def verify(old: bytes, new: bytes, file: str, slug: str, zone: tzinfo) -> Application:
    """The application as `new` reads; EditError if it adds a JJ001–JJ004 finding."""
    from jobjournal.load.loader import read_application

    _before, old_findings = read_application(old, file, slug, zone)
    application, new_findings = read_application(new, file, slug, zone)
    before = Counter(_finding_key(f) for f in old_findings if f.rule in GUARDED_RULES)
    introduced = [f for f in new_findings if f.rule in GUARDED_RULES
                  and not _take(before, _finding_key(f))]
    if introduced:
        problems = "; ".join(f"{f.rule} line {f.line}: {f.message}" for f in introduced)
        raise EditError(f"the edit would introduce a problem, so the file was left as it "
                        f"was: {problems}")
    return application


def _take(counter: Counter[tuple[str, str]], key: tuple[str, str]) -> bool:
    if counter[key] > 0:
        counter[key] -= 1
        return True
    return False


__all__ = ["EditError", "GUARDED_RULES", "append_log", "mark_done", "open_source", "verify",
           "yaml_scalar"]
