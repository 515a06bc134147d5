"""`followups.ics`: the journal's follow-ups and interviews as a calendar people subscribe to.

The events are exactly the pending follow-ups of `jobjournal check` (rule-made and the person's
own) plus, with `[feed] interviews = true`, the interviews. The calendar and its VTIMEZONE
are made with the `icalendar` library, and each event is written by `vevent` as the very
bytes icalendar would write (folding at 75 octets without splitting a UTF-8 character, CRLF,
TEXT escaping), which is much quicker for thousands of events. It is meant for subscription
in Google Calendar, Apple Calendar, Outlook and Thunderbird, so a few choices follow what
those clients do with a subscribed feed:

- Follow-ups are VEVENTs, not VTODOs (Google and most subscribed calendars never show VTODO).
  A follow-up due on a date is an all-day event; one due at a time is a 30-minute event. Both
  are TRANSPARENT: a reminder does not make you look busy. An overdue follow-up is moved to
  today, all day, titled "Overdue: ...", so it is not lost in the past. One due "now" (the
  rules' "or now, if that is sooner") is also today, all day: the clock time of the build is
  not a due time, and would move the event with every build.
- Interviews are timed events with their real length and a one-hour VALARM while they are
  still ahead (an alarm on a past interview would pop up as "missed" when subscribing).
  Follow-ups due at a time (a thank-you or a recruiter debrief after an interview) carry a
  VALARM at that time, on the same condition; all-day ones have none (an alarm relative to
  midnight is either at night or on the previous day).
  Cancelled interviews are left out rather than sent with STATUS:CANCELLED: Google drops
  cancelled events from subscriptions anyway and the others show them inconsistently, while an
  event that leaves the feed disappears everywhere. Interviews after an application closed
  (they will not happen) are left out too; past interviews stay, as the search's history.
- Date-times are written in the journal's zone with a TZID and a VTIMEZONE built from
  zoneinfo, covering the years of the events (or this year when there are none: a calendar
  must hold at least one component, so an empty journal still gives a valid feed). The second
  occurrence of an ambiguous wall time (when clocks go back), and anything outside the
  VTIMEZONE's years, is written in UTC, since a TZID time always means the first occurrence.
- UIDs come from the follow-up's id (application, rule, subject) or from the application's
  slug and the interview's position, never from a title, a due time or the build time: a
  rescheduled follow-up moves, a done one leaves the feed.
- DTSTAMP never comes from the wall clock. With SOURCE_DATE_EPOCH set (the reproducible-builds
  convention; a malformed value is ignored) every event carries that instant. Otherwise an
  event's DTSTAMP is the latest thing recorded in its application up to now: a milestone, a
  log entry, an interview that has started, a `contacted` or `done` date (in the whole journal
  for journal-wide follow-ups and for applications without any date; 1970 when there is none
  at all); and, for an event placed by today's date (overdue, or due now), at least the start
  of today. So the same journal and `--today` give the same bytes, and from one day to the
  next only the events whose state changed differ. File mtimes are not used: a git checkout
  resets them.
- Events are sorted by UID, so an event that moves keeps its place in the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

from jobjournal.core.dates import When, human, source_date_epoch, start_of
from jobjournal.core.followups import OWN_RULE, FollowUp
from jobjournal.core.model import FORMAT_LABELS, Application, Interview, Person
from jobjournal.render import icalfold
from jobjournal.render.paths import page_href
from jobjournal.render.pieces import batched, joined
from jobjournal.render.vevent import Item, event_bytes

if TYPE_CHECKING:
    import icalendar

    from jobjournal.check.checker import Report

PRODID = "-//jobjournal//followups feed//EN"
UID_DOMAIN = "jobjournal"
FOLLOWUP_LENGTH = timedelta(minutes=30)
ALARM_BEFORE = timedelta(hours=1)
# How often clients should fetch the feed: due-now follow-ups and same-day interviews matter.
REFRESH = timedelta(hours=1)
# The VTIMEZONE covers the events' years, within these bounds (a typo such as 9026 must not
# make a calendar of ten thousand years); times outside are written in UTC.
FIRST_YEAR, LAST_YEAR = 1900, 2200
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_END = b"END:VCALENDAR\r\n"


def render_feed(report: Report) -> bytes:
    """The whole calendar for `report`, as bytes ready to write to followups.ics."""
    return joined(feed_pieces(report))


def feed_pieces(report: Report) -> Iterator[bytes]:
    """The calendar a piece at a time: its events are never all held as bytes at once, nor
    as items (at 10,000 applications, ~49,000 of them cost some 50 MiB): only their
    UIDs and what each is made from are held for the ordering, and each event's item is made
    when it is written."""
    config = report.journal.config
    zone = config.zone
    stamps = _Stamps(report)
    sources = _sorted_sources(report)
    first, last = _years(_source_times(sources, report), zone,
                         report.now.astimezone(zone).year)
    # Imported here, not with the module: a build's worker makes the feed, so the main
    # process, which makes the dashboard meanwhile, never waits for icalendar to load.
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar types NAME and the X- properties as unknown and would not escape them: they
    # are TEXT (RFC 7986), so say so.
    calendar.add("name", icalendar.vText(config.feed_name))
    calendar.add("x-wr-calname", icalendar.vText(config.feed_name))
    calendar.add("x-wr-timezone", icalendar.vText(config.timezone))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    calendar.add_component(_vtimezone(config.timezone, first, last))
    icalfold.install()
    # A calendar is its properties and components between BEGIN and END lines, so its events
    # can be written on their own (by `vevent`) and put in between.
    head = calendar.to_ical()
    assert head.endswith(_END)
    events = (event_bytes(_item(source, report, stamps), zone, first, last)
              for _, source in sources)
    return batched(chain((head[:-len(_END)],), events, (_END,)))


# --- what the events are made from --------------------------------------------------------

# One event's source: a follow-up, or a kept interview with its application. Both are already
# in the report, so holding them costs a reference, not a copy.
Source = FollowUp | tuple[Application, Interview]


def _sorted_sources(report: Report) -> list[tuple[str, Source]]:
    """Every event's (UID, source), sorted by UID. The sort is stable and compares the UIDs
    only, so events keep the order the item list used to have (follow-ups first)."""
    return sorted(_keyed_sources(report), key=itemgetter(0))


def _keyed_sources(report: Report) -> Iterator[tuple[str, Source]]:
    for followup in report.followups:
        yield _followup_uid(followup), followup
    if report.journal.config.feed_interviews:
        zone = report.journal.config.zone
        for application in report.journal.applications:
            for interview in _kept_interviews(application, zone):
                yield _interview_uid(application.slug, interview), (application, interview)


def _item(source: Source, report: Report, stamps: _Stamps) -> Item:
    if isinstance(source, tuple):
        return _interview_item(*source, report, stamps)
    return _followup_item(source, report, stamps)


def _source_times(sources: list[tuple[str, Source]], report: Report) -> Iterator[When | None]:
    """The start and end of every event, as its item would have them, without the item."""
    for _, source in sources:
        if isinstance(source, tuple):
            yield from _interview_times(source[1])
        else:
            yield from _followup_times(source, report)


# --- follow-ups ---------------------------------------------------------------------------


def _followup_uid(followup: FollowUp) -> str:
    return f"{followup.id}@{UID_DOMAIN}"


def _moves_daily(followup: FollowUp, report: Report) -> bool:
    # "Due now" (the rules' "or now, if that is sooner") is not a time of its own: at the
    # build's clock time it would jump about with every build, so it is today, all day.
    return followup.overdue or followup.due == report.now


def _followup_times(followup: FollowUp, report: Report) -> tuple[When, When | None]:
    """The event's start and end: today, all day, when it moves daily; else its due date
    (all day) or time (FOLLOWUP_LENGTH)."""
    start: When = (report.now.astimezone(report.journal.config.zone).date()
                   if _moves_daily(followup, report) else followup.due)
    length = FOLLOWUP_LENGTH if isinstance(start, datetime) else timedelta(days=1)
    return start, _later(start, length)


def _followup_item(followup: FollowUp, report: Report, stamps: _Stamps) -> Item:
    zone = report.journal.config.zone
    today = report.now.astimezone(zone).date()
    application = report.journal.application(followup.application)
    moves_daily = _moves_daily(followup, report)
    start, end = _followup_times(followup, report)
    summary = f"Overdue: {followup.title}" if followup.overdue else followup.title
    timed = isinstance(start, datetime)
    lines = [followup.title]
    if followup.overdue:
        lines.append(f"Overdue: it was due {human(followup.due, zone)}.")
    lines.append("")
    if followup.why:
        lines.append(f"Why: {followup.why}")
    if followup.rule == OWN_RULE:
        lines.append(f"Once it is done, write 'done: <date>' under it in {followup.file}.")
    elif followup.problem:
        lines.append(f"Because: {_sentence(followup.problem)}")
    lines.extend(_people_lines("People", followup.people, report))
    lines.extend(_application_lines(application, report))
    return Item(
        uid=_followup_uid(followup),
        summary=summary, start=start, end=end,
        description=_join(lines),
        category=followup.name or followup.rule,
        stamp=stamps.of(followup.application, today if moves_daily else None),
        url=_page_url(application, report),
        alarm=timedelta(0) if timed and start > report.now else None,
    )


# --- interviews ---------------------------------------------------------------------------


def _kept_interviews(application: Application, zone: tzinfo) -> Iterator[Interview]:
    """The application's interviews that are events: not cancelled, nor after it closed."""
    closed_on = application.closed_on
    for interview in application.interviews:
        if interview.is_cancelled:
            continue
        if closed_on is not None and interview.start.astimezone(zone).date() > closed_on:
            continue  # after a rejection or withdrawal it will not happen
        yield interview


