"""Format rules JJ001–JJ007 as seen through the checker, and the per-file `ignore` contract.

Now is Wednesday 25 November 2026, 12:00 Europe/London (see conftest.py).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from jobjournal.check.registry import all_rules, find_rule

HEAD = "---\ncompany: Northwind Analytics\nrole: Data Analyst\n"

# An interview with a thank-you owed to Tom Becker: JJ104 fires (overdue, warning).
THANKLESS = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-12
    interviews:
      - at: 2026-11-18 14:00
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        hear_back_by: 2026-11-30
    ignore:
      {key}: {reason}
    ---
"""


def test_every_rule_of_the_contract_is_registered_with_its_name_and_severity():
    expected = {
        "JJ001": ("front-matter", "error"), "JJ002": ("unknown-field", "warning"),
        "JJ003": ("invalid-value", "error"), "JJ004": ("missing-field", "error"),
        "JJ005": ("timeline", "error"), "JJ006": ("duplicate-application", "warning"),
        "JJ007": ("unused-ignore", "info"), "JJ101": ("debrief-recruiter", "warning"),
        "JJ102": ("agree-debrief-call", "warning"), "JJ103": ("hear-back", "warning"),
        "JJ104": ("thank-you", "warning"), "JJ105": ("no-linkedin-before-offer", "error"),
        "JJ106": ("name-your-interviewers", "warning"), "JJ107": ("right-person", "error"),
        "JJ108": ("references-heads-up", "warning"), "JJ109": ("keep-searching", "warning"),
        "JJ110": ("day-job", "info"), "JJ111": ("after-rejection", "warning"),
        "JJ112": ("keep-in-touch", "info"), "JJ113": ("overdue-followup", "warning"),
        "JJ114": ("chase-application", "warning"),
        "JJ115": ("withdraw-politely", "warning"),
    }
    registered = {r.id: (r.name, r.severity) for r in all_rules() if r.id.startswith("JJ")}
    assert registered == expected
    for rule_id, (name, _severity) in expected.items():
        assert find_rule(name).id == rule_id
        assert find_rule(rule_id.lower()).id == rule_id


# -- JJ001–JJ004 through the checker ----------------------------------------------------------

def test_jj001_fires_on_broken_yaml_and_not_on_a_good_file(journal):
    journal.write("good.md", HEAD + "---\n")
    journal.write("bad.md", HEAD + "note: a: b\n---\n")
    [finding] = journal.findings("JJ001")
    assert (finding.file, finding.line, finding.severity) == ("bad.md", 4, "error")
    assert journal.check().exit_code() == 1


def test_jj002_fires_on_an_unknown_key_only(journal):
    journal.write("a.md", HEAD + "salry: 50k\nsalary: 50k\n---\n")
    [finding] = journal.findings("JJ002")
    assert (finding.line, finding.severity) == (4, "warning")
    assert "salary" in finding.message


def test_jj003_and_jj004_severity_and_line(journal):
    journal.write("a.md", "---\ncompany: A\napplied: someday\n---\n")
    [invalid] = journal.findings("JJ003")
    [missing] = journal.findings("JJ004")
    assert (invalid.line, invalid.severity) == (3, "error")
    assert (missing.line, missing.severity) == (1, "error")


# -- JJ005 timeline ---------------------------------------------------------------------------

@pytest.mark.parametrize("milestones, key, words", [
    ("applied: 2026-11-10\noffer: 2026-11-01\n", "applied", "after the offer"),
    ("applied: 2026-10-01\noffer: 2026-11-10\nsigned: 2026-11-01\n", "signed", "before the offer"),
    ("applied: 2026-11-10\nrejected: 2026-11-01\n", "rejected", "before you applied"),
    ("applied: 2026-11-10\nwithdrawn: 2026-11-01\n", "withdrawn", "before you applied"),
    ("applied: 2026-11-01\nrejected: 2026-11-10\nwithdrawn: 2026-11-11\n", "withdrawn",
     "more than once"),
    ("applied: 2026-11-26\n", "applied", "future"),
])
def test_jj005_milestones(journal, milestones, key, words):
    journal.write("a.md", HEAD + milestones + "---\n")
    [finding] = journal.findings("JJ005")
    assert finding.line == journal.line("a.md", f"{key}:")
    assert finding.severity == "error"
    assert words in finding.message


@pytest.mark.parametrize("milestones", [
    "applied: 2026-10-01\nsigned: 2026-11-10\n",  # signing without a recorded offer is fine
    "applied: 2026-10-01\noffer: 2026-11-10\nsigned: 2026-11-10\n",
    "applied: 2026-11-25\n",  # today is not the future
    "offer: 2026-11-01\n",
    "applied: 2026-11-01\nghosted: 2026-11-20\n",
])
def test_jj005_quiet_on_a_sound_timeline(journal, milestones):
    journal.write("a.md", HEAD + milestones + "---\n")
    assert journal.findings("JJ005") == []


@pytest.mark.parametrize("on, future", [
    ("2026-11-25", False), ("2026-11-26", True), ("2026-11-25 11:59", False),
    ("2026-11-25 23:59", False), ("2026-11-26 00:01", True),
])
def test_jj005_log_entries_in_the_future(journal, on, future):
    """By day: an entry later today is not a plan (with --today fixed at noon, an evening
    entry of that day is accepted); tomorrow is."""
    journal.write("a.md", HEAD + f"log:\n  - on: {on}\n    did: note\n---\n")
    found = journal.findings("JJ005")
    assert [f.line for f in found] == ([5] if future else [])


