"""The feed split into resources, and the digest that recognises our events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from jobjournal.sync.events import HASH_PROPERTY, read_listed, split_feed

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "followups.ics"
LONDON = ZoneInfo("Europe/London")


def test_each_event_becomes_a_calendar_with_its_time_zone_and_digest() -> None:
    feed = icalendar.Calendar.from_ical(GOLDEN.read_bytes())
    zone, wanted = split_feed(GOLDEN.read_bytes())
    assert zone == LONDON
    assert [item.uid for item in wanted] == [str(e["UID"]) for e in feed.walk("VEVENT")]
    for item, original in zip(wanted, feed.walk("VEVENT"), strict=True):
        assert item.summary == str(original["SUMMARY"])
        start = original.decoded("DTSTART")
        assert item.day == (start.astimezone(LONDON).date() if isinstance(start, datetime)
                            else start)
        calendar = icalendar.Calendar.from_ical(item.payload())
        (event,) = calendar.walk("VEVENT")
        assert str(event[HASH_PROPERTY]).startswith(item.digest + ".")
        assert original.to_ical().replace(b"\r\n", b"\n") in item.text.replace(b"\r\n", b"\n"), \
            "the feed's event, verbatim"
        timed = "TZID" in event["DTSTART"].params
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == (
            ["Europe/London"] if timed else [])
    assert len({item.digest for item in wanted}) == len(wanted)


def test_the_digest_survives_a_servers_rewriting_but_not_an_edit() -> None:
    _zone, wanted = split_feed(GOLDEN.read_bytes())
    item = next(w for w in wanted if b"VALARM" in w.text and b"TZID" in w.text)
    # What servers do: LF line ends, unfolded lines, properties in another order.
    calendar = icalendar.Calendar.from_ical(item.payload())
    (event,) = calendar.walk("VEVENT")
    reordered = icalendar.Event()
    for name, value in reversed(list(event.property_items(recursive=False)[1:-1])):
        reordered.add(name, value)
    for alarm in event.walk("VALARM"):
        reordered.add_component(alarm)
    calendar.subcomponents = [*calendar.walk("VTIMEZONE"), reordered]
    rewritten = calendar.to_ical().replace(b"\r\n ", b"").replace(b"\r\n", b"\n")
    listed = read_listed("/c/x.ics", '"1"', rewritten, "jobjournal", LONDON)
    assert listed is not None and not listed.edited
    assert (listed.uid, listed.stored) == (item.uid, item.digest)
    assert listed.summary == item.summary and listed.day == item.day

    reordered["SUMMARY"] = icalendar.vText("Moved on my phone")
    edited = read_listed("/c/x.ics", '"2"', calendar.to_ical(), "jobjournal", LONDON)
    assert edited is not None and edited.edited


def test_events_without_our_mark_are_not_ours() -> None:
    foreign = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@jobjournal"
               b"\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:Mine"
               b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert read_listed("/c/a.ics", None, foreign, "jobjournal", LONDON) is None
    marked = foreign.replace(b"SUMMARY:Mine", b"SUMMARY:Mine\r\nX-JOBJOURNAL-HASH:abc.def")
    found = read_listed("/c/a.ics", None, marked, "jobjournal", LONDON)
    assert found is not None and found.stored == "abc" and found.edited
    bare = read_listed("/c/a.ics", None, marked.replace(b"abc.def", b"abc"), "jobjournal",
                       LONDON)
    assert bare is not None and not bare.edited, "no content digest: no telling"
    assert read_listed("/c/a.ics", None, marked.replace(b"@jobjournal", b"@phone"),
                       "jobjournal", LONDON) is None
    assert read_listed("/c/a.ics", None, b"not a calendar", "jobjournal", LONDON) is None