def _interview_times(interview: Interview) -> tuple[When, When | None]:
    return interview.start, _later(interview.start, timedelta(minutes=interview.minutes))


def _interview_item(application: Application, interview: Interview, report: Report,
                    stamps: _Stamps) -> Item:
    stage = interview.stage or "Interview"
    lines = [f"{stage} for {application.role or 'a role'} at {application.title}"]
    if interview.format:
        lines.append(f"Format: {FORMAT_LABELS.get(interview.format, interview.format)}")
    if interview.where:
        lines.append(f"Where: {interview.where}")
    if interview.debrief:
        who = "you call" if interview.debrief == "i-call" else "they call"
        lines.append(f"Afterwards: {who} (agreed with the recruiter)")
    if interview.hear_back_by:
        lines.append(f"Hear back by: {human(interview.hear_back_by)}")
    lines.extend(_people_lines("With", interview.with_, report))
    if application.recruiter:
        lines.extend(_people_lines("Recruiter", (application.recruiter,), report))
    lines.extend(_application_lines(application, report))
    start, end = _interview_times(interview)
    return Item(
        uid=_interview_uid(application.slug, interview),
        summary=f"Interview: {application.title}"
                + (f" ({interview.stage})" if interview.stage else ""),
        start=start,
        end=end,
        description=_join(lines),
        category="interview",
        stamp=stamps.of(application.slug, None),
        location=interview.where,
        url=_page_url(application, report),
        busy=True,
        alarm=ALARM_BEFORE if start > report.now else None,
    )


