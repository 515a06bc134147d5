"""The server going away: before the sync, and in the middle of its writes."""

from __future__ import annotations

import threading

import pytest

from jobjournal.sync.client import Server

from . import dav
from .conftest import Syncer
from .radicale_server import PASSWORD, Radicale

MANY = "\n".join(f"  - due: 2026-12-{day:02d}\n    what: Task number {day}"
                 for day in range(1, 25))


def _many_followups(syncer: Syncer) -> None:
    syncer.write("leodis.md", f"""---
company: Leodis Labs
role: Data Scientist
applied: 2026-11-02
followups:
{MANY}
---
""")


def test_no_server_exits_2_with_a_clear_message(radicale: Radicale, syncer: Syncer) -> None:
    radicale.stop()
    try:
        result = syncer.sync()
    finally:
        radicale.start()
    assert result.code == 2
    assert result.out == ""
    assert result.err == (f"jobjournal: cannot connect to {radicale.url[:-1]} while looking "
                          "for your calendars: connection refused\n")


def test_the_server_going_away_mid_sync_is_reported_and_the_next_sync_repairs(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    _many_followups(syncer)
    real_put = Server.put
    puts = []
    lock = threading.Lock()

    def put(self, href, body, condition):  # type: ignore[no-untyped-def]
        with lock:
            puts.append(href)
            if len(puts) == 6:
                radicale.stop()  # the real server really goes: no more answers
        return real_put(self, href, body, condition)

    monkeypatch.setattr(Server, "put", put)
    try:
        broken = syncer.sync()
    finally:
        radicale.start()  # the same port and storage
        monkeypatch.setattr(Server, "put", real_put)
    assert broken.code == 2
    assert broken.err.startswith(f"jobjournal: cannot connect to {radicale.url[:-1]} while "
                                 "writing an event")
    assert broken.err.endswith("; the calendar is part-way: run sync again to finish\n")
    assert "Traceback" not in broken.err and PASSWORD not in broken.err
    assert "not attempted" in broken.lines[-1]
    url = dav.calendars(radicale.url)[syncer.calendar]
    part = dav.events(url)
    feed = syncer.feed()
    # Five writes started before the server went; those in flight may or may not have landed.
    assert 1 <= len(part) <= 5 < len(feed)
    created = {line[13:] for line in broken.lines if line.startswith("+ ")}
    assert created and created <= {str(item.event["SUMMARY"]) for item in part.values()}, \
        "what it says it made, the calendar holds"

    repaired = syncer.sync()
    assert repaired.code == 0, repaired.err
    assert repaired.lines[-1] == (f"{len(feed) - len(part)} created, 0 updated, 0 deleted, "
                                  f"{len(part)} unchanged")
    assert set(dav.events(url)) == set(feed)