def test_jj005_done_in_the_future_and_cancelled_without_a_date(journal):
    journal.write("a.md", HEAD + """\
followups:
  - due: 2026-11-20
    what: Send the sample
    done: 2026-11-27
interviews:
  - at: 2026-11-20 10:00
    with: [Tom Becker]
    cancelled_by: them
  - at: 2026-11-21 10:00
    with: [Tom Becker]
    cancelled_by: them
    cancelled: 2026-11-19
---
""")
    lines = sorted(f.line for f in journal.findings("JJ005"))
    assert lines == [journal.line("a.md", "done:"), journal.line("a.md", "cancelled_by:")]


# -- JJ006 duplicate application --------------------------------------------------------------

def test_jj006_two_live_applications_for_the_same_job(journal):
    journal.write("a.md", "---\ncompany: Northwind Analytics\nrole: Data Analyst\n"
                          "applied: 2026-11-20\n---\n")
    journal.write("b/c.md", "---\ncompany: northwind   ANALYTICS\nrole: data analyst\n"
                            "applied: 2026-11-21\n---\n")
    found = journal.findings("JJ006")
    assert found, "reported on at least one of the two files"
    for finding in found:
        other = "b/c.md" if finding.file == "a.md" else "a.md"
        assert other in finding.message
        assert finding.severity == "warning"
        assert finding.line == 2  # the company line


@pytest.mark.parametrize("second", [
    "company: Northwind Analytics\nrole: Senior Data Analyst\napplied: 2026-11-21\n",
    "company: Northwind Analytics\nrole: Data Analyst\napplied: 2026-10-01\n"
    "rejected: 2026-10-20\n",
    "company: Northwind Analytics\nrole: Data Analyst\n",  # only being considered
])
def test_jj006_quiet_for_another_role_or_a_closed_one(journal, second):
    journal.write("a.md", "---\ncompany: Northwind Analytics\nrole: Data Analyst\n"
                          "applied: 2026-11-20\n---\n")
    journal.write("b.md", "---\n" + second + "---\n")
    assert journal.findings("JJ006") == []


# -- ignore: per file, and JJ007 --------------------------------------------------------------

@pytest.mark.parametrize("key", ["JJ104", "thank-you"])
def test_ignore_silences_a_rule_for_that_file_with_its_reason(journal, key):
    journal.write("a.md", THANKLESS.format(key=key, reason="Thanked Tom by phone"))
    journal.write("b.md", THANKLESS.format(key="JJ110", reason="unused here")
                  .replace("Northwind Analytics", "Globex"))
    journal.check()
    assert [f.file for f in journal.findings("JJ104")] == ["b.md"]  # only the other file
    assert [f.application for f in journal.followups("JJ104")] == ["b"]
    assert journal.load().application("a").ignore[key][0] == "Thanked Tom by phone"
    # The entry that did silence something is not unused; the one in b.md is.
    assert [(f.file, f.line) for f in journal.findings("JJ007")] == [
        ("b.md", journal.line("b.md", "JJ110:"))]


def test_jj007_unused_ignore(journal):
    journal.write("a.md", THANKLESS.format(key="JJ110", reason="On my day off"))
    [finding] = journal.findings("JJ007")
    assert finding.severity == "info"
    assert finding.line == journal.line("a.md", "JJ110:")
    assert "JJ110" in finding.message
    assert journal.findings("JJ104")  # nothing was silenced


def test_ignore_silences_a_follow_up_not_yet_due(journal):
    # On the 18th at 16:00 the thank-you is not overdue: only its follow-up exists. The
    # ignore silences it, so the entry is not unused.
    journal.write("a.md", THANKLESS.format(key="JJ104", reason="Thanked Tom by phone"))
    journal.check(now=datetime(2026, 11, 18, 16, 0, tzinfo=ZoneInfo("Europe/London")))
    assert journal.followups("JJ104") == []
    assert journal.findings("JJ007") == []


def test_ignore_naming_no_rule_is_jj003(journal):
    journal.write("a.md", THANKLESS.format(key="JJ999", reason="Thanked Tom by phone"))
    [finding] = journal.findings("JJ003")
    assert finding.line == journal.line("a.md", "JJ999:")
    assert "names no rule" in finding.message
    assert journal.findings("JJ104")  # nothing silenced
    assert journal.findings("JJ007") == []  # reported once, as JJ003


def test_ignore_without_a_reason_is_jj004_and_silences_nothing(journal):
    journal.write("a.md", THANKLESS.format(key="JJ104", reason=""))
    [finding] = journal.findings("JJ004")
    assert finding.line == journal.line("a.md", "JJ104:")
    assert "reason" in finding.message
    assert journal.findings("JJ104")


def test_ignore_can_silence_format_findings_of_its_file(journal):
    journal.write("a.md", HEAD + "salry: 1\nignore:\n  unknown-field: my own key\n---\n")
    report = journal.check()
    assert journal.findings("JJ002") == []
    assert journal.findings("JJ007") == []
    assert [a.reason for a in report.acknowledged] == ["my own key"]


def test_ignore_jj007_silences_unused_ignore_reports(journal):
    journal.write("a.md", THANKLESS.format(key="JJ110", reason="day off").replace(
        "      JJ110: day off", "      JJ110: day off\n      JJ007: keeping these on purpose"))
    assert journal.findings("JJ007") == []
