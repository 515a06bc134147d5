"""Advice around each interview: JJ101, JJ102, JJ103, JJ104, JJ106, JJ110.

Now is Wednesday 25 November 2026, 12:00 Europe/London (UTC+0 in November).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def application(*, recruiter: str = "", interviews: str = "", log: str = "",
                extra: str = "", company: str = "Northwind Analytics") -> str:
    """An application file; each part is YAML text at the top level."""
    parts = [f"company: {company}", "role: Data Analyst", "applied: 2026-11-12"]
    if recruiter:
        parts.append(recruiter.strip("\n"))
    if interviews:
        parts.append("interviews:\n" + interviews.strip("\n"))
    if log:
        parts.append("log:\n" + log.strip("\n"))
    if extra:
        parts.append(extra.strip("\n"))
    return "---\n" + "\n".join(parts) + "\n---\n"


PRIYA = """\
recruiter:
  name: Priya Shah
  agency: Hays
  title: Senior Consultant
  email: priya.shah@recruit.example"""

TOM = """\
      - name: Tom Becker
        title: Head of Data
        email: tom.becker@northwind.example"""

# One past interview (Wednesday 18 November, 14:00–15:00) with Tom, news promised by the 30th.
PAST = f"""\
  - at: 2026-11-18 14:00
    with:
{TOM}
    hear_back_by: 2026-11-30"""

# One upcoming interview (Wednesday 2 December, 10:00–11:00).
UPCOMING = f"""\
  - at: 2026-12-02 10:00
    with:
{TOM}"""


# -- JJ101 debrief-recruiter ------------------------------------------------------------------

def test_jj101_fires_after_an_interview_without_a_debrief(journal):
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST))
    [followup] = journal.followups("JJ101")
    assert followup.title == "Debrief Priya Shah (Hays) on your Northwind Analytics interview"
    assert followup.due == at(18, 19)  # end 15:00 + 4 hours
    assert followup.overdue
    assert followup.application == "a"
    [finding] = journal.findings("JJ101")
    assert finding.severity == "warning"
    assert finding.line == journal.line("a.md", "- at: 2026-11-18")


@pytest.mark.parametrize("on", ["2026-11-18 15:10", "2026-11-18", "2026-11-20"])
def test_jj101_quiet_once_debriefed_at_or_after_the_start(journal, on):
    log = f"  - on: {on}\n    did: recruiter-debrief\n"
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST, log=log))
    assert journal.followups("JJ101") == []
    assert journal.findings("JJ101") == []


def test_jj101_a_debrief_before_the_interview_does_not_count(journal):
    log = "  - on: 2026-11-17 10:00\n    did: recruiter-debrief\n"
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST, log=log))
    assert len(journal.followups("JJ101")) == 1


@pytest.mark.parametrize("recruiter, interviews", [
    ("", PAST),  # no recruiter
    (PRIYA, UPCOMING),  # not yet happened
    (PRIYA, PAST + "\n    cancelled: 2026-11-17\n    cancelled_by: them"),
])
def test_jj101_quiet_without_recruiter_or_past_interview(journal, recruiter, interviews):
    journal.write("a.md", application(recruiter=recruiter, interviews=interviews))
    assert journal.followups("JJ101") == []


def test_jj101_not_yet_due_is_listed_without_a_finding(journal):
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST))
    journal.check(now=at(18, 18, 59))
    [followup] = journal.followups("JJ101")
    assert not followup.overdue
    assert journal.findings("JJ101") == []
    journal.check(now=at(18, 19, 1))
    assert journal.followups("JJ101")[0].overdue
    assert len(journal.findings("JJ101")) == 1


def test_jj101_limit_debrief_hours(journal):
    journal.config("[rules.limits]\ndebrief_hours = 48\n")
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST))
    assert journal.followups("JJ101")[0].due == at(20, 15)


def test_jj101_id_is_stable_when_the_time_or_title_changes(journal):
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST))
    journal.check()
    before = journal.followups("JJ101")[0]
    moved = PAST.replace("2026-11-18 14:00", "2026-11-19 09:30")
    renamed = PRIYA.replace("Senior Consultant", "Principal Consultant").replace(
        "agency: Hays", "agency: Hays Specialist Recruitment")
    journal.write("a.md", application(recruiter=renamed, interviews=moved,
                                      company="Northwind Analytics Ltd"))
    journal.check()
    after = journal.followups("JJ101")[0]
    assert after.due != before.due and after.title != before.title
    assert after.id == before.id


def test_jj101_one_follow_up_per_interview(journal):
    second = PAST.replace("2026-11-18 14:00", "2026-11-23 10:00")
    journal.write("a.md", application(recruiter=PRIYA, interviews=PAST + "\n" + second))
    ids = [f.id for f in journal.followups("JJ101")]
    assert len(ids) == len(set(ids)) == 2


# -- JJ102 agree-debrief-call -----------------------------------------------------------------

def test_jj102_fires_before_an_interview_without_debrief(journal):
    journal.write("a.md", application(recruiter=PRIYA, interviews=UPCOMING))
    [followup] = journal.followups("JJ102")
    assert followup.due == at(1, 10, month=12)  # one day before the start
    assert not followup.overdue
    assert "Priya Shah" in followup.title
    assert journal.findings("JJ102") == []  # not yet due: listed, not reported


def test_jj102_due_now_when_the_day_before_has_passed_so_never_overdue(journal):
    tomorrow = UPCOMING.replace("2026-12-02 10:00", "2026-11-26 10:00")
    journal.write("a.md", application(recruiter=PRIYA, interviews=tomorrow))
    report = journal.check()
    [followup] = journal.followups("JJ102")
    assert followup.due == report.now
    assert not followup.overdue
    assert journal.findings("JJ102") == []


@pytest.mark.parametrize("recruiter, interviews", [
    (PRIYA, UPCOMING + "\n    debrief: they-call"),
    (PRIYA, UPCOMING + "\n    debrief: i-call"),
    ("", UPCOMING),
    (PRIYA, PAST),  # never for past interviews
    (PRIYA, UPCOMING + "\n    cancelled: 2026-11-20\n    cancelled_by: them"),
])
def test_jj102_quiet(journal, recruiter, interviews):
    journal.write("a.md", application(recruiter=recruiter, interviews=interviews))
    assert journal.followups("JJ102") == []


# -- JJ103 hear-back --------------------------------------------------------------------------

def test_jj103_question_when_no_hear_back_by(journal):
    interviews = PAST.replace("\n    hear_back_by: 2026-11-30", "")
    journal.write("a.md", application(interviews=interviews))
    [finding] = journal.findings("JJ103")
    assert finding.severity == "info"
    assert finding.line == journal.line("a.md", "- at:")
    assert "hear_back_by" in finding.message
    assert journal.followups("JJ103") == []


@pytest.mark.parametrize("extra", [
    "offer: 2026-11-20",  # a milestone came after
    "rejected: 2026-11-20",  # not live
])
def test_jj103_question_quiet_when_something_came_after(journal, extra):
    interviews = PAST.replace("\n    hear_back_by: 2026-11-30", "")
    journal.write("a.md", application(interviews=interviews, extra=extra))
    assert journal.findings("JJ103") == []


def test_jj103_question_only_for_the_latest_past_interview(journal):
    first = PAST.replace("\n    hear_back_by: 2026-11-30", "")
    second = first.replace("2026-11-18 14:00", "2026-11-23 10:00")
    journal.write("a.md", application(interviews=first + "\n" + second))
    [finding] = journal.findings("JJ103")
    assert finding.line == journal.line("a.md", "- at: 2026-11-23")
    journal.write("a.md", application(interviews=first + "\n" + UPCOMING))
    journal.check()
    assert journal.findings("JJ103") == []  # a later interview came


def test_jj103_chase_when_hear_back_by_passed(journal):
    interviews = PAST.replace("2026-11-30", "2026-11-23")
    journal.write("a.md", application(recruiter=PRIYA, interviews=interviews))
    [followup] = journal.followups("JJ103")
    assert followup.title == "Chase Priya Shah for news on Northwind Analytics"
    assert followup.due == date(2026, 11, 24)  # the day after hear_back_by
    assert followup.overdue  # the 24th has ended
    [finding] = journal.findings("JJ103")
    assert finding.severity == "warning"
    assert finding.line == journal.line("a.md", "hear_back_by:")


def test_jj103_chase_names_the_first_interviewer_without_recruiter(journal):
    interviews = PAST.replace("2026-11-30", "2026-11-23")
    journal.write("a.md", application(interviews=interviews))
    assert journal.followups("JJ103")[0].title == (
        "Chase Tom Becker for news on Northwind Analytics")


def test_jj103_chase_due_today_is_not_yet_overdue(journal):
    interviews = PAST.replace("2026-11-30", "2026-11-24")
    journal.write("a.md", application(recruiter=PRIYA, interviews=interviews))
    [followup] = journal.followups("JJ103")
    assert followup.due == date(2026, 11, 25)
    assert not followup.overdue
    assert journal.findings("JJ103") == []


def test_jj103_quiet_until_hear_back_by_has_passed(journal):
    interviews = PAST.replace("2026-11-30", "2026-11-25")
    journal.write("a.md", application(recruiter=PRIYA, interviews=interviews))
    assert journal.followups("JJ103") == []
    assert journal.findings("JJ103") == []


@pytest.mark.parametrize("did, on, quiet", [
    ("chased", "2026-11-23", True),
    ("feedback-requested", "2026-11-24 09:00", True),
    ("chased", "2026-11-22", False),  # before hear_back_by: does not count
    ("note", "2026-11-24", False),
])
def test_jj103_chase_quiet_once_chased_on_or_after(journal, did, on, quiet):
    interviews = PAST.replace("2026-11-30", "2026-11-23")
    log = f"  - on: {on}\n    did: {did}\n"
    journal.write("a.md", application(recruiter=PRIYA, interviews=interviews, log=log))
    assert (journal.followups("JJ103") == []) is quiet


def test_jj103_id_stable_when_hear_back_by_moves(journal):
    journal.write("a.md", application(interviews=PAST.replace("2026-11-30", "2026-11-19")))
    first = journal.check().followups
    journal.write("a.md", application(interviews=PAST.replace("2026-11-30", "2026-11-23")))
    second = journal.check().followups
    [a] = [f for f in first if f.rule == "JJ103"]
    [b] = [f for f in second if f.rule == "JJ103"]
    assert a.due != b.due and a.id == b.id


# -- JJ104 thank-you --------------------------------------------------------------------------

TWO_INTERVIEWERS = """\
  - at: 2026-11-18 14:00
    with:
      - name: Tom Becker
        email: tom.becker@northwind.example
      - Aisha Rahman
      - name: Mo Green
        email: mo.green@northwind.example
        direct: false
      - name: Lee Ford
        direct: true
    hear_back_by: 2026-11-30"""


def test_jj104_per_interviewer_direct_or_via_recruiter(journal):
    journal.write("a.md", application(recruiter=PRIYA, interviews=TWO_INTERVIEWERS))
    by_title = {f.title: f for f in journal.followups("JJ104")}
    assert set(by_title) == {
        "Send Tom Becker a thank-you (Northwind Analytics)",
        "Ask Priya Shah to pass your thanks to Aisha Rahman (Northwind Analytics)",
        "Ask Priya Shah to pass your thanks to Mo Green (Northwind Analytics)",
        "Send Lee Ford a thank-you (Northwind Analytics)",
    }
    for followup in by_title.values():
        assert followup.due == at(19, 15)  # end 15:00 + 24 hours
        assert followup.overdue
    assert len({f.id for f in by_title.values()}) == 4  # different interviewers, different ids
    lines = sorted(f.line for f in journal.findings("JJ104"))
    assert lines == sorted([journal.line("a.md", "- name: Tom Becker"),
                            journal.line("a.md", "- Aisha Rahman"),
                            journal.line("a.md", "- name: Mo Green"),
                            journal.line("a.md", "- name: Lee Ford")])
    assert {f.severity for f in journal.findings("JJ104")} == {"warning"}


def test_jj104_no_recruiter_and_no_direct_contact_means_nothing(journal):
    interviews = "  - at: 2026-11-18 14:00\n    with: [Aisha Rahman]\n    hear_back_by: 2026-11-30"
    journal.write("a.md", application(interviews=interviews))
    assert journal.followups("JJ104") == []


def test_jj104_quiet_when_thanked_the_right_way(journal):
    log = """\
  - on: 2026-11-18 19:30
    did: thank-you
    to: tom  BECKER
  - on: 2026-11-18
    did: thank-you
    to: Aisha Rahman
    via: recruiter
  - on: 2026-11-19
    did: thank-you
    to: Mo Green
    via: recruiter
  - on: 2026-11-20
    did: thank-you
    to: Lee Ford"""
    journal.write("a.md", application(recruiter=PRIYA, interviews=TWO_INTERVIEWERS, log=log))
    assert journal.followups("JJ104") == []
    assert journal.findings("JJ104") == []


def test_jj104_thanks_must_follow_the_interview_direct_or_via(journal):
    log = """\
  - on: 2026-11-17
    did: thank-you
    to: Tom Becker
  - on: 2026-11-18 19:00
    did: thank-you
    to: Aisha Rahman"""
    journal.write("a.md", application(recruiter=PRIYA, interviews=TWO_INTERVIEWERS, log=log))
    titles = {f.title for f in journal.followups("JJ104")}
    # Tom's came before the interview started; v2: any thank-you to Aisha since the
    # interview counts, direct or through the recruiter, so only hers is cleared.
    assert titles == {"Send Tom Becker a thank-you (Northwind Analytics)",
                      "Ask Priya Shah to pass your thanks to Mo Green (Northwind Analytics)",
                      "Send Lee Ford a thank-you (Northwind Analytics)"}


def test_jj104_not_yet_due(journal):
    journal.write("a.md", application(interviews=PAST))
    journal.check(now=at(19, 14))
    [followup] = journal.followups("JJ104")
    assert not followup.overdue
    assert journal.findings("JJ104") == []


def test_jj104_limit_thank_you_hours(journal):
    journal.config("[rules.limits]\nthank_you_hours = 2\n")
    journal.write("a.md", application(interviews=PAST))
    assert journal.followups("JJ104")[0].due == at(18, 17)


def test_jj104_ids(journal):
    second = PAST.replace("2026-11-18 14:00", "2026-11-23 10:00")
    journal.write("a.md", application(interviews=PAST + "\n" + second))
    first_run = journal.check().followups
    ids = [f.id for f in first_run if f.rule == "JJ104"]
    assert len(set(ids)) == 2  # the same interviewer in two interviews: two follow-ups
    # Move the interviews and retitle Tom: ids stay.
    moved = (PAST.replace("14:00", "15:30") + "\n" + second.replace("10:00", "11:00")).replace(
        "Head of Data", "Director of Data")
    journal.write("a.md", application(interviews=moved))
    assert [f.id for f in journal.check().followups if f.rule == "JJ104"] == ids


# -- JJ106 name-your-interviewers -------------------------------------------------------------

def test_jj106_warning_for_a_past_interview_without_with(journal):
    """v2: the clock never makes an error; a past interview without 'with:' warns."""
    journal.write("a.md", application(interviews="  - at: 2026-11-18 14:00\n"))
    [finding] = journal.findings("JJ106")
    assert finding.severity == "warning"
    assert finding.line == journal.line("a.md", "- at:")


def test_jj106_info_for_an_upcoming_interview_without_with(journal):
    journal.write("a.md", application(interviews="  - at: 2026-12-02 10:00\n"))
    [finding] = journal.findings("JJ106")
    assert finding.severity == "info"


@pytest.mark.parametrize("interviews", [
    PAST, UPCOMING,
    "  - at: 2026-11-18 14:00\n    cancelled: 2026-11-17\n    cancelled_by: them\n",
])
def test_jj106_quiet(journal, interviews):
    journal.write("a.md", application(interviews=interviews))
    assert journal.findings("JJ106") == []


# -- JJ110 day-job ----------------------------------------------------------------------------

HOURS = 'working_hours = "Mon-Fri 09:00-17:30"\n'


def test_jj110_fires_at_once_for_an_interview_in_working_hours(journal):
    journal.config(HOURS)
    journal.write("a.md", application(interviews=UPCOMING))
    [finding] = journal.findings("JJ110")
    assert finding.severity == "info"
    assert finding.line == journal.line("a.md", "- at:")
    [followup] = journal.followups("JJ110")
    assert followup.title == "Book time off for the Northwind Analytics interview"
    assert followup.due == at(29, 10)  # three days before
    assert not followup.overdue


def test_jj110_due_now_when_sooner(journal):
    journal.config(HOURS)
    journal.write("a.md", application(interviews=UPCOMING.replace("12-02", "11-26")))
    report = journal.check()
    [followup] = journal.followups("JJ110")
    assert followup.due == report.now
    assert not followup.overdue


@pytest.mark.parametrize("config, interviews", [
    ("", UPCOMING),  # working_hours not set
    (HOURS, UPCOMING + "\n    time_off: true"),
    (HOURS, UPCOMING.replace("10:00", "18:00")),  # after work
    (HOURS, UPCOMING.replace("2026-12-02", "2026-12-05")),  # a Saturday
    (HOURS, PAST),  # past
])
def test_jj110_quiet(journal, config, interviews):
    if config:
        journal.config(config)
    journal.write("a.md", application(interviews=interviews))
    assert journal.findings("JJ110") == []
    assert journal.followups("JJ110") == []


def test_jj110_overlap_at_the_edge_of_working_hours(journal):
    journal.config(HOURS)
    journal.write("a.md", application(interviews=UPCOMING.replace("10:00", "08:30")))
    assert len(journal.findings("JJ110")) == 1  # 08:30–09:30 overlaps 09:00


def test_jj110_severity_from_config(journal):
    journal.config(HOURS + '[rules]\nseverity = { day-job = "warning" }\n')
    journal.write("a.md", application(interviews=UPCOMING))
    assert [f.severity for f in journal.findings("JJ110")] == ["warning"]


def test_jj102_and_jj110_ids_stable_when_the_interview_moves(journal):
    journal.config(HOURS)
    journal.write("a.md", application(recruiter=PRIYA, interviews=UPCOMING))
    journal.check()
    before = {f.rule: f for f in journal.followups() if f.rule in ("JJ102", "JJ110")}
    journal.write("a.md", application(recruiter=PRIYA, interviews=UPCOMING.replace(
        "2026-12-02 10:00", "2026-12-03 11:00")))
    journal.check()
    after = {f.rule: f for f in journal.followups() if f.rule in ("JJ102", "JJ110")}
    assert set(before) == set(after) == {"JJ102", "JJ110"}
    for rule in before:
        assert before[rule].due != after[rule].due
        assert before[rule].id == after[rule].id
