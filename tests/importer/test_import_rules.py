"""What `jobjournal import` promises whatever the format: dates never guessed, nothing
overwritten or written twice, a dry run that writes nothing, unknown exports met with a
starter mapping, and a report (and exit status) that accounts for every row."""

from __future__ import annotations

from datetime import date

from importer.helpers import format_findings, read, run_import, written

AMBIGUOUS = """Company,Role,Applied,Status,Status date
Globex,HR Partner,04/05/2026,Rejected,06/07/2026
Initech,Analyst,03/02/2026,Applied,
"""


def _journal(tmp_path):
    journal = tmp_path / "journal"
    journal.mkdir()
    return journal


def test_an_ambiguous_date_column_is_refused_until_the_order_is_given(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text(AMBIGUOUS, encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal)
    assert result.code == 2 and written(journal) == {}
    assert "column 'Applied'" in result.err
    assert "'04/05/2026' (line 2) is 4 May 2026 day first (dmy) or 5 April 2026 month first " \
           "(mdy)" in result.err
    assert "--date-order" in result.err

    result = run_import(capsys, export, journal, "--date-order", "dmy")
    assert result.code == 0, result.err
    front, _ = read(journal / "globex-hr-partner.md")
    assert front["applied"] == date(2026, 5, 4) and front["rejected"] == date(2026, 7, 6)
    assert format_findings(capsys, journal) == []


def test_a_mapping_can_settle_the_date_order(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text(AMBIGUOUS, encoding="utf-8")
    mapping = tmp_path / "sheet.toml"
    mapping.write_text('[columns]\ncompany = "Company"\nrole = "Role"\napplied = "Applied"\n'
                       'status = "Status"\nstatus_date = "Status date"\n'
                       '[dates]\norder = "mdy"\n', encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal, "--mapping", str(mapping))
    assert result.code == 0, result.err
    front, _ = read(journal / "initech-analyst.md")
    assert front["applied"] == date(2026, 3, 2)
    front, _ = read(journal / "globex-hr-partner.md")
    assert front["applied"] == date(2026, 4, 5) and front["rejected"] == date(2026, 6, 7)


def test_a_column_mixing_both_orders_is_refused(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text("Company,Role,Applied\nA,B,25/10/2026\nC,D,10/25/2026\n",
                      encoding="utf-8")
    result = run_import(capsys, export, _journal(tmp_path))
    assert result.code == 2
    assert "mixes day-first dates ('25/10/2026', line 2) and month-first dates " \
           "('10/25/2026', line 3)" in result.err


SHEET = """Company,Role,Applied,Link
Northwind Analytics,Senior Data Analyst,2026-10-28,https://careers.northwind.example/jobs/4411
Globex,HR Partner,2026-11-02,
"""


def test_importing_the_same_export_twice_writes_nothing_the_second_time(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text(SHEET, encoding="utf-8")
    journal = _journal(tmp_path)
    assert run_import(capsys, export, journal).code == 0
    before = {name: path.read_bytes() for name, path in written(journal).items()}
    result = run_import(capsys, export, journal)
    assert result.code == 0
    assert "written: 0, already there: 2, skipped: 0" in result.out
    assert "sheet.csv:2: northwind-analytics-senior-data-analyst.md (same link)" in result.out
    assert "sheet.csv:3: globex-hr-partner.md (same company, role and applied date)" \
        in result.out
    assert {name: path.read_bytes() for name, path in written(journal).items()} == before


def test_a_job_already_in_the_journal_by_hand_is_not_imported_again(tmp_path, capsys):
    journal = _journal(tmp_path)
    (journal / "globex.md").write_text("---\ncompany: globex\nrole: HR  partner\n"
                                       "applied: 2026-11-02\n---\n", encoding="utf-8")
    export = tmp_path / "sheet.csv"
    export.write_text(SHEET + "Globex,HR Partner,2026-11-02,\n", encoding="utf-8")
    result = run_import(capsys, export, journal)
    assert result.code == 0
    assert "sheet.csv:3: globex.md (same company, role and applied date)" in result.out
    assert "sheet.csv:4: globex.md" in result.out  # the export's own duplicate too
    assert set(written(journal)) == {"globex.md", "northwind-analytics-senior-data-analyst.md"}


def test_a_clash_with_an_existing_file_gets_a_numbered_name(tmp_path, capsys):
    journal = _journal(tmp_path)
    mine = "---\ncompany: Globex\nrole: HR Partner\napplied: 2025-03-01\n---\nMine.\n"
    (journal / "globex-hr-partner.md").write_text(mine, encoding="utf-8")
    export = tmp_path / "sheet.csv"
    export.write_text(SHEET, encoding="utf-8")
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert (journal / "globex-hr-partner.md").read_text(encoding="utf-8") == mine
    front, _ = read(journal / "globex-hr-partner-2.md")
    assert front["applied"] == date(2026, 11, 2)
    assert "wrote globex-hr-partner-2.md" in result.out
    assert format_findings(capsys, journal) == []


def test_a_dry_run_prints_every_file_in_full_and_writes_nothing(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text(SHEET, encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal, "--dry-run")
    assert result.code == 0
    assert written(journal) == {}
    assert "=== would write globex-hr-partner.md (from " in result.out
    assert "---\ncompany: Northwind Analytics\nrole: Senior Data Analyst\napplied: 2026-10-28\n" \
           "link: https://careers.northwind.example/jobs/4411\n---\n\n## Notes\n\n" \
           "Imported on 2026-11-30 from sheet.csv (spreadsheet), line 2.\n" in result.out
    assert "would write: 2, already there: 0, skipped: 0 (dry run" in result.out
    # What the dry run showed is exactly what the real run writes.
    run_import(capsys, export, journal)
    text = (journal / "globex-hr-partner.md").read_text(encoding="utf-8")
    assert text in result.out


def test_rows_that_cannot_be_mapped_are_listed_with_their_line_and_exit_1(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text("Company,Role,Applied,Status,Status date,Link\n"
                      "Globex,HR Partner,2026-11-02,,,ftp://globex.example/job\n"
                      ",Data Analyst,2026-11-03,,,\n"
                      "Initech,-,2026-11-04,,,\n"
                      "Umbrella,Analyst,2026-11-05,Offer,2026-10-01,\n"
                      "Hooli,Engineer,2026-11-06,Rejected,2099-01-01,\n"
                      "Vandelay,Importer,soon,,,\n", encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal)
    assert result.code == 1
    assert f"skipped: {export}:3: no company (column 'Company' is empty)" in result.out
    assert f"skipped: {export}:4: no role (column 'Role' is empty)" in result.out
    assert "written: 4, already there: 0, skipped: 2" in result.out
    # Kept in the notes, never written where check would call it wrong:
    front, notes = read(journal / "globex-hr-partner.md")
    assert "link" not in front and "- Link: ftp://globex.example/job" in notes
    front, notes = read(journal / "umbrella-analyst.md")
    assert "offer" not in front and "- Offer (not written: before applied 2026-11-05): " \
                                    "2026-10-01" in notes
    front, notes = read(journal / "hooli-engineer.md")
    assert "rejected" not in front and "(not written: in the future): 2099-01-01" in notes
    front, notes = read(journal / "vandelay-importer.md")
    assert "applied" not in front and "- Applied: soon" in notes
    assert "column 'Applied': 'soon' is not a date" in result.out
    assert format_findings(capsys, journal) == []


def test_an_unknown_export_gets_a_starter_mapping_then_imports_with_it(tmp_path, capsys):
    export = tmp_path / "bewerbungen.csv"
    export.write_text("Firma;Stelle;Beworben am;Stand;Bemerkung\n"
                      "Bäckerei Müller;Datenanalyst;2026-10-01;Absage;nett\n"
                      "Globex;HR Partner;2026-10-02;Beworben;\n", encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal)
    assert result.code == 2 and written(journal) == {}
    assert "'Firma', 'Stelle', 'Beworben am', 'Stand', 'Bemerkung'" in result.err
    mapping = tmp_path / "bewerbungen.mapping.toml"
    assert f"wrote a starter mapping to {mapping}" in result.err
    text = mapping.read_text(encoding="utf-8")
    assert 'company = ""' in text and "[statuses]" in text
    # A second run without --mapping never overwrites the person's mapping.
    mapping.write_text(text.replace('company = ""', 'company = "Firma"')
                       .replace('role = ""', 'role = "Stelle"')
                       .replace('applied = ""', 'applied = "Beworben am"')
                       .replace('status = ""', 'status = "Stand"')
                       .replace('notes = ""', 'notes = "Bemerkung"')
                       + '"Absage" = "rejected"\n"Beworben" = "applied"\n', encoding="utf-8")
    kept = mapping.read_text(encoding="utf-8")
    assert run_import(capsys, export, journal).code == 2
    assert mapping.read_text(encoding="utf-8") == kept
    result = run_import(capsys, export, journal, "--mapping", str(mapping))
    assert result.code == 0, result.err
    front, notes = read(journal / "backerei-muller-datenanalyst.md")
    assert front == {"company": "Bäckerei Müller", "role": "Datenanalyst",
                     "applied": date(2026, 10, 1)}
    # 'Absage' has no status date: kept and listed, not dated today.
    assert "- Stand: Absage" in notes and notes.rstrip().endswith("nett")
    assert "status 'Absage' has no date in the file" in result.out
    assert format_findings(capsys, journal) == []


def test_a_mapping_naming_a_missing_column_is_refused_clearly(tmp_path, capsys):
    export = tmp_path / "x.csv"
    export.write_text("Firma,Stelle\nA,B\n", encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\ncompany = "firma"\nrole = "Stelle"\n', encoding="utf-8")
    result = run_import(capsys, export, _journal(tmp_path), "--mapping", str(mapping))
    assert result.code == 2
    assert "company = 'firma' is not a header of the file (did you mean 'Firma'?)" in result.err


def test_unreadable_inputs_are_refused_with_the_file_named(tmp_path, capsys):
    journal = _journal(tmp_path)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Company,Role\nCafé,Barista\n".encode("latin-1"))
    result = run_import(capsys, latin, journal)
    assert result.code == 2 and f"{latin}:2: not UTF-8 text" in result.err
    fake = tmp_path / "export.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    result = run_import(capsys, fake, journal)
    assert result.code == 2 and str(fake) in result.err and "Traceback" not in result.err
    result = run_import(capsys, tmp_path / "missing.csv", journal)
    assert result.code == 2 and "no such file" in result.err


def test_two_wishlist_postings_with_different_links_are_both_imported(tmp_path, capsys):
    export = tmp_path / "sheet.csv"
    export.write_text("Company,Role,Link\nGlobex,Analyst,https://globex.example/1\n"
                      "Globex,Analyst,https://globex.example/2\nGlobex,Analyst,\n",
                      encoding="utf-8")
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal)
    assert result.code == 0
    assert set(written(journal)) == {"globex-analyst.md", "globex-analyst-2.md"}
    # The third row says nothing the first two do not: the same job.
    assert f"already there: {export}:4: globex-analyst.md" in result.out


def test_excel_unicode_text_tab_separated(tmp_path, capsys):
    export = tmp_path / "export.txt"
    export.write_bytes("Company\tRole\tApplied\nÉcole 42\tData Analyst\t2026-11-02\n"
                       .encode("utf-16"))
    journal = _journal(tmp_path)
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    front, _ = read(journal / "ecole-42-data-analyst.md")
    assert front == {"company": "École 42", "role": "Data Analyst",
                     "applied": date(2026, 11, 2)}
