"""v2: messages that help. JJ003 suggests the value meant (dates, `did`, `format`), JJ107 the
closest name, JJ001 says how to keep a note out of the journal; no "the interview 1", no
company named twice in one title (RULES.md v2 JJ001, JJ003, JJ107; issue 12).

Spec silent on the wording of a suggestion: these tests take it phrased as RULES.md's JJ107
example, "did you mean ...?", with the suggested value after those words.
"""

from __future__ import annotations

import re

import pytest

from .v2_support import check, line_of, write_journal


def suggests(message: str, value: str) -> bool:
    """Whether `message` offers `value` as what was meant ("did you mean '2026-10-30'?")."""
    lowered = message.lower()
    return "did you mean" in lowered and value.lower() in lowered.split("did you mean", 1)[1]


def _application(extra: str) -> str:
    return f"""
    ---
    company: Northwind Analytics
    role: Data Analyst
    {extra}
    ---
    """


@pytest.mark.parametrize("written,meant,not_meant", [
    ("30/10/2026", ["2026-10-30"], ["2026-30-10"]),
    ("12/11/2026", ["2026-11-12", "2026-12-11"], []),
    ("2026-11-5", ["2026-11-05"], []),
])
def test_jj003_suggests_the_date_meant(tmp_path, capsys, written, meant, not_meant):
    """`30/10/2026` → `2026-10-30`; both readings when day and month are ambiguous
    (`12/11/2026`); `2026-11-5` → `2026-11-05`."""
    root = write_journal(tmp_path, {"a.md": _application(f"applied: {written}")})
    result = check(capsys, root)
    [finding] = result.findings("JJ003")
    assert (finding["severity"], finding["file"]) == ("error", "a.md")
    assert finding["line"] == line_of(root, "a.md", "applied:")
    for value in meant:
        assert suggests(finding["message"], value), finding["message"]
    for value in not_meant:
        assert value not in finding["message"]
    assert result.code == 1


def test_jj003_suggests_recruiter_debrief_for_debrief(tmp_path, capsys):
    log = """recruiter:
      name: Priya Shah
      agency: Hays
    log:
      - on: 2026-11-18
        did: debrief"""
    root = write_journal(tmp_path, {"a.md": _application(log)})
    [finding] = check(capsys, root).findings("JJ003")
    assert finding["line"] == line_of(root, "a.md", "did: debrief")
    assert suggests(finding["message"], "recruiter-debrief"), finding["message"]


@pytest.mark.parametrize("written,meant", [
    ("Zoom", "video"), ("Teams", "video"), ("Meet", "video"), ("zoom", "video"),
    ("on-site", "in-person"), ("office", "in-person"), ("call", "phone"),
])
def test_jj003_suggests_the_interview_format_meant(tmp_path, capsys, written, meant):
    interview = f"""interviews:
      - at: 2026-12-03 10:00
        stage: First interview
        format: {written}
        with: [Tom Becker]"""
    root = write_journal(tmp_path, {"a.md": _application(interview)})
    [finding] = check(capsys, root).findings("JJ003")
    assert finding["line"] == line_of(root, "a.md", "format:")
    assert suggests(finding["message"], meant), finding["message"]
    others = {"video", "in-person", "phone"} - {meant}
    after = finding["message"].lower().split("did you mean", 1)[1]
    assert not any(other in after.split("?")[0] for other in others)


def test_jj107_suggests_the_closest_name_of_the_application(tmp_path, capsys):
    people = """interviews:
      - at: 2026-11-24 14:00
        stage: First interview
        with:
          - name: Mark O'Brien
            email: mark@northwind.example
          - name: Tom Becker
            email: tom.becker@northwind.example
        hear_back_by: 2026-12-07
    log:
      - on: 2026-11-24 18:00
        did: thank-you
        to: Mark OBrian"""
    root = write_journal(tmp_path, {"a.md": _application(people)})
    result = check(capsys, root)
    [finding] = result.findings("JJ107")
    assert finding["line"] == line_of(root, "a.md", "to: Mark OBrian")
    assert "did you mean 'Mark O'Brien'" in finding["message"]
    assert finding["severity"] == "error" and result.code == 1


def test_jj001_says_how_to_keep_a_note_out_of_the_journal(tmp_path, capsys):
    root = write_journal(tmp_path, {
        "cover letter nu bank.md": "Dear hiring manager,\n\nI am writing to apply...\n"})
    result = check(capsys, root)
    [finding] = result.findings("JJ001")
    assert (finding["file"], finding["line"], finding["severity"]) == \
        ("cover letter nu bank.md", 1, "error")
    message = finding["message"]
    assert "---" in message  # how to make it an application
    assert "exclude" in message and "_" in message  # how to keep it out


INTERVIEWS_WITHOUT_STAGE = """interviews:
      - at: 2026-11-20 10:00
      - at: 2026-11-25 10:00"""


def test_no_interview_is_called_interview_1(tmp_path, capsys):
    """Issue 12: messages said "the interview 1". Without a stage, an interview is named by
    its place: "first interview", "second interview".

    Spec silent: "second interview" for the second (the issue gives only "first interview")."""
    root = write_journal(tmp_path, {"a.md": _application(
        "applied: 2026-11-02\n    " + INTERVIEWS_WITHOUT_STAGE)})
    result = check(capsys, root)
    words = [f["message"] for f in result.findings()] + list(result.titles())
    assert not any(re.search(r"\binterview \d", text) for text in words), words
    by_line = {f["line"]: f["message"] for f in result.findings("JJ106")}
    assert "first interview" in by_line[line_of(root, "a.md", "- at: 2026-11-20")]
    assert "second interview" in by_line[line_of(root, "a.md", "- at: 2026-11-25")]


def test_the_company_is_named_once_in_a_feedback_follow_up(tmp_path, capsys):
    """Issue 12: "Ask Delta Health NHS Trust for feedback on your Delta Health NHS Trust
    application" (JJ111 without a recruiter). Spec silent on the exact title: it names the
    company once and asks for feedback; due rejected + 2 days (Wed 25 Nov + 2 = Fri 27)."""
    delta = """
    ---
    company: Delta Health NHS Trust
    role: Data Engineer
    applied: 2026-11-02
    rejected: 2026-11-25
    ---
    """
    root = write_journal(tmp_path, {"delta.md": delta})
    result = check(capsys, root)
    [followup] = result.followups("JJ111")
    assert followup["title"].count("Delta Health NHS Trust") == 1, followup["title"]
    assert "feedback" in followup["title"].lower()
    assert (followup["due"], followup["overdue"]) == ("2026-11-27", True)
