"""`jobjournal sync` against a real CalDAV server (Radicale), read back independently."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from . import dav
from .conftest import NORTHWIND, TODAY, Syncer
from .radicale_server import PASSWORD, Radicale

COMPARED = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "TRANSP")


def _calendar_url(radicale: Radicale, syncer: Syncer) -> str:
    return dav.calendars(radicale.url)[syncer.calendar]


def _assert_holds_the_feed(stored: dict[str, dav.Stored], feed: dict,  # type: ignore[type-arg]
                           foreign: frozenset[str] = frozenset()) -> None:
    """The calendar holds the feed's events, the `foreign` ones, and nothing else."""
    ours = {uid: item for uid, item in stored.items() if uid not in foreign}
    assert sorted(ours) == sorted(feed)
    for uid, wanted in feed.items():
        event = ours[uid].event
        for name in COMPARED:
            assert str(event.get(name)) == str(wanted.get(name)), (uid, name)
        for name in ("DTSTART", "DTEND"):
            assert event.decoded(name) == wanted.decoded(name), (uid, name)
        assert ([a.decoded("TRIGGER") for a in event.walk("VALARM")]
                == [a.decoded("TRIGGER") for a in wanted.walk("VALARM")]), uid
        assert "X-JOBJOURNAL-HASH" in event
        zones = [str(tz["TZID"]) for tz in ours[uid].calendar.walk("VTIMEZONE")]
        timed = isinstance(event.decoded("DTSTART"), datetime)
        assert zones == (["Europe/London"] if timed else []), uid


def test_first_sync_creates_the_calendar_and_exactly_the_feeds_events(
        radicale: Radicale, syncer: Syncer) -> None:
    assert syncer.calendar not in dav.calendars(radicale.url)
    result = syncer.sync()
    assert result.code == 0, result.err
    feed = syncer.feed()
    assert result.lines[0] == f"created the calendar '{syncer.calendar}' on {radicale.url[:-1]}"
    assert "+ 2026-11-30 Prepare questions for the second interview" in result.lines
    assert "+ 2026-12-02 Interview: Northwind Analytics (Second interview)" in result.lines
    assert sum(line.startswith("+ ") for line in result.lines) == len(feed) >= 5
    assert result.lines[-1] == f"{len(feed)} created, 0 updated, 0 deleted, 0 unchanged"
    stored = dav.events(_calendar_url(radicale, syncer))
    _assert_holds_the_feed(stored, feed)
    questions = next(item.event for item in stored.values()
                     if item.event["SUMMARY"] == "Prepare questions for the second interview")
    (alarm,) = questions.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(0), "the alarm rings at the due time"


def test_a_second_sync_writes_nothing(radicale: Radicale, syncer: Syncer) -> None:
    assert syncer.sync().code == 0
    url = _calendar_url(radicale, syncer)
    before = {uid: item.etag for uid, item in dav.events(url).items()}
    result = syncer.sync()
    assert result.code == 0, result.err
    assert result.lines == [f"0 created, 0 updated, 0 deleted, {len(before)} unchanged"]
    assert {uid: item.etag for uid, item in dav.events(url).items()} == before
    assert len(dav.calendars(radicale.url)) == len(set(dav.calendars(radicale.url))), \
        "no second calendar of the same name"


def test_an_edited_application_updates_only_its_events(radicale: Radicale,
                                                       syncer: Syncer) -> None:
    assert syncer.sync().code == 0
    url = _calendar_url(radicale, syncer)
    before = dav.events(url)
    syncer.write("leodis.md", (syncer.journal / "leodis.md").read_text().replace(
        "Ask Callum about the salary band", "Ask Callum about the salary band and start date"))
    result = syncer.sync()
    assert result.code == 0, result.err
    assert result.lines == [
        "~ 2026-12-01 Ask Callum about the salary band and start date",
        f"0 created, 1 updated, 0 deleted, {len(before) - 1} unchanged"]
    syncer.write("leodis.md", (syncer.journal / "leodis.md").read_text().replace(
        "due: 2026-12-03 16:00", "due: 2026-12-04 11:00"))
    result = syncer.sync()
    assert result.lines[0] == "~ 2026-12-04 Send the portfolio link"
    assert result.lines[-1] == f"0 created, 1 updated, 0 deleted, {len(before) - 1} unchanged"
    assert len(result.lines) == 2
    after = dav.events(url)
    changed = {uid for uid in after if uid not in before or after[uid].etag != before[uid].etag}
    assert {str(after[uid].event["SUMMARY"]) for uid in changed} == {
        "Ask Callum about the salary band and start date", "Send the portfolio link"}
    _assert_holds_the_feed(after, syncer.feed())


