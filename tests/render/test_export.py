"""`jobjournal export`: the site's data files on stdout, byte for byte what `build` writes.

Each format is parsed back and compared with the journal and an independent check of it; and
the bytes are compared with the whole site rendered at the same `--today`, so the export can
never drift from the dashboard's own files.
"""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest

from jobjournal.cli import main
from jobjournal.render.exports import CSV_COLUMNS

CONFIG = 'timezone = "Europe/London"\n'

NORTHWIND = """
    ---
    company: Northwind Analytics
    role: Senior Data Analyst
    applied: 2026-10-28
    recruiter:
      name: Priya Shah
      agency: Hays
    interviews:
      - at: 2026-11-18 14:00
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        debrief: they-call
    followups:
      - due: 2026-11-26
        what: Send Tom the dashboard sample
    ---
"""


@pytest.fixture
def filled(journal):
    journal.config(CONFIG)
    journal.write("northwind.md", NORTHWIND)
    journal.write("2026/globex.md", "---\ncompany: '=Globex'\nrole: HR Partner\n"
                                    "applied: 2026-11-02\nrejected: 2026-11-20\n---\n")
    journal.write("broken.md", "---\ncompany: [\n---\n")
    return journal


def export(journal, capsysbinary, fmt: str) -> bytes:
    assert main(["export", "--format", fmt, str(journal.root), "--today", "2026-11-25"]) == 0
    return capsysbinary.readouterr().out


def test_csv_is_one_row_per_application(filled, capsysbinary):
    data = export(filled, capsysbinary, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # so spreadsheets read the accents
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_file = {row[CSV_COLUMNS.index("file")]: dict(zip(CSV_COLUMNS, row, strict=True))
               for row in rows[1:]}
    assert set(by_file) == {"northwind.md", "2026/globex.md", "broken.md"}
    assert by_file["northwind.md"]["status"] == "interviewing"
    assert by_file["northwind.md"]["recruiter"] == "Priya Shah"
    assert by_file["2026/globex.md"]["company"] == "'=Globex"  # never a formula
    assert by_file["2026/globex.md"]["status"] == "rejected"
    assert by_file["broken.md"]["needs_repair"] == "yes"


def test_json_holds_the_applications_and_the_report(filled, capsysbinary):
    data = json.loads(export(filled, capsysbinary, "json"))
    assert data["now"] == "2026-11-25"  # the day: the file must not change every minute
    assert data["timezone"] == "Europe/London"
    assert [a["slug"] for a in data["applications"]] == ["2026/globex", "broken", "northwind"]
    report = filled.check()
    assert [(f["rule"], f["file"], f["line"]) for f in data["findings"]] == \
        [(f.rule, f.file, f.line) for f in report.findings]
    assert [f["id"] for f in data["followups"]] == [f.id for f in report.followups]


def test_ics_has_an_event_per_followup(filled, capsysbinary):
    data = export(filled, capsysbinary, "ics")
    calendar = icalendar.Calendar.from_ical(data)
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT")}
    report = filled.check()
    assert report.followups
    for followup in report.followups:
        assert any(followup.id in uid for uid in uids), followup.id


def test_exports_are_the_sites_files(filled, capsysbinary, monkeypatch):
    from jobjournal.render.site import CSV_FILE, FEED_FILE, JSON_FILE, render_site

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = render_site(filled.check())
    assert export(filled, capsysbinary, "csv") == site[CSV_FILE]
    assert export(filled, capsysbinary, "json") == site[JSON_FILE]
    assert export(filled, capsysbinary, "ics") == site[FEED_FILE]


def test_format_is_required_and_checked(filled, capsys):
    assert main(["export", str(filled.root)]) == 2
    assert "--format" in capsys.readouterr().err
    assert main(["export", "--format", "xlsx", str(filled.root)]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_journal_is_a_usage_error(tmp_path, capsys):
    assert main(["export", "--format", "csv", str(tmp_path / "nope")]) == 2
    assert "no such journal folder" in capsys.readouterr().err
