"""A read-only mapping for records: the one immutable dict that both the model and the
configuration are made of (kept apart so that neither has to import the other)."""

from __future__ import annotations


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
