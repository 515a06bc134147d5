"""`jobjournal show`: the card to read while a recruiter is on the phone.

Everything on it comes from the journal and the checker's report of the same moment, so the
tests compare against a report made independently at the same `--today`.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobjournal.cli import main

CONFIG = 'timezone = "Europe/London"\n'

NORTHWIND = """
    ---
    company: Northwind Analytics
    role: Senior Data Analyst
    applied: 2026-10-28
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
      phone: "+44 113 496 0000"
    contacts:
      - name: Mo Green
        title: HR Advisor
    interviews:
      - at: 2026-11-18 14:00
        stage: First interview
        with:
          - name: Tom Becker
            title: Head of Data
            email: tom.becker@northwind.example
          - Aisha Rahman
        debrief: they-call
        hear_back_by: 2026-11-25
      - at: 2026-11-30 10:00
        stage: Final interview
        format: in-person
        with: [Tom Becker]
    log:
      - on: 2026-11-18 19:35
        did: thank-you
        to: Aisha Rahman
        via: recruiter
      - on: 2026-11-18 15:10
        did: recruiter-debrief
        note: Went well.
      - on: 2026-11-18
        did: note
    followups:
      - due: 2026-11-26
        what: Send Tom the dashboard sample he asked for
    ---
"""


def show(*argv: str) -> int:
    return main(["show", *argv])


@pytest.fixture
def northwind(journal):
    journal.config(CONFIG)
    journal.write("northwind-data-analyst.md", NORTHWIND)
    return journal


def test_card_has_what_a_call_needs(northwind, capsys):
    assert show("priya", "--journal", str(northwind.root), "--today", "2026-11-25") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Northwind Analytics — Senior Data Analyst  [interviewing]"
    assert ("recruiter     Priya Shah (Hays) · +44 113 496 0000 · priya.shah@recruit.example"
            in out)
    assert "contacts      Mo Green, HR Advisor" in out
    assert "interviewers  Tom Becker, Head of Data · tom.becker@northwind.example" in out
    assert "\n                Aisha Rahman\n" in out
    # The next interview still to come, not the past one.
    assert "interview     Mon 30 Nov 2026 10:00 (in 5 days): Final interview (in-person)" in out
    # The latest entry by date, wherever it sits in the file.
    assert ("last contact  Wed 18 Nov 2026 19:35 (7 days ago): thank-you to Aisha Rahman via "
            "the recruiter") in out
    report = northwind.check()
    pending = report.followups_for("northwind-data-analyst")
    assert f": {pending[0].title} (+{len(pending) - 1} more)" in out
    findings = report.findings_for("northwind-data-analyst")
    warnings = sum(1 for f in findings if f.severity == "warning")
    assert warnings  # the missing thank-you to Tom is overdue
    assert f"findings      {warnings} warning" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_overdue_next_followup_is_flagged(northwind, capsys):
    assert show("northwind", "--journal", str(northwind.root), "--today", "2026-12-10") == 0
    out = capsys.readouterr().out
    report = northwind.check(today=date(2026, 12, 10))
    first = report.followups_for("northwind-data-analyst")[0]
    assert first.overdue
    # Tom's thank-you was due the day after the first interview.
    assert f"next          overdue Thu 19 Nov 2026 15:00 (21 days ago): {first.title}" in out


def test_found_by_interviewer_slug_and_company_substring(northwind, capsys):
    for query in ("AISHA", "data-anal", "wind analytics"):
        assert show(query, "--journal", str(northwind.root), "--today", "2026-11-25") == 0
        assert capsys.readouterr().out.startswith("Northwind Analytics — ")


def test_nothing_found_exits_1_with_a_hint(northwind, capsys):
    assert show("globex", "--journal", str(northwind.root)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no application matches 'globex'" in captured.err
    assert "person's name" in captured.err


def test_many_matches_show_five_cards_then_a_list(journal, capsys):
    journal.config(CONFIG)
    for n in range(1, 8):
        journal.write(f"acme-{n}.md", f"---\ncompany: Acme {n}\nrole: Analyst\n---\n")
    assert show("acme", "--journal", str(journal.root), "--today", "2026-11-25") == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("Acme ")]
    assert headers == [f"Acme {n} — Analyst  [considering]" for n in range(1, 6)]
    assert "\n2 more matches:\n  acme-6  Acme 6 — Analyst (considering)\n" \
           "  acme-7  Acme 7 — Analyst (considering)\n" in out
    assert "last contact  nothing logged yet" in out
    assert "next          no follow-up pending" in out


def test_a_file_needing_repair_still_shows(journal, capsys):
    journal.config(CONFIG)
    journal.write("broken.md", "---\ncompany: Broken Ltd\n---\n")
    assert show("broken", "--journal", str(journal.root)) == 0
    out = capsys.readouterr().out
    assert out.startswith("Broken Ltd — (no role)  [considering · needs repair]")
    assert "findings      1 error" in out


@pytest.mark.parametrize("env,coloured", [({"FORCE_COLOR": "1"}, True),
                                          ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_colour_follows_the_terminal_conventions(northwind, capsys, monkeypatch, env,
                                                 coloured):
    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert show("northwind", "--journal", str(northwind.root), "--today", "2026-11-25") == 0
    assert ("\x1b[1mNorthwind Analytics" in capsys.readouterr().out) == coloured


def test_missing_journal_is_a_usage_error(tmp_path, capsys):
    assert show("x", "--journal", str(tmp_path / "nope")) == 2
    assert "no such journal folder" in capsys.readouterr().err
