"""Values derived from one unchanging object, remembered while that object is in use.

The model's records are frozen and `serve` keeps the same Application object for a file until
the file changes, so anything computed from an application alone (its people's keys, its
interview spans, its row on the dashboard) can be kept by identity and reused on the next
rebuild: the rules that look at the whole journal then cost a dictionary lookup per unchanged
application. A memo holds its objects (so an id cannot be reused by another object while
remembered) and forgets everything once it holds more than `limit` of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar
from weakref import WeakSet

V = TypeVar("V")

# Every memo made, so a build can let go of all they hold at once (`forget_all`).
_ALL: WeakSet[IdentityMemo[Any] | LastResult[Any]] = WeakSet()


class IdentityMemo(Generic[V]):
    """`compute(item, *more)` remembered per item object, used again while `more` (a time
    zone, the moment of the check, counts) compares equal; for the same objects, as is usual,
    that comparison is immediate."""

    def __init__(self, compute: Callable[..., V], limit: int = 50_000) -> None:
        self._compute = compute
        self._limit = limit
        self._entries: dict[int, tuple[object, tuple[Any, ...], V]] = {}
        _ALL.add(self)

    def __call__(self, item: object, *more: Any) -> V:
        entry = self._entries.get(id(item))
        if entry is not None and entry[0] is item and entry[1] == more:
            return entry[2]
        value = self._compute(item, *more)
        if len(self._entries) >= self._limit:
            self._entries.clear()
        self._entries[id(item)] = (item, more, value)
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def remembered(compute: Callable[..., V]) -> IdentityMemo[V]:
    """Decorator form of IdentityMemo."""
    return IdentityMemo(compute)


class LastResult(Generic[V]):
    """The last value of a computation over the whole journal, reused while its key compares
    equal. The key is a tuple of per-application facts (remembered objects, so for
    unchanged applications the comparison is immediate): an edit that changes none of the
    facts a rule reads leaves its result as it was."""

    def __init__(self) -> None:
        self._entry: tuple[object, V] | None = None
        _ALL.add(self)

    def get(self, key: object, compute: Callable[[], V]) -> V:
        entry = self._entry
        if entry is not None and entry[0] == key:
            return entry[1]
        value = compute()
        self._entry = (key, value)
        return value

    def clear(self) -> None:
        self._entry = None

    def __len__(self) -> int:
        return 0 if self._entry is None else 1


def forget_all() -> None:
    """Empty every memo. For a build, which makes each page once: what the memos keep for
    `serve`'s next rebuild (a view of every row, follow-up and finding of the journal, each
    person's keys) would otherwise stay resident until the build ends, in both of its
    processes (32 MiB at 3,000 applications, made in one process). Only speed depends on a
    memo."""
    for memo in list(_ALL):
        memo.clear()


class Memos:
    """Everything the checks remember between runs of one session (`serve`, the language
    server), in one object that is passed in explicitly rather than kept in module globals:
    a plain `check` starts from an empty one, and two sessions never share."""

    def __init__(self) -> None:
        self._identity: dict[Callable[..., Any], IdentityMemo[Any]] = {}
        self._last: dict[str, LastResult[Any]] = {}

    def identity(self, compute: Callable[..., V], limit: int = 50_000) -> IdentityMemo[V]:
        """`compute` remembered per item object (see IdentityMemo), for this session."""
        memo = self._identity.get(compute)
        if memo is None:
            memo = self._identity[compute] = IdentityMemo(compute, limit)
        return memo

    def last(self, name: str) -> LastResult[Any]:
        """The LastResult named `name` (one per journal-wide computation), for this session."""
        found = self._last.get(name)
        if found is None:
            found = self._last[name] = LastResult()
        return found
