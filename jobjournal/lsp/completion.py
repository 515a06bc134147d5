"""Completion: keys at every depth, the values a key accepts, names, and today's date."""

from __future__ import annotations

import re
from datetime import datetime

from lsprotocol import types as lsp

from jobjournal.lsp.engine import Application, Journal, all_rules
from jobjournal.lsp.fields import ACTION_MEANINGS, CHOICES, KINDS, PEOPLE_SECTIONS, keys_at
from jobjournal.lsp.people import PEOPLE_KEYS
from jobjournal.lsp.text import Text
from jobjournal.lsp.textpos import cursor_at, siblings

_DATED = frozenset(key for key, kind in KINDS.items() if kind in ("date", "when"))


def complete(text: Text, position: lsp.Position, application: Application | None,
             journal: Journal | None, now: datetime) -> list[lsp.CompletionItem]:
    index = position.line
    character = text.column(position)
    cursor = cursor_at(text.lines, index, character)
    if cursor is None:
        return []
    typed = cursor.prefix
    if cursor.key in PEOPLE_KEYS and typed.startswith("["):
        typed = re.split(r"[\[,]", typed)[-1].lstrip()  # `with: [Ann Lee, To|`
    start = character - len(typed)
    replace = text.range(index, start, character)

    def item(label: str, kind: lsp.CompletionItemKind, detail: str = "",
             insert: str | None = None, doc: str = "") -> lsp.CompletionItem:
        return lsp.CompletionItem(
            label=label, kind=kind, detail=detail or None,
            documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=doc)
            if doc else None,
            filter_text=label, text_edit=lsp.TextEdit(range=replace, new_text=insert or label))

    items: list[lsp.CompletionItem] = []
    if cursor.key is None:
        if cursor.path == ("ignore",):
            for rule in all_rules():
                items.append(item(rule.id, lsp.CompletionItemKind.Reference, rule.name,
                                  f"{rule.id}: ", rule.why))
            return items
        if cursor.in_list_item and cursor.path in PEOPLE_SECTIONS:
            items.extend(item(name, lsp.CompletionItemKind.Value, "a person")
                         for name in _journal_names(journal))
        written = siblings(text.lines, index, cursor.line.column, cursor.line.dash)
        for key in keys_at(cursor.path):
            if key.name in written:
                continue
            items.append(item(key.name, lsp.CompletionItemKind.Property, key.kind,
                              f"{key.name}: ", key.description))
        return items
    key = cursor.key
    if key in CHOICES:
        for choice in CHOICES[key]:
            items.append(item(choice, lsp.CompletionItemKind.EnumMember, key,
                              doc=ACTION_MEANINGS.get(choice, "") if key == "did" else ""))
    elif key == "to":
        names = [person.name for _part, person in application.people()] if application else []
        items.extend(item(name, lsp.CompletionItemKind.Value, "of this application")
                     for name in dict.fromkeys(names))
    elif key in PEOPLE_KEYS or (key == "name" and cursor.path == ("interviews", "with")):
        items.extend(item(name, lsp.CompletionItemKind.Value, "in the journal")
                     for name in _journal_names(journal))
    elif key in _DATED:
        items.append(item(now.date().isoformat(), lsp.CompletionItemKind.Value, "today"))
        if KINDS.get(key) == "when":
            items.append(item(now.strftime("%Y-%m-%d %H:%M"), lsp.CompletionItemKind.Value,
                              "now"))
    return items


def _journal_names(journal: Journal | None) -> list[str]:
    if journal is None:
        return []
    names: dict[str, str] = {}
    for application in journal.applications:
        for _part, person in application.people():
            names.setdefault(person.key, person.name)
    return sorted(names.values(), key=str.casefold)
