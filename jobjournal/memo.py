"""Values derived from one unchanging object, remembered while that object is in use.

The model's records are frozen and `serve` keeps the same Application object for a file until
the file changes, so anything computed from an application alone (its people's keys, its
interview spans) can be kept by identity and reused on the next rebuild: the rules that look
at the whole journal then cost a few dictionary lookups per unchanged application. A memo holds
its objects (so an id cannot be reused by another object while remembered) and forgets
everything once it holds more than `limit` of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class IdentityMemo(Generic[V]):
    """`compute(item, *more)` remembered per item object; `more` (a time zone, say) must
    compare equal for a remembered value to be used."""

    def __init__(self, compute: Callable[..., V], limit: int = 50_000) -> None:
        self._compute = compute
        self._limit = limit
        self._entries: dict[int, tuple[object, tuple[Any, ...], V]] = {}

    def __call__(self, item: object, *more: Any) -> V:
        entry = self._entries.get(id(item))
        if entry is not None and entry[0] is item and entry[1] == more:
            return entry[2]
        value = self._compute(item, *more)
        if len(self._entries) >= self._limit:
            self._entries.clear()
        self._entries[id(item)] = (item, more, value)
        return value


def remembered(compute: Callable[..., V]) -> IdentityMemo[V]:
    """Decorator form of IdentityMemo."""
    return IdentityMemo(compute)
