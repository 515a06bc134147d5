"""The folding shortcut gives byte-identical output to icalendar's own folding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline as original

from jobjournal.render.icalfold import fold, install

ASCII = st.text(alphabet=st.sampled_from(list("ab \\^;,:=\"'xyz0123456789-")), max_size=400)
MIXED = st.text(alphabet=st.sampled_from(list("ab \\^;,é£—ß中文😀\u200f\u0301")), max_size=300)


@settings(max_examples=300, deadline=None)
@given(ASCII, st.integers(min_value=2, max_value=90))
def test_same_folds_as_icalendar_for_ascii(line: str, limit: int) -> None:
    assert fold(line, limit) == original(line, limit)


@settings(max_examples=300, deadline=None)
@given(MIXED, st.integers(min_value=2, max_value=90))
def test_same_folds_as_icalendar_for_any_text(line: str, limit: int) -> None:
    assert fold(line, limit) == original(line, limit)


def test_escapes_at_the_boundary_stay_whole() -> None:
    line = "DESCRIPTION:" + "a" * 61 + "\\n" + "b" * 100
    assert fold(line) == original(line)
    assert all(len(part) <= 74 for part in fold(line).split("\r\n "))


def test_installed_into_icalendar_and_still_handles_unicode() -> None:
    import icalendar

    assert install()
    event = icalendar.Event()
    event.add("summary", "Thank Zoë Ångström — " * 8)
    event.add("description", "plain ascii text " * 20)
    text = event.to_ical().decode("utf-8")
    for physical in text.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    assert icalendar.Event.from_ical(event.to_ical())["summary"] == "Thank Zoë Ångström — " * 8
