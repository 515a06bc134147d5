"""followups.ics: what a subscriber's calendar gets (issue 4).

Every feed goes through `check_feed` (lexical RFC 5545 checks plus the strict `ical` parser and
`icalendar`). Times, UID stability and determinism are in test_feed_times.py.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from golden_support import check_golden

from jobjournal.check.registry import find_rule
from jobjournal.cli import main
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.feed import render_feed
from render.feed_support import check_feed, feed_for, unfolded_lines, write_journal

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example-journal"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "followups.ics"
TODAY = date(2026, 11, 25)
LONDON = ZoneInfo("Europe/London")

NORTHWIND = """
---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-10-28
recruiter:
  name: Priya Shah
  agency: Hays
  email: priya.shah@recruit.example
  phone: "+44 113 496 0000"
interviews:
  - at: 2026-11-18 14:00
    minutes: 60
    stage: First interview
    format: video
    where: Teams link in the invite
    with:
      - name: Tom Becker
        title: Head of Data
        email: tom.becker@northwind.example
    debrief: they-call
    hear_back_by: 2026-12-04
  - at: 2026-12-02 10:00
    minutes: 90
    stage: Second interview
    format: in-person
    where: 1 Park Row, Leeds; 3rd floor
    with: [Aisha Rahman]
    debrief: i-call
  - at: 2026-12-09 10:00
    stage: Final
    cancelled: 2026-11-20
    cancelled_by: them
log:
  - on: 2026-11-18 15:10
    did: recruiter-debrief
followups:
  - due: 2026-11-27
    what: Send Tom the dashboard sample
  - due: 2026-11-30 09:15
    what: Prepare questions for the second interview
  - due: 2026-11-20
    what: Update my CV
