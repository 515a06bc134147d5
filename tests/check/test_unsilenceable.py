"""JJ001 cannot be silenced: a file the tool cannot read is never acknowledged away, whatever
`[rules] ignore` says, because nothing else about that file can be checked."""

from __future__ import annotations

import pytest

from jobjournal.cli import main

BROKEN = "---\ncompany: Northwind\nrole: [unclosed\n---\nNotes.\n"


@pytest.mark.parametrize("key", ["front-matter", "JJ001"])
def test_jj001_survives_a_journal_wide_ignore(journal, capsys, key):  # type: ignore[no-untyped-def]
    journal.config(f'timezone = "Europe/London"\n[rules]\nignore = ["{key}"]\n')
    journal.write("broken.md", BROKEN)
    report = journal.check()
    assert [(f.rule, f.file) for f in report.findings if f.rule == "JJ001"] == [
        ("JJ001", "broken.md")]
    assert not [a for a in report.acknowledged if a.finding.rule == "JJ001"]
    code = main(["check", str(journal.root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "broken.md:" in out and "JJ001" in out
