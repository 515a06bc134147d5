"""Shared fixtures: a journal written from dedented strings and checked at a fixed `now`.

Every test gets a fresh folder under `tmp_path`; `journal.write("a.md", '''...''')` writes an
application exactly as a person would, and `journal.check()` loads and checks it as `jobjournal
check --today 2026-11-25` does: now is Wednesday 25 November 2026, 12:00 Europe/London.
"""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from jobjournal.check.checker import Report, run_checks
from jobjournal.core.dates import noon
from jobjournal.core.findings import Finding
from jobjournal.core.followups import FollowUp
from jobjournal.core.model import Journal
from jobjournal.load.loader import load_journal

ZONE = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 25)
NOW = noon(TODAY, ZONE)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                   ) -> None:
    """Each test gets its own jobjournal cache (also inherited by subprocesses), so no test
    reads another's results and nothing lands in the real ~/.cache."""
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def dedent(text: str) -> str:
    """Strip the common indentation and the first newline, so files read naturally in tests."""
    return textwrap.dedent(text).lstrip("\n")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`, in dedented `text`."""
    seen = 0
    for number, line in enumerate(dedent(text).splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in the text")


class JournalFolder:
    """A journal folder on disk plus the last check's results."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str] = {}
        self.report: Report | None = None

    # -- writing ---------------------------------------------------------------------------
    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = dedent(text)
        path.write_text(content, encoding="utf-8", newline="")
        self.texts[name] = content
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def config(self, text: str) -> Path:
        return self.write("jobjournal.toml", text)

    def line(self, name: str, needle: str, occurrence: int = 1) -> int:
        """The file line holding `needle` in a file written with `write`."""
        return line_of(self.texts[name], needle, occurrence)

    # -- checking --------------------------------------------------------------------------
    def load(self) -> Journal:
        return load_journal(self.root, timezone="Europe/London")

    def check(self, today: date | None = None, now: datetime | None = None) -> Report:
        journal = self.load()
        zone = journal.config.zone
        if now is None:
            now = noon(today, zone) if today else noon(TODAY, zone)
        self.report = run_checks(journal, now)
        return self.report

    def _report(self) -> Report:
        return self.report if self.report is not None else self.check()

    def findings(self, rule: str | None = None, file: str | None = None) -> list[Finding]:
        return [f for f in self._report().findings
                if (rule is None or f.rule == rule) and (file is None or f.file == file)]

    def followups(self, rule: str | None = None, application: str | None = None
                  ) -> list[FollowUp]:
        return [f for f in self._report().followups
                if (rule is None or f.rule == rule)
                and (application is None or f.application == application)]

    def rules_found(self) -> set[str]:
        return {f.rule for f in self._report().findings}


@pytest.fixture
def journal(tmp_path: Path) -> JournalFolder:
    root = tmp_path / "journal"
    root.mkdir()
    return JournalFolder(root)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in this
    thread for the rest of the session, and the language server's tests (pytest-lsp, asyncio)
    cannot start theirs under it. A stable sort keeps every other order as collected."""
    items.sort(key=lambda item: "browser" in item.path.parts)