def _interview_uid(slug: str, interview: Interview) -> str:
    digest = hashlib.sha256(f"{slug}\x1finterview\x1f{interview.index}".encode()).hexdigest()
    return f"interview-{digest[:16]}@{UID_DOMAIN}"


# --- descriptions -------------------------------------------------------------------------


def _people_lines(heading: str, people: Iterable[Person], report: Report) -> list[str]:
    show_contact = report.journal.config.feed_contact_details
    lines = [f"- {_person(person, show_contact)}" for person in people]
    return ["", f"{heading}:", *lines] if lines else []


def _person(person: Person, show_contact: bool) -> str:
    roles = [part for part in (person.title, person.agency, person.relation) if part]
    text = person.name + (f" ({', '.join(roles)})" if roles else "")
    if show_contact:
        details = [d for d in (person.email, person.phone, person.linkedin) if d]
        if details:
            text += ": " + " · ".join(details)
    return text


def _application_lines(application: Application | None, report: Report) -> list[str]:
    if application is None:
        return ["", "About: your whole search"]
    what = application.title + (f" — {application.role}" if application.role else "")
    lines = ["", f"Application: {what} ({application.file})"]
    url = _page_url(application, report)
    if url:
        lines.append(url)
    return lines


def _page_url(application: Application | None, report: Report) -> str | None:
    base = report.journal.config.base_url.rstrip("/")
    if not base or application is None:
        return None
    return f"{base}/{page_href(application.slug)}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


