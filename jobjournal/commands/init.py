"""`jobjournal init`: start a new journal, git-ready, without overwriting anything."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

HELP = "create a new journal folder"
EXAMPLES = """examples:
  jobjournal init                        make this folder a journal
  jobjournal init ~/job-search           create it there
  jobjournal init --no-git               skip 'git init'"""

SAMPLE_NAME = "example-company-analyst.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", default=".", type=Path,
                        help="where to create the journal (default: the current folder)")
    parser.add_argument("--no-git", action="store_true", help="do not run 'git init'")


def scaffold(name: str) -> str:
    return (Path(__file__).parent.parent / "scaffold" / name).read_text(encoding="utf-8")


def application_text(company: str, role: str, today: date, *, applied: date | None = None,
                     link: str | None = None) -> str:
    """The template filled in; `applied` and `link`, when given, are written as fields, else
    left as commented-out examples."""
    # The quoting `log` uses: anything YAML could read otherwise ('Acme:', 'null', a tab, a
    # line break) is double-quoted, so the file reads back as exactly these words.
    from jobjournal.edit.document import yaml_scalar

    return scaffold("application.md").format(
        company=yaml_scalar(company), role=yaml_scalar(role), today=today.isoformat(),
        applied_key="applied" if applied else "# applied",
        applied=(applied or today).isoformat(),
        link_key="link" if link else "# link",
        link=yaml_scalar(link) if link else "https://careers.example.com/jobs/1234")


def _inside_git(folder: Path) -> bool:
    try:
        done = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder,
                              capture_output=True, text=True, check=False)
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == "true"


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import error
    from jobjournal.core.files import FileExists, atomic_write

    folder: Path = args.folder
    files = {
        "jobjournal.toml": scaffold("jobjournal.toml"),
        ".gitignore": scaffold("gitignore"),
        ".gitattributes": scaffold("gitattributes"),
        SAMPLE_NAME: application_text("Example Company", "Analyst", date.today()),
    }
    existing = [name for name in files if (folder / name).exists()]
    if existing:
        return error(f"{folder}: not creating a journal over existing files: "
                     f"{', '.join(existing)}; nothing was changed")
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            try:
                atomic_write(folder / name, text.encode("utf-8"), overwrite=False)
            except FileExists:
                return error(f"{folder / name} appeared meanwhile; not overwriting it")
            written.append(name)
    except OSError as problem:
        done = f" (created before the problem: {', '.join(written)})" if written else ""
        return error(f"cannot create a journal in {folder}: {problem.strerror or problem}{done}")
    print(f"Created a journal in {folder}: {', '.join(written)}")
    if not args.no_git and shutil.which("git") and not _inside_git(folder):
        subprocess.run(["git", "init", "--quiet"], cwd=folder, check=False)
        print("Initialised a git repository (use --no-git to skip).")
    print(f"Next: edit {SAMPLE_NAME}, or run 'jobjournal new \"Company\" \"Role\"', then "
          "'jobjournal check'.", file=sys.stdout)
    return 0
