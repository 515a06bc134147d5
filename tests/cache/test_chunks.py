"""The big pages' chunks kept on disk (cache/chunks.py) and the keys that find them
(renders.Digests): a chunk is found only under the key of what made it, a damaged file is
never trusted, and a page keeps only the chunks it used."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from jobjournal.cache import renders
from jobjournal.cache.chunks import ChunkStore


def test_a_chunk_is_found_under_its_key_only(tmp_path: Path) -> None:
    store = ChunkStore(tmp_path / "page")
    assert store.get("a" * 64) is None  # nothing yet
    store.put("a" * 64, "<tr><td>Ünïcode row</td></tr>")
    again = ChunkStore(tmp_path / "page")  # as the next build finds it
    assert again.get("a" * 64) == "<tr><td>Ünïcode row</td></tr>"
    assert again.get("b" * 64) is None


@pytest.mark.parametrize("damage", ["torn", "flipped", "empty", "not-utf-8"])
def test_a_damaged_chunk_is_never_trusted(tmp_path: Path, damage: str) -> None:
    store = ChunkStore(tmp_path)
    key = "c" * 64
    store.put(key, "<tr>good</tr>")
    path = tmp_path / key
    data = path.read_bytes()
    if damage == "torn":
        path.write_bytes(data[:-3])
    elif damage == "flipped":
        path.write_bytes(data[:-1] + b"X")
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a checksum that matches, over bytes that are not text: never ours
        body = b"\xff\xfe<tr>"
        path.write_bytes(hashlib.sha256(body).digest() + body)
    assert ChunkStore(tmp_path).get(key) is None


def test_a_page_keeps_the_chunks_it_used_and_no_others(tmp_path: Path) -> None:
    first = ChunkStore(tmp_path)
    for name in ("1", "2", "3"):
        first.put(name * 64, f"chunk {name}")
    first.keep_only_used()  # put is not use: a page made without asking keeps nothing
    assert sorted(os.listdir(tmp_path)) == []
    for name in ("1", "2", "3"):
        first.put(name * 64, f"chunk {name}")
    later = ChunkStore(tmp_path)
    assert later.get("1" * 64) == "chunk 1"
    assert later.get("4" * 64) is None  # asked for and made: kept once put
    later.put("4" * 64, "chunk 4")
    later.keep_only_used()
    assert sorted(os.listdir(tmp_path)) == ["1" * 64, "4" * 64]


def test_without_a_folder_nothing_is_kept_and_nothing_fails(tmp_path: Path) -> None:
    store = ChunkStore(None)
    store.put("d" * 64, "text")
    assert store.get("d" * 64) is None
    store.keep_only_used()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_only_costs_speed(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = ChunkStore(folder)
        store.put("e" * 64, "text")  # does not raise
        assert store.get("e" * 64) is None
    finally:
        folder.chmod(0o700)


@dataclass(frozen=True)
class _Row:
    name: str
    count: int


def test_digests_give_the_keys_of_the_values_not_of_the_objects() -> None:
    rows = tuple(_Row(f"row {i}", i) for i in range(200))
    same = tuple(_Row(f"row {i}", i) for i in range(200))  # equal values, other objects
    digests = renders.Digests()
    first = digests.key("page", rows)
    assert digests.key("page", rows) == first  # remembered
    assert renders.Digests().key("page", same) == first  # worked out afresh
    changed = (*rows[:-1], _Row("row 199", 200))
    assert digests.key("page", changed) != first
    assert digests.key("page", rows[:128]) != digests.key("page", rows[128:])
    digests.clear()
    assert digests.key("page", rows) == first


def test_a_remembered_slice_is_found_by_the_very_same_items_only() -> None:
    digests = renders.Digests()
    first, last = _Row("first", 1), _Row("last", 2)
    # The same first and last objects and length, another row between: another slice.
    keys = {digests.key("chunk", (first, _Row(f"row {i}", i), last)) for i in range(100)}
    assert len(keys) == 100
    # Each row is gone once its key is made, so the next one may be given its id.
    keys = {digests.key("chunk", (_Row(f"row {i}", i),)) for i in range(100)}
    assert len(keys) == 100
