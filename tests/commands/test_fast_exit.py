"""The `jobjournal` command leaves without freeing its objects one by one (`cli.run`): what it
printed must still all arrive, through a pipe, with the exit code `main` returned."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from jobjournal.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def command(*arguments: str) -> subprocess.CompletedProcess[str]:
    """`jobjournal ARGUMENTS` as a user's shell runs it: output to a pipe, block-buffered
    (without the PYTHONUNBUFFERED a test runner may have set)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "jobjournal", *arguments], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_everything_printed_arrives_through_a_pipe_with_the_exit_code(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    arguments = ["check", str(journal), "--today", "2026-11-25", "--format", "json"]
    expected_code = main(arguments)
    expected = capsys.readouterr().out
    assert len(expected) > 4096  # more than one pipe write: a lost buffer would show
    done = command(*arguments)
    assert done.returncode == expected_code == 1  # the example has errors on purpose
    assert json.loads(done.stdout) == json.loads(expected)


def test_a_build_through_the_command_writes_the_whole_site(tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    out = tmp_path / "site"
    done = command("build", str(journal), "-o", str(out), "--today", "2026-11-25")
    assert done.returncode == 1, done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("Wrote ")
    assert (out / "index.html").read_bytes().rstrip().endswith(b"</html>")
    assert json.loads((out / "journal.json").read_text(encoding="utf-8"))["applications"]


def test_a_short_answer_arrives_too() -> None:
    done = command("--version")
    assert done.returncode == 0 and done.stdout.startswith("jobjournal ")
