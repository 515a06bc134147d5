"""What each page is given: the view data computed from a checked journal.

Now is Wednesday 25 November 2026, 12:00 Europe/London (tests/conftest.py).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from conftest import NOW, ZONE

from jobjournal.render.appview import application_view
from jobjournal.render.dashboard import index_view
from jobjournal.render.directory import advice_view, people_view
from jobjournal.render.exports import applications_csv, journal_json, neutralise
from jobjournal.render.paths import page_href, page_path
from jobjournal.render.views import lookups, moment, phone_href

RECRUITED = """\
---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-10-28
link: https://careers.northwind.example/jobs/4411
recruiter:
  name: Priya Shah
  agency: Hays
  email: priya.shah@recruit.example
  phone: "+44 113 496 0000"
contacts:
  - name: Tom Becker
    title: Head of Data
    email: tom.becker@northwind.example
interviews:
  - at: 2026-11-18 14:00
    stage: First interview
    with:
      - name: Tom Becker
        title: Head of Data
        email: tom.becker@northwind.example
    debrief: they-call
    hear_back_by: 2026-12-02
  - at: 2026-12-01 10:00
    stage: Second interview
    debrief: they-call
    with: [Aisha Rahman]
log:
  - on: 2026-11-18 15:10
    did: recruiter-debrief
  - on: 2026-11-18 19:30
    did: thank-you
    to: Tom Becker
    note: Mentioned the SQL question.
followups:
  - due: 2026-11-20
    what: Send Tom the dashboard sample
  - due: 2026-11-10
    what: Ask Priya about the salary band
    done: 2026-11-09
  - due: 2026-11-27
    what: Prepare the case study
ignore:
  JJ110: Interview is on my day off
---

