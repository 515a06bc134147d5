"""Tab completion of application slugs and, after --to, of that application's people: the
bash script run as bash runs it on TAB, calling the real `jobjournal` on the PATH, and the
words read fast from a journal of 1,000 applications."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobjournal.cli import build_parser, main
from jobjournal.commands.completion import bash_script, zsh_script
from jobjournal.commands.completion_words import words

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
BASH = shutil.which("bash")


@pytest.fixture(scope="module")
def complete(tmp_path_factory):
    if BASH is None:
        pytest.skip("bash is not installed")
    folder = tmp_path_factory.mktemp("completion")
    script = folder / "jobjournal.bash"
    script.write_text(bash_script(build_parser()))
    # The script runs `jobjournal` from the PATH: this checkout's.
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin",
           "HOME": str(folder), "JOBJOURNAL_CACHE_DIR": str(folder / "cache")}

    def run(*typed: str, cwd: Path = EXAMPLE) -> list[str]:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in ("jobjournal", *typed))
        program = (f"source {script}; COMP_WORDS=({quoted}); COMP_CWORD={len(typed)}; "
                   '_jobjournal; printf "%s\\n" "${COMPREPLY[@]}"')
        done = subprocess.run([BASH, "--norc", "-c", program], capture_output=True, text=True,
                              cwd=cwd, env=env)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    return run


def test_bash_completes_application_slugs(complete):
    assert complete("log", "kirk") == ["kirkgate-analytics-analytics-engineer"]
    assert complete("draft", "clo") == ["closed/holbeck-logistics-bi-analyst",
                                        "closed/wharfedale-water-data-engineer"]
    assert complete("done", "--journal", str(EXAMPLE), "ro", cwd=Path("/")) == \
        ["roundhay-games"]
    every = sorted(p.relative_to(EXAMPLE).as_posix()[:-3] for p in EXAMPLE.rglob("*.md")
                   if p.name != "README.md")
    assert sorted(complete("draft", "")) == every and "roundhay-games" in every


def test_bash_completes_the_people_of_that_application_after_to(complete):
    # Names with spaces come back quoted for the command line.
    assert complete("draft", "calder-mutual-senior-data-analyst", "--to", "") == [
        r"Jess\ Okafor", r"Rachel\ Moore", r"Sunil\ Patel", r"Gemma\ Clarke",
        r"Dr\ Martin\ Osei", r"Claire\ Dunn"]
    assert complete("draft", "calder", "--to", "Cl") == [r"Claire\ Dunn"]
    assert complete("log", "kirkgate-analytics-analytics-engineer", "thank-you", "--to",
                    "Ha") == [r"Hannah\ Wilde"]
    assert complete("log", "--to", "") == []  # no application named yet
    assert complete("log", "nobody-at-all", "note", "--to", "") == []


def test_the_zsh_script_asks_the_journal_too():
    text = zsh_script(build_parser())
    assert "'--to[the person, as named in the file]:to:_jobjournal_dynamic people'" in text
    assert "'1:file name:_jobjournal_dynamic applications'" in text
    assert "command jobjournal completion --words $1" in text


def test_the_words_command(capsys):
    assert main(["completion", "--words", "people", "--journal", str(EXAMPLE),
                 "--application", "closed/holbeck-logistics-bi-analyst.md"]) == 0
    assert capsys.readouterr().out == "Daniel Price\nMark Sutton\nLauren Hale\n"
    assert main(["completion", "--words", "people", "--journal", "/no/such/journal",
                 "--application", "x"]) == 0
    assert capsys.readouterr().out == ""


def _journal_of(folder: Path, count: int) -> None:
    for number in range(count):
        (folder / f"company-{number:04d}-analyst.md").write_text(
            f"---\ncompany: Company {number}\nrole: Analyst\napplied: 2026-10-01\n"
            f"recruiter:\n  name: Recruiter {number}\n  agency: Agency\n"
            f"interviews:\n  - at: 2026-11-02 10:00\n    with: [Ann Other {number}, "
            f"Bo Person]\n---\n\nNotes.\n", encoding="utf-8")


def test_words_are_fast_at_a_thousand_applications(tmp_path):
    _journal_of(tmp_path, 1000)

    def timed(kind: str, application: str = "") -> tuple[float, list[str]]:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            found = words(kind, tmp_path, application)
            best = min(best, time.perf_counter() - start)
        return best, found

    seconds, slugs = timed("applications")
    assert len(slugs) == 1000 and seconds < 0.25, seconds
    seconds, people = timed("people", "company-0999-analyst")
    assert people == ["Recruiter 999", "Ann Other 999", "Bo Person"] and seconds < 0.05
    seconds, people = timed("people", "company-0998")  # a prefix of a slug: still one file
    assert people[0] == "Recruiter 998" and seconds < 0.25
