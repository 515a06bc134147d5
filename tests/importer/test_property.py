"""Whatever text a cell holds, the file written for its row reads back as that text and passes
`check` without a format finding: the front matter's quoting is proven on arbitrary input."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobjournal.importer.formats import recognise
from jobjournal.importer.journal import open_journal
from jobjournal.importer.plan import make_plan
from jobjournal.importer.tables import Row, Table
from jobjournal.load.loader import read_application

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=40)
HEADERS = ("Company", "Role", "Location", "Recruiter", "Agency", "Notes", "Whatever: it is")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT), min_size=1,
                      max_size=4))
def test_any_cell_text_reads_back_and_passes_check(tmp_path, cells):
    journal = tmp_path / "journal"
    journal.mkdir(exist_ok=True)
    table = Table("t.csv", HEADERS, tuple(Row(n + 2, row, "t.csv") for n, row in
                                          enumerate(cells)))
    form = recognise(HEADERS)
    assert form is not None
    existing = open_journal(journal, date(2026, 11, 30))
    plan = make_plan(table, form, existing, None, "t.csv")
    assert not [s for s in plan.skipped if "would not pass" in s.reason], plan.skipped
    for planned in plan.writes:
        application, findings = read_application(planned.candidate.text.encode("utf-8"),
                                                 planned.file, planned.file[:-3],
                                                 existing.zone)
        assert not findings
        assert application.company == planned.candidate.company
        assert application.role == planned.candidate.role
