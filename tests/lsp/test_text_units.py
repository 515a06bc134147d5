"""Client positions count UTF-16 units (the LSP default); the server's columns count
characters. Both directions must agree after a character outside the Basic Multilingual Plane,
which is one character and two units."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

from jobjournal.lsp.text import Text

LINE = "company: A 😀 B"  # the emoji is character 11, units 11 and 12


@pytest.fixture
def text() -> Text:
    codec = PositionCodec(encoding=lsp.PositionEncodingKind.Utf16)
    return Text.of("file:///j/a.md", "a.md", f"---\n{LINE}\n---\n", codec)


@pytest.mark.parametrize("column, units", [(0, 0), (11, 11), (12, 13), (13, 14),
                                           (len(LINE), len(LINE) + 1)])
def test_columns_and_client_units_map_both_ways(text: Text, column: int, units: int) -> None:
    assert text.position(1, column) == lsp.Position(line=1, character=units)
    assert text.column(lsp.Position(line=1, character=units)) == column


def test_a_position_past_the_end_is_the_end(text: Text) -> None:
    assert text.column(lsp.Position(line=1, character=99)) == len(LINE)
    assert text.position(1, 99) == lsp.Position(line=1, character=len(LINE) + 1)
