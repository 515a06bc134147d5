"""The engine: unsaved buffers over the disk, and the parse cache kept for the next start."""

from __future__ import annotations

import shutil
from pathlib import Path

from jobjournal.lsp.engine import Engine
from tests.lsp.conftest import EXAMPLE

FILE = "temple-energy-pricing-analyst.md"


def copy(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


def test_buffers_replace_the_files_on_disk_and_are_dropped_when_closed(tmp_path: Path) -> None:
    root = copy(tmp_path)
    engine = Engine(root)
    on_disk = engine.run({})
    assert "JJ101" in [f.rule for f in on_disk.by_file[FILE]]
    text = (root / FILE).read_text()
    debriefed = text.replace("log:\n", "log:\n  - on: 2026-11-24 12:00\n    did: "
                                       "recruiter-debrief\n", 1)
    edited = engine.run({FILE: (debriefed, 7)})
    assert "JJ101" not in [f.rule for f in edited.by_file.get(FILE, [])]
    assert edited.versions == {FILE: 7}
    assert (root / FILE).read_text() == text
    assert "JJ101" in [f.rule for f in engine.run({}).by_file[FILE]]


def test_an_unsaved_new_file_counts_a_skipped_one_does_not(tmp_path: Path) -> None:
    root = copy(tmp_path)
    engine = Engine(root)
    new = "---\ncompany: New Co\nrole: Analyst\napplied: 2026-11-01\n---\n"
    snapshot = engine.run({"new-co.md": (new, 1), "_draft.md": (new, 1), "README.md": (new, 1)})
    files = {a.file for a in snapshot.journal.applications}
    assert "new-co.md" in files
    assert not {"_draft.md", "README.md"} & files


def test_the_parse_cache_is_stored_once_for_the_next_start(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    root = copy(tmp_path)
    first = Engine(root)
    first.run({})
    assert first.unsaved
    first.persist()
    assert not first.unsaved
    assert list((tmp_path / "cache").rglob("parsed.*.pickle"))
    second = Engine(root)
    second.run({})
    assert second.files and not second.unsaved  # loaded from disk, nothing parsed again


def test_rule_links_point_at_the_rules_page(monkeypatch, tmp_path: Path) -> None:
    from jobjournal.lsp import server

    local = server.rule_href("JJ104")
    assert local == f"{server._RULES_DOC.as_uri()}#jj104-thank-you-warning"
    # Installed from a wheel there is no docs/ folder: the published page instead.
    monkeypatch.setattr(server, "_RULES_DOC", tmp_path / "missing.md")
    assert server.rule_href("thank-you") == f"{server._RULES_URL}#jj104-thank-you-warning"
    assert server.rule_href("JJ000") is None and server.rule_href("JJ999") is None
