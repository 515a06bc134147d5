"""A document's lines with the client's position units, shared by every feature.

Features work in Python string columns; the client counts UTF-16 units unless it agreed on
another encoding. `Text` converts once, where a position or range is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp


@dataclass(frozen=True)
class Text:
    uri: str
    file: str  # journal-relative name
    lines: list[str]  # without line endings
    codec: Any = None  # pygls PositionCodec, or None for code points
    newline: str = "\n"  # what inserted lines end with: the file's own line ending

    @classmethod
    def of(cls, uri: str, file: str, source: str, codec: Any = None) -> Text:
        lines = source.split("\n")
        newline = "\r\n" if "\r\n" in source else "\n"
        return cls(uri, file, [line.rstrip("\r") for line in lines], codec, newline)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def position(self, line: int, column: int) -> lsp.Position:
        text = self.line(line)
        column = max(0, min(column, len(text)))
        if self.codec is None:
            return lsp.Position(line=line, character=column)
        return lsp.Position(line=line, character=self.codec.client_num_units(text[:column]))

    def column(self, position: lsp.Position) -> int:
        """The string column of a client position on its line."""
        text = self.line(position.line)
        if self.codec is None:
            return min(position.character, len(text))
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return index
            units += self.codec.client_num_units(char)
        return len(text)

    def range(self, line: int, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(line, start), end=self.position(line, end))

    def line_range(self, line: int) -> lsp.Range:
        """The written part of a line (without indentation), or its start past the end."""
        text = self.line(line)
        start = len(text) - len(text.lstrip())
        return self.range(line, start, len(text.rstrip()))

    def find_range(self, line: int, needle: str) -> lsp.Range:
        """Where `needle` is on the line, or the whole line."""
        at = self.line(line).find(needle) if needle else -1
        return self.range(line, at, at + len(needle)) if at >= 0 else self.line_range(line)

    def insert(self, line: int, text: str) -> lsp.TextEdit:
        """Insert whole lines (joined with "\\n") before line `line` (past the end: at the
        end), with the file's line ending."""
        text = text.replace("\n", self.newline)
        if line >= len(self.lines):
            last = len(self.lines) - 1
            end = self.position(last, len(self.line(last)))
            return lsp.TextEdit(range=lsp.Range(start=end, end=end),
                                new_text=self.newline + text)
        where = lsp.Position(line=line, character=0)
        return lsp.TextEdit(range=lsp.Range(start=where, end=where),
                            new_text=text + self.newline)
