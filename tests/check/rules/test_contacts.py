"""Advice about people: JJ105, JJ107, JJ108, JJ111, JJ112, and lapsing on closed applications.

Now is Wednesday 25 November 2026, 12:00 Europe/London.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest


def application(*, company: str = "Northwind Analytics", applied: str = "2026-11-12",
                recruiter: str = "Priya Shah", agency: str = "Hays", extra: str = "",
                log: str = "") -> str:
    parts = [f"company: {company}", "role: Data Analyst"]
    if applied:
        parts.append(f"applied: {applied}")
    if recruiter:
        parts.append(f"recruiter:\n  name: {recruiter}\n  agency: {agency}")
    if extra:
        parts.append(extra.strip("\n"))
    if log:
        parts.append("log:\n" + log.strip("\n"))
    return "---\n" + "\n".join(parts) + "\n---\n"


def entry(on: str, did: str, to: str = "", via: str = "") -> str:
    text = f"  - on: {on}\n    did: {did}\n"
    if to:
        text += f"    to: {to}\n"
    if via:
        text += f"    via: {via}\n"
    return text


INTERVIEW = """\
interviews:
  - at: 2026-11-18 14:00
    with:
      - name: Tom Becker
        email: tom.becker@northwind.example
    hear_back_by: 2026-11-30
contacts:
  - name: Mo Green
    title: HR Advisor
