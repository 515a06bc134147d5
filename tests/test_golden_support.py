"""The golden-file helper fails every run that does not match: a plain run on a difference,
an update run after rewriting (with the diff), and any update run in CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_support import VARIABLE, check_golden, check_goldens

Failed = pytest.fail.Exception


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    monkeypatch.delenv("CI", raising=False)


def test_a_match_passes_and_a_difference_fails_with_the_diff(tmp_path: Path) -> None:
    golden = tmp_path / "page.html"
    golden.write_text("one\ntwo\nthree\n")
    check_golden(golden, "one\ntwo\nthree\n")
    with pytest.raises(Failed) as failure:
        check_golden(golden, b"one\nTWO\nthree\n")
    assert "-two" in str(failure.value) and "+TWO" in str(failure.value)
    assert golden.read_text() == "one\ntwo\nthree\n"  # a plain run never writes
    with pytest.raises(Failed, match="does not exist"):
        check_golden(tmp_path / "missing.html", "x")
    assert not (tmp_path / "missing.html").exists()


def test_line_ends_alone_are_a_difference(tmp_path: Path) -> None:
    golden = tmp_path / "feed.ics"
    golden.write_bytes(b"A\r\nB\r\n")
    with pytest.raises(Failed, match="other bytes"):
        check_golden(golden, b"A\nB\n")


def test_an_update_run_rewrites_every_file_then_fails_loudly(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setenv(VARIABLE, "1")
    first, second, same = tmp_path / "a.txt", tmp_path / "new" / "b.txt", tmp_path / "c.txt"
    first.write_text("old\n")
    same.write_text("same\n")
    with pytest.raises(Failed) as failure:
        check_goldens([(first, "new\n"), (second, "created\n"), (same, "same\n")])
    message = str(failure.value)
    assert "-old" in message and "+new" in message and "+created" in message
    assert "REWROTE" in message and "c.txt" not in message
    assert (first.read_text(), second.read_text(), same.read_text()) == (
        "new\n", "created\n", "same\n")
    check_goldens([(first, "new\n"), (second, "created\n")])  # nothing left to change


@pytest.mark.parametrize("ci", ["true", "1"])
def test_an_update_run_in_ci_fails_and_writes_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      ci: str) -> None:
    monkeypatch.setenv(VARIABLE, "1")
    monkeypatch.setenv("CI", ci)
    golden = tmp_path / "a.txt"
    golden.write_text("old\n")
    for produced in ("old\n", "new\n"):
        with pytest.raises(Failed, match="CI=true"):
            check_golden(golden, produced)
    assert golden.read_text() == "old\n"


def test_zero_means_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, "0")
    monkeypatch.setenv("CI", "true")
    golden = tmp_path / "a.txt"
    golden.write_text("old\n")
    check_golden(golden, "old\n")
    with pytest.raises(Failed, match="differs"):
        check_golden(golden, "new\n")