def test_a_deleted_application_removes_only_its_events_and_foreign_ones_survive(
        radicale: Radicale, syncer: Syncer) -> None:
    assert syncer.sync().code == 0
    url = _calendar_url(radicale, syncer)
    # The person's own event, and one whose UID merely looks like ours (an imported copy of
    # the feed, say): neither carries the hash, so neither is ours.
    assert dav.put(url + "dentist.ics", dav.foreign_event("dentist-1@phone", "Dentist"),
                   {"If-None-Match": "*"}) == 201
    assert dav.put(url + "copy.ics", dav.foreign_event("copy-1@jobjournal", "Imported"),
                   {"If-None-Match": "*"}) == 201
    before = dav.events(url)
    feed_before = syncer.feed()
    (syncer.journal / "leodis.md").unlink()
    result = syncer.sync()
    assert result.code == 0, result.err
    feed_after = syncer.feed()
    gone = set(feed_before) - set(feed_after)
    assert {str(feed_before[uid]["SUMMARY"]) for uid in gone} == {
        "Ask Callum about the salary band", "Send the portfolio link",
        "Overdue: Chase Leodis Labs about your application"}
    assert sorted(line for line in result.lines if line.startswith("- ")) == [
        "- 2026-11-25 Overdue: Chase Leodis Labs about your application",
        "- 2026-12-01 Ask Callum about the salary band", "- 2026-12-03 Send the portfolio link"]
    after = dav.events(url)
    assert set(after) == set(before) - gone
    _assert_holds_the_feed(after, feed_after, frozenset({"dentist-1@phone", "copy-1@jobjournal"}))
    same = {uid for uid in feed_after
            if feed_after[uid].to_ical() == feed_before[uid].to_ical()}
    assert len(same) >= 4
    assert {uid: after[uid].etag for uid in same} == {uid: before[uid].etag for uid in same}
    assert str(after["dentist-1@phone"].event["SUMMARY"]) == "Dentist"
    assert str(after["copy-1@jobjournal"].event["SUMMARY"]) == "Imported"


def test_dry_run_prints_the_changes_and_writes_nothing(radicale: Radicale,
                                                       syncer: Syncer) -> None:
    dry = syncer.sync("--dry-run")
    assert dry.code == 0, dry.err
    assert dry.lines[0] == (f"the calendar '{syncer.calendar}' is not on "
                            f"{radicale.url[:-1]} yet; sync would create it")
    assert dry.lines[-1].endswith("0 unchanged (dry run: nothing written)")
    assert syncer.calendar not in dav.calendars(radicale.url)
    real = syncer.sync()
    assert real.lines[1:-1] == dry.lines[1:-1], "the same lines, for real"
    url = _calendar_url(radicale, syncer)
    before = {uid: item.etag for uid, item in dav.events(url).items()}
    (syncer.journal / "northwind.md").unlink()
    dry = syncer.sync("--dry-run")
    assert dry.code == 0
    assert sum(line.startswith("- ") for line in dry.lines) == len(set(before)
                                                                   - set(syncer.feed())) >= 4
    assert {uid: item.etag for uid, item in dav.events(url).items()} == before
    real = syncer.sync()
    assert real.lines[:-1] == dry.lines[:-1]
    assert dry.lines[-1] == real.lines[-1] + " (dry run: nothing written)"
    assert set(dav.events(url)) == set(syncer.feed())


def test_an_event_edited_on_another_device_is_kept_and_reported_until_forced(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    assert syncer.sync().code == 0
    url = _calendar_url(radicale, syncer)
    stored = dav.events(url)
    target = next(item for item in stored.values()
                  if str(item.event["SUMMARY"]) == "Send Tom the dashboard sample")
    edited = dav.Stored(target.href, target.etag, target.calendar)
    edited.event["SUMMARY"] = "Send Tom the dashboard sample (done on Friday)"
    assert dav.put(target.href, edited.calendar.to_ical(), {"If-Match": target.etag}) == 204
    etag = dav.events(url)[target.uid].etag

    # Without the memory of what the last sync wrote (another machine), the same answer.
    for cache in ("memory", "no-memory"):
        if cache == "no-memory":
            monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "fresh-cache"))
        result = syncer.sync()
        assert result.code == 0, result.err
        assert result.lines == [
            "! 2026-11-27 Send Tom the dashboard sample (done on Friday): changed in your "
            "calendar; kept (--force overwrites)",
            f"0 created, 0 updated, 0 deleted, {len(stored) - 1} unchanged, "
            "1 kept (changed in your calendar)"], cache
    (syncer.journal / "northwind.md").unlink()  # leaving the feed does not delete it either
    result = syncer.sync()
    assert "! 2026-11-27 Send Tom the dashboard sample (done on Friday): changed in your " \
           "calendar; kept (--force overwrites)" in result.lines
    assert dav.events(url)[target.uid].etag == etag

    syncer.write("northwind.md", NORTHWIND)
    forced = syncer.sync("--force")
    assert forced.code == 0, forced.err
    assert "~ 2026-11-27 Send Tom the dashboard sample" in forced.lines
    after = dav.events(url)
    assert str(after[target.uid].event["SUMMARY"]) == "Send Tom the dashboard sample"
    _assert_holds_the_feed(after, syncer.feed())


def test_a_wrong_password_exits_2_without_echoing_it(radicale: Radicale, syncer: Syncer,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    wrong = "hunter2-not-the-password"
    monkeypatch.setenv("JOBJOURNAL_CALDAV_PASSWORD", wrong)
    result = syncer.sync()
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"jobjournal: {radicale.url[:-1]} refused the login of anna")
    assert "Traceback" not in result.err
    for secret in (wrong, PASSWORD):
        assert secret not in result.out + result.err
    assert syncer.calendar not in dav.calendars(radicale.url)


def test_a_reader_that_goes_away_does_not_stop_the_writes(radicale: Radicale,
                                                          syncer: Syncer) -> None:
    """`jobjournal sync | head -1`: the pipe closes after one line, the sync goes on."""
    process = subprocess.Popen(
        [sys.executable, "-m", "jobjournal", "sync", str(syncer.journal), "--today", TODAY,
         "--calendar", syncer.calendar], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"created the calendar")
    process.stdout.close()
    assert process.wait(timeout=60) == 0, process.stderr.read()
    assert process.stderr.read() == b""
    assert set(dav.events(_calendar_url(radicale, syncer))) == set(syncer.feed())