## Notes
Some **notes**.
"""


def test_moment_prints_dates_and_times_in_the_journal_zone() -> None:
    day = moment(date(2026, 11, 27), NOW)
    assert (day.iso, day.text, day.short) == ("2026-11-27", "Fri 27 Nov 2026", "27 Nov")
    timed = moment(datetime.fromisoformat("2026-11-24T14:00:00+00:00"), NOW)
    assert timed.short == "24 Nov 14:00" and timed.iso == "2026-11-24T14:00+00:00"
    assert moment(date(2025, 1, 2), NOW).short == "2 Jan 2025"  # other years say so
    # Nothing in it moves with the clock within a year: "in 2 days" is the browser's to say.
    assert moment(date(2026, 11, 27), NOW.replace(hour=23, minute=59)) == day
    assert moment(date(2026, 11, 27), NOW.replace(month=12, day=31)) == day


def test_page_paths_are_url_quoted() -> None:
    assert page_href("2026/globex hr?#") == "applications/2026/globex%20hr%3F%23.html"
    assert page_path("2026/globex hr?#") == "applications/2026/globex hr?#.html"


def test_index_counts_agenda_and_rows(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    journal.write("globex.md", """\
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-20
        ---
        """)
    journal.write("closed/initech.md", """\
        ---
        company: Initech
        role: Analyst
        applied: 2026-09-01
        rejected: 2026-09-20
        ---
        """)
    report = journal.check()
    view = index_view(report, NOW)
    counts = {s.status: s.count for s in view.statuses}
    assert counts == {"considering": 0, "applied": 1, "interviewing": 1, "offer": 0,
                      "signed": 0, "rejected": 1, "withdrawn": 0, "ghosted": 0}
    assert (view.live, view.closed, view.total) == (2, 1, 3)
    groups = {g.key: [item.title for item in g.items] for g in view.agenda}
    assert "Send Tom the dashboard sample" in groups["overdue"]
    assert "Prepare the case study" in groups["week"]
    assert all(item.overdue for item in view.agenda[0].items)
    assert view.overdue == len(groups["overdue"])
    # Rows: soonest next follow-up first, applications without one last.
    dues = [row.next_followup.due.sort if row.next_followup else None for row in view.rows]
    known = [d for d in dues if d]
    assert known == sorted(known) and dues[len(known):] == [None] * (len(dues) - len(known))
    northwind = next(r for r in view.rows if r.application.company == "Northwind Analytics")
    assert northwind.next_followup is not None
    assert northwind.next_followup.title == "Send Tom the dashboard sample"
    assert northwind.next_followup.overdue
    assert (northwind.recruiter, northwind.agency) == ("Priya Shah", "Hays")
    assert northwind.applied is not None and northwind.applied.iso == "2026-10-28"
    # Last activity: the latest thing that happened, not the interview still ahead.
    assert northwind.last_activity is not None
    assert northwind.last_activity.iso.startswith("2026-11-18T19:30")
    assert northwind.application.page == "applications/northwind.html"


def test_attention_leaves_out_what_the_agenda_shows(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    report = journal.check()
    view = index_view(report, NOW)
    shown = [f for level in view.findings.values() for f in level]
    overdue_titles = [f.title for f in report.followups if f.overdue]
    assert overdue_titles
    assert not any(title in f.message for f in shown for title in overdue_titles)
    assert view.in_agenda == len(report.findings) - len(shown) >= len(overdue_titles)
    assert all(f.severity == level for level, found in view.findings.items() for f in found)


def test_application_view_merges_the_timeline_in_time_order(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    report = journal.check()
    application = report.journal.application("northwind")
    view = application_view(report, application, NOW)
    kinds = [(item.when.iso[:16], item.kind, item.title) for item in view.timeline]
    assert kinds[0] == ("2026-10-28", "milestone", "Applied")
    titles = [title for _when, _kind, title in kinds]
    assert titles.index("First interview") < titles.index("Debriefed Priya Shah") \
        < titles.index("Thank-you to Tom Becker") < titles.index("Second interview")
    assert [item.when.sort for item in view.timeline] == sorted(
        item.when.sort for item in view.timeline)
    done = next(item for item in view.timeline if item.title == "Ask Priya about the salary band")
    assert (done.state, done.when.iso) == ("done", "2026-11-09")
    # "Now" goes before the first thing still to do, overdue ones included.
    after_now = view.timeline[view.now_at:]
    assert after_now[0].state in ("overdue", "upcoming")
    assert all(item.state in ("overdue", "upcoming") for item in after_now)
    overdue = next(i for i in view.timeline if i.title == "Send Tom the dashboard sample")
    assert overdue.state == "overdue" and overdue.kind == "own"
    thank = next(i for i in view.timeline if i.title == "Thank-you to Tom Becker")
    assert thank.note == "Mentioned the SQL question."
    second = next(i for i in view.timeline if i.title == "Second interview")
    assert second.state == "upcoming" and "With Aisha Rahman" in second.details


def test_application_view_people_facts_and_acknowledged(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    journal.config('timezone = "Europe/London"\nworking_hours = "Mon-Fri 09:00-17:30"\n')
    report = journal.check()
    view = application_view(report, report.journal.application("northwind"), NOW)
    people = {p.name: p for p in view.people}
    assert people["Tom Becker"].parts == ("contact", "interviewer")  # one card, both parts
    assert people["Priya Shah"].phone_href == "tel:+441134960000"
    assert people["Priya Shah"].organisation == "Hays"
    assert people["Priya Shah"].anchor and people["Tom Becker"].anchor
    assert not people["Aisha Rahman"].direct
    facts = {f.label: f for f in view.facts}
    assert facts["Job posting"].href == "https://careers.northwind.example/jobs/4411"
    assert facts["Job posting"].text == "careers.northwind.example"
    assert facts["Applied"].when is not None
    assert [(a.finding.rule, a.reason) for a in view.acknowledged] == [
        ("JJ110", "Interview is on my day off")]
    # v2 (issue 12): the file's own "## Notes" heading is dropped; the page has one already.
    assert view.notes == "Some **notes**.\n" and view.raw_source == ""


def test_a_file_that_cannot_be_read_keeps_its_text(journal) -> None:  # type: ignore[no-untyped-def]
    text = "---\ncompany: Headrow\nnote: closing date: moved\n---\n\nMy notes.\n"
    journal.write("broken.md", text)
    report = journal.check()
    application = report.journal.application("broken")
    view = application_view(report, application, NOW)
    assert view.application.needs_repair
    assert view.raw_source == text and view.notes == ""
    assert [d.finding.rule for d in view.findings] == ["JJ001"]
    assert view.findings[0].explanation  # with the rule's explanation


def test_unsafe_posting_link_is_never_an_href(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("a.md", "---\ncompany: A\nrole: B\nlink: javascript:alert(1)\n---\n")
    report = journal.check()
    view = application_view(report, report.journal.application("a"), NOW)
    assert all(not fact.href for fact in view.facts)


def test_people_merge_across_applications_by_name_and_organisation(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    journal.write("globex.md", """\
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-02
        recruiter:
          name: priya  shah
          agency: Hays
        log:
          - on: 2026-11-21
            did: check-in
            to: Priya Shah
        references:
          - name: Dr Helen Ward
            relation: former line manager
        ---
        """)
    journal.write("acme.md", """\
        ---
        company: Acme
        role: Analyst
        recruiter:
          name: Priya Shah
          agency: Reed
        ---
        """)
    people = people_view(journal.check(), NOW)
    priyas = [p for p in people if p.name.casefold().split() == ["priya", "shah"]]
    assert sorted(p.organisation for p in priyas) == ["Hays", "Reed"]
    hays = next(p for p in priyas if p.organisation == "Hays")
    assert [a.company for a in hays.applications] == ["Globex", "Northwind Analytics"]
    assert hays.parts == ("recruiter",)
    assert hays.last_contact is not None and hays.last_contact.iso == "2026-11-21"
    assert "check-in (Globex)" == hays.last_contact_what
    assert hays.email == "priya.shah@recruit.example"
    helen = next(p for p in people if p.name == "Dr Helen Ward")
    assert helen.parts == ("reference",) and helen.relation == "former line manager"
    assert helen.last_contact is None
    aisha = next(p for p in people if p.name == "Aisha Rahman")
    assert aisha.last_contact is None  # her interview is still ahead
    assert len({p.anchor for p in people}) == len(people)
    assert [p.name.casefold() for p in people] == sorted(p.name.casefold() for p in people)


def test_phone_links_keep_only_dialable_characters() -> None:
    assert phone_href("+44 (0)113 496-0000") == "tel:+4401134960000"
    assert phone_href("ask at reception") == ""
    assert phone_href("javascript:alert(1)") == "tel:1"


def test_advice_counts_where_each_rule_fires(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    journal.config('timezone = "Europe/London"\n[rules]\nignore = ["JJ112"]\n'
                   'severity = { JJ113 = "error" }\n')
    report = journal.check()
    rules = {r.id: r for r in advice_view(report, NOW)}
    assert rules["JJ112"].ignored and rules["JJ112"].places == ()
    assert (rules["JJ113"].severity, rules["JJ113"].default_severity) == ("error", "warning")
    own = [p for p in rules["JJ113"].places]
    # One overdue (as its finding) and one coming up (as a follow-up), never both for one.
    assert sorted(p.severity for p in own) == ["due", "error"]
    assert all(p.application and p.application.slug == "northwind" for p in own)
    assert rules["JJ007"].places and rules["JJ007"].places[0].severity == "info"
    assert rules["JJ104"].explanation and rules["JJ104"].why
    assert sum(len(r.places) for r in rules.values()) == len(report.findings) + sum(
        1 for f in report.followups if not f.overdue)


def test_csv_is_spreadsheet_safe(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("evil.md", """\
        ---
        company: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"
        role: "+SUM(A1:A2)"
        location: "@cmd"
        salary: "-1"
        tags: [sql, "ünïcode"]
        applied: 2026-11-02
        ---
        """)
    report = journal.check()
    view = index_view(report, NOW)
    data = applications_csv(report, view.rows)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["company"] == "'=HYPERLINK(\"https://evil.example\",\"x\")"
    assert row["role"] == "'+SUM(A1:A2)"
    assert row["location"] == "'@cmd" and row["salary"] == "'-1"
    assert row["tags"] == "sql, ünïcode" and row["applied"] == "2026-11-02"
    assert row["status"] == "applied" and row["file"] == "evil.md"


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("Northwind") == "Northwind"
    assert neutralise("2026-11-02") == "2026-11-02"
    assert neutralise("") == ""
    assert neutralise("\rx") == "'\rx"
    assert neutralise("\tx") == "'\tx"  # the loader strips these; other callers may not


def test_journal_json_holds_applications_findings_and_followups(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    report = journal.check()
    view = index_view(report, NOW)
    data = json.loads(journal_json(report, view.rows, NOW))
    assert data["version"] == 1 and data["now"] == "2026-11-25"
    (app,) = data["applications"]
    assert app["slug"] == "northwind" and app["status"] == "interviewing"
    assert app["page"] == "applications/northwind.html"
    assert app["recruiter"]["agency"] == "Hays"
    assert app["interviews"][0]["at"] == "2026-11-18T14:00:00+00:00"
    assert app["findings"]["warning"] == sum(
        1 for f in report.findings if f.severity == "warning")
    assert [f["rule"] for f in data["findings"]] == [f.rule for f in report.findings]
    assert {f["id"] for f in data["followups"]} == {f.id for f in report.followups}
    assert data["acknowledged"] == []  # JJ110 only fires with working_hours
    assert app["next_followup"] in {f["id"] for f in data["followups"]}


def test_lookups_are_per_application(journal) -> None:  # type: ignore[no-untyped-def]
    journal.write("northwind.md", RECRUITED)
    journal.write("globex.md", "---\ncompany: Globex\nrole: HR\napplied: 2026-10-01\n---\n")
    report = journal.check()
    look = lookups(report)
    assert set(look.refs) == {"northwind", "globex"}
    slugs = ("northwind", "globex", "")
    assert sum(len(look.findings.get(slug, [])) for slug in slugs) == len(report.findings)
    assert all(f.application == "globex" for f in look.followups.get("globex", []))
    # The first question picks out one application's items; the next groups them all: the
    # answers are the same either way, in report order.
    for slug in slugs:
        picked = lookups(report).followups.get(slug, [])
        assert picked == [f for f in report.followups if f.application == slug]
        assert look.followups.get(slug, []) == picked
    assert ZONE.key == "Europe/London"
