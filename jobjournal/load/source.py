"""From a file's bytes to a YAML tree that remembers lines, without trusting the content.

python-frontmatter defines where front matter starts and ends; PyYAML (its C parser when
available) composes the YAML into nodes, never constructing Python values, so every scalar stays
text for jobjournal to interpret and every node keeps its line in the file. Alias expansion is
measured, so a 'billion laughs' document is refused instead of eating memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from frontmatter.default_handlers import YAMLHandler

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FRONT_MATTER_BYTES = 1024 * 1024
MAX_NODES = 50_000  # values after alias expansion; a real application has a few hundred
# Text after alias expansion: without aliases it is at most the front matter's 1 MiB, but one
# anchored 600 KB string repeated 6,000 times would stand for 3.6 GB of names and messages.
MAX_EXPANDED_CHARS = 2 * MAX_FRONT_MATTER_BYTES

_FENCE = YAMLHandler.FM_BOUNDARY
_NULL_TAG = "tag:yaml.org,2002:null"


# The nodes PyYAML composes; the loader reads them directly (no copy) for speed.
Scalar = yaml.ScalarNode
Seq = yaml.SequenceNode
Map = yaml.MappingNode
Node = yaml.Node

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# An alias token (`*name` after a separator): only then can expansion blow up.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")


class _TextLoader(_Loader):  # type: ignore[misc, valid-type]
    """Composes without YAML 1.1 typing: every scalar is text, except a plain null."""

    def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
        if kind is yaml.ScalarNode:
            return _NULL_TAG if implicit[0] and value in _NULLS else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


def is_null(node: Node) -> bool:
    return node.tag == _NULL_TAG


class SourceError(Exception):
    """The file cannot be read as an application; `line` is in the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class NotAnApplication(SourceError):
    """The file has no front matter at all (or is empty): a note, not an application."""


@dataclass(frozen=True, slots=True)
class Split:
    front_matter: str
    offset: int  # lines before the front matter text in the file
    body: str
    body_line: int  # the file line where the notes start
    line: int = 1  # the file line of the opening '---'


_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n)*")
NOT_AN_APPLICATION = (
    "no front matter, so this file is not an application and is left out of the journal; "
    "to make it one, start it with a line '---', then 'company:' and 'role:', then a closing "
    "'---'; to keep a note here without this message, start its name (or a folder's) with "
    "'_', or add it to 'exclude' in jobjournal.toml")


