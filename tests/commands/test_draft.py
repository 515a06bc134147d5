"""`jobjournal draft`: each kind of email for the example journal at 25 November 2026, the
follow-up owed chosen by default, and a journal's own template replacing the theme's."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from jobjournal.cli import main
from jobjournal.core.followups import FollowUp
from jobjournal.core.model import Application, Person
from jobjournal.render.drafts import KINDS, MARK, Draft, kind_of

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def draft(capsys, *args: str, journal: Path = EXAMPLE) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["draft", *args, "--journal", str(journal), "--today", "2026-11-25"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_thank_you_owed_to_an_interviewer(capsys):
    code, out, _ = draft(capsys, "kirkgate")
    assert code == 0
    assert out.startswith("To: Ben Castle <ben.castle@kirkgate-analytics.example>\n"
                          "Subject: Thank you for the first interview on Thursday 12 November\n"
                          "\nDear Ben,\n")
    assert "the Analytics Engineer role at Kirkgate Analytics" in out
    assert out.count(MARK) == 1


def test_thank_you_passed_through_the_recruiter(capsys):
    code, out, _ = draft(capsys, "holbeck", "--kind", "thank-you-via-recruiter",
                         "--to", "mark sutton")
    assert code == 0
    assert out.startswith("To: Daniel Price <daniel.price@harrowfinch.example>\n")
    assert "Could you pass my thanks on to Mark Sutton for the final (technical test + panel) " \
           "on Thursday 5 November?" in out
    assert "I enjoyed meeting Mark" in out and out.count(MARK) == 1


def test_chase_after_the_hear_back_day(capsys):
    code, out, _ = draft(capsys, "moortown")
    assert code == 0
    assert out.startswith("To: Laura Bennett <laura.bennett@moortowninsurance.example>\n"
                          "Subject: Marketing Data Analyst at Moortown Insurance: any news "
                          "after the screening call?\n")
    assert "following my screening call on Tuesday 10 November" in out


def test_chase_after_an_application_and_the_check_in_both_owed_to_the_recruiter(capsys):
    code, out, _ = draft(capsys, "aire-valley-insight-analyst-loiner", "--to", "Callum Hughes")
    assert code == 0
    first, second = out.split("\n\nTo: ")
    assert first.startswith("To: Callum Hughes <callum@loinerrecruitment.example>\n"
                            "Subject: My application for the Insight Analyst role at Aire "
                            "Valley Insight\n")
    assert "I applied for the Insight Analyst role at Aire Valley Insight on Tuesday 3 " \
           "November" in first
    assert second.startswith("Callum Hughes <callum@loinerrecruitment.example>\n"
                             "Subject: Checking in\n")
    assert "going well at Loiner Recruitment" in second


def test_referee_heads_up(capsys):
    code, out, _ = draft(capsys, "calder", "--to", "Dr Martin Osei", "--kind",
                         "referee-heads-up")
    assert code == 0
    assert out.startswith("To: Dr Martin Osei <m.osei@uni.example>\nSubject: A heads-up: "
                          "Calder Mutual may contact you for a reference\n\nDear Martin,\n")
    assert "for the Senior Data Analyst role (through Ridings Talent)" in out
    assert out.count(MARK) == 1


def test_referee_thank_you_owed(capsys):
    code, out, _ = draft(capsys, "calder", "--to", "claire  dunn")
    assert code == 0
    assert out.startswith("To: Claire Dunn <claire.dunn@wetherbyfoods.example>\n"
                          "Subject: Thank you for the reference for Calder Mutual\n")
    assert "contacted you on Tuesday 24 November" in out
    assert "Checking in" not in out  # only what is owed to Claire


def test_feedback_request_after_rejection(capsys):
    code, out, _ = draft(capsys, "holbeck", "--kind", "feedback-request")
    assert code == 0
    assert out.startswith("To: Daniel Price <daniel.price@harrowfinch.example>\n"
                          "Subject: Feedback on my application for the BI Analyst role\n")
    assert "the final (technical test + panel) on Thursday 5 November in particular" in out


def test_thank_you_after_rejection_owed(capsys):
    code, out, _ = draft(capsys, "holbeck")
    assert code == 0
    assert out.startswith("To: Daniel Price <daniel.price@harrowfinch.example>\n"
                          "Subject: Thank you for your help with Holbeck Logistics\n")


def test_polite_withdrawal(capsys):
    code, out, _ = draft(capsys, "leodis", "--kind", "withdraw")
    assert code == 0
    assert out.startswith("To: Callum Hughes <callum@loinerrecruitment.example>\n"
                          "Subject: Withdrawing my application for the Data Scientist role\n")
    assert "I have accepted another offer" in out and "Leodis Labs" in out


def test_recruiter_check_in(capsys):
    code, out, _ = draft(capsys, "calder", "--to", "Jess Okafor")
    assert code == 0
    assert out.startswith("To: Jess Okafor <jess.okafor@ridingstalent.example>\n"
                          "Subject: Checking in\n\nHi Jess,\n")


def test_every_kind_renders_with_one_marked_place(capsys):
    for kind in KINDS:
        to = {"referee-heads-up": "Claire Dunn", "referee-thank-you": "Claire Dunn",
              "thank-you": "Rachel Moore", "thank-you-via-recruiter": "Gemma Clarke"
              }.get(kind, "Jess Okafor")
        code, out, err = draft(capsys, "calder", "--kind", kind, "--to", to)
        assert code == 0, (kind, err)
        assert out.count(MARK) == 1, kind
        assert "{{" not in out and "{%" not in out


def test_nothing_owed_and_unknown_names(capsys):
    code, _, err = draft(capsys, "headrow")
    assert code == 1 and "No email is owed" in err
    code, _, err = draft(capsys, "calder", "--to", "Tom Becker")
    assert code == 2 and "'Tom Becker' is nobody of calder-mutual-senior-data-analyst.md" in err
    assert "Jess Okafor" in err
    code, _, err = draft(capsys, "calder", "--kind", "haiku")
    assert code == 2 and "unknown kind 'haiku'" in err


def test_a_journal_template_overrides_the_theme(tmp_path, capsys):
    journal = tmp_path / "journal"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    emails = journal / "templates" / "emails"
    emails.mkdir(parents=True)
    (emails / "thank-you.txt").write_text(
        "Subject: Merci, {{ first_name }}\n\nBonjour {{ first_name }},\n\nMerci pour "
        "l'entretien du {{ interview_day }} ({{ company }}). […]\n", encoding="utf-8")
    code, out, _ = draft(capsys, "kirkgate", journal=journal)
    assert code == 0
    assert out == ("To: Ben Castle <ben.castle@kirkgate-analytics.example>\nSubject: Merci, Ben"
                   "\n\nBonjour Ben,\n\nMerci pour l'entretien du Thursday 12 November "
                   "(Kirkgate Analytics). […]\n")
    code, out, _ = draft(capsys, "moortown", journal=journal)  # other kinds: the theme's
    assert "any news after the screening call?" in out
    (emails / "chase.txt").write_text("no subject line\n", encoding="utf-8")
    code, _, err = draft(capsys, "moortown", journal=journal)
    assert code == 2 and "emails/chase.txt: the first line must be 'Subject: ...'" in err


def _followup(rule: str, people: tuple[Person, ...]) -> FollowUp:
    return FollowUp(id=f"{rule.lower()}-x", rule=rule, application="a", file="a.md", line=1,
                    title="t", due=None, problem="p", people=people)  # type: ignore[arg-type]


def test_the_kind_follows_the_rule_including_withdraw_politely():
    person = Person("Kate Summers", 1, email="kate@example.org")
    application = Application(slug="a", file="a.md", line=1, company="Globex", role="R")
    assert kind_of(_followup("JJ115", (person,)), application) == "withdraw"
    assert kind_of(_followup("JJ112", (person,)), application) == "check-in"
    assert kind_of(_followup("JJ114", ()), application) == "chase"
    assert kind_of(_followup("JJ101", (person,)), application) is None  # a call, not an email
    assert kind_of(_followup("JJ113", ()), application) is None


@pytest.mark.parametrize("subject, body", [
    ("Thanks & regards: 100% #1?", "Dear Ben,\n\nLine two; a=b & c […]\n"),
])
def test_mailto_encodes_subject_and_body(subject, body):
    person = Person("Ben Castle", 1, email="ben.castle@kirkgate-analytics.example")
    link = Draft("thank-you", person, None, subject, body).mailto()
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "ben.castle@kirkgate-analytics.example"
    assert " " not in link and "\n" not in link and "&c" not in link
    query = parse_qs(parts.query)
    assert query == {"subject": [subject], "body": [body.replace("\n", "\r\n")]}


GLOBEX = """---
company: Globex
role: HR Partner
applied: 2026-11-01
recruiter:
  name: Priya Shah
  agency: Hays
  email: priya.shah@hays.example
