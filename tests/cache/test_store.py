"""The persistent cache trusts only what this very tool wrote: an entry stored under another
fingerprint (another version, or the code edited since) is not returned."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobjournal.cache import store


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty journal folder whose cache is tmp_path/cache."""
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "journal"
    folder.mkdir()
    return folder


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


def test_a_map_is_stored_in_batches_and_read_back_whole(journal: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shared = "Northwind Analytics"
    value = {f"{n:04}.md": (n, shared, [n] * 3) for n in range(5000)}  # batches in each shard
    store.store_map(journal, "parsed", value)
    assert len(list((tmp_path / "cache").rglob("parsed.*.pickle"))) == store.SHARDS
    loaded = store.load_map(journal, "parsed")
    assert loaded == value  # every entry
    assert store.load(journal, "parsed") is None  # not mistaken for a single stored value
    with monkeypatch.context() as patched:
        patched.setattr(store, "tool_fingerprint", lambda: "an-older-jobjournal")
        assert store.load_map(journal, "parsed") == {}


def _shards(tmp_path: Path) -> dict[str, Path]:
    return {path.name: path for path in (tmp_path / "cache").rglob("parsed.*.pickle")}


def test_a_torn_shard_leaves_out_its_entries_and_no_others(journal: Path, tmp_path: Path) -> None:
    value = {f"{n}.md": "x" * 100 for n in range(2000)}
    store.store_map(journal, "parsed", value)
    torn = _shards(tmp_path)[f"parsed.{store.shard_of('7.md'):02x}.pickle"]
    whole = torn.read_bytes()
    kept = {key: item for key, item in value.items()
            if store.shard_of(key) != store.shard_of("7.md")}
    for cut in (len(whole) - 1, len(whole) // 2, 40):  # torn: none of it, never half
        torn.write_bytes(whole[:cut])
        assert store.load_map(journal, "parsed") == kept


def test_only_the_shards_of_changed_keys_are_written_again(journal: Path, tmp_path: Path) -> None:
    value = {f"{n}.md": n for n in range(400)}
    store.store_map(journal, "parsed", value)
    before = {name: path.stat().st_ino for name, path in _shards(tmp_path).items()}
    value["3.md"] = "edited"
    del value["5.md"]
    store.store_map(journal, "parsed", value, changed=["3.md", "5.md"])
    after = {name: path.stat().st_ino for name, path in _shards(tmp_path).items()}
    rewritten = {name for name in before if before[name] != after[name]}
    assert rewritten == {f"parsed.{store.shard_of(key):02x}.pickle" for key in ("3.md", "5.md")}
    assert store.load_map(journal, "parsed") == value  # the removed key is gone from disk too


def test_the_map_of_an_older_version_in_one_file_is_removed(journal: Path, tmp_path: Path
                                                            ) -> None:
    folder = store.journal_cache_dir(journal)
    assert folder is not None
    folder.mkdir(parents=True)
    (folder / "parsed.pickle").write_bytes(b"the whole map, as versions before shards kept it")
    store.store_map(journal, "parsed", {"a.md": 1}, changed=["a.md"])
    assert not (folder / "parsed.pickle").exists()
    assert store.load_map(journal, "parsed") == {"a.md": 1}
