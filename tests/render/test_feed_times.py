"""followups.ics over time: the right instants across DST, UIDs that stay put, a file that
changes only where the journal's state did (issue 4)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from render.feed_support import check_feed, feed_for, instant, vevent_blocks, write_journal


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _interview_journal(root: Path, zone: str, at: str) -> Path:
    return write_journal(root, {"acme.md": f"""
        ---
        company: Acme
        role: Analyst
        interviews:
          - at: "{at}"
            minutes: 60
            stage: Night shift interview
            with: [Wile Coyote]
        ---
        """}, f'timezone = "{zone}"\n')


# --- DST ----------------------------------------------------------------------------------

DST_CASES = [
    # London springs forward at 01:00 GMT: 01:30 does not exist and is read as 02:30 BST,
    # the instant 01:30 UTC (what a calendar app does with a time in the gap).
    ("Europe/London", "2026-03-29 01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    # London falls back at 02:00 BST: 01:30 happens twice; the first (BST) is meant.
    ("Europe/London", "2026-10-25 01:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    # ... unless an offset says it is the second one (GMT).
    ("Europe/London", "2026-10-25T01:30:00+00:00", datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    # New York springs forward at 02:00 EST: 01:30 is still EST.
    ("America/New_York", "2026-03-08 01:30", datetime(2026, 3, 8, 6, 30, tzinfo=UTC)),
    # New York falls back at 02:00 EDT: 01:30 happens twice; the first (EDT) is meant.
    ("America/New_York", "2026-11-01 01:30", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ("America/New_York", "2026-11-01T01:30:00-05:00", datetime(2026, 11, 1, 6, 30, tzinfo=UTC)),
]


@pytest.mark.parametrize("zone, at, expected", DST_CASES)
def test_an_interview_on_the_night_clocks_change_lands_at_the_right_instant(
        tmp_path: Path, zone: str, at: str, expected: datetime) -> None:
    root = _interview_journal(tmp_path / "j", zone, at)
    data = feed_for(root, date(2026, 1, 10))
    # Rename the zone too, so neither parser can look it up: both must then use the VTIMEZONE
    # built into the feed, which therefore has to be right on both sides of the change.
    renamed = data.replace(zone.encode(), b"X" + zone[1:].encode())
    assert renamed != data
    for feed in (data, renamed):
        parsed = check_feed(feed)
        (event,) = [e for e in parsed.calendar.walk("VEVENT") if e.categories == ["interview"]]
        assert instant(event.decoded("DTSTART")) == expected
        assert instant(event.decoded("DTEND")) == expected + timedelta(hours=1)
        (strict,) = [e for e in parsed.strict.events if e.categories == ["interview"]]
        assert instant(strict.dtstart) == expected
        assert instant(strict.end) == expected + timedelta(hours=1)


@pytest.mark.parametrize("zone", ["Australia/Sydney", "Australia/Lord_Howe",
                                  "Antarctica/Troll", "Asia/Kolkata", "Etc/GMT+5"])
def test_the_built_in_time_zone_matches_zoneinfo_all_year(tmp_path: Path, zone: str) -> None:
    """Timed follow-ups every 5 days of a year, read through the feed's VTIMEZONE alone
    (southern DST, a 30-minute DST, a 2-hour DST, no DST, a fixed offset)."""
    days = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 365, 5)]
    followups = "".join(f"  - due: {day.isoformat()} 08:45\n    what: Reminder {day}\n"
                        for day in days)
    root = write_journal(tmp_path / "j", {"acme.md": "---\ncompany: Acme\nrole: Analyst\n"
                                          f"followups:\n{followups}---\n"},
                         f'timezone = "{zone}"\n')
    data = feed_for(root, date(2025, 12, 1))
    renamed = check_feed(data.replace(zone.encode(), b"X-" + zone.encode()))
    starts = {strict.summary: strict.dtstart for strict in renamed.strict.events}
    assert len(starts) == len(days)
    for day in days:
        expected = datetime(day.year, day.month, day.day, 8, 45, tzinfo=ZoneInfo(zone))
        assert instant(starts[f"Reminder {day}"]) == instant(expected), day


def test_a_utc_journal_writes_utc_times_and_still_has_a_time_zone(tmp_path: Path) -> None:
    root = _interview_journal(tmp_path / "j", "UTC", "2026-06-01 09:00")
    data = feed_for(root, date(2026, 1, 10))
    parsed = check_feed(data)
    assert b"DTSTART:20260601T090000Z" in data
    assert [tz.tz_id for tz in parsed.strict.timezones] == ["UTC"]


def test_far_off_years_are_written_in_utc_and_keep_the_time_zone_small(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"acme.md": """
        ---
        company: Acme
        role: Analyst
        followups:
          - due: 2026-12-01 10:00
            what: Soon
          - due: 2999-07-01 10:00
            what: A typo for 2029
        ---
        """})
    data = feed_for(root, date(2026, 11, 25))
    events = {str(e["SUMMARY"]): e for e in check_feed(data).calendar.walk("VEVENT")}
    assert events["A typo for 2029"].decoded("DTSTART") == datetime(2999, 7, 1, 9, 0, tzinfo=UTC)
    assert b"DTSTART:29990701T090000Z" in data
    assert events["Soon"]["DTSTART"].params["TZID"] == "Europe/London"
    assert data.count(b"BEGIN:STANDARD") + data.count(b"BEGIN:DAYLIGHT") <= 3


# --- UIDs ---------------------------------------------------------------------------------

THANKS = """
---
company: Northwind Analytics
role: Senior Data Analyst
interviews:
  - at: {at}
    stage: First interview
    with:
      - name: Tom Becker
        email: tom.becker@northwind.example
