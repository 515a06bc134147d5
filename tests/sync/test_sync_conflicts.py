"""Writes that meet a change made on another device between the listing and the write (a
real 412 from the server), and the refusal to empty the calendar."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import jobjournal.sync.main as sync_main

from . import dav
from .conftest import Syncer
from .radicale_server import Radicale


def _between_listing_and_writing(monkeypatch: pytest.MonkeyPatch,
                                 meddle: Callable[[], None]) -> None:
    """Run `meddle` (another device's change) after sync listed the calendar and before it
    writes: the real writes follow, against the real server."""
    real = sync_main.apply_plan

    def apply_plan(*args, **kwargs):  # type: ignore[no-untyped-def]
        meddle()
        return real(*args, **kwargs)

    monkeypatch.setattr(sync_main, "apply_plan", apply_plan)


def _edit_on_phone(url: str, summary: str) -> Callable[[], None]:
    def meddle() -> None:
        stored = next(item for item in dav.events(url).values()
                      if str(item.event["SUMMARY"]) == summary)
        stored.event["LOCATION"] = "Phone note: call first"
        assert dav.put(stored.href, stored.calendar.to_ical(), {"If-Match": stored.etag}) == 204
    return meddle


def test_an_update_meeting_a_change_made_meanwhile_is_kept_and_reported(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    syncer.write("leodis.md", (syncer.journal / "leodis.md").read_text().replace(
        "due: 2026-12-03 16:00", "due: 2026-12-04 11:00"))
    _between_listing_and_writing(monkeypatch, _edit_on_phone(url, "Send the portfolio link"))
    result = syncer.sync()
    assert result.code == 0, result.err
    assert result.lines[0] == ("! 2026-12-04 Send the portfolio link: changed in the calendar "
                               "meanwhile; kept (--force overwrites)")
    assert result.lines[-1].endswith("0 updated, 0 deleted, 7 unchanged, 1 kept (changed in "
                                     "your calendar)")
    kept = next(item.event for item in dav.events(url).values()
                if str(item.event["SUMMARY"]) == "Send the portfolio link")
    assert str(kept["LOCATION"]) == "Phone note: call first"
    assert kept.decoded("DTSTART").hour == 16, "the phone's version, not ours"


def test_a_delete_meeting_a_change_made_meanwhile_is_kept(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    (syncer.journal / "leodis.md").unlink()
    _between_listing_and_writing(monkeypatch, _edit_on_phone(url, "Send the portfolio link"))
    result = syncer.sync()
    assert result.code == 0, result.err
    assert ("! 2026-12-03 Send the portfolio link: changed in the calendar meanwhile; kept "
            "(--force overwrites)") in result.lines
    assert "- 2026-12-01 Ask Callum about the salary band" in result.lines
    summaries = {str(item.event["SUMMARY"]) for item in dav.events(url).values()}
    assert "Send the portfolio link" in summaries
    assert "Ask Callum about the salary band" not in summaries


def test_an_empty_feed_does_not_empty_the_calendar_without_force(radicale: Radicale,
                                                                 syncer: Syncer) -> None:
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    before = {uid: item.etag for uid, item in dav.events(url).items()}
    for application in syncer.journal.glob("*.md"):
        application.unlink()
    assert syncer.feed() == {}
    result = syncer.sync()
    assert result.code == 2
    assert result.out == ""
    assert result.err == (f"jobjournal: the feed is empty but the calendar holds {len(before)} "
                          "of its events; not deleting them all (--force does); nothing "
                          "written\n")
    assert {uid: item.etag for uid, item in dav.events(url).items()} == before
    forced = syncer.sync("--force")
    assert forced.code == 0, forced.err
    assert forced.lines[-1] == f"0 created, 0 updated, {len(before)} deleted, 0 unchanged"
    assert dav.events(url) == {}


def test_an_event_the_server_refuses_is_reported_and_exits_1(radicale: Radicale,
                                                            syncer: Syncer) -> None:
    """The person once imported the feed by hand: a copy without our mark holds one of our
    UIDs, and the server refuses a second event with that UID."""
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    ours = next(item for item in dav.events(url).values()
                if str(item.event["SUMMARY"]) == "Send the portfolio link")
    assert dav.HTTP.delete(ours.href, auth=dav.AUTH, timeout=10).status_code in (200, 204)
    copy = dav.foreign_event(ours.uid, "Send the portfolio link (imported)")
    assert dav.put(url + "imported.ics", copy, {"If-None-Match": "*"}) == 201
    result = syncer.sync()
    assert result.code == 1, result.err
    (line,) = [line for line in result.lines if line.startswith("!")]
    assert line.startswith("! 2026-12-03 Send the portfolio link: not created: the server "
                           "answered 4")
    assert result.lines[-1].endswith("0 deleted, 7 unchanged, 1 failed")
    assert str(dav.events(url)[ours.uid].event["SUMMARY"]) == \
        "Send the portfolio link (imported)", "the person's copy is left alone"
