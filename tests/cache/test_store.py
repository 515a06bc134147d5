"""The persistent cache trusts only what this very tool wrote: an entry stored under another
fingerprint (another version, or the code edited since) is not returned."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobjournal.cache import store


def test_an_entry_of_another_tool_version_is_not_used(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    journal = tmp_path / "journal"
    journal.mkdir()
    store.store(journal, "parsed", {"a.md": "this version"})
    assert store.load(journal, "parsed") == {"a.md": "this version"}
    with monkeypatch.context() as patched:
        patched.setattr(store, "tool_fingerprint", lambda: "an-older-jobjournal")
        store.store(journal, "parsed", {"a.md": "older version"})
        assert store.load(journal, "parsed") == {"a.md": "older version"}
    assert store.load(journal, "parsed") is None  # the real fingerprint differs


def test_caching_off_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", "")
    journal = tmp_path / "journal"
    journal.mkdir()
    store.store(journal, "parsed", 1)
    assert store.load(journal, "parsed") is None
    assert list(tmp_path.iterdir()) == [journal] and list(journal.iterdir()) == []
