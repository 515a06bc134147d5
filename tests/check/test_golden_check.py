"""The example journal's `check --format json` output, pinned byte for byte.

Any change to a rule, a message, a line or a follow-up id shows up here as a diff to review.
After an intended change, regenerate with:

    JOBJOURNAL_UPDATE_GOLDEN=1 pytest tests/check/test_golden_check.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from golden_support import check_golden

from jobjournal.check.checker import run_checks
from jobjournal.cli import main
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example-journal"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "check.json"


def test_example_journal_check_json_matches_golden(capsys, monkeypatch):
    # Run from the repository, as `jobjournal check ... example-journal` is documented.
    monkeypatch.chdir(REPO)
    code = main(["check", "--format", "json", "--today", "2026-11-25", "example-journal"])
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)
    check_golden(GOLDEN, out)  # byte for byte, with a diff of the indented JSON


def test_example_journal_triggers_every_rule():
    # The example journal's README promises that every rule fires at least once.
    journal = load_journal(EXAMPLE)
    report = run_checks(journal, noon(date(2026, 11, 25), journal.config.zone))
    fired = {f.rule for f in report.findings} | {f.rule for f in report.followups}
    expected = {f"JJ00{n}" for n in range(1, 8)} | {f"JJ1{n:02d}" for n in range(1, 15)}
    assert expected <= fired, sorted(expected - fired)