def decode(raw: bytes) -> str:
    """UTF-8 with an optional BOM; anything else is a SourceError at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            line,
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} at line {line}); "
            "save it as UTF-8 in your editor",
        ) from None


def split(text: str) -> Split:
    """Find the front matter between the opening and closing `---` lines (blank lines may
    come first). A file without any is NotAnApplication."""
    lead = _LEADING_BLANK_LINES.match(text).end()  # type: ignore[union-attr]
    if not YAMLHandler().detect(text[lead:]):
        if text.startswith("---\r", lead) and "\n" not in text:
            # Front matter written, but with old Mac line endings: an application to repair.
            raise SourceError(1, "the file's lines end in CR only (old Mac line endings), so "
                                 "its front matter cannot be read; save it with LF or CRLF "
                                 "line endings")
        raise NotAnApplication(1, NOT_AN_APPLICATION)
    fences = _FENCE.finditer(text, lead)
    opening = next(fences)
    closing = next(fences, None)
    if closing is None:
        line = text.count("\n", 0, opening.start()) + 1
        raise SourceError(line, f"the front matter opened at line {line} is never closed; add "
                                "a line '---' after the last field")
    front = text[opening.end():closing.start()]
    offset = text.count("\n", 0, opening.end())
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    return Split(front, offset, text[body_start:], text.count("\n", 0, body_start) + 1,
                 text.count("\n", 0, opening.start()) + 1)


def compose(front: str, offset: int) -> Node | None:
    """Compose YAML into PyYAML nodes (lines are `offset` + node.start_mark.line + 1)."""
    if len(front) > MAX_FRONT_MATTER_BYTES or len(
            front.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise SourceError(offset + 1, "the front matter is larger than 1 MiB; move long text "
                                      "into the notes below the closing '---'")
    try:
        node = yaml.compose(front, Loader=_TextLoader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, front, offset) from None
    except yaml.reader.ReaderError as error:
        # A control character: it has a position, not a mark; still say where it is.
        before = front[:error.position]
        line = offset + before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        raise SourceError(line, f"YAML syntax error at line {line}, column {column}: the "
                                f"character {_char(error.character)} is not allowed; delete "
                                "it or retype the value") from None
    except yaml.YAMLError as error:
        raise SourceError(offset + 1, f"the front matter is not valid YAML: {error}") from None
    except RecursionError:
        raise SourceError(offset + 1, "the front matter nests too deeply") from None
    if node is not None and ("\\u" in front or "\\U" in front):
        _refuse_surrogates(node, offset)
    aliased = node is not None and _ANCHOR.search(front) and _ALIAS.search(front)
    if aliased and _too_big(_expanded_size(node, {}, set())):
        raise SourceError(
            offset + 1,
            "the front matter's YAML aliases expand to too many values or too much text; write "
            "the values out instead of repeating anchors",
        )
    return node


def _refuse_surrogates(root: Node, offset: int) -> None:
    """libyaml refuses an escape such as "\\ud800" (half of a UTF-16 pair, not a character);
    PyYAML's pure-Python parser lets it through, and no page or JSON could then be written."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if _SURROGATE.search(node.value):
                line = offset + node.start_mark.line + 1
                raise SourceError(line, f"YAML syntax error at line {line}: an escape such as "
                                        "'\\ud800' is half of a character, not a character; "
                                        "remove it")
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        else:
            stack.extend(child for pair in node.value for child in pair)


def _too_big(size: tuple[int, int]) -> bool:
    return size[0] > MAX_NODES or size[1] > MAX_EXPANDED_CHARS


def _expanded_size(node: Node, sizes: dict[int, tuple[int, int]], open_nodes: set[int]
                   ) -> tuple[int, int]:
    """(values, characters) the node stands for once aliases are expanded, memoised per node so
    a 'billion laughs' document costs only its own size to measure; a cycle is infinite."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        return (MAX_NODES + 1, 0)
    if isinstance(node, yaml.ScalarNode):
        return (1, len(node.value))
    open_nodes.add(key)
    count, chars = 1, 0
    children = (node.value if isinstance(node, yaml.SequenceNode)
                else [child for pair in node.value for child in pair])
    for child in children:
        child_count, child_chars = _expanded_size(child, sizes, open_nodes)
        count, chars = count + child_count, chars + child_chars
        if _too_big((count, chars)):
            break
    open_nodes.discard(key)
    sizes[key] = (count, chars)
    return count, chars


def _char(character: object) -> str:
    return f"#x{character:04x}" if isinstance(character, int) else repr(character)


def _syntax_error(error: yaml.MarkedYAMLError, front: str, offset: int) -> SourceError:
    """Say where the YAML broke, in file lines, with a hint for the usual causes."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    hint = ""
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        mark = error.context_mark
        problem = "a quoted value starts here but its closing quote is missing"
    line_no = mark.line if mark else 0
    column = mark.column if mark else 0
    lines = front.split("\n")
    text_line = lines[line_no] if line_no < len(lines) else ""
    if "\t" in problem or text_line[column:column + 1] == "\t":
        hint = "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "; put a value that contains ': ' in quotes"
    elif "expected <block end>" in problem or "could not find expected ':'" in problem:
        hint = "; check the indentation and look for an unclosed quote"
    line = offset + line_no + 1
    return SourceError(line, f"YAML syntax error at line {line}, column {column + 1}: "
                             f"{problem}{hint}")
