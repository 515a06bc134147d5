"""Races with another device, against the real server: a new event whose resource name was
taken meanwhile is not overwritten (If-None-Match: *), and deleting an event that another
device already deleted is simply done."""

from __future__ import annotations

import pytest

import jobjournal.sync.main as sync_main
from jobjournal.sync.client import resource_href

from . import dav
from .conftest import Syncer
from .radicale_server import Radicale

NEW_FOLLOWUP = """
  - due: 2026-12-08
    what: Send Callum the case study
"""


def _before_writing(monkeypatch: pytest.MonkeyPatch, meddle) -> None:  # type: ignore[no-untyped-def]
    real = sync_main.apply_plan

    def apply_plan(*args, **kwargs):  # type: ignore[no-untyped-def]
        meddle()
        return real(*args, **kwargs)

    monkeypatch.setattr(sync_main, "apply_plan", apply_plan)


def test_a_new_event_never_replaces_one_that_appeared_meanwhile(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    known = set(syncer.feed())
    text = (syncer.journal / "leodis.md").read_text()
    syncer.write("leodis.md", text.replace("    what: Send the portfolio link\n",
                                           "    what: Send the portfolio link\n"
                                           + NEW_FOLLOWUP.lstrip("\n"), 1))
    [new] = set(syncer.feed()) - known
    href = resource_href(url, new)

    def phone_creates_it() -> None:
        assert dav.put(href, dav.foreign_event("phone-1@example", "Phone's own event"),
                       {"If-None-Match": "*"}) == 201

    _before_writing(monkeypatch, phone_creates_it)
    result = syncer.sync()
    assert any("Send Callum the case study" in line and "appeared meanwhile" in line
               for line in result.lines), result.out
    stored = {item.href.rstrip("/").rsplit("/", 1)[-1]: str(item.event["SUMMARY"])
              for item in dav.events(url).values()}
    assert stored[href.rsplit("/", 1)[-1]] == "Phone's own event"


def test_deleting_an_event_already_deleted_elsewhere_is_done(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert syncer.sync().code == 0
    url = dav.calendars(radicale.url)[syncer.calendar]
    (syncer.journal / "leodis.md").unlink()

    def phone_deletes_one() -> None:
        gone = next(item for item in dav.events(url).values()
                    if str(item.event["SUMMARY"]) == "Send the portfolio link")
        assert dav.HTTP.delete(gone.href, auth=dav.AUTH, timeout=10).status_code in (200, 204)

    _before_writing(monkeypatch, phone_deletes_one)
    result = syncer.sync()
    assert result.code == 0, result.out + result.err
    assert not [line for line in result.lines if line.startswith("!")], result.out
    summaries = {str(item.event["SUMMARY"]) for item in dav.events(url).values()}
    assert "Send the portfolio link" not in summaries
    assert "Ask Callum about the salary band" not in summaries