---
"""


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _events_by_summary(data: bytes) -> dict[str, object]:
    parsed = check_feed(data)
    return {str(event["SUMMARY"]): event for event in parsed.calendar.walk("VEVENT")}


def _northwind(tmp_path: Path, config: str = 'timezone = "Europe/London"\n') -> Path:
    return write_journal(tmp_path / "journal", {"northwind.md": NORTHWIND}, config)


# --- the example journal ------------------------------------------------------------------


def test_example_journal_feed_matches_golden_file() -> None:
    journal = load_journal(EXAMPLE)
    data = render_feed(_report(journal))
    check_feed(data)
    golden = GOLDEN.read_bytes() if GOLDEN.is_file() else b""
    assert golden.count(b"\r\n") == golden.count(b"\n"), (
        "the golden file lost its CRLF line ends (git text conversion?); mark *.ics as binary "
        "in .gitattributes and regenerate it")
    check_golden(GOLDEN, data, "followups.ics of example-journal changed")


def _report(journal):  # type: ignore[no-untyped-def]
    from jobjournal.check.checker import run_checks

    return run_checks(journal, noon(TODAY, journal.config.zone))


def test_example_feed_is_exactly_the_checked_followups_plus_the_interviews(
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["check", str(EXAMPLE), "--today", TODAY.isoformat(), "--format", "json"]) in (0, 1)
    followups = json.loads(capsysbinary.readouterr().out)["followups"]
    assert main(["feed", str(EXAMPLE), "--today", TODAY.isoformat()]) == 0
    parsed = check_feed(capsysbinary.readouterr().out)
    events = parsed.events
    assert followups, "the example journal should have follow-ups"
    now = noon(TODAY, LONDON).isoformat()  # "due now" follow-ups are today, all day

    for followup in followups:
        event = events.pop(f"{followup['id']}@jobjournal")
        prefix = "Overdue: " if followup["overdue"] else ""
        assert str(event["SUMMARY"]) == prefix + followup["title"]
        assert event.categories == [find_rule(followup["rule"]).name]
        start = event.decoded("DTSTART")
        if followup["overdue"] or followup["due"] == now:
            assert start == TODAY and event.decoded("DTEND") == TODAY + timedelta(days=1)
        elif "T" in followup["due"]:
            assert start == datetime.fromisoformat(followup["due"])
            assert event.decoded("DTEND") - start == timedelta(minutes=30)
        else:
            assert start == date.fromisoformat(followup["due"])

    journal = load_journal(EXAMPLE)
    expected = set()
    for application in journal.applications:
        closed = application.closed_on
        for interview in application.interviews:
            if interview.is_cancelled or (closed and interview.start.date() > closed):
                continue
            expected.add((interview.start, interview.end, interview.where))
    assert any(i.is_cancelled for a in journal.applications for i in a.interviews), \
        "the example should show that cancelled interviews are left out"
    remaining = {(e.decoded("DTSTART"), e.decoded("DTEND"),
                  str(e["LOCATION"]) if "LOCATION" in e else None) for e in events.values()}
    assert all(e.categories == ["interview"] for e in events.values())
    assert remaining == expected and len(events) == len(expected)
    # The strict parser sees the same events.
    assert set(parsed.strict_events) == {str(e["UID"]) for e in parsed.calendar.walk("VEVENT")}


# --- the calendar -------------------------------------------------------------------------


def test_empty_journal_is_still_a_valid_calendar(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {}, 'timezone = "America/New_York"\n')
    parsed = check_feed(feed_for(root, TODAY))
    assert parsed.events == {}
    assert [tz.tz_id for tz in parsed.strict.timezones] == ["America/New_York"]


def test_calendar_properties_come_from_the_configuration(tmp_path: Path) -> None:
    name = "Zoë's search; jobs, Leeds \\ York"
    root = write_journal(tmp_path / "j", {}, 'timezone = "Europe/London"\n[feed]\n'
                         f'name = "{name.replace(chr(92), chr(92) * 2)}"\n')
    data = feed_for(root, TODAY)
    parsed = check_feed(data)
    lines = unfolded_lines(data)
    for expected in ("VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "REFRESH-INTERVAL;VALUE=DURATION:PT1H", "X-PUBLISHED-TTL:PT1H"):
        assert expected in lines
    assert any(line.startswith("PRODID:-//") for line in lines)
    # TEXT escaping (icalendar reads NAME back raw; the strict parser unescapes it).
    escaped = "Zoë's search\\; jobs\\, Leeds \\\\ York"
    assert f"NAME:{escaped}" in lines and f"X-WR-CALNAME:{escaped}" in lines
    assert parsed.strict.name == [name]


# --- follow-ups ---------------------------------------------------------------------------


def test_followups_are_all_day_or_half_hour_events_and_overdue_ones_move_to_today(
        tmp_path: Path) -> None:
    events = _events_by_summary(feed_for(_northwind(tmp_path), TODAY))

    by_date = events["Send Tom the dashboard sample"]
    assert by_date.decoded("DTSTART") == date(2026, 11, 27)
    assert by_date.decoded("DTEND") == date(2026, 11, 28)
    assert by_date["DTSTART"].params["VALUE"] == "DATE"

    timed = events["Prepare questions for the second interview"]
    start = timed.decoded("DTSTART")
    assert start == datetime(2026, 11, 30, 9, 15, tzinfo=LONDON)
    assert timed["DTSTART"].params["TZID"] == "Europe/London"
    assert timed.decoded("DTEND") - start == timedelta(minutes=30)
    assert str(timed["TRANSP"]) == "TRANSPARENT"

    # Due on the 20th (a date) and on the 19th at 15:00 (a thank-you): both on today's date.
    assert "Update my CV" not in events
    for summary in ("Overdue: Update my CV",
                    "Overdue: Send Tom Becker a thank-you (Northwind Analytics)"):
        overdue = events[summary]
        assert overdue.decoded("DTSTART") == TODAY
        assert overdue.decoded("DTEND") == TODAY + timedelta(days=1)
    assert "was due Fri 20 Nov 2026" in str(events["Overdue: Update my CV"]["DESCRIPTION"])
    assert "was due Thu 19 Nov 2026 15:00" in str(
        events["Overdue: Send Tom Becker a thank-you (Northwind Analytics)"]["DESCRIPTION"])


def test_followup_description_says_what_why_who_and_links_to_the_page(tmp_path: Path) -> None:
    root = _northwind(tmp_path, 'timezone = "Europe/London"\n'
                      'base_url = "https://jobs.example.net/private-3f9c/"\n')
    events = _events_by_summary(feed_for(root, TODAY))
    event = events["Overdue: Send Tom Becker a thank-you (Northwind Analytics)"]
    description = str(event["DESCRIPTION"])
    rule = find_rule("JJ104")
    assert description.startswith("Send Tom Becker a thank-you (Northwind Analytics)\n")
    assert f"Why: {rule.why}" in description
    assert "Tom Becker (Head of Data): tom.becker@northwind.example" in description
    page = "https://jobs.example.net/private-3f9c/applications/northwind.html"
    assert page in description and str(event["URL"]) == page
    assert event.categories == ["thank-you"]
    own = events["Send Tom the dashboard sample"]
    assert own.categories == [find_rule("JJ113").name]
    assert "done: <date>" in str(own["DESCRIPTION"])


def test_contact_details_can_be_left_out_of_the_whole_feed(tmp_path: Path) -> None:
    shown = feed_for(_northwind(tmp_path / "a"), TODAY)
    assert b"tom.becker@northwind.example" in shown.replace(b"\r\n ", b"")
    root = _northwind(tmp_path / "b", 'timezone = "Europe/London"\n'
                      '[feed]\ncontact_details = false\n')
    hidden = feed_for(root, TODAY)
    check_feed(hidden)
    unfolded = hidden.replace(b"\r\n ", b"")
    for detail in (b"@northwind.example", b"@recruit.example", b"496 0000"):
        assert detail not in unfolded
    # The people are still named.
    assert b"Tom Becker (Head of Data)" in unfolded and b"Priya Shah (Hays)" in unfolded


def test_non_ascii_and_long_text_folds_and_reads_back_unchanged(tmp_path: Path) -> None:
    what = ("Écrire à Zoë Łukasiewicz-Þórsdóttir 🎉 — 東京の面接について、"
            "a note with commas, semicolons; and a backslash \\ ") * 4
    what = what.strip()
    root = write_journal(tmp_path / "j", {"zoë/café.md": f"""
        ---
        company: Café Zoë
        role: Barista
        followups:
          - due: 2026-12-01
            what: {json.dumps(what, ensure_ascii=False)}
        ---
        """})
    data = feed_for(root, TODAY)
    parsed = check_feed(data)
    assert len(max(data.split(b"\r\n"), key=len)) <= 75
    (event,) = parsed.calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == what
    assert str(event["DESCRIPTION"]).startswith(what + "\n")
    (strict,) = parsed.strict.events
    assert strict.summary == what
    assert "zoë/café.md" in strict.description


def test_page_links_are_percent_encoded(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"2026/café zoë.md": """
        ---
        company: Café Zoë
        role: Barista
        followups:
          - due: 2026-12-01
            what: Ask about the rota
        ---
        """}, 'timezone = "Europe/London"\nbase_url = "https://example.net/jj"\n')
    (event,) = check_feed(feed_for(root, TODAY)).calendar.walk("VEVENT")
    assert str(event["URL"]) == "https://example.net/jj/applications/2026/caf%C3%A9%20zo%C3%AB.html"


# --- interviews ---------------------------------------------------------------------------


def test_interviews_are_timed_events_with_place_people_and_a_reminder(tmp_path: Path) -> None:
    events = _events_by_summary(feed_for(_northwind(tmp_path), TODAY))
    second = events["Interview: Northwind Analytics (Second interview)"]
    start = second.decoded("DTSTART")
    assert start == datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)
    assert second.decoded("DTEND") - start == timedelta(minutes=90)
    assert str(second["LOCATION"]) == "1 Park Row, Leeds; 3rd floor"
    assert second.categories == ["interview"]
    assert str(second["TRANSP"]) == "OPAQUE"
    description = str(second["DESCRIPTION"])
    for part in ("Second interview", "Format: in person", "Aisha Rahman",
                 "Priya Shah (Hays)", "Senior Data Analyst"):
        assert part in description
    (alarm,) = second.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
    assert str(alarm["ACTION"]) == "DISPLAY"

    first = events["Interview: Northwind Analytics (First interview)"]
    assert first.decoded("DTSTART") == datetime(2026, 11, 18, 14, 0, tzinfo=LONDON)
    assert first.walk("VALARM") == [], "no reminder for an interview already past"
    assert "Tom Becker (Head of Data)" in str(first["DESCRIPTION"])
    assert not any("Final" in summary for summary in events), "cancelled: left out"


def test_interviews_can_be_left_out(tmp_path: Path) -> None:
    root = _northwind(tmp_path, 'timezone = "Europe/London"\n[feed]\ninterviews = false\n')
    events = _events_by_summary(feed_for(root, TODAY))
    assert events and not any(e.categories == ["interview"] for e in events.values())


def test_interviews_after_a_closing_are_left_out_and_repair_cases_kept(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {
        "closed.md": """
            ---
            company: Globex
            role: HR Partner
            applied: 2026-10-01
            withdrawn: 2026-11-10
            interviews:
              - at: 2026-11-02 11:00
                stage: Screen
                with: [Ann Lee]
              - at: 2026-11-30 11:00
                stage: Panel
                with: [Ann Lee]
            ---
            """,
        # No role: the application needs repair, but its interview is still real.
        "norole.md": """
            ---
            company: Initech
            interviews:
              - at: 2026-12-03 15:30
                minutes: 45
                with: [Bill Lumbergh]
            ---
            """})
    events = _events_by_summary(feed_for(root, TODAY))
    assert "Interview: Globex (Screen)" in events
    assert "Interview: Globex (Panel)" not in events
    repair = events["Interview: Initech"]
    assert repair.decoded("DTEND") - repair.decoded("DTSTART") == timedelta(minutes=45)


# --- the command --------------------------------------------------------------------------


def test_feed_command_writes_stdout_or_a_file(tmp_path: Path,
                                               capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    root = _northwind(tmp_path)
    assert main(["feed", str(root), "--today", "2026-11-25"]) == 0
    out = capsysbinary.readouterr().out
    assert out == feed_for(root, TODAY)
    target = tmp_path / "www" / "private" / "followups.ics"
    assert main(["feed", str(root), "--today", "2026-11-25", "-o", str(target)]) == 0
    assert target.read_bytes() == out
    assert capsysbinary.readouterr().out == b""
    assert sorted(p.name for p in target.parent.iterdir()) == ["followups.ics"]


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}"], "is a folder"),
    (["{tmp}/missing"], "no such journal folder"),
])
def test_feed_command_reports_bad_targets_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    root = _northwind(tmp_path)
    argv = ["feed", *(a.format(tmp=tmp_path) for a in args)]
    if argv[1] == "-o":
        argv.insert(1, str(root))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_follow_ups_due_at_a_time_ring_then_and_all_day_ones_do_not(tmp_path: Path) -> None:
    events = _events_by_summary(feed_for(_northwind(tmp_path), TODAY))
    questions = events["Prepare questions for the second interview"]
    assert questions.decoded("DTSTART") == datetime(2026, 11, 30, 9, 15, tzinfo=LONDON)
    (alarm,) = questions.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(0), "at the due time, not before"
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == str(questions["SUMMARY"])
    timed = [event for summary, event in events.items()
             if not summary.startswith("Interview:") and isinstance(event.decoded("DTSTART"),
                                                                     datetime)]
    assert timed, "the own follow-up with a time"
    # v2: a check-in N days after a contact is due on a day, never at a copied time.
    check_in = next(e for s, e in events.items() if s.startswith("Check in with"))
    assert not isinstance(check_in.decoded("DTSTART"), datetime)
    for event in timed:
        assert [a.decoded("TRIGGER") for a in event.walk("VALARM")] == [timedelta(0)]
    all_day = [event for event in events.values()
               if not isinstance(event.decoded("DTSTART"), datetime)]
    assert all_day and all(event.walk("VALARM") == [] for event in all_day)
