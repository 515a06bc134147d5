"""The wheel, installed (not editable) into a fresh virtual environment, ships the themes and
scaffold and builds the example journal: what `pip install jobjournal` gives a person."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"  # a clean copy: no egg-info or build dirs of the work tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "build", "dist", "__pycache__", "_site", ".cache",
        ".pytest_cache", ".ruff_cache", ".hypothesis"))
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist",
                source)
    assert built.returncode == 0, built.stderr
    wheels = list((work / "dist").glob("jobjournal-*.whl"))
    assert len(wheels) == 1
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    done = run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheels[0])
    assert done.returncode == 0, done.stderr
    return environment


def test_wheel_is_a_real_install_not_the_source_tree(installed: Path) -> None:
    shown = run(installed / "bin" / "python", "-c", "import jobjournal; print(jobjournal.__file__)",
                cwd=installed)
    assert shown.returncode == 0, shown.stderr
    assert str(installed) in shown.stdout and str(ROOT) not in shown.stdout


def test_installed_wheel_builds_the_example_journal(installed: Path, tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    shutil.copytree(ROOT / "example-journal", journal, ignore=shutil.ignore_patterns("_site"))
    out = tmp_path / "site"
    done = run(installed / "bin" / "jobjournal", "build", journal, "-o", out, "--today",
               "2026-11-25", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the example has errors on purpose
    assert "JJ001" in done.stdout
    for name in ("index.html", "people.html", "advice.html", "followups.ics",
                 "applications.csv", "journal.json", "static/style.css"):
        assert (out / name).is_file(), name
    assert (out / "applications" / "calder-mutual-senior-data-analyst.html").is_file()


def test_installed_wheel_ships_the_scaffold(installed: Path, tmp_path: Path) -> None:
    done = run(installed / "bin" / "jobjournal", "init", tmp_path / "new", "--no-git")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "new" / "jobjournal.toml").read_text().startswith("# jobjournal")
    checked = run(installed / "bin" / "jobjournal", "check", tmp_path / "new")
    assert checked.returncode == 0, checked.stdout + checked.stderr