interviews:
  - at: 2026-11-24 10:00
    stage: Second interview
    with:
      - Aisha Rahman
    debrief: they-call
references:
  - name: Dr Helen Ward
    relation: former manager
    email: h.ward@uni.example
log:
  - on: 2026-11-24 11:30
    did: recruiter-debrief
  - on: 2026-11-24 12:00
    did: references-shared
---
"""

INITECH = """---
company: Initech
role: Analyst
applied: 2026-10-01
rejected: 2026-11-20
contacts:
  - name: Bill Lumbergh
    email: bill@initech.example
---
"""


def test_the_owed_kind_follows_each_rule(tmp_path, capsys):
    (tmp_path / "globex.md").write_text(GLOBEX, encoding="utf-8")
    (tmp_path / "initech.md").write_text(INITECH, encoding="utf-8")
    # No address for Aisha: the thank-you goes through the recruiter.
    code, out, _ = draft(capsys, "globex", "--to", "Aisha Rahman", journal=tmp_path)
    assert code == 0
    assert out.startswith("To: Priya Shah <priya.shah@hays.example>\nSubject: Thanks to "
                          "Aisha Rahman after the Globex second interview\n\nHi Priya,\n")
    assert "on Tuesday 24 November" in out
    code, out, _ = draft(capsys, "globex", "--to", "dr helen ward", journal=tmp_path)
    assert code == 0
    assert out.startswith("To: Dr Helen Ward <h.ward@uni.example>\nSubject: A heads-up: "
                          "Globex may contact you for a reference\n\nDear Helen,\n")
    assert "(through Hays)" in out
    # Without a recruiter, the feedback request goes to the company's contact.
    code, out, _ = draft(capsys, "initech", journal=tmp_path)
    assert code == 0
    assert out.startswith("To: Bill Lumbergh <bill@initech.example>\n"
                          "Subject: Feedback on my application for the Analyst role\n")


def _has_rule(rule_id: str) -> bool:
    from jobjournal.check.registry import find_rule

    return find_rule(rule_id) is not None


@pytest.mark.skipif(not _has_rule("JJ115"), reason="JJ115 withdraw-politely is not here yet")
def test_withdrawal_owed_after_signing_goes_to_the_company_when_nobody_is_known(tmp_path,
                                                                                  capsys):
    (tmp_path / "signed.md").write_text("---\ncompany: Calder Mutual\nrole: Analyst\n"
                                        "applied: 2026-10-01\noffer: 2026-11-10\n"
                                        "signed: 2026-11-20\n---\n", encoding="utf-8")
    (tmp_path / "otley.md").write_text("---\ncompany: Otley Run Analytics\nrole: Analytics "
                                       "Officer\napplied: 2026-11-02\n---\n", encoding="utf-8")
    code, out, _ = draft(capsys, "otley", journal=tmp_path)
    assert code == 0
    assert out.startswith("To: The hiring team at Otley Run Analytics (nobody there is in the "
                          "journal: add a contact)\nSubject: Withdrawing my application for "
                          "the Analytics Officer role\n\nDear Hiring Team,\n")


def test_a_chase_with_nobody_named_is_addressed_to_the_company(capsys):
    code, out, _ = draft(capsys, "aire-valley-insight-analyst", "--kind", "chase")
    assert code == 0
    assert out.startswith("To: The hiring team at Aire Valley Insight (nobody there is in the "
                          "journal: add a contact)\n")
    assert "\nDear Hiring Team,\n" in out and "on Monday 19 October" in out
