"""`jobjournal completion bash|zsh`: scripts generated from the argparse parser.

The scripts are checked by the shells themselves (`bash -n`, `zsh -n`), then the bash one is
run the way bash runs it on TAB (COMP_WORDS/COMP_CWORD in, COMPREPLY out), and every command
and option of the real parser must be offered.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from jobjournal.cli import COMMANDS, build_parser, main
from jobjournal.commands.completion import bash_script, commands, zsh_script

BASH = shutil.which("bash")
ZSH = shutil.which("zsh")


def script(shell: str, capsys) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    return build_parser()


def test_every_command_and_option_is_in_both_scripts(parser, capsys):
    _top, found = commands(parser)
    names = [command.name for command in found]
    assert names == [name for name in COMMANDS if name in names]
    assert {"log", "done", "show", "export", "completion", "check"} <= set(names)
    for shell in ("bash", "zsh"):
        text = script(shell, capsys)
        for command in found:
            assert f"    {command.name})" in text or f"'{command.name}:" in text
            for option in command.options:
                for flag in option.flags:
                    assert flag in text, (shell, command.name, flag)


def test_a_new_command_completes_without_touching_the_generator():
    parser = argparse.ArgumentParser(prog="jobjournal")
    sub = parser.add_subparsers(dest="command").add_parser("frobnicate", help="frob it")
    sub.add_argument("--level", choices=("low", "high"))
    assert "frobnicate" in bash_script(parser) and "low high" in bash_script(parser)
    assert "'frobnicate:frob it'" in zsh_script(parser)
    assert "'--level[--level]:level:(low high)'" in zsh_script(parser)


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_bash_accepts_the_script(capsys, tmp_path):
    path = tmp_path / "jobjournal.bash"
    path.write_text(script("bash", capsys))
    done = subprocess.run([BASH, "-n", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(ZSH is None, reason="zsh is not installed")
def test_zsh_accepts_the_script_and_registers_it(capsys, tmp_path):
    path = tmp_path / "_jobjournal"
    path.write_text(script("zsh", capsys))
    done = subprocess.run([ZSH, "-n", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # Loaded with eval after compinit, the function is bound to the command.
    load = (f'autoload -U compinit; compinit -u -D; eval "$(<{path})"; '
            "print -r -- $_comps[jobjournal]")
    done = subprocess.run([ZSH, "-f", "-c", load], capture_output=True, text=True,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "_jobjournal"


@pytest.fixture(scope="module")
def complete(tmp_path_factory, parser):
    """Run the bash completion for a command line; '' at the end completes a new word."""
    if BASH is None:
        pytest.skip("bash is not installed")
    folder = tmp_path_factory.mktemp("completion")
    path = folder / "jobjournal.bash"
    path.write_text(bash_script(parser))
    (folder / "journal-a").mkdir()
    (folder / "notes.md").write_text("x")

    def run(*words: str) -> list[str]:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in ("jobjournal", *words))
        program = (f"source {path}; COMP_WORDS=({quoted}); COMP_CWORD={len(words)}; "
                   '_jobjournal; printf "%s\\n" "${COMPREPLY[@]}"')
        done = subprocess.run([BASH, "--norc", "-c", program], capture_output=True,
                              text=True, cwd=folder)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    return run


def test_bash_completes_commands_and_options(complete, parser):
    assert complete("") == [command.name for command in commands(parser)[1]]
    assert complete("ex") == ["export"]
    assert complete("--v") == ["--version"]
    assert complete("check", "--st") == ["--strict"]
    assert set(complete("log", "northwind", "--")) >= {"--to", "--on", "--note", "--via",
                                                       "--journal", "--today"}


def test_bash_completes_choices_and_paths(complete):
    assert complete("check", "--format", "") == ["text", "json", "github"]
    assert complete("export", "--format", "i") == ["ics"]
    assert complete("completion", "") == ["bash", "zsh"]
    assert complete("log", "--via", "") == ["recruiter"]
    assert complete("check", "jour") == ["journal-a"]  # the journal folder
    assert complete("show", "--journal", "j") == ["journal-a"]
    assert complete("log", "--to", "") == []  # a person's name: nothing to guess


def test_bash_counts_positionals_past_option_values(complete):
    # log APPLICATION ACTION: the second positional is the action, even after --to NAME.
    assert complete("log", "northwind", "thank") == ["thank-you"]
    assert complete("log", "--to", "Tom Becker", "northwind", "check") == ["check-in"]
    assert complete("log", "--journal", "journal-a", "northwind", "li") == [
        "linkedin", "linkedin-withdrawn"]  # linkedin-withdrawn: a v2 action
    assert complete("log", "th") == []  # the application is not guessed
    assert complete("log", "northwind", "note", "x") == []  # nothing after ACTION


def test_unknown_shell_is_refused(capsys):
    assert main(["completion", "fish"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_scripts_do_not_depend_on_this_checkout(capsys):
    text = script("bash", capsys) + script("zsh", capsys)
    assert str(Path(__file__).resolve().parents[2]) not in text


def test_every_command_is_documented_with_its_options(parser):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    for command in commands(parser)[1]:
        assert f"\n## {command.name}\n" in docs, command.name
        assert f"jobjournal {command.name}" in docs, command.name
