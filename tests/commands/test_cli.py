"""The command line: exit codes, the three output formats, and the small commands.

Most tests call `jobjournal.cli.main([...])` and read capsys; a few run the real program
(`python -m jobjournal`) in a subprocess, one of them on a pseudo-terminal for colour.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jobjournal import __version__
from jobjournal.cli import build_parser, main

TODAY = ["--today", "2026-11-25"]

# Overdue thank-you to Tom (JJ104, warning), with a date-time due.
WARNING_ONLY = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-12
    interviews:
      - at: 2026-11-18 14:00
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        hear_back_by: 2026-11-30
    followups:
      - due: 2026-11-30
        what: Send Tom the dashboard sample
    ---
"""

# An impossible date (JJ003, error) and an application chase (JJ114) due on a date.
WITH_ERROR = """
    ---
    company: Globex
    role: HR Partner
    applied: 2026-11-10
    offer: 2026-02-30
    ---
"""

CLEAN = """
    ---
    company: Initech
    role: Analyst
    ---
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check(journal, capsys, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "check", str(journal.root), *TODAY, *extra)


# -- exit codes -------------------------------------------------------------------------------

def test_exit_0_without_findings(journal, capsys):
    journal.write("a.md", CLEAN)
    code, out, _err = check(journal, capsys)
    assert code == 0
    assert "0 errors, 0 warnings, 0 info in 1 application" in out


def test_exit_0_on_warnings_and_1_with_strict(journal, capsys):
    journal.write("a.md", WARNING_ONLY)
    assert check(journal, capsys)[0] == 0
    assert check(journal, capsys, "--strict")[0] == 1


def test_exit_1_on_an_error(journal, capsys):
    journal.write("a.md", WARNING_ONLY)
    journal.write("b.md", WITH_ERROR)
    assert check(journal, capsys)[0] == 1


@pytest.mark.parametrize("argv", [
    ["check", "{root}", "--today", "2026-13-01"],
    ["check", "{root}", "--today", "tomorrow"],
    ["check", "{root}", "--today", "25/11/2026"],
    ["agenda", "{root}", "--today", "2026-02-30"],
    ["agenda", "{root}", "--today", "9999-12-31"],  # date arithmetic would overflow
    ["check", "{root}", "--today", "0001-01-01"],
    ["check", "{root}", "--format", "xml"],
    ["check", "{root}/missing"],
    ["frobnicate"],
    [],
])
def test_exit_2_on_usage_errors(journal, capsys, argv):
    journal.write("a.md", CLEAN)
    code, _out, err = run(capsys, *[a.format(root=journal.root) for a in argv])
    assert code == 2
    assert "Traceback" not in err


def test_today_error_names_the_bad_value(journal, capsys):
    code, _out, err = run(capsys, "check", str(journal.root), "--today", "2026-13-01")
    assert code == 2
    assert "2026-13-01" in err


def test_a_rule_that_crashes_is_an_internal_error_exit_2(journal, capsys, monkeypatch):
    import jobjournal.check.checker as checker
    from jobjournal.check.registry import Rule, all_rules

    def broken(_context):
        raise KeyError("boom")

    crashing = Rule("JJ999", "crashing", "warning", "", "", "", broken)
    monkeypatch.setattr(checker, "all_rules", lambda: [*all_rules(), crashing])
    journal.write("a.md", WARNING_ONLY)
    code, out, _err = check(journal, capsys, "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert any(f["rule"] == "JJ000" and "JJ999" in f["message"] for f in data["findings"])
    assert any(f["rule"] == "JJ104" for f in data["findings"])  # the others still ran


# -- json -------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def test_json_has_exactly_the_contract_shape(journal, capsys):
    journal.write("a.md", WARNING_ONLY)
    journal.write("2026/b.md", WITH_ERROR)
    code, out, _err = check(journal, capsys, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["findings", "followups"]
    assert data["findings"] and data["followups"]
    for finding in data["findings"]:
        assert list(finding) == ["rule", "name", "severity", "file", "line", "message"]
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert finding["severity"] in ("error", "warning", "info")
    for followup in data["followups"]:
        assert list(followup) == ["id", "rule", "application", "title", "due", "overdue"]
        assert isinstance(followup["overdue"], bool)
        assert ISO_DATE.match(followup["due"]) or ISO_DATETIME.match(followup["due"])
    keys = [(f["file"], f["line"], f["rule"]) for f in data["findings"]]
    assert keys == sorted(keys)
    assert {f["file"] for f in data["findings"]} >= {"a.md", "2026/b.md"}  # POSIX paths
    by_rule = {f["rule"]: f for f in data["followups"]}
    assert by_rule["JJ104"]["due"] == "2026-11-19T15:00:00+00:00"
    assert by_rule["JJ104"]["application"] == "a"
    assert by_rule["JJ104"]["overdue"] is True
    assert by_rule["JJ114"]["due"] == "2026-11-20"
    assert by_rule["JJ114"]["application"] == "2026/b"
    assert by_rule["JJ113"]["overdue"] is False
    jj104 = next(f for f in data["findings"] if f["rule"] == "JJ104")
    assert jj104["name"] == "thank-you"
    assert jj104["line"] == journal.line("a.md", "- name: Tom Becker")


def test_json_leaves_out_ignored_findings(journal, capsys):
    journal.write("a.md", WARNING_ONLY.replace(
        "    followups:", "    ignore:\n      JJ104: Thanked Tom by phone\n    followups:"))
    _code, out, _err = check(journal, capsys, "--format", "json")
    data = json.loads(out)
    assert not [f for f in data["findings"] if f["rule"] == "JJ104"]
    assert not [f for f in data["followups"] if f["rule"] == "JJ104"]


def test_json_is_utf8_text_not_escapes(journal, capsys):
    journal.write("a.md", WITH_ERROR.replace("Globex", "Café Zoë"))
    _code, out, _err = check(journal, capsys, "--format", "json")
    assert "Café Zoë" in out
    json.loads(out)


# -- text -------------------------------------------------------------------------------------

TEXT_LINE = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+): (?P<severity>error|warning|info) "
                       r"(?P<rule>JJ\d{3}) (?P<name>[a-z-]+) (?P<message>.+)$")


def test_text_lines_are_compiler_style_with_a_summary(journal, capsys, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    journal.write("a.md", WARNING_ONLY)
    journal.write("b.md", WITH_ERROR)
    code, out, _err = check(journal, capsys)
    _json_code, json_out, _ = check(journal, capsys, "--format", "json")
    expected = json.loads(json_out)["findings"]
    lines = out.splitlines()
    finding_lines = [TEXT_LINE.match(line) for line in lines if TEXT_LINE.match(line)]
    assert [(m["file"], int(m["line"]), m["severity"], m["rule"], m["name"], m["message"])
            for m in finding_lines] == [
        (f["file"], f["line"], f["severity"], f["rule"], f["name"], f["message"])
        for f in expected]
    errors = sum(f["severity"] == "error" for f in expected)
    warnings = sum(f["severity"] == "warning" for f in expected)
    assert re.search(rf"^{errors} errors?, {warnings} warnings?, \d+ info in 2 applications; "
                     r"\d+ follow-ups? overdue, \d+ coming up$", lines[-1])
    assert "\x1b[" not in out  # not a terminal: no colour
    assert code == 1


def test_force_color_and_no_color(journal, capsys, monkeypatch):
    journal.write("a.md", WARNING_ONLY)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in check(journal, capsys)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in check(journal, capsys)[1]


def _run_on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run jobjournal with stdout on a pseudo-terminal; return what it printed."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "jobjournal", *argv], stdout=follower,
                               stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO once the program has exited and the terminal is drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=120)
    process.stderr.close()
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_unless_no_color(journal):
    journal.write("a.md", WARNING_ONLY)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    argv = ["check", str(journal.root), *TODAY]
    coloured = _run_on_a_terminal(argv, env)
    assert "\x1b[" in coloured and "JJ104" in coloured
    plain = _run_on_a_terminal(argv, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "JJ104" in plain


# -- github -----------------------------------------------------------------------------------

def test_github_annotations(journal, capsys):
    journal.write("a.md", WARNING_ONLY)
    journal.write("b.md", WITH_ERROR + "\n")
    journal.write("c.md", WARNING_ONLY.replace("hear_back_by: 2026-11-30\n", "")
                  .replace("Northwind Analytics", "Initech"))
    code, out, _err = check(journal, capsys, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),"
                         r"title=(JJ\d{3}) ([a-z-]+)::(.+)$")
    matches = [pattern.match(line) for line in lines]
    assert all(matches), lines
    levels = {m[1] for m in matches}
    assert levels == {"error", "warning", "notice"}  # info becomes notice (JJ103 question)
    jj104 = next(m for m in matches if m[4] == "JJ104" and m[2] == "a.md")
    assert (jj104[1], int(jj104[3]), jj104[5]) == (
        "warning", journal.line("a.md", "- name: Tom Becker"), "thank-you")


def test_github_escapes_percent_in_properties(journal, capsys):
    journal.write("50%/a.md", CLEAN.replace("Initech", "Initech\n    salry: 100%"))
    _code, out, _err = check(journal, capsys, "--format", "github")
    [line] = out.splitlines()
    assert "file=50%25/a.md" in line


# -- rules ------------------------------------------------------------------------------------

def test_rules_lists_every_rule(capsys):
    code, out, _err = run(capsys, "rules")
    assert code == 0
    ids = re.findall(r"^(JJ\d{3})\s+([a-z-]+)\s+(error|warning|info)\s", out, re.MULTILINE)
    assert [i for i, _n, _s in ids] == (
        [f"JJ00{n}" for n in range(1, 8)] + [f"JJ1{n:02d}" for n in range(1, 16)])  # JJ115: v2
    assert ("JJ104", "thank-you", "warning") in ids


@pytest.mark.parametrize("key", ["JJ104", "jj104", "thank-you"])
def test_rules_explains_one(capsys, key):
    code, out, _err = run(capsys, "rules", key)
    assert code == 0
    assert out.startswith("JJ104 thank-you (warning)")
    assert "interviews:" in out  # the example
    assert "ignore:" in out


def test_rules_unknown_exits_2(capsys):
    code, out, err = run(capsys, "rules", "JJ999")
    assert code == 2
    assert out == "" and "JJ999" in err


# -- agenda -----------------------------------------------------------------------------------

def test_agenda_groups_overdue_today_and_the_week(journal, capsys):
    journal.write("a.md", """
        ---
        company: Northwind Analytics
        role: Data Analyst
        applied: 2026-11-10
        ---
    """)
    journal.write("b.md", """
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-15
        followups:
          - due: 2026-11-30
            what: Send the portfolio
          - due: 2026-12-20
            what: Ask about the start date
        ---
    """)
    code, out, _err = run(capsys, "agenda", str(journal.root), *TODAY)
    assert code == 0
    sections = re.split(r"^(?=\S)", out, flags=re.MULTILINE)
    by_header = {section.splitlines()[0]: section for section in sections if section.strip()}
    assert by_header["Overdue: 1"].count("Chase Northwind Analytics about your application") == 1
    today = by_header["Today (Wed 25 Nov 2026): 1"]
    assert "Chase Globex about your application" in today
    week = by_header["Next 7 days (to Wed 02 Dec 2026): 1"]
    assert "Send the portfolio" in week
    assert "Ask about the start date" not in out
    assert "1 more follow-up after that." in out


def test_agenda_on_an_empty_journal(journal, capsys):
    code, out, _err = run(capsys, "agenda", str(journal.root), *TODAY)
    assert code == 0
    assert "Overdue: 0" in out


# -- init and new -----------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_creates_a_journal_that_checks_clean(tmp_path, capsys):
    folder = tmp_path / "search"
    code, out, _err = run(capsys, "init", str(folder), "--no-git")
    assert code == 0
    assert (folder / "jobjournal.toml").is_file()
    assert list(folder.glob("*.md"))
    assert not (folder / ".git").exists()
    code, out, _err = run(capsys, "check", str(folder), *TODAY)
    assert code == 0, out
    assert " 0 errors, 0 warnings" in " " + out


def test_init_never_overwrites_and_writes_nothing_on_refusal(tmp_path, capsys):
    folder = tmp_path / "search"
    folder.mkdir()
    (folder / "jobjournal.toml").write_text('title = "mine"\n')
    before = snapshot(folder)
    code, out, err = run(capsys, "init", str(folder), "--no-git")
    assert code == 2
    assert "jobjournal.toml" in err
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["jobjournal.toml"]


def test_init_twice_refuses_the_second_time(tmp_path, capsys):
    folder = tmp_path / "search"
    assert run(capsys, "init", str(folder), "--no-git")[0] == 0
    (folder / "jobjournal.toml").write_text('title = "edited"\n')
    before = snapshot(folder)
    assert run(capsys, "init", str(folder), "--no-git")[0] == 2
    assert snapshot(folder) == before


def test_new_creates_a_valid_application(journal, capsys):
    code, out, _err = run(capsys, "new", "Acme: Labs", "Senior #1 Analyst", str(journal.root))
    assert code == 0
    [path] = journal.root.glob("*.md")
    assert path.name == "acme-labs-senior-1-analyst.md"
    loaded = journal.load()
    application = loaded.applications[0]
    assert (application.company, application.role) == ("Acme: Labs", "Senior #1 Analyst")
    assert [f for f in loaded.load_findings if f.severity == "error"] == []


def test_new_never_overwrites(journal, capsys):
    assert run(capsys, "new", "Globex", "HR Partner", str(journal.root))[0] == 0
    path = journal.root / "globex-hr-partner.md"
    path.write_text("my own edits\n")
    before = snapshot(journal.root)
    code, _out, err = run(capsys, "new", "Globex", "HR Partner", str(journal.root))
    assert code == 2
    assert "exists" in err
    assert snapshot(journal.root) == before


@pytest.mark.parametrize("argv", [["new", " ", "Analyst"], ["new", "Globex", "Analyst", "nope"]])
def test_new_usage_errors(journal, capsys, monkeypatch, argv):
    monkeypatch.chdir(journal.root)
    code, _out, _err = run(capsys, *argv)
    assert code == 2
    assert list(journal.root.iterdir()) == []


# -- --version and --help ---------------------------------------------------------------------

def test_version(capsys):
    code, out, _err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"jobjournal {__version__}"


def _commands_of(parser: argparse.ArgumentParser) -> list[str]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def _commands() -> list[str]:
    return _commands_of(build_parser())


def test_the_core_commands_are_registered():
    assert {"check", "agenda", "rules", "init", "new"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_help_for_every_command(capsys, command):
    code, out, _err = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: jobjournal {command}")


def _subparser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return actions[0].choices[command]


@pytest.mark.parametrize("command", _commands())
def test_a_command_alone_is_described_as_in_the_whole_parser(command):
    alone = build_parser(command)
    assert _commands_of(alone) == [command]
    assert (_subparser(alone, command).format_help()
            == _subparser(build_parser(), command).format_help())


def test_a_run_imports_only_its_own_command() -> None:
    done = subprocess.run([sys.executable, "-c", (
        "import sys; from jobjournal.cli import main; main(['rules']); "
        "print(sorted(m for m in sys.modules if m.startswith('jobjournal.commands.')))")],
        capture_output=True, text=True, timeout=120, check=True)
    loaded = done.stdout.strip().splitlines()[-1]
    assert "jobjournal.commands.rules" in loaded
    assert "jobjournal.commands.serve" not in loaded and "jobjournal.commands.sync" not in loaded


def test_top_level_help(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0
    for command in ("check", "agenda", "rules", "init", "new"):
        assert command in out


# -- the real program -------------------------------------------------------------------------

def test_python_m_jobjournal_check_json(journal):
    journal.write("a.md", WARNING_ONLY)
    journal.write("b.md", WITH_ERROR)
    done = subprocess.run([sys.executable, "-m", "jobjournal", "check", "--format", "json",
                           *TODAY, str(journal.root)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert {f["rule"] for f in data["findings"]} >= {"JJ003", "JJ104", "JJ114"}
    assert done.stderr == ""


def test_python_m_jobjournal_bad_config_exits_2(journal):
    journal.config('timezone = "Nowhere/Special"\n')
    done = subprocess.run([sys.executable, "-m", "jobjournal", "check", str(journal.root)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("jobjournal: jobjournal.toml:1: ")
    assert done.stdout == ""
