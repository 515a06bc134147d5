"""The journal is never changed by reading it, and what writes into it writes atomically
without overwriting.

Every reading command (check, agenda, show, export, feed, build, serve) runs twice, with the
persistent caches on (in their own folder, then in the default place under a fake home), over
the example journal, the bad-input corpus and a git repository; afterwards every file of the
journal (.git included) has the same bytes, mode and modification time, and nothing new is in
it but the default output folder `_site`.
"""

from __future__ import annotations

import errno
import http.client
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hardening_helpers import EXAMPLE_JOURNAL, cli, serving, tree_state

from jobjournal.core import files as fsutil

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
TODAY = "2026-11-25"


def make_journal(kind: str, root: Path) -> Path:
    journal = root / "journal"
    if kind == "corpus":
        shutil.copytree(CORPUS, journal, ignore=shutil.ignore_patterns("*.toml"))
        (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n')
    else:
        shutil.copytree(EXAMPLE_JOURNAL, journal, ignore=shutil.ignore_patterns("_site"))
    if kind == "git":
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x.example",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x.example"}
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "journal"]):
            subprocess.run(["git", *command], cwd=journal, env=env, check=True)
    return journal


def read_everything(journal: Path, elsewhere: Path, env: dict[str, str | None]) -> None:
    first = sorted(p.stem for p in journal.glob("*.md") if p.name.lower() != "readme.md")[0]
    runs = [["check", str(journal)], ["check", str(journal), "--format", "json", "--strict"],
            ["check", str(journal), "--format", "github"], ["agenda", str(journal)],
            ["show", first, "--journal", str(journal)],
            ["export", "--format", "csv", str(journal)],
            ["export", "--format", "json", str(journal)],
            ["export", "--format", "ics", str(journal)], ["feed", str(journal)],
            ["build", str(journal)], ["build", str(journal), "-o", str(elsewhere)]]
    for argv in runs:
        code, _out, err = cli(*argv, "--today", TODAY, env=env)
        assert code in (0, 1), (argv, err)
        assert "Traceback" not in err
    with serving(journal) as server:
        port = server.server_address[1]
        for path in sorted([*server.state.files, *server.state.lazy])[:40]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/" + path)
            response = connection.getresponse()
            assert response.status == 200 and response.read()
            connection.close()


@pytest.mark.parametrize("kind", ["example", "corpus", "git"])
def test_reading_never_changes_the_journal(tmp_path, kind):
    journal = make_journal(kind, tmp_path)
    before = tree_state(journal)
    caches = [{"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")},
              {"JOBJOURNAL_CACHE_DIR": None, "XDG_CACHE_HOME": None,
               "HOME": str(tmp_path / "home")}]
    for env in [*caches, caches[1]]:  # the last round is served from the caches
        read_everything(journal, tmp_path / "site", env)
    after = tree_state(journal, skip=("_site",))
    assert after == before
    assert {p.name for p in journal.iterdir()} - {p.split("/")[0] for p in before} == {"_site"}
    assert any((tmp_path / "home" / ".cache").rglob("*.pickle"))  # the cache is elsewhere
    if kind == "git":
        status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=journal,
                                capture_output=True, text=True, check=True).stdout
        assert status.split() in ([], ["!!", "_site/"], ["??", "_site/"])  # only the output


@pytest.fixture
def failing_disk(monkeypatch):  # type: ignore[no-untyped-def]
    """The disk fails while the new file is being flushed: a full disk, an I/O error."""
    def fail(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", fail)


def entries(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_a_failed_log_write_leaves_the_file_as_it_was(tmp_path, failing_disk):
    journal = make_journal("example", tmp_path)
    before = entries(journal)
    target = sorted(p for p in journal.glob("*.md") if p.name.lower() != "readme.md")[0]
    code, _out, err = cli("log", target.stem, "note", "--note", "rang them",
                          "--journal", str(journal), "--today", TODAY)
    assert code == 2 and "No space left on device" in err
    assert entries(journal) == before  # the file as it was, and no temporary file beside it


def test_a_failed_new_leaves_nothing_and_init_says_what_it_made(tmp_path, failing_disk):
    journal = make_journal("example", tmp_path)
    before = entries(journal)
    code, _out, err = cli("new", "Northwind", "Analyst", str(journal))
    assert code == 2 and "No space left on device" in err
    assert entries(journal) == before
    code, _out, err = cli("init", str(tmp_path / "fresh"), "--no-git")
    assert code == 2 and "No space left on device" in err
    assert entries(tmp_path / "fresh") == {}  # not one half-written file


def test_log_never_overwrites_a_save_made_meanwhile(tmp_path, monkeypatch):
    """The person saves in an editor while `log` is working: the save wins, `log` refuses."""
    from jobjournal.edit import document as edit

    journal = make_journal("example", tmp_path)
    target = sorted(p for p in journal.glob("*.md") if p.name.lower() != "readme.md")[0]
    saved = target.read_bytes() + b"\nA line typed in the editor meanwhile.\n"
    append = edit.append_log

    def append_while_the_editor_saves(raw: bytes, fields):  # type: ignore[no-untyped-def]
        target.write_bytes(saved)
        return append(raw, fields)

    monkeypatch.setattr(edit, "append_log", append_while_the_editor_saves)
    code, _out, err = cli("log", target.stem, "note", "--note", "rang them",
                          "--journal", str(journal), "--today", TODAY)
    assert code == 2 and "changed while jobjournal was editing it" in err
    assert target.read_bytes() == saved


def test_new_and_init_never_overwrite(tmp_path):
    journal = make_journal("example", tmp_path)
    assert cli("new", "Northwind", "Analyst", str(journal))[0] == 0
    before = entries(journal)
    code, _out, err = cli("new", "Northwind", "Analyst", str(journal))
    assert code == 2 and "not overwriting" in err
    code, _out, err = cli("init", str(journal), "--no-git")
    assert code == 2 and "nothing was changed" in err
    assert entries(journal) == before


def test_feed_output_never_replaces_a_file_that_is_not_a_calendar(tmp_path):
    journal = make_journal("example", tmp_path)
    application = sorted(journal.glob("*-*.md"))[0]
    before = entries(journal)
    code, _out, err = cli("feed", str(journal), "-o", str(application), "--today", TODAY)
    assert code == 2 and "not a calendar" in err
    assert entries(journal) == before
    calendar = tmp_path / "followups.ics"
    calendar.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert cli("feed", str(journal), "-o", str(calendar), "--today", TODAY)[0] == 0
    assert calendar.read_bytes().count(b"BEGIN:VEVENT") > 0  # a calendar is replaced


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_edit_that_keeps_size_and_mtime_is_still_seen(tmp_path, command):
    """`cp -p`, `touch -r` and sync tools keep the modification time; with the same size and
    inode too, only the change time tells the caches the file is different."""
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text('timezone = "UTC"\n')
    path = root / "a.md"
    path.write_text("---\ncompany: Alpha\nrole: Analyst\napplied: 2026-11-01\n---\n")
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    site = tmp_path / "site"
    args = [command, str(root), "--today", TODAY] + (
        ["-o", str(site)] if command == "build" else ["--format", "json"])

    def seen() -> str:
        out = cli(*args, env=env)[1]
        return out if command == "check" else (site / "index.html").read_text()

    assert "Alpha" in seen()
    stat = path.stat()
    with open(path, "r+b") as stream:  # in place: same inode, same size
        changed = stream.read().replace(b"Alpha", b"Omega")
        stream.seek(0)
        stream.write(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    now = seen()
    assert "Omega" in now and "Alpha" not in now
