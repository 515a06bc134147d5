"""Read-only mappings for records, kept apart so that neither the model nor the configuration
has to import the other: FrozenMap, the one immutable dict, and KeyedValues, the compact form
of the small maps every record carries (the line of each key, the milestones' dates).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class FrozenMap(dict):  # type: ignore[type-arg]
    """A read-only dict: records stay immutable, yet pickle (for the cache and worker
    processes), which MappingProxyType cannot."""

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("jobjournal records are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]
    __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[dict]]:  # type: ignore[type-arg]
        return (FrozenMap, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        # Order-free, as dict equality is: equal maps hash alike however they were built.
        return hash(frozenset(self.items()))


# Each set of keys in its order, shared by every map that has it: a journal has thousands of
# records but only a few shapes of them. Bounded, in case a journal has endless shapes.
_SHAPES: dict[tuple[str, ...], dict[str, int]] = {}
_MAX_SHAPES = 4096


def _positions(keys: tuple[str, ...]) -> dict[str, int]:
    found = _SHAPES.get(keys)
    if found is None:
        found = {key: position for position, key in enumerate(keys)}
        if len(_SHAPES) < _MAX_SHAPES:
            _SHAPES[keys] = found
    return found


def _keyed(keys: tuple[str, ...], values: tuple[Any, ...]) -> KeyedValues:
    made = KeyedValues.__new__(KeyedValues)
    made._positions = _positions(keys)
    made._values = values
    return made


class KeyedValues(Mapping[str, Any]):
    """A read-only mapping of a few keys (in their order) to values, stored as a tuple of the
    values beside the positions of the keys, which are shared by all maps with the same keys:
    about a third of a dict's size. It compares, hashes and prints as a FrozenMap of the same
    items does, and pickles compactly."""

    __slots__ = ("_positions", "_values")

    _positions: dict[str, int]
    _values: tuple[Any, ...]

    def __init__(self, items: Mapping[str, Any] | None = None) -> None:
        items = items or {}
        self._positions = _positions(tuple(items))
        self._values = tuple(items.values())

    def __getitem__(self, key: str) -> Any:
        return self._values[self._positions[key]]

    def get(self, key: str, default: Any = None) -> Any:
        position = self._positions.get(key)
        return default if position is None else self._values[position]

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, KeyedValues) and other._positions is self._positions:
            return other._values == self._values
        return Mapping.__eq__(self, other)

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))  # as FrozenMap's: equal maps hash alike

    def __repr__(self) -> str:
        return repr(dict(self.items()))

    def __reduce__(self) -> tuple[Any, tuple[tuple[str, ...], tuple[Any, ...]]]:
        return (_keyed, (tuple(self._positions), self._values))
