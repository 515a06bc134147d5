"""A write that fails midway leaves its target untouched, deterministically: the disk is made
to fail (fsync raising, or a real file-size limit in a child process) and the old bytes must
still be there, whole, with no temporary file left behind. (The randomised kill -9 test in
tests/hardening covers crashes; these pin the same promise without luck.)"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobjournal.core import files
from jobjournal.core.files import FileExists, atomic_write, replace_unless_same

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def _disk_full(_fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_replace_leaves_the_old_file_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old page\n")
    os.chmod(target, 0o640)
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    with pytest.raises(OSError):
        atomic_write(target, b"new page, longer than the old one\n" * 100)
    assert target.read_bytes() == b"old page\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no temporary left
    monkeypatch.undo()
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions


def test_a_failed_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.setattr(files.os, "fsync", _disk_full)
    with pytest.raises(OSError):
        atomic_write(tmp_path / "new.md", b"text", overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_never_overwrite_means_never(tmp_path: Path) -> None:
    target = tmp_path / "mine.md"
    target.write_bytes(b"mine")
    with pytest.raises(FileExists):
        atomic_write(target, b"theirs", overwrite=False)
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.md"]


def _file_size_limit(limit: int):  # type: ignore[no-untyped-def]
    def limit_it() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_it


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_a_build_that_runs_out_of_space_leaves_every_page_old_or_new(tmp_path: Path) -> None:
    """A real file-size limit (RLIMIT_FSIZE) makes every page over 8 kB fail to write: those
    keep their old bytes, whole; the small ones may be new; none is cut short."""
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    env = {**os.environ, "JOBJOURNAL_CACHE_DIR": ""}

    def build(out: Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jobjournal", "build", str(journal), "-o", str(out),
             "--today", "2026-11-25"], env=env, capture_output=True, text=True, timeout=120,
            preexec_fn=_file_size_limit(limit) if limit else None, check=False)

    site = tmp_path / "site"
    assert build(site).returncode == 1  # the example has errors on purpose
    old = _tree(site)
    config = journal / "jobjournal.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "title = ", 'title = "Renamed" #', 1), encoding="utf-8")
    assert build(tmp_path / "reference").returncode == 1
    new = _tree(tmp_path / "reference")
    big = [name for name, data in old.items() if len(data) > 8192 and new[name] != data]
    assert len(big) >= 3  # pages that must be rewritten and cannot be

    failed = build(site, limit=8192)
    assert failed.returncode == 2, failed.stderr
    assert "cannot write the site" in failed.stderr and "Traceback" not in failed.stderr
    now = _tree(site)
    assert sorted(now) == sorted(old)
    for name in big:
        assert now[name] == old[name], f"{name} is not its old self"
    for name, data in now.items():
        assert data in (old[name], new[name]), f"{name} is neither old nor new"
    assert not [p for p in site.rglob(".*.tmp")]  # no temporary file left


# -- replace_unless_same: a big page written a piece at a time ------------------------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_pieces_make_the_file_and_equal_pieces_leave_it_untouched(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    assert replace_unless_same(target, iter([b"<html>", b"", b"body", b"</html>"]))
    assert target.read_bytes() == b"<html>body</html>"
    before = target.stat()
    # The same bytes cut differently: nothing is written, the file keeps its inode and time.
    assert not replace_unless_same(target, iter([b"<ht", b"ml>bo", b"dy</html>"]))
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("pieces", [[b"<html>body</html>", b"!"],  # longer
                                    [b"<html>body</html"],  # shorter: the old file goes on
                                    [b"<html>BODY</html>"],  # same length, other bytes
                                    []])  # empty
def test_different_pieces_replace_the_file(tmp_path: Path, pieces: list[bytes]) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"<html>body</html>")
    assert replace_unless_same(target, iter(pieces))
    assert target.read_bytes() == b"".join(pieces)
    assert _leftovers(tmp_path) == []


def test_a_failure_half_way_leaves_the_old_file_and_no_leftover(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_bytes(b"old page")

    def broken() -> Iterator[bytes]:
        yield b"new pa"
        raise RuntimeError("a template failed")

    with pytest.raises(RuntimeError):
        replace_unless_same(target, broken())
    assert target.read_bytes() == b"old page"
    assert _leftovers(tmp_path) == []


def test_equal_pieces_make_no_temporary_file_at_all(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild with nothing changed writes nothing, so it works in a folder it cannot write."""
    target = tmp_path / "journal.json"
    target.write_bytes(b"x" * 300_000)

    def refused(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    assert not replace_unless_same(target, iter([b"x" * 100_000] * 3))


def test_a_change_near_the_end_keeps_the_start_and_takes_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    old = bytes(range(256)) * 4096  # a megabyte
    target.write_bytes(old)
    new = [old[:400_000], old[400_000:900_000], b"changed", old[900_007:]]
    assert replace_unless_same(target, iter(new))
    assert target.read_bytes() == b"".join(new)
    assert _leftovers(tmp_path) == []


def test_a_fifo_where_a_page_goes_is_replaced_without_waiting(tmp_path: Path) -> None:
    target = tmp_path / "journal.json"
    os.mkfifo(target)
    signal.alarm(20)  # a read of the FIFO would wait for a writer for ever
    try:
        assert replace_unless_same(target, iter([b"{}", b"\n"]))
    finally:
        signal.alarm(0)
    assert target.read_bytes() == b"{}\n"
