"""GitHub workflow annotations: `file=` and `title=` are properties, where `,` and `:` end a
value, so they are escaped as GitHub's toolkit does (`%2C`, `%3A`), after `%` itself (`%25`);
line breaks become `%0D`/`%0A` everywhere, so one finding is always one annotation."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from jobjournal.check.checker import Report
from jobjournal.check.reporters import as_github
from jobjournal.cli import main
from jobjournal.core.findings import Finding
from jobjournal.core.model import Journal


def test_file_names_with_commas_colons_and_percent_are_escaped(journal, capsys):  # type: ignore[no-untyped-def]
    journal.write("a,b:c%d.md", "---\ncompany: [unclosed\n---\n")
    assert main(["check", str(journal.root), "--today", "2026-11-25", "--format", "github"]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("::error file=a%2Cb%3Ac%25d.md,line=3,title=JJ001 front-matter::")


def test_titles_and_messages_are_escaped_and_stay_on_one_line() -> None:
    finding = Finding("JJ104", "warning", "x.md", 3, "50% done: call Tom, then\r\nAnn",
                      name="odd,name:50%\nsecond")
    report = Report(Journal.__new__(Journal), datetime(2026, 11, 25, tzinfo=ZoneInfo("UTC")),
                    (finding,), (), ())
    assert as_github(report) == (
        "::warning file=x.md,line=3,title=JJ104 odd%2Cname%3A50%25%0Asecond::"
        "50%25 done: call Tom, then\\x0d\\x0aAnn\n")
