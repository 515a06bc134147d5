"""v2: a Markdown file with no front matter at all (or an empty one) is not an application.
It gets a JJ001 error saying how to make it one or keep it out, and is counted nowhere else:
not in the summary, the table, the CSV, journal.json or the dashboard's counts. A file whose
front matter is there but broken stays an application needing repair (FORMAT.md v2).

Issue 12, eighth situation: `cover letter nu bank.md` and an empty `empty.md` made
"4 Considering · 6 live applications of 17".
"""

from __future__ import annotations

import re

from .v2_support import build, check, run_cli, write_journal

REAL = {
    "northwind.md": """
        ---
        company: Northwind Analytics
        role: Data Analyst
        applied: 2026-11-20
        ---
    """,
    "globex.md": """
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-23
        ---
    """,
}

NOT_APPLICATIONS = {
    "cover letter nu bank.md": """
        Dear hiring manager,

        I am writing to apply for the Data Analyst role at Nu Bank.
    """,
    "empty.md": "",
    "blank.md": "\n\n\n",
}


def _journal(tmp_path, extra=None):
    files = {**REAL, **NOT_APPLICATIONS, **(extra or {})}
    return write_journal(tmp_path / "journal", files)


def test_files_without_front_matter_get_jj001_and_count_nowhere(tmp_path, capsys):
    root = _journal(tmp_path)
    result = check(capsys, root)
    found = {(f["file"], f["line"], f["severity"]) for f in result.findings("JJ001")}
    assert found == {(name, 1, "error") for name in NOT_APPLICATIONS}
    for finding in result.findings("JJ001"):
        assert "exclude" in finding["message"], finding["message"]
    # No advice about them: they are not applications.
    others = [f for f in result.findings() if f["file"] in NOT_APPLICATIONS and
              f["rule"] != "JJ001"]
    assert others == []
    owners = {f["application"] for f in result.followups()}
    assert owners and owners <= {"northwind", "globex", ""}  # follow-ups, none for the notes
    code, out, _err = run_cli(capsys, "check", str(root), "--today", "2026-11-30")
    assert code == 1
    assert re.search(r"\bin 2 applications\b", out), out.splitlines()[-1]


def test_they_are_not_in_the_csv_json_or_dashboard_counts(tmp_path, capsys):
    root = _journal(tmp_path)
    built = build(capsys, root)
    assert built.code == 1  # the JJ001 errors
    rows = built.csv_rows()
    assert sorted(row["file"] for row in rows) == ["globex.md", "northwind.md"]
    data = built.journal_json()
    assert sorted(app["file"] for app in data["applications"]) == ["globex.md", "northwind.md"]
    index = built.text("index.html")
    assert re.search(r"2\s+live applications\s+of\s+2\b", index)
    assert not re.search(r"live applications?\s+of\s+5\b", index)


def test_broken_front_matter_stays_an_application_needing_repair(tmp_path, capsys):
    """Unchanged from v1, and what tells the two cases apart: the `---` is there."""
    broken = {"broken.md": "---\ncompany: Initech\nrole: [Analyst\n---\n\nNotes kept.\n"}
    root = _journal(tmp_path, broken)
    result = check(capsys, root)
    [finding] = result.findings("JJ001", file="broken.md")
    assert finding["severity"] == "error"
    built = build(capsys, root)
    rows = {row["file"]: row for row in built.csv_rows()}
    assert sorted(rows) == ["broken.md", "globex.md", "northwind.md"]
    assert rows["broken.md"]["needs_repair"] == "yes"


def test_front_matter_after_a_bom_and_blank_lines_is_an_application(tmp_path, capsys):
    root = _journal(tmp_path)
    (root / "bom.md").write_bytes(
        b"\xef\xbb\xbf\n\n---\ncompany: Initech\nrole: Analyst\napplied: 2026-11-24\n---\n")
    result = check(capsys, root)
    assert result.findings(file="bom.md") == []
    code, out, _err = run_cli(capsys, "check", str(root), "--today", "2026-11-30")
    assert re.search(r"\bin 3 applications\b", out), out.splitlines()[-1]
