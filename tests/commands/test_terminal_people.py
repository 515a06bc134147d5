"""The terminal's v2 details beyond tests/commands/test_v2_terminal.py: how `log --to` picks a
person (whole words before a bare prefix, a surname, a referee for a heads-up, several people
"A, B"), `rules` searching several words, and `new` refusing a bad --applied or --link with the
folder left empty. Everything runs through the command line on real files."""

from __future__ import annotations

import pytest
from check.rules.v2_support import check, run_cli, write_journal

TODAY = ["--today", "2026-11-30"]

ECHO = """
    ---
    company: Echo Games
    role: Producer
    applied: 2026-11-09
    recruiter:
      name: Tom Hughes
      email: tom.hughes@echogames.example
    interviews:
      - at: 2026-11-24 14:00
        stage: Panel interview
        with:
          - name: Kai Nakamura
            email: kai@echogames.example
          - name: Joanna Hill
            email: joanna@echogames.example
          - name: Jo Marsh
            email: jo@echogames.example
    references:
      - name: Dr Anna Kowalski
      - name: Annabel Lee
    ---
"""


def _log(capsys, root, *argv):
    return run_cli(capsys, "log", "echo", *argv, "--journal", str(root), *TODAY)


@pytest.mark.parametrize("given,written", [
    ("Jo", "Jo Marsh"),  # the whole first word before "Joanna"
    ("Joa", "Joanna Hill"),
    ("nakamura", "Kai Nakamura"),  # a surname, when nobody's name starts with it
    ("TOM HUGHES", "Tom Hughes"),
])
def test_log_to_picks_the_person_meant(tmp_path, capsys, given, written):
    root = write_journal(tmp_path, {"echo.md": ECHO})
    code, out, err = _log(capsys, root, "thank-you", "--to", given, "--on", "2026-11-24 18:00")
    assert code == 0, err
    assert f"Logged thank-you to {written} on 2026-11-24 18:00" in out
    assert f"    to: {written}\n" in (root / "echo.md").read_text(encoding="utf-8")


def test_an_ambiguous_name_lists_each_candidate_with_its_part(tmp_path, capsys):
    root = write_journal(tmp_path, {"echo.md": ECHO})
    before = (root / "echo.md").read_bytes()
    code, _out, err = _log(capsys, root, "check-in", "--to", "j")
    assert code == 2
    assert "fits 2 people of echo.md" in err
    assert "Joanna Hill (interviewer)" in err and "Jo Marsh (interviewer)" in err
    assert "Kai Nakamura" not in err
    assert (root / "echo.md").read_bytes() == before


def test_a_heads_up_looks_among_the_referees_first(tmp_path, capsys):
    root = write_journal(tmp_path, {"echo.md": ECHO})
    # "Jo" would be Jo Marsh among everyone; a heads-up goes to a referee, and none is a Jo.
    code, _out, err = _log(capsys, root, "heads-up", "--to", "Jo")
    assert code == 2 and "not one of the references" in err
    code, out, err = _log(capsys, root, "heads-up", "--to", "kowalski", "--on", "2026-11-25")
    assert code == 0, err
    assert "Logged heads-up to Dr Anna Kowalski on 2026-11-25" in out


def test_log_to_several_people_counts_for_each(tmp_path, capsys):
    """FORMAT v2: `to: A, B` names both; `--to "A, B"` writes it so, each name as the file
    writes it."""
    root = write_journal(tmp_path, {"echo.md": ECHO})
    code, out, err = _log(capsys, root, "thank-you", "--to", "kai nakamura; joanna",
                          "--on", "2026-11-24 18:00")
    assert code == 0, err
    assert "Logged thank-you to Kai Nakamura, Joanna Hill on 2026-11-24 18:00" in out
    assert "    to: Kai Nakamura, Joanna Hill\n" in (root / "echo.md").read_text(
        encoding="utf-8")
    code, _out, err = _log(capsys, root, "thank-you", "--to", "Kai, Nobody Else")
    assert code == 2 and "'Nobody Else' is nobody of echo.md" in err


def test_log_suggests_the_action_meant(tmp_path, capsys):
    root = write_journal(tmp_path, {"echo.md": ECHO})
    code, _out, err = _log(capsys, root, "debrief")
    assert code == 2 and "did you mean 'recruiter-debrief'?" in err


def test_rules_search_takes_several_words_and_explains_a_single_match(capsys):
    code, out, _err = run_cli(capsys, "rules", "LinkedIn", "offer")
    assert code == 0 and "JJ105" in out and "JJ112" not in out
    code, out, _err = run_cli(capsys, "rules", "working", "hours")
    assert code == 0 and out.startswith("JJ110 day-job")  # the only one: explained
    code, out, err = run_cli(capsys, "rules", "zeppelin")
    assert code == 2 and out == "" and "zeppelin" in err


@pytest.mark.parametrize("option,value,message", [
    ("--applied", "2026-13-01", "not a real date"),
    ("--applied", "last week", "not a date"),
    ("--applied", "2999-01-01", "in the future"),
    ("--link", "careers.example/jobs/1", "not a web address"),
    ("--link", "javascript:alert(1)", "not a web address"),
])
def test_new_refuses_a_bad_applied_or_link_and_writes_nothing(tmp_path, capsys, option, value,
                                                             message):
    root = write_journal(tmp_path / "journal", {})
    code, _out, err = run_cli(capsys, "new", "Globex", "Analyst", str(root), option, value)
    assert code == 2 and message in err, err
    assert sorted(p.name for p in root.iterdir()) == ["jobjournal.toml"]


def test_new_without_applied_leaves_the_examples_commented(tmp_path, capsys):
    root = write_journal(tmp_path / "journal", {})
    assert run_cli(capsys, "new", "Globex", "Analyst", str(root))[0] == 0
    text = (root / "globex-analyst.md").read_text(encoding="utf-8")
    assert "\n# applied: " in text and "\n# link: https://" in text
    result = check(capsys, root)
    assert result.errors() == [] and result.followups("JJ114") == []


def test_new_refuses_a_name_with_no_letters(tmp_path, capsys):
    root = write_journal(tmp_path / "journal", {})
    code, _out, err = run_cli(capsys, "new", "!!!", "???", str(root))
    assert code == 2 and "no letters or digits" in err
    assert not (root / "application.md").exists()
