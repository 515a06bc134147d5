"""The plan: what a sync does for each combination of feed and calendar (pure values)."""

from __future__ import annotations

from datetime import date

import pytest

from jobjournal.sync.events import Listed, Wanted
from jobjournal.sync.plan import EMPTY_FEED_LIMIT, Refused, make_plan

DAY = date(2026, 12, 2)
EVENT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\nBEGIN:VEVENT\r\nUID:{uid}@jobjournal\r\n"
         "DTSTAMP:20261120T090000Z\r\nDTSTART;VALUE=DATE:20261202\r\nSUMMARY:{digest}\r\n"
         "END:VEVENT\r\nEND:VCALENDAR\r\n")


def wanted(uid: str, digest: str = "d1") -> Wanted:
    return Wanted(uid=f"{uid}@jobjournal", summary=f"Do {uid}", day=DAY, digest=digest,
                  text=EVENT.format(uid=uid, digest=digest).encode())


def listed(uid: str, stored: str = "d1", edited: bool = False, href: str = "") -> Listed:
    return Listed(uid=f"{uid}@jobjournal", href=href or f"/cal/{uid}.ics", etag=f'"{uid}"',
                  stored=stored, edited=edited, summary=f"Do {uid}", day=DAY)


def href_for(uid: str) -> str:
    return f"/cal/new-{uid}"


def kinds(plan) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(change.kind, change.uid.split("@")[0]) for change in plan.changes]


def test_new_changed_gone_and_unchanged() -> None:
    plan = make_plan([wanted("a"), wanted("b", "d2"), wanted("c")],
                     [listed("b"), listed("c"), listed("z")], href_for=href_for)
    assert kinds(plan) == [("delete", "z"), ("update", "b"), ("create", "a")]
    assert plan.unchanged == 1
    update = plan.of_kind("update")[0]
    assert (update.href, update.etag, update.digest) == ("/cal/b.ics", '"b"', "d2")
    assert update.body is not None and b"SUMMARY:d2\r\nX-JOBJOURNAL-HASH:d2." in update.body
    assert plan.of_kind("create")[0].href == "/cal/new-a@jobjournal"


def test_an_event_edited_in_the_calendar_is_kept_unless_forced() -> None:
    edited = listed("b", stored="d1", edited=True)
    gone_edited = listed("z", stored="d1", edited=True)
    plan = make_plan([wanted("b", "d2")], [edited, gone_edited], href_for=href_for)
    assert plan.changes == [] and [item.uid for item in plan.kept] == [
        "b@jobjournal", "z@jobjournal"]
    forced = make_plan([wanted("b", "d1")], [edited, gone_edited], href_for=href_for,
                       force=True)
    assert kinds(forced) == [("delete", "z"), ("update", "b")], \
        "forced, the feed's version replaces the edit even where the feed did not change"


def test_duplicates_of_a_uid_are_deleted() -> None:
    plan = make_plan([wanted("a")], [listed("a", href="/cal/1.ics"),
                                     listed("a", href="/cal/2.ics")], href_for=href_for)
    assert kinds(plan) == [("delete", "a")] and plan.unchanged == 1
    assert plan.changes[0].href == "/cal/2.ics"


def test_an_incomplete_feed_deletes_nothing() -> None:
    plan = make_plan([wanted("a", "d2")], [listed("a"), listed("b")], href_for=href_for,
                     complete=False)
    assert kinds(plan) == [("update", "a")] and plan.withheld == 1


def test_an_empty_feed_may_not_empty_a_calendar_of_many_events() -> None:
    few = [listed(str(n)) for n in range(EMPTY_FEED_LIMIT)]
    assert len(make_plan([], few, href_for=href_for).of_kind("delete")) == EMPTY_FEED_LIMIT
    many = [*few, listed("one-more")]
    with pytest.raises(Refused, match=f"holds {EMPTY_FEED_LIMIT + 1} of its events"):
        make_plan([], many, href_for=href_for)
    assert len(make_plan([], many, href_for=href_for, force=True).changes) == len(many)
