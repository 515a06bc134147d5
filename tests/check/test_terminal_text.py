"""Journal text printed on a terminal cannot steer it: bidi overrides and isolates, Unicode line
separators and control characters are shown as visible escapes (check/reporters.printable)."""

from __future__ import annotations

import pytest

from jobjournal.check.reporters import printable
from jobjournal.cli import main


@pytest.mark.parametrize("character", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2069",
                                       "\u2028", "\u2029", "\x1b", "\x07", "\x85", "\x7f"])
def test_every_steering_character_is_shown_escaped(character: str) -> None:
    shown = printable(f"a{character}b")
    assert character not in shown
    assert shown == f"a\\{'x' if ord(character) < 0x100 else 'u'}" \
                    f"{ord(character):0{2 if ord(character) < 0x100 else 4}x}b"


def test_ordinary_text_is_left_alone() -> None:
    text = "Zoë O'Brien — Ünïcödé, 東京, ½, \u200d, \u2030"
    assert printable(text) == text


def test_a_bidi_override_in_a_file_name_is_escaped_in_check_output(journal, capsys):  # type: ignore[no-untyped-def]
    journal.write("evil\u202egpj.md", "---\ncompany: [unclosed\n---\n")
    assert main(["check", str(journal.root), "--today", "2026-11-25"]) == 1
    out = capsys.readouterr().out
    assert "\u202e" not in out and "evil\\u202egpj.md:" in out
