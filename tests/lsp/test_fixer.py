"""The fixes for findings no fixed day makes fire in the example (JJ102 only turns into a
finding between its due time and the interview), checked on the text directly."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from jobjournal.lsp.engine import Finding, parse_text
from jobjournal.lsp.fixes import Fixer
from jobjournal.lsp.text import Text
from tests.lsp.conftest import apply_edits

ZONE = ZoneInfo("Europe/London")
TEXT = ("---\ncompany: Soon Ltd\nrole: Analyst\napplied: 2026-11-01\nrecruiter: Rosa Diaz\n"
        "interviews:\n  - at: 2026-11-26 10:00\n    with:\n      - Ann Lee\n"
        "    hear_back_by: 2026-11-30\nlog:\n  - on: 2026-11-20\n    did: chased\n---\n")


def test_agreeing_who_calls_after_the_interview() -> None:
    application, findings = parse_text(TEXT, "soon.md", ZONE)
    assert not findings
    finding = Finding("JJ102", "warning", "soon.md", 7, "the interview 1 has no 'debrief:'",
                      "soon")
    fixer = Fixer(Text.of("file:///j/soon.md", "soon.md", TEXT), application,
                  datetime(2026, 11, 25, 12, tzinfo=ZONE))
    fixes = dict(fixer.fixes(finding, None))
    assert {"Agreed: debrief: they-call", "Agreed: debrief: i-call"} <= set(fixes)
    fixed = apply_edits(TEXT, fixes["Agreed: debrief: i-call"])
    assert "      - Ann Lee\n    hear_back_by: 2026-11-30\n    debrief: i-call\nlog:" in fixed
    reread, problems = parse_text(fixed, "soon.md", ZONE)
    assert not problems and reread.interviews[0].debrief == "i-call"
