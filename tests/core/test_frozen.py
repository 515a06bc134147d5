"""FrozenMap: a read-only dict that can be a key (the check memo hashes outputs holding one)."""

from __future__ import annotations

import pickle

import pytest

from jobjournal.core.frozen import FrozenMap


def test_equal_maps_hash_alike_whatever_order_they_were_built_in() -> None:
    one = FrozenMap({"company": 3, "role": 4, "applied": 5})
    other = FrozenMap({"applied": 5, "role": 4, "company": 3})
    assert one == other and hash(one) == hash(other)
    assert {one: "found"}[other] == "found"
    assert FrozenMap({"company": 3}) != FrozenMap({"company": 4})


def test_it_cannot_be_changed_and_survives_pickling() -> None:
    frozen = FrozenMap({"company": 3})
    for change in (lambda: frozen.__setitem__("x", 1), lambda: frozen.update(x=1),
                   lambda: frozen.pop("company"), frozen.clear):
        with pytest.raises(TypeError):
            change()
    copy = pickle.loads(pickle.dumps(frozen))
    assert type(copy) is FrozenMap and copy == frozen and hash(copy) == hash(frozen)
