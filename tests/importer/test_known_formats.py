"""Each known export, written as its service writes it, becomes files that `check` accepts.

The fixtures (tests/importer/fixtures/, kept byte for byte) carry what real exports carry: a
BOM and CRLF (LinkedIn, Excel), quoted commas and line breaks, non-ASCII company names, empty
markers (`-` in Huntr, `N/A` in Simplify).
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from importer.helpers import crlf, format_findings, read, run_import, written

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()



def test_linkedin_csv(tmp_path, capsys):
    export = tmp_path / "Job Applications.csv"
    export.write_bytes(fixture("linkedin-job-applications.csv"))
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "LinkedIn job applications, 3 row(s)" in result.out
    assert "written: 3, already there: 0, skipped: 0" in result.out
    files = written(journal)
    assert set(files) == {"acme-widgets-ltd-senior-data-analyst.md",
                          "societe-generale-analyste-de-donnees.md",
                          "zabka-polska-bi-developer.md"}
    front, notes = read(files["acme-widgets-ltd-senior-data-analyst.md"])
    # Month first, as LinkedIn writes it, even where both readings would be dates.
    assert front == {"company": "Acme Widgets, Ltd.", "role": "Senior Data Analyst",
                     "applied": date(2026, 11, 3),
                     "link": "https://www.linkedin.com/jobs/view/3981112233",
                     "source": "LinkedIn"}
    assert "- Contact Email: sam.taylor@example.com" in notes
    assert "- Contact Phone Number: +44 7700 900123" in notes
    assert "- Resume Name: Sam_Taylor_CV.pdf" in notes
    assert ("  - How many years of work experience do you have with SQL?:6" in notes)
    assert "  - Are you legally authorized to work in the United Kingdom?:Yes" in notes
    assert "line 2" in notes and "\r" not in files["acme-widgets-ltd-senior-data-analyst.md"] \
        .read_text(encoding="utf-8")
    front, notes = read(files["societe-generale-analyste-de-donnees.md"])
    assert front["company"] == "Société Générale" and front["applied"] == date(2026, 10, 28)
    assert "Contact Phone Number" not in notes  # empty cells are not noise in the notes
    front, _ = read(files["zabka-polska-bi-developer.md"])
    assert front["applied"] == date(2026, 10, 2)  # 2 October, not 10 February
    assert format_findings(capsys, journal) == []


def test_linkedin_data_export_zip(tmp_path, capsys):
    export = tmp_path / "Basic_LinkedInDataExport_11-30-2026.zip"
    second = "\ufeffApplication Date,Contact Email,Contact Phone Number,Company Name,Job " \
             "Title,Job Url,Resume Name,Question And Answers\n" \
             '"9/15/26, 8:00 AM",sam.taylor@example.com,,Globex,HR Partner,' \
             "https://www.linkedin.com/jobs/view/3900000007,,\n"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", "First Name,Last Name\nAda,Lovelace\n")
        archive.writestr("Jobs/Job Applications.csv", fixture("linkedin-job-applications.csv"))
        archive.writestr("Jobs/Job Applications_1.csv", crlf(second))
        archive.writestr("Jobs/Saved Jobs.csv", "Saved Date,Job Url\n")
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "written: 4" in result.out
    assert "Jobs/Job Applications_1.csv:2" in result.out  # each row named by its member
    front, _ = read(journal / "globex-hr-partner.md")
    assert front["applied"] == date(2026, 9, 15)
    assert format_findings(capsys, journal) == []




def test_huntr_csv(tmp_path, capsys):
    export = tmp_path / "huntr-jobs.csv"
    export.write_bytes(fixture("huntr-jobs.csv"))
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "Huntr, 6 row(s)" in result.out and "written: 6" in result.out
    files = written(journal)
    front, notes = read(files["nordic-rsted-energy-data-engineer.md"])
    # The milestone's date is the day the card moved to 'applied', never today.
    assert front == {"company": "Nordic Ørsted Energy", "role": "Data Engineer",
                     "applied": date(2026, 10, 20), "link": "https://jobs.example.org/de-17",
                     "location": "Leeds", "salary": "£55,000"}
    assert "- description: Build pipelines, own dbt, be on call" in notes
    assert "- createdAt: 2026-10-01T09:12:44.000Z" in notes and "- id: 64f1" in notes
    front, notes = read(files["kirkstall-brewing-analytics-lead.md"])
    assert set(front) == {"company", "role"}  # no date is invented for the interview
    assert "- Huntr list: interview (2026-11-10)" in notes
    assert "- description" not in notes and ": -" not in notes  # '-' means empty
    front, _ = read(files["holbeck-logistics-bi-analyst.md"])
    assert front["rejected"] == date(2026, 11, 17) and "applied" not in front
    front, notes = read(files["leodis-labs-data-scientist.md"])
    assert set(front) == {"company", "role"} and "- Huntr list: wishlist (2026-11-02)" in notes
    front, notes = read(files["cafe-ole-platform-analyst.md"])
    assert "- Huntr list: Dream jobs (2026-11-25)" in notes
    assert "status 'Dream jobs' means no milestone" in result.out
    assert "status 'interview': the file gives no interview date" in result.out
    assert read(files["temple-energy-pricing-analyst.md"])[0]["offer"] == date(2026, 11, 23)
    assert format_findings(capsys, journal) == []




def test_simplify_csv(tmp_path, capsys):
    export = tmp_path / "simplify-export.csv"
    export.write_bytes(fixture("simplify-applications.csv"))
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "Simplify, 3 row(s)" in result.out
    files = written(journal)
    front, notes = read(files["muller-sohne-gmbh-data-analyst-growth.md"])
    assert front == {"company": "Müller & Söhne GmbH", "role": "Data Analyst, Growth",
                     "applied": date(2026, 10, 14), "rejected": date(2026, 11, 2),
                     "link": "https://simplify.jobs/p/1111", "location": "Berlin, DE"}
    assert "N/A" not in notes
    # An offer whose date the file does not give: kept in the notes and listed, not invented.
    front, notes = read(files["leeds-capital-junior-quant.md"])
    assert "offer" not in front and "- Status: Offer" in notes
    assert ("simplify-export.csv:4: status 'Offer' has no date in the file, so no 'offer:' "
            "was written; kept in the notes") in result.out
    assert format_findings(capsys, journal) == []




def test_hand_made_semicolon_sheet(tmp_path, capsys):
    export = tmp_path / "my applications.csv"
    export.write_bytes(fixture("hand-made-semicolon.csv"))
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "spreadsheet, 3 row(s)" in result.out
    files = written(journal)
    front, notes = read(files["calder-mutual-senior-data-analyst.md"])
    # 14/09 and 23/11 make both date columns day first.
    assert front == {"company": "Calder Mutual", "role": "Senior Data Analyst",
                     "applied": date(2026, 9, 14), "offer": date(2026, 11, 23),
                     "link": "https://careers.caldermutual.example/2231",
                     "recruiter": {"name": "Jess Okafor", "agency": "Ridings Talent"}}
    assert "- Salary expectation: 55k" in notes
    assert notes.rstrip().endswith("Great team; second interview was a presentation")
    front, notes = read(files["wharfedale-water-data-engineer.md"])
    assert front["withdrawn"] == date(2026, 11, 20) and front["applied"] == date(2026, 10, 5)
    front, _ = read(files["headrow-health-analytics-lead.md"])
    assert front["source"] == "Hays" and "recruiter" not in front
    assert format_findings(capsys, journal) == []


def test_xlsx_with_real_date_cells(tmp_path, capsys):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Applications"
    sheet.append(["Company", "Job title", "Application date", "Status", "Status date", "Link",
                  "Notes"])
    sheet.append(["Briggate Retail Group", "Customer Insight Analyst", date(2026, 10, 12),
                  "Interviewing", None, "https://careers.briggateretail.example/cia",
                  "First interview 19 Nov"])
    sheet.append(["Ærø Shipping", "Data Analyst", datetime(2026, 3, 4, 9, 30), "Rejected",
                  datetime(2026, 4, 5), None, None])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["Moortown Insurance", "Marketing Data Analyst", date(2026, 9, 29), "Applied",
                  None, None, 42])
    for cell in ("C2", "C3", "C5", "E3"):
        sheet[cell].number_format = "DD/MM/YYYY"
    export = tmp_path / "tracker.xlsx"
    workbook.save(export)
    journal = tmp_path / "journal"
    journal.mkdir()
    result = run_import(capsys, export, journal)
    assert result.code == 0, result.err
    assert "sheet 'Applications'" in result.out and "3 row(s)" in result.out
    files = written(journal)
    front, notes = read(files["r-shipping-data-analyst.md"])
    # Real date cells: 4 March and 5 April, whatever order a text rendering would suggest.
    assert front["applied"] == date(2026, 3, 4) and front["rejected"] == date(2026, 4, 5)
    front, notes = read(files["briggate-retail-group-customer-insight-analyst.md"])
    assert front["applied"] == date(2026, 10, 12) and "- Status: Interviewing" in notes
    assert "First interview 19 Nov" in notes
    assert "wrote moortown-insurance-marketing-data-analyst.md (from " in result.out
    assert "(sheet 'Applications'):5)" in result.out  # its row in the sheet, blank row counted
    assert ":2: status 'Interviewing': the file gives no interview date" in result.out
    front, notes = read(files["moortown-insurance-marketing-data-analyst.md"])
    assert front["applied"] == date(2026, 9, 29) and notes.rstrip().endswith("42")
    assert format_findings(capsys, journal) == []