# --- DTSTAMP ------------------------------------------------------------------------------


class _Stamps:
    """DTSTAMP per application: the latest thing recorded in it up to now (see the docstring)."""

    def __init__(self, report: Report) -> None:
        self.zone = report.journal.config.zone
        self.fixed = source_date_epoch()
        self.latest: dict[str, datetime] = {}
        for application in report.journal.applications:
            facts = [fact for fact in _instants(_recorded(application, report.now), self.zone)
                     if fact <= report.now]
            if facts:
                self.latest[application.slug] = max(facts).astimezone(UTC)
        self.journal = max(self.latest.values(), default=_EPOCH)

    def of(self, slug: str, placed_on: date | None) -> datetime:
        if self.fixed is not None:
            return self.fixed
        stamp = self.latest.get(slug, self.journal) if slug else self.journal
        if placed_on is not None:
            stamp = max(stamp, start_of(placed_on, self.zone).astimezone(UTC))
        return stamp


def _recorded(application: Application, now: datetime) -> Iterable[When]:
    yield from application.milestones.values()
    yield from (entry.on for entry in application.log)
    for interview in application.interviews:
        if interview.cancelled is not None:
            yield interview.cancelled
        elif not interview.is_cancelled and interview.start <= now:
            yield interview.start
    yield from (person.contacted for person in application.references if person.contacted)
    yield from (own.done for own in application.followups if own.done)


def _instants(values: Iterable[When], zone: tzinfo) -> Iterable[datetime]:
    for value in values:
        try:
            yield start_of(value, zone)
        except OverflowError:  # year 1 or 9999 in a far-off zone: not a real record
            continue


# --- iCalendar components -----------------------------------------------------------------


def _years(times: Iterable[When | None], zone: tzinfo, this_year: int) -> tuple[int, int]:
    """The years the VTIMEZONE covers: those of the events' date-times (starts and ends), or
    this year. `times` is read once: only the distinct years are held, never the times."""
    years = {value.astimezone(zone).year for value in times
             if isinstance(value, datetime) and FIRST_YEAR <= value.year < LAST_YEAR}
    if not years:
        years = {min(max(this_year, FIRST_YEAR), LAST_YEAR - 1)}
    return min(years), max(years)


@lru_cache(maxsize=16)
def _vtimezone(tzid: str, first: int, last: int) -> icalendar.Timezone:
    from zoneinfo import ZoneInfo

    import icalendar

    component = icalendar.Timezone.from_tzinfo(ZoneInfo(tzid), tzid, date(first, 1, 1),
                                               date(last + 1, 1, 1))
    # DTSTART is an observance's first onset, but some readers (the `ical` package among
    # them) only count RDATEs once there are any, or none at all without an RRULE. Listing
    # the first onset in RDATE too is valid (a repeated instance counts once) and leaves no
    # reader in doubt.
    for observance in component.subcomponents:
        onsets = [observance.decoded("DTSTART"), *(when for when, _ in observance.rdates)]
        observance.pop("RDATE", None)
        observance.add("RDATE", onsets)
    return component


def _later(value: When, length: timedelta) -> When | None:
    """`length` after `value`, in elapsed time: 60 minutes from 01:30 on the night the clocks
    go back end at 01:30 again, not at 02:30 (aware arithmetic in one zone is wall-clock)."""
    try:
        if isinstance(value, datetime):
            return value.astimezone(UTC) + length
        return value + length
    except OverflowError:  # an end past 9999-12-31: leave DTEND out (RFC 5545 3.6.1)
        return None


__all__ = ["feed_pieces", "render_feed"]