references:
  - name: Dr Helen Ward
    relation: former line manager"""


# -- JJ105 no-linkedin-before-offer -----------------------------------------------------------

@pytest.mark.parametrize("to", ["Tom Becker", "mo green"])
def test_jj105_fires_for_an_interviewer_or_contact_before_any_offer(journal, to):
    journal.write("a.md", application(extra=INTERVIEW, log=entry("2026-11-18 19:00", "linkedin",
                                                                 to)))
    [finding] = journal.findings("JJ105")
    assert finding.severity == "error"
    assert finding.line == journal.line("a.md", f"to: {to}")
    assert "withdraw" in finding.message


def test_jj105_fires_for_a_request_dated_before_the_offer(journal):
    extra = "offer: 2026-11-24\n" + INTERVIEW
    journal.write("a.md", application(extra=extra, log=entry("2026-11-23", "linkedin",
                                                             "Tom Becker")))
    assert len(journal.findings("JJ105")) == 1


@pytest.mark.parametrize("to, extra", [
    ("Tom Becker", "offer: 2026-11-20\n" + INTERVIEW),  # after the offer
    ("Tom Becker", "offer: 2026-11-23\n" + INTERVIEW),  # on the day of the offer
    ("Priya Shah", INTERVIEW),  # recruiters are fine
    ("Dr Helen Ward", INTERVIEW),  # referees are fine
])
def test_jj105_quiet(journal, to, extra):
    journal.write("a.md", application(extra=extra, log=entry("2026-11-23", "linkedin", to)))
    assert journal.findings("JJ105") == []


def test_jj105_still_applies_once_closed(journal):
    extra = "rejected: 2026-11-24\n" + INTERVIEW
    journal.write("a.md", application(extra=extra, log=entry("2026-11-19", "linkedin",
                                                             "Tom Becker")))
    assert len(journal.findings("JJ105")) == 1


# -- JJ107 right-person -----------------------------------------------------------------------

def test_jj107_fires_for_a_name_of_nobody(journal):
    journal.write("a.md", application(extra=INTERVIEW, log=entry("2026-11-18", "thank-you",
                                                                 "Tim Becker")))
    [finding] = journal.findings("JJ107")
    assert finding.severity == "error"
    assert finding.line == journal.line("a.md", "to: Tim Becker")


def test_jj107_names_the_company_and_file_of_the_person_elsewhere(journal):
    journal.write("2026/globex.md", application(
        company="Globex", recruiter="", extra="contacts:\n  - Rachel Moore"))
    journal.write("a.md", application(extra=INTERVIEW, log=entry("2026-11-18", "thank-you",
                                                                 "Rachel Moore")))
    [finding] = journal.findings("JJ107")
    assert finding.file == "a.md"
    assert "Globex" in finding.message
    assert "2026/globex.md" in finding.message


def test_jj107_recruiter_debrief_without_a_recruiter(journal):
    journal.write("a.md", application(recruiter="", extra=INTERVIEW,
                                      log=entry("2026-11-18 15:10", "recruiter-debrief")))
    [finding] = journal.findings("JJ107")
    assert finding.line == journal.line("a.md", "did: recruiter-debrief")


@pytest.mark.parametrize("to", ["Tom Becker", "tom   becker", "Priya Shah", "Mo Green",
                                "Dr Helen Ward"])
def test_jj107_quiet_for_people_of_this_application(journal, to):
    journal.write("a.md", application(extra=INTERVIEW, log=entry("2026-11-18 19:00",
                                                                 "thank-you", to)))
    assert journal.findings("JJ107") == []


def test_jj107_still_applies_once_closed(journal):
    journal.write("a.md", application(extra="rejected: 2026-11-20\n" + INTERVIEW,
                                      log=entry("2026-11-18", "thank-you", "Jane Doe")))
    assert len(journal.findings("JJ107")) == 1


# -- JJ108 references-heads-up ----------------------------------------------------------------

REFERENCE = """\
references:
  - name: Dr Helen Ward
    relation: former line manager
    email: h.ward@uni.example"""


def test_jj108_heads_up_due_when_references_are_shared(journal):
    log = entry("2026-11-20", "references-shared", "Priya Shah")
    journal.write("a.md", application(extra=REFERENCE, log=log))
    [followup] = journal.followups("JJ108")
    assert followup.title == "Give Dr Helen Ward a heads-up about Northwind Analytics"
    assert followup.due == date(2026, 11, 20)
    assert followup.overdue
    [finding] = journal.findings("JJ108")
    assert finding.severity == "warning"
    assert finding.line == journal.line("a.md", "- name: Dr Helen Ward")


@pytest.mark.parametrize("shared_by, due", [
    ("offer: 2026-11-19", date(2026, 11, 19)),
    ("references:\n  - name: Dr Helen Ward\n    contacted: 2026-11-24", date(2026, 11, 24)),
])
def test_jj108_shared_is_the_earliest_of_offer_and_contacted(journal, shared_by, due):
    extra = shared_by if shared_by.startswith("references") else shared_by + "\n" + REFERENCE
    log = entry("2026-11-21", "references-shared")
    journal.write("a.md", application(extra=extra, log=log))
    heads_up = [f for f in journal.followups("JJ108") if "heads-up" in f.title]
    # Sat 21 Nov is shared but the heads-up falls due on the next workday (v2: weekend).
    earliest = min(due, date(2026, 11, 21))
    assert [f.due for f in heads_up] == [earliest if earliest.weekday() < 5
                                         else date(2026, 11, 23)]


@pytest.mark.parametrize("on, fires", [("2026-11-19", False), ("2026-11-20", False),
                                       ("2026-11-21", False), (None, True)])
def test_jj108_a_heads_up_clears_it_even_after_sharing(journal, on, fires):
    """v2: late is better than never; only a missing heads-up leaves the follow-up."""
    log = (entry(on, "heads-up", "Dr Helen Ward") if on else "") + entry("2026-11-20",
                                                                          "references-shared")
    journal.write("a.md", application(extra=REFERENCE, log=log))
    assert bool(journal.followups("JJ108")) is fires


def test_jj108_quiet_until_references_are_shared(journal):
    journal.write("a.md", application(extra=REFERENCE))
    assert journal.followups("JJ108") == []


def test_jj108_thanks_after_contact(journal):
    extra = REFERENCE + "\n    contacted: 2026-11-24"
    log = entry("2026-11-19", "heads-up", "Dr Helen Ward")
    journal.write("a.md", application(extra=extra, log=log))
    [followup] = journal.followups("JJ108")
    assert followup.title == "Thank Dr Helen Ward for the reference (Northwind Analytics)"
    assert followup.due == date(2026, 11, 27)  # contacted + 3 days
    assert not followup.overdue
    assert journal.findings("JJ108") == []
    contacted_line = journal.line("a.md", "contacted:")
    journal.check(today=date(2026, 11, 28))
    [finding] = journal.findings("JJ108")
    assert finding.line == contacted_line


def test_jj108_thanks_limit_and_quiet_once_thanked(journal):
    journal.config("[rules.limits]\nreference_thanks_days = 7\n")
    extra = REFERENCE + "\n    contacted: 2026-11-24"
    log = entry("2026-11-19", "heads-up", "Dr Helen Ward")
    journal.write("a.md", application(extra=extra, log=log))
    assert journal.followups("JJ108")[0].due == date(2026, 12, 1)
    journal.write("a.md", application(extra=extra, log=log + entry(
        "2026-11-24 18:00", "thank-you", "Dr Helen Ward")))
    journal.check()
    assert journal.followups("JJ108") == []


def test_jj108_ids_differ_per_reference_and_per_kind(journal):
    extra = (REFERENCE + "\n    contacted: 2026-11-24\n  - name: Claire Dunn\n"
             "    contacted: 2026-11-24")
    journal.write("a.md", application(extra=extra))
    ids = [f.id for f in journal.followups("JJ108")]
    assert len(ids) == len(set(ids)) == 4


# -- JJ111 after-rejection --------------------------------------------------------------------

def test_jj111_thank_the_recruiter_and_ask_for_feedback(journal):
    journal.write("a.md", application(extra="rejected: 2026-11-20"))
    followups = journal.followups("JJ111")
    assert sorted(f.title for f in followups) == sorted([
        "Thank Priya Shah (Hays) for their work on Northwind Analytics",
        "Ask Priya Shah for feedback on your Northwind Analytics application",
    ])
    assert {f.due for f in followups} == {date(2026, 11, 23)}  # Sun 22 -> Mon 23 (weekend)
    assert all(f.overdue for f in followups)
    findings = journal.findings("JJ111")
    assert len(findings) == 2
    assert {(f.severity, f.line) for f in findings} == {
        ("warning", journal.line("a.md", "rejected:"))}
    assert len({f.id for f in followups}) == 2


def test_jj111_without_a_recruiter_only_feedback(journal):
    journal.write("a.md", application(recruiter="", extra="rejected: 2026-11-20"))
    [followup] = journal.followups("JJ111")
    assert "feedback" in followup.title


def test_jj111_counts_only_entries_on_or_after_the_rejection(journal):
    log = (entry("2026-11-19", "thank-you", "Priya Shah") +
           entry("2026-11-20", "feedback-requested"))
    journal.write("a.md", application(extra="rejected: 2026-11-20", log=log))
    [followup] = journal.followups("JJ111")
    assert followup.title.startswith("Thank Priya Shah")


def test_jj111_quiet_when_done_or_not_rejected(journal):
    log = entry("2026-11-21", "thank-you", "Priya Shah") + entry("2026-11-21", "chased")
    journal.write("a.md", application(extra="rejected: 2026-11-20", log=log + entry(
        "2026-11-22", "feedback-requested", "Priya Shah")))
    journal.write("b.md", application(company="Globex", extra="withdrawn: 2026-11-20"))
    assert journal.followups("JJ111") == []


def test_jj111_limit_and_not_yet_due(journal):
    journal.config("[rules.limits]\nafter_rejection_days = 5\n")
    journal.write("a.md", application(extra="rejected: 2026-11-20"))
    assert {f.due for f in journal.followups("JJ111")} == {date(2026, 11, 25)}
    assert journal.findings("JJ111") == []  # due today: not yet overdue


# -- lapsing: a closed application owes no more advice ----------------------------------------

def test_follow_ups_lapse_when_an_application_is_closed(journal):
    open_text = application(extra=INTERVIEW + "\n    contacted: 2026-11-20",
                            log=entry("2026-11-18 19:00", "linkedin", "Tom Becker")
                            + entry("2026-11-18", "thank-you", "Jane Doe"))
    journal.write("a.md", open_text)
    journal.check()
    assert {"JJ101", "JJ104", "JJ108"} <= {f.rule for f in journal.followups()}
    closed_text = open_text.replace("applied: 2026-11-12", "applied: 2026-11-12\n"
                                                           "rejected: 2026-11-22")
    journal.write("a.md", closed_text)
    journal.check()
    rules = {f.rule for f in journal.followups(application="a")}
    assert not rules & {"JJ101", "JJ103", "JJ104", "JJ108", "JJ114"}
    assert "JJ111" in rules  # the closing itself
    assert "JJ112" in rules  # about the recruiter, not the application
    found = journal.rules_found()
    assert {"JJ105", "JJ107", "JJ111"} <= found
    assert not found & {"JJ101", "JJ103", "JJ104", "JJ108"}


# -- JJ112 keep-in-touch ----------------------------------------------------------------------

def test_jj112_check_in_after_the_last_contact_and_linkedin_at_once(journal):
    log = entry("2026-10-01", "check-in", "Priya Shah") + entry("2026-10-20", "meeting",
                                                               "priya shah")
    journal.write("a.md", application(applied="2026-09-20", log=log))
    [followup] = journal.followups("JJ112")
    assert followup.title == "Check in with Priya Shah (Hays)"
    assert followup.due == date(2026, 11, 19)  # 20 Oct + 30 days
    assert followup.overdue
    findings = journal.findings("JJ112")
    assert {f.severity for f in findings} == {"info"}
    # The recruiter's node: its mapping starts at its first key.
    assert {f.line for f in findings} == {journal.line("a.md", "name: Priya Shah")}
    assert len(findings) == 2  # overdue check-in, and no LinkedIn connection
    assert any("LinkedIn" in f.message for f in findings)


def test_jj112_recruiter_debrief_counts_as_contact_and_linkedin_silences(journal):
    log = entry("2026-11-18 15:00", "recruiter-debrief") + entry("2026-09-30", "linkedin",
                                                                 "Priya Shah")
    journal.write("a.md", application(applied="2026-09-20", log=log))
    [followup] = journal.followups("JJ112")
    # N days after a contact is a date, never the contact's copied time (v2).
    assert followup.due == date(2026, 12, 18)
    assert not followup.overdue
    assert journal.findings("JJ112") == []


def test_jj112_without_contact_counts_from_the_earliest_application(journal):
    journal.write("a.md", application(applied="2026-10-01"))
    journal.write("b.md", application(company="Globex", applied="2026-11-01"))
    [followup] = journal.followups("JJ112")
    assert followup.due == date(2026, 11, 2)  # Sat 31 Oct, moved to the next workday


def test_jj112_attaches_to_the_newest_application_across_files(journal):
    journal.write("z-old.md", application(applied="2026-09-01", log=entry(
        "2026-09-05", "check-in", "Priya Shah")))
    journal.write("a-new.md", application(company="Globex", applied="2026-11-10"))
    journal.write("m-mid.md", application(company="Initech", applied="2026-10-01"))
    [followup] = journal.followups("JJ112")
    assert followup.application == "a-new"
    assert followup.due == date(2026, 10, 5)  # the contact logged in the old file counts
    findings = journal.findings("JJ112")
    assert {f.file for f in findings} == {"a-new.md"}


def test_jj112_does_not_lapse_when_the_newest_application_closes(journal):
    journal.write("a.md", application(applied="2026-10-01", extra="rejected: 2026-11-20"))
    [followup] = journal.followups("JJ112")
    assert followup.application == "a"
    assert journal.findings("JJ112")


def test_jj112_same_name_other_agency_is_another_recruiter(journal):
    journal.write("a.md", application(applied="2026-10-01"))
    journal.write("b.md", application(company="Globex", agency="Reed", applied="2026-10-02"))
    assert len(journal.followups("JJ112")) == 2


def test_jj112_quiet_once_the_search_is_over(journal):
    journal.write("a.md", application(applied="2026-10-01"))
    journal.write("b.md", application(company="Globex", recruiter="", applied="2026-09-01",
                                      extra="offer: 2026-11-10\nsigned: 2026-11-12"))
    assert journal.followups("JJ112") == []
    assert journal.findings("JJ112") == []


def test_jj112_limit_and_stable_id(journal):
    journal.write("a.md", application(applied="2026-10-01"))
    journal.config('weekend = []\n')
    before = journal.check().followups
    journal.config("weekend = []\n[rules.limits]\nkeep_in_touch_days = 10\n")
    after = journal.check().followups
    [b] = [f for f in before if f.rule == "JJ112"]
    [a] = [f for f in after if f.rule == "JJ112"]
    assert a.due == b.due - timedelta(days=20)
    assert a.id == b.id


def test_jj108_and_jj111_ids_stable_when_dates_change(journal):
    extra = REFERENCE + "\n    contacted: 2026-11-20"
    journal.write("a.md", application(extra="rejected: 2026-11-20\n" + extra))
    journal.config("weekend = []\n[rules.limits]\nafter_rejection_days = 1\n")
    journal.check()
    # JJ108 lapses on a closed application: look at it on an open copy.
    journal.write("b.md", application(company="Globex", extra=extra))
    journal.check()
    before = {(f.application, f.rule, f.title): f for f in journal.followups()
              if f.rule in ("JJ108", "JJ111")}
    journal.write("a.md", application(extra="rejected: 2026-11-21\n" + extra.replace(
        "2026-11-20", "2026-11-22")))
    journal.write("b.md", application(company="Globex", extra=extra.replace(
        "2026-11-20", "2026-11-22")))
    journal.check()
    after = {(f.application, f.rule, f.title): f for f in journal.followups()
             if f.rule in ("JJ108", "JJ111")}
    assert set(before) == set(after)
    assert {k[1] for k in before} == {"JJ108", "JJ111"}
    for key in before:
        assert before[key].due != after[key].due
        assert before[key].id == after[key].id
