"""The search as a whole: JJ109 keep-searching, JJ113 own follow-ups, JJ114 chase-application.

Now is Wednesday 25 November 2026, 12:00 Europe/London.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")


def application(company: str, *lines: str) -> str:
    return "---\n" + "\n".join([f"company: {company}", "role: Data Analyst", *lines]) + "\n---\n"


INTERVIEWED = ("interviews:\n  - at: 2026-11-16 10:00\n    with: [Tom Becker]\n"
               "    hear_back_by: 2026-11-30")


# -- JJ109 (a): withdrawing or cancelling while another application has prospects ------------

def write_withdrawn(journal, *other: str, other_applied: str = "2026-11-12") -> None:
    journal.write("a.md", application("Aire Valley", "applied: 2026-11-15",
                                      "withdrawn: 2026-11-20"))
    journal.write("b.md", application("Briggate", f"applied: {other_applied}", *other))


def test_jj109_withdrawing_while_another_is_interviewing(journal):
    write_withdrawn(journal, INTERVIEWED)
    [finding] = journal.findings("JJ109", file="a.md")
    assert finding.severity == "warning"
    assert finding.line == journal.line("a.md", "withdrawn:")
    assert "Briggate" in finding.message


def test_jj109_withdrawing_while_another_has_an_offer(journal):
    write_withdrawn(journal, "offer: 2026-11-19")
    assert len(journal.findings("JJ109", file="a.md")) == 1


@pytest.mark.parametrize("other", [
    (),  # only applied: no interview, no offer
    (INTERVIEWED, "rejected: 2026-11-19"),  # closed before the withdrawal
    ("offer: 2026-11-21",),  # the offer came later
])
def test_jj109_quiet_when_nothing_else_had_prospects(journal, other):
    write_withdrawn(journal, *other)
    assert journal.findings("JJ109", file="a.md") == []


def test_jj109_cancelling_an_interview_myself(journal):
    journal.write("a.md", application(
        "Aire Valley", "applied: 2026-11-15",
        "interviews:\n  - at: 2026-11-23 10:00\n    with: [Sam Lee]\n"
        "    cancelled: 2026-11-20\n    cancelled_by: me"))
    journal.write("b.md", application("Briggate", "applied: 2026-11-12", INTERVIEWED))
    [finding] = journal.findings("JJ109", file="a.md")
    assert finding.line == journal.line("a.md", "cancelled_by:")
    journal.write("a.md", journal.texts["a.md"].replace("cancelled_by: me", "cancelled_by: them"))
    journal.check()
    assert journal.findings("JJ109", file="a.md") == []


def test_jj109_once_per_application(journal):
    journal.write("a.md", application(
        "Aire Valley", "applied: 2026-11-15", "withdrawn: 2026-11-21",
        "interviews:\n  - at: 2026-11-23 10:00\n    with: [Sam Lee]\n"
        "    cancelled: 2026-11-20\n    cancelled_by: me"))
    journal.write("b.md", application("Briggate", "applied: 2026-11-12", INTERVIEWED))
    assert len(journal.findings("JJ109", file="a.md")) == 1


SIGNED = ("applied: 2026-09-01", "offer: 2026-11-05", "signed: 2026-11-10")


def test_jj109_a_signed_contract_ends_the_search(journal):
    # Everything else was applied for before the signing: the search is over.
    journal.write("c.md", application("Calder Mutual", *SIGNED))
    journal.write("a.md", application("Aire Valley", "applied: 2026-11-02",
                                      "withdrawn: 2026-11-20"))
    journal.write("b.md", application("Briggate", "applied: 2026-11-01", INTERVIEWED))
    assert journal.findings("JJ109") == []
    assert journal.followups("JJ109") == []


def test_jj109_a_new_application_after_signing_starts_a_new_search(journal):
    journal.write("c.md", application("Calder Mutual", *SIGNED))
    journal.write("a.md", application("Aire Valley", "applied: 2026-11-15",
                                      "withdrawn: 2026-11-20"))
    journal.write("b.md", application("Briggate", "applied: 2026-11-12", INTERVIEWED))
    assert len(journal.findings("JJ109", file="a.md")) == 1


def test_jj109_the_lesson_goes_once_the_search_is_over(journal):
    """v2: a lesson about a decision already made ages out at once when the search is over."""
    write_withdrawn(journal, INTERVIEWED)
    assert len(journal.findings("JJ109", file="a.md")) == 1
    journal.write("c.md", application("Calder Mutual", "applied: 2026-09-01",
                                      "signed: 2026-11-22"))
    journal.check()
    assert journal.findings("JJ109", file="a.md") == []


# -- JJ109 (b): keep applying -----------------------------------------------------------------

def test_jj109_keep_applying_on_the_journal(journal):
    journal.write("b.md", application("Briggate", "applied: 2026-11-01", INTERVIEWED))
    report = journal.check()
    [finding] = journal.findings("JJ109")
    # v2: reported at the latest application's 'applied' line, naming it.
    assert (finding.file, finding.line, finding.severity) == (
        "b.md", journal.line("b.md", "applied:"), "info")
    assert "Briggate" in finding.message
    [followup] = journal.followups("JJ109")
    assert followup.title == "Apply for another role"
    assert followup.application == ""
    assert followup.due == report.now
    assert not followup.overdue
    journal.config('title = "x"\n')  # a configuration has nothing to fix: still b.md
    journal.check()
    assert [f.file for f in journal.findings("JJ109")] == ["b.md"]


@pytest.mark.parametrize("files", [
    [("Briggate", "applied: 2026-11-01", INTERVIEWED), ("Aire", "applied: 2026-11-20")],
    [("Briggate", "applied: 2026-11-01", "rejected: 2026-11-20")],  # nothing live
    [("Briggate", "applied: 2026-11-01", INTERVIEWED), ("Calder", *SIGNED)],  # over
    [("Briggate", "applied: 2026-11-12", INTERVIEWED)],  # applied recently
])
def test_jj109_keep_applying_quiet(journal, files):
    for number, (company, *lines) in enumerate(files):
        journal.write(f"f{number}.md", application(company, *lines))
    assert journal.findings("JJ109") == []
    assert journal.followups("JJ109") == []


def test_jj109_keep_applying_after_a_new_search_started(journal):
    journal.write("c.md", application("Calder", "applied: 2026-09-01", "signed: 2026-10-20"))
    journal.write("b.md", application("Briggate", "applied: 2026-11-01", INTERVIEWED))
    assert len(journal.findings("JJ109")) == 1


def test_jj109_limit_keep_searching_days(journal):
    journal.config("[rules.limits]\nkeep_searching_days = 30\n")
    journal.write("b.md", application("Briggate", "applied: 2026-11-01", INTERVIEWED))
    assert journal.findings("JJ109") == []


# -- JJ113 overdue-followup -------------------------------------------------------------------

def own(due: str, what: str = "Send Tom the dashboard sample", done: str = "") -> str:
    text = f"  - due: {due}\n    what: {what}"
    return text + (f"\n    done: {done}" if done else "")


@pytest.mark.parametrize("due, overdue", [
    ("2026-11-20", True),
    ("2026-11-24", True),
    ("2026-11-25", False),  # a date is overdue once its day has ended
    ("2026-11-25 11:00", True),
    ("2026-11-25 13:00", False),
    ("2026-12-01", False),
])
def test_jj113_own_follow_ups(journal, due, overdue):
    journal.write("a.md", application("Northwind", "applied: 2026-11-20",
                                      "followups:\n" + own(due)))
    [followup] = journal.followups("JJ113")
    assert followup.title == "Send Tom the dashboard sample"
    assert followup.overdue is overdue
    findings = journal.findings("JJ113")
    assert len(findings) == (1 if overdue else 0)
    for finding in findings:
        assert finding.severity == "warning"
        assert finding.line == journal.line("a.md", "- due:")


def test_jj113_done_follow_ups_are_gone(journal):
    journal.write("a.md", application("Northwind", "applied: 2026-11-20",
                                      "followups:\n" + own("2026-11-20", done="2026-11-21")))
    assert journal.followups("JJ113") == []


def test_jj113_own_follow_ups_due_by_the_closing_lapse(journal):
    journal.write("a.md", application(
        "Northwind", "applied: 2026-11-01", "rejected: 2026-11-22",
        "followups:\n" + own("2026-11-20", "Before") + "\n" + own("2026-11-28", "After")))
    assert [f.title for f in journal.followups("JJ113")] == ["After"]


def test_jj113_id_stable_when_text_or_due_changes(journal):
    journal.write("a.md", application("Northwind", "applied: 2026-11-20",
                                      "followups:\n" + own("2026-11-20")))
    journal.check()
    [before] = journal.followups("JJ113")
    journal.write("a.md", application("Northwind", "applied: 2026-11-20",
                                      "followups:\n" + own("2026-11-27", "Send Tom the PDF")))
    journal.check()
    [after] = journal.followups("JJ113")
    assert before.id == after.id
    assert before.due != after.due


def test_jj113_due_with_offset_is_reported_in_iso_with_offset(journal):
    journal.write("a.md", application("Northwind", "applied: 2026-11-20",
                                      "followups:\n" + own("2026-11-24T09:00:00+01:00")))
    [followup] = journal.followups("JJ113")
    assert followup.due == datetime(2026, 11, 24, 8, 0, tzinfo=LONDON)
    assert followup.as_json()["due"] == "2026-11-24T09:00:00+01:00"


# -- JJ114 chase-application ------------------------------------------------------------------

def test_jj114_chase_after_silence(journal):
    journal.write("a.md", application("Northwind Analytics", "applied: 2026-11-10"))
    [followup] = journal.followups("JJ114")
    assert followup.title == "Chase Northwind Analytics about your application"
    assert followup.due == date(2026, 11, 20)
    assert followup.overdue
    [finding] = journal.findings("JJ114")
    assert (finding.severity, finding.line) == ("warning", journal.line("a.md", "applied:"))
    assert "ghosted:" in finding.message


def test_jj114_after_a_chase_chase_once_more_or_close_it(journal):
    journal.write("a.md", application("Northwind", "applied: 2026-11-01",
                                      "log:\n  - on: 2026-11-12 16:30\n    did: chased"))
    [followup] = journal.followups("JJ114")
    assert followup.title == "Chase Northwind once more, or close it as ghosted"
    assert followup.due == date(2026, 11, 26)  # the chase's day + ghost_days, no copied time
    assert not followup.overdue


@pytest.mark.parametrize("applied, overdue", [("2026-11-14", True), ("2026-11-15", False)])
def test_jj114_date_due_is_overdue_only_once_its_day_ended(journal, applied, overdue):
    journal.write("a.md", application("Northwind", f"applied: {applied}"))
    [followup] = journal.followups("JJ114")
    assert followup.overdue is overdue
    assert len(journal.findings("JJ114")) == (1 if overdue else 0)


@pytest.mark.parametrize("lines", [
    ("applied: 2026-11-01", INTERVIEWED),
    ("applied: 2026-11-01", "log:\n  - on: 2026-11-12\n    did: feedback-requested"),
    ("applied: 2026-11-01", "offer: 2026-11-12"),
    ("applied: 2026-11-01", "rejected: 2026-11-12"),
    ("applied: 2026-11-01", "ghosted: 2026-11-20"),
    (),  # never applied
])
def test_jj114_quiet(journal, lines):
    journal.write("a.md", application("Northwind", *lines))
    assert journal.followups("JJ114") == []
    assert journal.findings("JJ114") == []


def test_jj114_limit_and_stable_id(journal):
    journal.write("a.md", application("Northwind", "applied: 2026-11-10"))
    [before] = [f for f in journal.check().followups if f.rule == "JJ114"]
    journal.config("[rules.limits]\nchase_application_days = 20\n")
    journal.write("a.md", application("Northwind Analytics", "applied: 2026-11-11"))
    [after] = [f for f in journal.check().followups if f.rule == "JJ114"]
    assert after.due == date(2026, 12, 1)
    assert not after.overdue
    assert after.id == before.id


def test_jj109_follow_up_keeps_its_id_from_day_to_day(journal):
    journal.write("b.md", application("Briggate", "applied: 2026-11-01", INTERVIEWED))
    journal.check()
    [today] = journal.followups("JJ109")
    journal.check(today=date(2026, 11, 27))
    [later] = journal.followups("JJ109")
    assert today.due != later.due
    assert today.id == later.id
