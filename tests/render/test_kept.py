"""serve's fragments: an item's HTML, and a whole run of items, is made once and found again
while the very same objects come back; a shifted run finds its items; nothing piles up."""

from __future__ import annotations

from dataclasses import dataclass

from jobjournal.render.kept import Fragments


@dataclass(frozen=True)
class Item:
    name: str


class Macro:
    """A stand-in for a Jinja macro that counts what it is asked to render."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, root: str, item: Item) -> str:
        self.calls.append(item.name)
        return f"<li>{root}{item.name}</li>"


def render(fragments: Fragments, macro: Macro, chunks: list[list[Item]]) -> str:
    fragments.finish()  # a new generation, as lazy_site starts one
    return "".join(fragments.each(macro, "../", chunk) for chunk in chunks)


def chunked(items: list[Item], size: int = 4) -> list[list[Item]]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def plain(items: list[Item]) -> str:
    return "".join(f"<li>../{item.name}</li>" for item in items)


def test_the_same_items_are_not_rendered_again_and_an_edit_renders_only_itself() -> None:
    fragments, macro = Fragments(), Macro()
    items = [Item(f"i{n}") for n in range(12)]
    assert render(fragments, macro, chunked(items)) == plain(items)
    assert len(macro.calls) == 12
    macro.calls.clear()
    assert render(fragments, macro, chunked(items)) == plain(items)
    assert macro.calls == []
    items[5] = Item("edited")  # a new object, as the checker makes for an edited file
    assert render(fragments, macro, chunked(items)) == plain(items)
    assert macro.calls == ["edited"]


def test_an_equal_but_new_object_is_rendered_from_itself() -> None:
    """Identity, not equality, finds a piece: a new object is never taken for an old one."""
    fragments, macro = Fragments(), Macro()
    items = [Item(f"i{n}") for n in range(8)]
    render(fragments, macro, chunked(items))
    macro.calls.clear()
    again = [Item(item.name) for item in items]
    assert render(fragments, macro, chunked(again)) == plain(again)
    assert len(macro.calls) == 8


def test_removing_an_item_shifts_the_chunks_after_it_without_rendering_them() -> None:
    fragments, macro = Fragments(), Macro()
    items = [Item(f"i{n}") for n in range(16)]
    render(fragments, macro, chunked(items))
    render(fragments, macro, chunked(items))  # found whole: the pieces must still be kept
    render(fragments, macro, chunked(items))
    macro.calls.clear()
    del items[1]  # a follow-up done: every later chunk starts one item further on
    assert render(fragments, macro, chunked(items)) == plain(items)
    assert macro.calls == []


def test_what_nothing_uses_any_more_is_let_go() -> None:
    fragments, macro = Fragments(), Macro()
    items = [Item(f"i{n}") for n in range(40)]
    for generation in range(1000):  # a thousand saves, each changing one item
        items[generation % 40] = Item(f"e{generation}")
        assert render(fragments, macro, chunked(items)) == plain(items)
    assert len(fragments.kept) < 400  # not the thousand and forty pieces ever made
    assert len(fragments.chunks) <= 10
