"""Work shared with forked worker processes gives byte-identical results to one process."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from jobjournal.check.checker import run_checks
from jobjournal.core import workers
from jobjournal.core.dates import noon
from jobjournal.load import loader
from jobjournal.render import site as render

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


def force(parallel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork (or not) whatever the test process is like: other tests may have left threads."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: parallel)


def site(journal: Path, parallel: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    force(parallel, monkeypatch)
    loaded = loader.load_journal(journal, persistent=False)
    report = run_checks(loaded, noon(date(2026, 11, 25), loaded.config.zone))
    return render.render_site(report)


def test_two_processes_render_the_same_bytes_as_one(journal: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    forked = site(journal, True, monkeypatch)
    single = site(journal, False, monkeypatch)
    assert list(forked) == list(single)
    for path in single:
        assert forked[path] == single[path], path


def test_a_worker_really_takes_part(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    pids: set[int] = set()
    original = render._SiteRenderer.applications

    def spy(self, start: int, stop: int):  # type: ignore[no-untyped-def]
        pids.add(os.getpid())
        files = original(self, start, stop)
        return {path: data + f"<!--{os.getpid()}-->".encode() for path, data in files.items()}

    monkeypatch.setattr(render._SiteRenderer, "applications", spy)
    files = site(journal, True, monkeypatch)
    makers = {data.rsplit(b"<!--", 1)[1] for path, data in files.items()
              if path.startswith("applications/")}
    assert len(makers) == 2  # pages came from this process and from a worker


def test_loader_two_processes_same_journal(journal: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    force(True, monkeypatch)
    forked = loader.load_journal(journal, persistent=False)
    force(False, monkeypatch)
    single = loader.load_journal(journal, persistent=False)
    assert forked.applications == single.applications
    assert forked.load_findings == single.load_findings


def test_a_sink_gets_the_big_files_in_pieces_that_make_the_same_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a sink (the writer), the dashboard, the people page, journal.json and the feed
    are handed over as pieces, never as one whole file, and the pieces join up to exactly
    the bytes of a render without a sink."""
    root = tmp_path / "big"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site", "*.md"))
    for page in EXAMPLE.glob("*.md"):
        if page.name != "README.md":
            for copy in range(25):
                shutil.copy(page, root / f"{page.stem}-{copy}.md")
    force(False, monkeypatch)
    loaded = loader.load_journal(root, persistent=False)
    report = run_checks(loaded, noon(date(2026, 11, 25), loaded.config.zone))
    whole = render.render_site(report)
    handed: dict[str, object] = {}
    render.render_site(report, sink=lambda path, data: handed.setdefault(
        path, data if isinstance(data, bytes) else list(data)))
    assert handed.keys() == whole.keys()
    for path in ("index.html", "people.html", "journal.json", "followups.ics"):
        pieces = handed[path]
        assert isinstance(pieces, list) and len(pieces) > 1, path
        assert all(len(piece) <= 4 * 2 ** 16 for piece in pieces), path
        assert b"".join(pieces) == whole[path], path
    assert all(handed[path] == whole[path] for path in whole if path.startswith("applications/"))
