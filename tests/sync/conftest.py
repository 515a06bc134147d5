"""Fixtures of the sync tests: a Radicale server per module, a journal to sync, and a way to
run `jobjournal sync` exactly as the command line does (in-process, for speed)."""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import icalendar
import pytest

from jobjournal.cli import main

from .radicale_server import PASSWORD, USER, Radicale

TODAY = "2026-11-25"

NORTHWIND = """
---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-10-28
recruiter:
  name: Priya Shah
  agency: Hays
interviews:
  - at: 2026-12-02 10:00
    minutes: 60
    stage: Second interview
    with: [Tom Becker]
    debrief: they-call
followups:
  - due: 2026-11-27
    what: Send Tom the dashboard sample
  - due: 2026-11-30 09:15
    what: Prepare questions for the second interview
---
"""

LEODIS = """
---
company: Leodis Labs
role: Data Scientist
applied: 2026-11-02
followups:
  - due: 2026-12-01
    what: Ask Callum about the salary band
  - due: 2026-12-03 16:00
    what: Send the portfolio link
---
"""


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    server = Radicale(tmp_path_factory.mktemp("radicale"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class Syncer:
    """Runs `jobjournal sync` and `jobjournal feed` on one journal and one calendar."""

    def __init__(self, journal: Path, calendar: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.journal = journal
        self.calendar = calendar
        self.capsys = capsys

    def sync(self, *options: str, today: str = TODAY) -> Result:
        self.capsys.readouterr()
        code = main(["sync", str(self.journal), "--today", today, "--calendar", self.calendar,
                     *options])
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def feed(self, today: str = TODAY) -> dict[str, icalendar.Event]:
        target = self.journal.parent / f"feed-{uuid.uuid4().hex}.ics"
        assert main(["feed", str(self.journal), "--today", today, "-o", str(target)]) == 0
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        return {str(event["UID"]): event for event in calendar.walk("VEVENT")}

    def write(self, name: str, text: str) -> None:
        (self.journal / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def syncer(radicale: Radicale, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> Syncer:
    """A journal of two applications, the server in the environment, a calendar of its own
    (so the tests of a module share a server but not a calendar), no settings file."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("JOBJOURNAL_CALDAV_URL", radicale.url)
    monkeypatch.setenv("JOBJOURNAL_CALDAV_USERNAME", USER)
    monkeypatch.setenv("JOBJOURNAL_CALDAV_PASSWORD", PASSWORD)
    monkeypatch.delenv("JOBJOURNAL_DEBUG", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    journal = tmp_path / "journal"
    journal.mkdir()
    (journal / "jobjournal.toml").write_text('timezone = "Europe/London"\n')
    syncer = Syncer(journal, f"Jobs {uuid.uuid4().hex[:8]}", capsys)
    syncer.write("northwind.md", NORTHWIND)
    syncer.write("leodis.md", LEODIS)
    return syncer
