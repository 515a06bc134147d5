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


def test_the_wheel_carries_the_top_level_themes_folder(installed: Path) -> None:
    """themes/ lives at the repository's top; in the wheel it is the package jobjournal.themes,
    and the installed tool finds its templates there, not in any source tree."""
    shown = run(installed / "bin" / "python", "-c",
                "from jobjournal.core.themes import default_theme; print(default_theme())",
                cwd=installed)
    assert shown.returncode == 0, shown.stderr
    folder = Path(shown.stdout.strip())
    assert str(installed) in str(folder) and str(ROOT) not in str(folder)
    shipped = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    expected = {p.relative_to(ROOT / "themes" / "default").as_posix()
                for p in (ROOT / "themes" / "default").rglob("*") if p.is_file()}
    assert expected and expected <= shipped


def test_the_sdist_carries_the_themes(tmp_path: Path) -> None:
    import tarfile

    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "build", "dist", "__pycache__", "_site"))
    built = run(sys.executable, "-m", "build", "--sdist", "-o", tmp_path / "dist", source)
    assert built.returncode == 0, built.stderr
    archive = next((tmp_path / "dist").glob("jobjournal-*.tar.gz"))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert any(name.endswith("themes/default/templates/index.html") for name in names)
    assert any(name.endswith("themes/default/static/style.css") for name in names)


def test_every_package_folder_is_listed_in_pyproject() -> None:
    """pyproject lists the packages (find() cannot map themes/ into the package), so a new
    folder that is not listed would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts)
               for p in (ROOT / "jobjournal").rglob("__init__.py")}
    assert folders | {"jobjournal.themes"} == listed