log:
{log}
followups:
  - due: {due}
    what: {what}
    {done}
---
"""


def _thanks(root: Path, *, at: str = "2026-11-18 14:00", log: str = "  []",
            due: str = "2026-11-27", what: str = "Send Tom the dashboard sample",
            done: str = "") -> Path:
    text = THANKS.format(at=at, log=log, due=due, what=what, done=done)
    return write_journal(root, {"northwind.md": text.replace("log:\n  []", "log: []")})


def _uids_by_title(data: bytes) -> dict[str, str]:
    return {str(e["SUMMARY"]).removeprefix("Overdue: "): str(e["UID"])
            for e in check_feed(data).calendar.walk("VEVENT")}


def test_a_followup_keeps_its_uid_from_day_to_day_and_when_rescheduled(tmp_path: Path) -> None:
    root = tmp_path / "j"
    _thanks(root)
    thank_you = "Send Tom Becker a thank-you (Northwind Analytics)"
    own = "Send Tom the dashboard sample"
    day1 = feed_for(root, date(2026, 11, 19))  # thank-you due today 15:00, not overdue
    day2 = feed_for(root, date(2026, 11, 28))  # both overdue, shown today
    uids1, uids2 = _uids_by_title(day1), _uids_by_title(day2)
    assert uids1[thank_you] == uids2[thank_you] and uids1[own] == uids2[own]
    assert b"Overdue: " + own.encode() in day2.replace(b"\r\n ", b"")

    # Edit the due date and the wording, and move the interview: the same events, moved.
    _thanks(root, at="2026-11-18 16:30", due="2026-12-03 09:00",
            what="Send Tom the dashboard sample, with the SQL")
    day3 = feed_for(root, date(2026, 11, 19))
    events = {str(e["UID"]): e for e in check_feed(day3).calendar.walk("VEVENT")}
    moved = events[uids1[own]]
    assert str(moved["SUMMARY"]) == "Send Tom the dashboard sample, with the SQL"
    assert moved.decoded("DTSTART").isoformat() == "2026-12-03T09:00:00+00:00"
    thanks = events[uids1[thank_you]]
    assert thanks.decoded("DTSTART").isoformat() == "2026-11-19T17:30:00+00:00"  # end + 24 h
    interview_uid = uids1["Interview: Northwind Analytics (First interview)"]
    assert set(events) == set(uids1.values()), "moved, not duplicated"

    # Done: the events leave the feed; nothing else changes.
    _thanks(root, at="2026-11-18 16:30", due="2026-12-03 09:00",
            what="Send Tom the dashboard sample, with the SQL", done="done: 2026-11-19",
            log="  - on: 2026-11-18 19:00\n    did: thank-you\n    to: Tom Becker")
    day4 = vevent_blocks(feed_for(root, date(2026, 11, 19)))
    assert set(day4) == set(uids1.values()) - {uids1[own], uids1[thank_you]}
    assert interview_uid in day4


def test_uids_are_made_from_ids_not_titles_or_times(tmp_path: Path) -> None:
    root = _thanks(tmp_path / "j")
    for title, uid in _uids_by_title(feed_for(root, date(2026, 11, 19))).items():
        assert uid.endswith("@jobjournal")
        for word in ("Tom", "Northwind", "2026", "1127", "thank"):
            assert word.lower() not in uid.lower(), (title, uid)


# --- determinism --------------------------------------------------------------------------

QUIET = """
---
company: Leodis Labs
role: Data Scientist
applied: 2026-11-20
interviews:
  - at: 2026-12-02 10:00
    stage: First interview
    with:
      - name: Ravi Patel
        email: ravi@leodis.example
