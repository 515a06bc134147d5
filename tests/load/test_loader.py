"""The loader: every bad input becomes a finding at the right file line, never a traceback.

FORMAT.md and RULES.md (JJ001–JJ004) are the contract: a file that cannot be read still
appears, flagged as needing repair, with its text kept.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jobjournal.load.loader import discover, load_journal

MINIMAL = """\
---
company: Northwind Analytics
role: Data Analyst
---
"""


def only(findings, rule):
    found = [f for f in findings if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


def app(journal, slug: str):
    loaded = journal.load().application(slug)
    assert loaded is not None, slug
    return loaded


# -- files that cannot be read: JJ001, kept as applications needing repair --------------------

def test_an_empty_file_is_jj001_and_not_an_application(journal):
    """v2 (FORMAT.md): no front matter at all, or an empty file, is not an application."""
    journal.write("empty.md", "")
    finding = only(journal.findings(), "JJ001")
    assert (finding.file, finding.line, finding.severity) == ("empty.md", 1, "error")
    assert "front matter" in finding.message and "not an application" in finding.message
    assert journal.load().applications == ()


def test_a_note_without_front_matter_is_not_an_application(journal):
    journal.write("plain.md", """
        Northwind, data analyst. Applied on Monday.
        Call back Friday.
    """)
    finding = only(journal.findings(), "JJ001")
    assert finding.line == 1
    assert "'---'" in finding.message and "exclude" in finding.message
    assert journal.load().applications == ()
    # The file itself is never touched: nothing the person wrote is dropped.
    assert "Call back Friday." in (journal.root / "plain.md").read_text()


def test_unclosed_front_matter(journal):
    journal.write("open.md", """
        ---
        company: Northwind Analytics
        role: Data Analyst

        Notes that were meant to be below the fence.
    """)
    finding = only(journal.findings(), "JJ001")
    assert "never closed" in finding.message
    application = app(journal, "open")
    assert application.needs_repair
    assert "meant to be below the fence" in application.notes


def test_yaml_syntax_error_gives_line_and_column_in_the_file(journal):
    text = """
        ---
        company: Northwind Analytics
        role: Data Analyst
        applied: 2026-10-28
        log:
          - on: 2026-11-02
            did: note
            note: closing date: moved to Friday
        ---
        My notes survive.
    """
    journal.write("broken.md", text)
    finding = only(journal.findings(), "JJ001")
    line = journal.line("broken.md", "closing date")
    assert finding.line == line
    # The column of the second ': ' on that line, 1-based.
    column = journal.texts["broken.md"].splitlines()[line - 1].index(": moved") + 1
    assert f"line {line}, column {column}" in finding.message
    assert "quotes" in finding.message  # the hint for the usual cause
    application = app(journal, "broken")
    assert application.needs_repair
    assert "My notes survive." in application.notes
    assert "closing date: moved to Friday" in application.notes  # the whole text is kept


def test_unclosed_quote_points_at_where_the_quote_opened(journal):
    journal.write("quote.md", """
        ---
        company: Northwind Analytics
        role: "Data Analyst
        applied: 2026-10-28
        ---
    """)
    finding = only(journal.findings(), "JJ001")
    assert finding.line == journal.line("quote.md", "role:")
    assert "quote" in finding.message


def test_tab_indentation_is_explained(journal):
    journal.write_bytes("tabs.md", b"---\ncompany: A\nrole: B\nrecruiter:\n\tname: Priya\n---\n")
    finding = only(journal.findings(), "JJ001")
    assert finding.line == 5
    assert "tabs" in finding.message


def test_non_utf8_bytes_name_the_line_and_keep_the_text(journal):
    journal.write_bytes("latin1.md", "---\ncompany: A\nrole: Café\n---\nnotes\n".encode("latin-1"))
    finding = only(journal.findings(), "JJ001")
    assert finding.line == 3
    assert "UTF-8" in finding.message
    application = app(journal, "latin1")
    assert application.needs_repair
    assert "notes" in application.notes


def test_control_character_is_located(journal):
    journal.write_bytes("nul.md", b"---\ncompany: A\nrole: B\x00\n---\n")
    finding = only(journal.findings(), "JJ001")
    assert finding.line == 3


def test_byte_order_mark_is_accepted_and_lines_stay_right(journal):
    journal.write_bytes("bom.md", "\ufeff---\ncompany: A\nrole: B\nsalry: 1\n---\n".encode())
    application = app(journal, "bom")
    assert (application.company, application.role) == ("A", "B")
    assert not application.needs_repair
    finding = only(journal.findings(), "JJ002")
    assert finding.line == 4


def test_crlf_line_endings_keep_lines_right(journal):
    text = ("---\r\ncompany: A\r\nrole: B\r\napplied: 2026-02-30\r\nsalry: 1\r\n---\r\n"
            "first note line\r\n")
    journal.write_bytes("crlf.md", text.encode())
    assert only(journal.findings(), "JJ003").line == 4
    assert only(journal.findings(), "JJ002").line == 5
    application = app(journal, "crlf")
    assert application.notes_line == 7
    assert application.notes.startswith("first note line")


def test_crlf_syntax_error_line_and_column(journal):
    journal.write_bytes("crlf.md", b"---\r\ncompany: A\r\nrole: B\r\nnote: a: b\r\n---\r\n")
    finding = only(journal.findings(), "JJ001")
    assert finding.line == 4
    assert "line 4, column 8" in finding.message


def test_front_matter_that_is_a_list_is_jj001(journal):
    journal.write("list.md", """
        ---
        - company: A
        - role: B
        ---
    """)
    finding = only(journal.findings(), "JJ001")
    assert "not a mapping" in finding.message
    assert app(journal, "list").needs_repair


def test_empty_front_matter_points_at_the_file_not_line_zero(journal):
    journal.write("blank.md", "---\n---\nOnly notes.\n")
    finding = only(journal.findings(), "JJ001")
    assert finding.line >= 1
    assert "empty" in finding.message


@pytest.mark.parametrize("text, key, expected", [
    ("recruiter: [Priya Shah, Hays]\n", "recruiter:", "mapping"),
    # A block value starts on the line below its key: the finding is about that node.
    ("interviews:\n  at: 2026-11-18 14:00\n", "at:", "list"),
    ("log:\n  on: 2026-11-18\n", "on:", "list"),
    ("ignore: [JJ110]\n", "ignore:", "mapping"),
    ("company_size: {a: 1}\nlocation: [Leeds, York]\n", "location:", "text"),
])
def test_wrong_shape_is_jj003_on_its_line(journal, text, key, expected):
    body = "---\ncompany: A\nrole: B\n" + text + "---\n"
    journal.write("shape.md", body)
    finding = only(journal.findings(), "JJ003")
    assert finding.line == journal.line("shape.md", key)
    assert expected in finding.message


# -- unknown keys, at every depth, with a suggestion ------------------------------------------

def test_unknown_keys_at_every_depth_suggest_the_closest(journal):
    text = """
        ---
        company: A
        role: B
        recuiter:
          name: Priya Shah
        recruiter:
          name: Priya Shah
          agncy: Hays
        interviews:
          - at: 2026-11-18 14:00
            wiht: [Tom Becker]
            with:
              - name: Tom Becker
                emial: tom@northwind.example
        references:
          - name: Dr Helen Ward
            contcted: 2026-11-24
        log:
          - on: 2026-11-18
            did: note
            too: Tom Becker
        followups:
          - due: 2026-11-26
            what: Send the sample
            dnoe: 2026-11-26
        ---
    """
    journal.write("typos.md", text)
    found = {f.line: f.message for f in journal.findings("JJ002")}
    expected = {"recuiter:": "recruiter", "agncy:": "agency", "wiht:": "with",
                "emial:": "email", "contcted:": "contacted", "too:": "to", "dnoe:": "done"}
    for needle, suggestion in expected.items():
        line = journal.line("typos.md", needle)
        assert line in found, needle
        assert f"did you mean '{suggestion}'" in found[line]
    assert len(found) == len(expected)
    assert all(f.severity == "warning" for f in journal.findings("JJ002"))


def test_status_key_explains_that_status_is_derived(journal):
    journal.write("status.md", MINIMAL.replace("---\n", "---\nstatus: applied\n", 1))
    finding = only(journal.findings(), "JJ002")
    assert finding.line == 2
    assert "derived" in finding.message
    assert "applied: " in finding.message  # which milestone to write instead


def test_unknown_key_without_a_close_match_lists_the_known_keys(journal):
    journal.write("odd.md", MINIMAL.replace("---\n", "---\nzzzz: 1\n", 1))
    assert "company" in only(journal.findings(), "JJ002").message


# -- values: JJ003 and JJ004 ------------------------------------------------------------------

def test_impossible_date_is_jj003_on_its_line(journal):
    journal.write("date.md", MINIMAL.replace("---\n", "---\napplied: 2026-02-30\n", 1))
    finding = only(journal.findings(), "JJ003")
    assert finding.line == 2
    assert "2026-02-30" in finding.message
    assert "applied" not in app(journal, "date").milestones


@pytest.mark.parametrize("field, value", [
    ("applied", "9999-12-31"), ("applied", "0001-01-01"),
])
def test_implausible_years_are_jj003_not_a_crash_later(journal, field, value):
    # Rules add days to dates; years at the edge of the calendar would overflow.
    journal.write("far.md", f"""
        ---
        company: A
        role: B
        {field}: {value}
        recruiter: Priya Shah
        references:
          - name: Dr Helen Ward
            contacted: {value}
        interviews:
          - at: {value} 23:30
            with: [Tom Becker]
        ---
    """)
    report = journal.check()
    assert not report.internal_error
    assert sorted(f.line for f in journal.findings("JJ003")) == [4, 8, 10]


def test_did_applied_says_to_write_the_milestone_at_top_level(journal):
    journal.write("did.md", """
        ---
        company: A
        role: B
        log:
          - on: 2026-10-28
            did: applied
        ---
    """)
    finding = only(journal.findings(), "JJ003")
    assert finding.line == journal.line("did.md", "did: applied")
    assert "applied: 2026-10-28" in finding.message
    assert "top level" in finding.message


@pytest.mark.parametrize("field, value", [
    ("format", "zoom"), ("debrief", "we-call"), ("cancelled_by", "they"),
    ("minutes", "an hour"), ("time_off", "maybe"), ("hear_back_by", "next week"),
])
def test_bad_interview_values_are_jj003(journal, field, value):
    journal.write("iv.md", f"""
        ---
        company: A
        role: B
        interviews:
          - at: 2026-11-18 14:00
            {field}: {value}
        ---
    """)
    finding = only(journal.findings(), "JJ003")
    assert finding.line == 6
    assert value in finding.message


def test_unknown_did_suggests_an_action(journal):
    journal.write("did.md", """
        ---
        company: A
        role: B
        log:
          - on: 2026-10-28
            did: thankyou
        ---
    """)
    assert "thank-you" in only(journal.findings(), "JJ003").message


@pytest.mark.parametrize("link, ok", [
    ("https://careers.example/jobs/1", True),
    ("http://careers.example/jobs/1", True),
    ("ftp://careers.example/jobs/1", False),
    ("javascript:alert(1)", False),
    ("careers.example/jobs/1", False),
])
def test_link_and_linkedin_must_be_http(journal, link, ok):
    journal.write("links.md", f"""
        ---
        company: A
        role: B
        link: "{link}"
        recruiter:
          name: Priya Shah
          linkedin: "{link}"
        ---
    """)
    lines = sorted(f.line for f in journal.findings("JJ003"))
    assert lines == ([] if ok else [4, 7])
    application = app(journal, "links")
    assert (application.link == link) is ok
    assert (application.recruiter.linkedin == link) is ok


def test_missing_company_or_role_is_jj004_and_needs_repair(journal):
    journal.write("norole.md", """
        ---
        company: Roundhay Games
        ---
        Waiting for the advert.
    """)
    finding = only(journal.findings(), "JJ004")
    assert finding.line == 1  # the front matter's first line: nothing better exists
    assert "role" in finding.message
    application = app(journal, "norole")
    assert application.needs_repair
    assert application.company == "Roundhay Games"
    assert "Waiting for the advert." in application.notes


def test_empty_required_value_points_at_its_key(journal):
    journal.write("empty-role.md", "---\ncompany: A\nrole:\n---\n")
    assert only(journal.findings(), "JJ004").line == 3


def test_missing_field_deep_inside_marks_the_file_for_repair(journal):
    journal.write("deep.md", """
        ---
        company: A
        role: B
        log:
          - on: 2026-11-18
            did: thank-you
        ---
    """)
    finding = only(journal.findings(), "JJ004")
    assert finding.line == journal.line("deep.md", "did: thank-you")
    assert "'to:'" in finding.message
    assert app(journal, "deep").needs_repair


@pytest.mark.parametrize("text, needle", [
    ("interviews:\n  - minutes: 30\n", "minutes"),
    ("log:\n  - did: note\n", "did"),
    ("followups:\n  - what: Send it\n", "what"),
    ("contacts:\n  - title: HR\n", "title"),
])
def test_required_fields_of_records(journal, text, needle):
    journal.write("rec.md", "---\ncompany: A\nrole: B\n" + text + "---\n")
    finding = only(journal.findings(), "JJ004")
    assert finding.line == journal.line("rec.md", needle)


# -- dates and times --------------------------------------------------------------------------

def test_quoted_and_unquoted_dates_mean_the_same(journal):
    journal.write("plain.md", """
        ---
        company: A
        role: B
        applied: 2026-10-28
        interviews:
          - at: 2026-11-18 14:00
          - at: 2026-11-19T09:30:00
        followups:
          - due: 2026-11-26
            what: x
        ---
    """)
    journal.write("quoted.md", """
        ---
        company: A2
        role: B
        applied: "2026-10-28"
        interviews:
          - at: '2026-11-18 14:00'
          - at: "2026-11-19T09:30:00"
        followups:
          - due: '2026-11-26'
            what: x
        ---
    """)
    assert journal.findings("JJ003") == []
    plain, quoted = app(journal, "plain"), app(journal, "quoted")
    assert plain.milestones == quoted.milestones == {"applied": date(2026, 10, 28)}
    assert [i.at for i in plain.interviews] == [i.at for i in quoted.interviews]
    assert plain.interviews[0].at.hour == 14  # in the journal's zone, not UTC-shifted
    assert plain.interviews[0].at.utcoffset().total_seconds() == 0  # London in November
    assert plain.followups[0].due == quoted.followups[0].due == date(2026, 11, 26)


def test_date_times_with_offsets(journal):
    journal.write("offset.md", """
        ---
        company: A
        role: B
        interviews:
          - at: 2026-11-18T14:00:00+01:00
          - at: 2026-11-18T14:00:00Z
          - at: 2026-07-01 14:00
        ---
    """)
    interviews = app(journal, "offset").interviews
    utc = [i.at.astimezone(UTC) for i in interviews]
    assert utc[0] == datetime(2026, 11, 18, 13, 0, tzinfo=UTC)
    assert utc[1] == datetime(2026, 11, 18, 14, 0, tzinfo=UTC)
    assert utc[2] == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)  # BST, no offset written


def test_interview_without_a_time_runs_nine_to_ten(journal):
    journal.write("day.md", "---\ncompany: A\nrole: B\ninterviews:\n  - at: 2026-11-18\n---\n")
    interview = app(journal, "day").interviews[0]
    assert (interview.start.hour, interview.end.hour) == (9, 10)
    assert not interview.has_time


def test_yaml_cannot_turn_text_into_other_types(journal):
    journal.write("types.md", """
        ---
        company: Norway
        role: NO
        salary: 1e3
        tags: [yes, no, 1.0]
        ---
    """)
    application = app(journal, "types")
    assert (application.role, application.salary) == ("NO", "1e3")
    assert application.tags == ("yes", "no", "1.0")


# -- bounded work on hostile YAML -------------------------------------------------------------

def test_alias_bomb_is_refused_with_jj001(journal):
    lines = ["---", "company: A", "role: B", 'a0: &a0 ["lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 12):  # 6**12 values if expanded: only a bounded loader finishes
        refs = ",".join([f"*a{level - 1}"] * 6)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("---")
    journal.write("bomb.md", "\n".join(lines) + "\n")
    finding = only(journal.findings(), "JJ001")
    assert "alias" in finding.message
    assert app(journal, "bomb").needs_repair


def test_self_referencing_alias_is_refused(journal):
    journal.write("loop.md", "---\ncompany: A\nrole: B\ntags: &t [*t]\n---\n")
    finding = only(journal.findings(), "JJ001")
    assert "alias" in finding.message
    assert 1 <= finding.line <= 4


def test_deep_nesting_is_refused(journal):
    journal.write("deep.md", "---\ncompany: A\nrole: B\ntags: " + "[" * 3000 + "]" * 3000
                  + "\n---\n")
    assert only(journal.findings(), "JJ001").line == 4


# -- which files are applications -------------------------------------------------------------

def test_files_skipped_per_format(journal):
    journal.config('exclude = ["drafts/**", "*.draft.md"]\noutput = "public"\n')
    keep = ["a.md", "2026/b.md", "deep/er/c.md", "templates-notes.md", "readme-not/d.md"]
    skip = ["README.md", "sub/readme.md", "sub2/ReadMe.md", "_draft.md", ".hidden.md",
            "_private/e.md", ".git/f.md", "sub/_g.md", "public/h.md", "templates/i.md",
            "drafts/j.md", "drafts/x/k.md", "l.draft.md", "notes.txt", "m.markdown"]
    for name in keep + skip:
        journal.write(name, MINIMAL)
    found = [p.relative_to(journal.root).as_posix()
             for p in discover(journal.root, journal.load().config)]
    assert sorted(found) == sorted(keep)
    assert sorted(a.slug for a in journal.load().applications) == sorted(
        name[:-3] for name in keep)


def test_default_output_folder_is_skipped(journal):
    journal.write("a.md", MINIMAL)
    journal.write("_site/applications/a.md", MINIMAL)
    assert [a.slug for a in journal.load().applications] == ["a"]


def test_sub_folder_slugs_are_posix_paths_without_md(journal):
    journal.write("2026/globex-hr-partner.md", MINIMAL)
    application = journal.load().applications[0]
    assert application.slug == "2026/globex-hr-partner"
    assert application.file == "2026/globex-hr-partner.md"


def test_findings_name_files_relative_to_the_journal(journal):
    journal.write("2026/q4/bad.md", "no front matter\n")
    assert only(journal.findings(), "JJ001").file == "2026/q4/bad.md"


def test_one_broken_file_does_not_stop_the_others(journal):
    journal.write("a-broken.md", "---\ncompany: [\n---\n")
    journal.write("b-fine.md", MINIMAL)
    loaded = load_journal(journal.root, "Europe/London")
    assert [a.slug for a in loaded.applications] == ["a-broken", "b-fine"]
    assert [a.needs_repair for a in loaded.applications] == [True, False]
    assert loaded.application("b-fine").company == "Northwind Analytics"
