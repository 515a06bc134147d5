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


def test_a_map_is_stored_in_batches_and_read_back_whole(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    journal = tmp_path / "journal"
    journal.mkdir()
    shared = "Northwind Analytics"
    value = {f"{n:04}.md": (n, shared, [n] * 3) for n in range(1000)}  # several batches
    store.store_map(journal, "parsed", value)
    loaded = store.load_map(journal, "parsed")
    assert loaded == value and list(loaded) == list(value)  # every entry, in its order
    assert store.load(journal, "parsed") is None  # not mistaken for a single stored value
    with monkeypatch.context() as patched:
        patched.setattr(store, "tool_fingerprint", lambda: "an-older-jobjournal")
        assert store.load_map(journal, "parsed") is None


def test_a_truncated_map_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    journal = tmp_path / "journal"
    journal.mkdir()
    store.store_map(journal, "parsed", {f"{n}.md": "x" * 100 for n in range(600)})
    [path] = (tmp_path / "cache").rglob("parsed.pickle")
    whole = path.read_bytes()
    for cut in (len(whole) - 1, len(whole) // 2, 40):  # a torn file: no half of the journal
        path.write_bytes(whole[:cut])
        assert store.load_map(journal, "parsed") is None
