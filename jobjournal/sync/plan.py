"""What a sync must do: the pure difference between the calendar's events and the feed's.

No network here, so every decision is tested on plain values:

- an event of the feed that the calendar lacks is created;
- one whose digest differs from the one stored with it is updated;
- one of ours that left the feed is deleted;
- one of ours edited in a calendar app since we wrote it is kept and reported, neither
  updated nor deleted, unless `force`;
- the same UID twice (a sync interrupted between two servers' views, say): the extra
  copies are deleted;
- deletions are withheld when the feed is known to be incomplete (a rule failed), and an
  empty feed facing many of our events is refused without `force`: an empty journal folder
  or a wrong path must not wipe the calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from jobjournal.sync.events import Listed, Wanted

# An empty feed may delete at most this many of our events without --force.
EMPTY_FEED_LIMIT = 3

Kind = Literal["create", "update", "delete"]


class Refused(Exception):
    """The plan would do something drastic that needs --force."""


@dataclass(frozen=True)
class Change:
    kind: Kind
    uid: str
    summary: str
    day: date
    href: str
    etag: str | None = None  # the listed version, for If-Match
    body: bytes | None = None  # for create and update
    digest: str = ""  # the feed digest the body carries


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    kept: list[Listed] = field(default_factory=list)  # edited in the calendar: left alone
    withheld: int = 0  # deletions not made because the feed is incomplete

    def of_kind(self, kind: Kind) -> list[Change]:
        return [change for change in self.changes if change.kind == kind]


def make_plan(wanted: Sequence[Wanted], listed: Iterable[Listed], *,
              href_for: Callable[[str], str], force: bool = False,
              complete: bool = True) -> Plan:
    """The changes that make the calendar hold exactly `wanted` (see the module docstring).

    `href_for(uid)` names the resource of a new event."""
    plan = Plan()
    held: dict[str, Listed] = {}
    extra: list[Listed] = []
    for item in sorted(listed, key=lambda item: (item.uid, item.edited, item.href)):
        if item.uid in held:
            extra.append(item)
        else:
            held[item.uid] = item
    if not wanted and len(held) > EMPTY_FEED_LIMIT and not force and complete:
        raise Refused(f"the feed is empty but the calendar holds {len(held)} of its events; "
                      "not deleting them all (--force does)")
    wanted_uids = set()
    for event in wanted:
        wanted_uids.add(event.uid)
        there = held.get(event.uid)
        if there is None:
            plan.changes.append(Change("create", event.uid, event.summary, event.day,
                                       href_for(event.uid), body=event.payload(),
                                       digest=event.digest))
        elif there.edited and not force:
            plan.kept.append(there)
        elif there.stored == event.digest and not there.edited:
            plan.unchanged += 1
        else:
            plan.changes.append(Change("update", event.uid, event.summary, event.day,
                                       there.href, there.etag, event.payload(),
                                       event.digest))
    gone = [item for uid, item in held.items() if uid not in wanted_uids] + extra
    for item in gone:
        if item.edited and not force:
            plan.kept.append(item)
        elif not complete:
            plan.withheld += 1
        else:
            plan.changes.append(Change("delete", item.uid, item.summary, item.day,
                                       item.href, item.etag))
    plan.changes.sort(key=lambda change: (change.day, _ORDER[change.kind], change.summary,
                                          change.uid))
    plan.kept.sort(key=lambda item: (item.day, item.summary, item.uid))
    return plan


_ORDER = {"delete": 0, "update": 1, "create": 2}