log:
  - on: 2026-11-21 09:30
    did: note
followups:
  - due: 2026-11-30
    what: Read the team's blog
  - due: 2026-12-06
    what: Prepare the case study
---
"""


def test_same_journal_same_day_gives_the_same_bytes(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"leodis.md": QUIET})
    first = feed_for(root, date(2026, 11, 26))
    (root / "leodis.md").touch()  # a new mtime is not a new state
    assert feed_for(root, date(2026, 11, 26)) == first


def test_between_two_days_only_events_whose_state_changed_differ(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"leodis.md": QUIET})
    days = {day: feed_for(root, date(2026, 11, day)) for day in (26, 27, 29)}
    assert days[26] == days[27] == days[29], "nothing changed state: the same file"

    before = vevent_blocks(days[29])
    after = vevent_blocks(feed_for(root, date(2026, 12, 1)))  # "Read the team's blog" overdue
    assert set(before) == set(after)
    changed = {uid for uid in before if before[uid] != after[uid]}
    assert len(changed) == 1
    assert "SUMMARY:Overdue: Read the team's blog" in after[changed.pop()]


def test_dtstamp_comes_from_the_journal_not_the_clock(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"leodis.md": QUIET})
    events = {str(e["SUMMARY"]): e
              for e in check_feed(feed_for(root, date(2026, 12, 1))).calendar.walk("VEVENT")}
    # The latest thing recorded in the application: the note of 21 November, 09:30 GMT.
    assert events["Prepare the case study"].decoded("DTSTAMP") == datetime(
        2026, 11, 21, 9, 30, tzinfo=UTC)
    # An overdue event is placed by today: its stamp is today's start.
    assert events["Overdue: Read the team's blog"].decoded("DTSTAMP") == datetime(
        2026, 12, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize("value, expected", [
    ("1700000000", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
    ("yesterday", None),  # malformed: ignored, the journal decides
])
def test_source_date_epoch_sets_every_dtstamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              value: str, expected: datetime | None) -> None:
    root = write_journal(tmp_path / "j", {"leodis.md": QUIET})
    plain = feed_for(root, date(2026, 11, 26))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    data = feed_for(root, date(2026, 11, 26))
    stamps = {e.decoded("DTSTAMP") for e in check_feed(data).calendar.walk("VEVENT")}
    if expected is None:
        assert data == plain
    else:
        assert stamps == {expected}


def test_check_does_not_import_icalendar(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j", {"leodis.md": QUIET})
    code = ("import sys; from jobjournal.cli import main\n"
            f"main(['check', {str(root)!r}, '--today', '2026-11-26'])\n"
            "assert 'icalendar' not in sys.modules, 'check must not import icalendar'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_time_of_day_of_a_build_does_not_leak_into_the_feed(tmp_path: Path) -> None:
    """Without --today, now is the clock: "due now" follow-ups must not carry it."""
    from jobjournal.check.checker import run_checks
    from jobjournal.load.loader import load_journal
    from jobjournal.render.feed import render_feed

    stale = QUIET.replace("applied: 2026-11-20", "applied: 2026-10-01")
    journal = load_journal(write_journal(tmp_path / "j", {"leodis.md": stale}))
    london = ZoneInfo("Europe/London")
    morning = render_feed(run_checks(journal, datetime(2026, 11, 26, 9, 13, 7, 123456, london)))
    evening = render_feed(run_checks(journal, datetime(2026, 11, 26, 17, 42, tzinfo=london)))
    assert morning == evening
    events = {str(e["SUMMARY"]): e for e in check_feed(morning).calendar.walk("VEVENT")}
    apply = events["Apply for another role"]  # JJ109: due now
    assert apply.decoded("DTSTART") == date(2026, 11, 26)
    assert apply.decoded("DTEND") == date(2026, 11, 27)
