"""The `jobjournal-check` pre-commit hook, run by pre-commit itself in a real git repository.

`pre-commit try-repo` would clone this repository at its last commit, so the hook is run as a
`repo: local` hook built from `.pre-commit-hooks.yaml` itself (only the entry points at this
interpreter and the language is `system`): the manifest's `files`, `pass_filenames` and
arguments are what is tested.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

MANIFEST = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or \
    shutil.which("pre-commit")
GIT = shutil.which("git")

CLEAN = """---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-10-28
---

Notes.
"""
BROKEN = """---
company: Globex
role: HR Partner
applied: 2026-13-40
---
"""


def hook() -> dict:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_manifest_offers_the_check_over_the_whole_journal():
    offered = hook()
    assert offered["id"] == "jobjournal-check"
    assert shlex.split(offered["entry"])[:2] == ["jobjournal", "check"]
    assert offered["language"] == "python"
    assert offered["pass_filenames"] is False  # the rules look across files
    assert offered.get("always_run", False) is False
    pattern = re.compile(offered["files"])
    for name in ("northwind.md", "2026/globex-hr.md", "jobjournal.toml"):
        assert pattern.search(name), name
    for name in ("notes.txt", "cv.pdf", "draft.mdx", "_site/index.html"):
        assert not pattern.search(name), name


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
def test_pre_commit_validates_the_manifest():
    done = subprocess.run([PRE_COMMIT, "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def repository(tmp_path):
    if PRE_COMMIT is None or GIT is None:
        pytest.skip("pre-commit or git is not installed")
    repo = tmp_path / "search"
    repo.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Sam", "GIT_AUTHOR_EMAIL": "s@x.example",
           "GIT_COMMITTER_NAME": "Sam", "GIT_COMMITTER_EMAIL": "s@x.example", "NO_COLOR": "1"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)

    assert run(GIT, "init", "--quiet").returncode == 0
    local = dict(hook())
    rest = shlex.split(local["entry"])[1:]  # after 'jobjournal'
    local["entry"] = shlex.join([sys.executable, "-m", "jobjournal", *rest])
    local["language"] = "system"
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    installed = run(PRE_COMMIT, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, run


def commits(run) -> int:
    done = run(GIT, "rev-list", "--count", "HEAD")
    return int(done.stdout) if done.returncode == 0 else 0


def test_a_clean_journal_commits_and_an_error_is_refused(repository):
    repo, run = repository
    (repo / "northwind.md").write_text(CLEAN, encoding="utf-8")
    run(GIT, "add", "-A")
    done = run(GIT, "commit", "-m", "Northwind")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"jobjournal check\.+Passed", done.stdout + done.stderr)
    assert commits(run) == 1

    (repo / "globex.md").write_text(BROKEN, encoding="utf-8")
    run(GIT, "add", "globex.md")
    done = run(GIT, "commit", "-m", "Globex")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search(r"jobjournal check\.+Failed", output)
    assert "globex.md:4: error JJ003" in output  # the finding, with its file and line
    assert commits(run) == 1  # nothing was committed


def test_commits_without_journal_files_do_not_run_the_check(repository):
    repo, run = repository
    (repo / "globex.md").write_text(BROKEN, encoding="utf-8")  # broken, but not committed
    (repo / "todo.txt").write_text("buy stamps\n", encoding="utf-8")
    run(GIT, "add", "todo.txt")
    done = run(GIT, "commit", "-m", "todo")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"jobjournal check\.+\(no files to check\)Skipped",
                     done.stdout + done.stderr)
