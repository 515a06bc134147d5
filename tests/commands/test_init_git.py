"""`jobjournal init` makes a git-ready journal, and `serve` warns before exposing one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jobjournal.cli import main

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_init_runs_git_init_in_a_new_folder(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "search"
    assert main(["init", str(folder)]) == 0
    assert (folder / ".git").is_dir()
    assert "*.ics -text" in (folder / ".gitattributes").read_text()
    assert "_site/" in (folder / ".gitignore").read_text()
    assert "Initialised a git repository" in capsys.readouterr().out


@needs_git
def test_init_inside_a_repository_does_not_nest_one(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "journal"
    assert main(["init", str(folder)]) == 0
    assert not (folder / ".git").exists()
    assert (folder / "jobjournal.toml").is_file()


def test_serving_beyond_this_machine_warns_about_personal_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("---\ncompany: A\nrole: B\n---\n")
    # 192.0.2.1 is reserved for documentation: binding to it fails at once, after the warning.
    code = main(["serve", str(tmp_path), "--host", "192.0.2.1", "--port", "8000"])
    err = capsys.readouterr().err
    assert code == 2
    assert "personal data" in err and "192.0.2.1" in err
    assert "cannot listen on 192.0.2.1:8000" in err
