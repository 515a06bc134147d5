"""git history per application file, from a real repository made in the test."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobjournal.load.gitinfo import file_histories

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_counts_commits_and_last_change_per_file(tmp_path: Path) -> None:
    repository = tmp_path / "repo"
    journal = repository / "journal"  # the journal may be a sub-folder of the repository
    (journal / "2026").mkdir(parents=True)
    git(repository, "init", "-q")
    (journal / "a.md").write_text("one")
    (journal / "2026" / "b c.md").write_text("one")
    (repository / "outside.md").write_text("x")
    git(repository, "add", ".")
    git(repository, "commit", "-qm", "first", when="2026-11-01T10:00:00+00:00")
    (journal / "a.md").write_text("two")
    git(repository, "commit", "-qam", "second", when="2026-11-20T09:30:00+00:00")
    histories = file_histories(journal)
    assert set(histories) == {"a.md", "2026/b c.md"}
    assert histories["a.md"].commits == 2
    assert histories["a.md"].last_changed == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert histories["2026/b c.md"].commits == 1


def test_no_repository_means_no_history(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    assert file_histories(tmp_path) == {}


def test_missing_git_means_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    assert file_histories(tmp_path) == {}


def test_application_page_shows_its_git_history(tmp_path: Path) -> None:
    from datetime import date

    from jobjournal.core.dates import noon
    from jobjournal.pipeline.run import build

    journal = tmp_path / "journal"
    journal.mkdir()
    git(journal, "init", "-q")
    (journal / "a.md").write_text("---\ncompany: A\nrole: B\n---\n")
    (journal / "b.md").write_text("---\ncompany: C\nrole: D\n---\n")
    git(journal, "add", ".")
    git(journal, "commit", "-qm", "first", when="2026-11-01T10:00:00+00:00")
    (journal / "a.md").write_text("---\ncompany: A\nrole: B\napplied: 2026-11-02\n---\n")
    git(journal, "commit", "-qam", "second", when="2026-11-20T09:30:00+00:00")
    from zoneinfo import ZoneInfo

    build(journal, tmp_path / "site", noon(date(2026, 11, 25), ZoneInfo("UTC")))
    page = (tmp_path / "site" / "applications" / "a.html").read_text()
    assert "last changed" in page and "in 2 commits" in page
    assert 'datetime="2026-11-20T09:30' in page
    assert "in 1 commit<" in (tmp_path / "site" / "applications" / "b.html").read_text(
        ).replace("\n", "").replace("  ", "")
