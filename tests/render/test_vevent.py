"""The feed's events are written directly (render/vevent.py) for speed; here icalendar's own
`Event.to_ical()` is the oracle: for any event, both must give the same bytes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from jobjournal.render import icalfold
from jobjournal.render.vevent import Item, event_bytes, moment, text

ZONES = [ZoneInfo("Europe/London"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata"),
         ZoneInfo("UTC"), UTC, timezone(timedelta(hours=5, minutes=30))]


def oracle(item: Item, zone, first: int, last: int) -> bytes:
    """The same event built property by property with icalendar, as the feed once did."""
    def when(value):
        prop = icalendar.vDDDTypes(value)
        if not isinstance(value, datetime):
            prop.params["VALUE"] = "DATE"
        return prop

    event = icalendar.Event()
    event["UID"] = icalendar.vText(item.uid)
    event["DTSTAMP"] = icalendar.vDDDTypes(item.stamp.astimezone(UTC).replace(microsecond=0))
    event["DTSTART"] = when(moment(item.start, zone, first, last))
    if item.end is not None:
        event["DTEND"] = when(moment(item.end, zone, first, last))
    event["SUMMARY"] = icalendar.vText(item.summary)
    event["DESCRIPTION"] = icalendar.vText(item.description)
    event["CATEGORIES"] = icalendar.vCategory([item.category])
    if item.location:
        event["LOCATION"] = icalendar.vText(item.location)
    if item.url:
        event["URL"] = icalendar.vUri(item.url)
    event["TRANSP"] = icalendar.vText("OPAQUE" if item.busy else "TRANSPARENT")
    if item.alarm is not None:
        alarm = icalendar.Alarm()
        alarm["ACTION"] = icalendar.vText("DISPLAY")
        alarm["DESCRIPTION"] = icalendar.vText(item.summary)
        alarm["TRIGGER"] = icalendar.vDDDTypes(-item.alarm)
        event.add_component(alarm)
    icalfold.install()
    return event.to_ical()


# Text that exercises escaping and folding: separators, backslashes, every line ending, the
# literal \N, wide characters at fold points, a byte-order mark (icalendar drops a first one).
_tricky = st.sampled_from([",", ";", "\\", "\\N", "\n", "\r\n", "\r", "é", "—", "日本", "😀",
                           "^", ":", '"', " ", "\ufeff"])
TEXT = st.lists(st.one_of(st.text(max_size=30), _tricky), max_size=12).map("".join)
_naive = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2150, 12, 31))
MOMENTS = st.one_of(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    st.builds(lambda value, zone, fold: value.replace(tzinfo=zone, fold=fold),
              _naive, st.sampled_from(ZONES), st.integers(0, 1)))


@st.composite
def items(draw: st.DrawFn) -> Item:
    return Item(
        uid=draw(TEXT) + "@jobjournal", summary=draw(TEXT), start=draw(MOMENTS),
        end=draw(st.one_of(st.none(), MOMENTS)), description=draw(TEXT),
        category=draw(TEXT), stamp=draw(st.builds(lambda v, z: v.replace(tzinfo=z), _naive,
                                                  st.sampled_from(ZONES))),
        location=draw(st.one_of(st.none(), TEXT)),
        url=draw(st.one_of(st.none(), st.just("https://jobs.example/a,b;c?x=1&y=é"))),
        busy=draw(st.booleans()),
        alarm=draw(st.sampled_from([None, timedelta(0), timedelta(hours=1),
                                    timedelta(minutes=90)])))


@settings(max_examples=400, deadline=None)
@given(items(), st.sampled_from(ZONES), st.integers(1990, 2030), st.integers(0, 40))
def test_an_event_is_written_as_icalendar_writes_it(item, zone, first, span) -> None:
    assert event_bytes(item, zone, first, first + span) == oracle(item, zone, first,
                                                                  first + span)


def test_text_escaping_follows_rfc_5545() -> None:
    assert text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"


def test_equal_instants_in_two_zones_keep_their_own_tzid() -> None:
    # Equal aware datetimes hash alike; the written form must still follow each one's zone.
    london = datetime(2026, 6, 1, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    new_york = london.astimezone(ZoneInfo("America/New_York"))
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    for start in (london, new_york):
        item = Item("u@jobjournal", "s", start, None, "d", "c", stamp)
        zone = start.tzinfo
        assert event_bytes(item, zone, 2026, 2026) == oracle(item, zone, 2026, 2026)
    assert b"TZID=America/New_York:20260601T050000" in event_bytes(
        Item("u@jobjournal", "s", new_york, None, "d", "c", stamp), new_york.tzinfo, 2026, 2026)
