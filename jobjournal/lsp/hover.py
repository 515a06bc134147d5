"""Hover: what a key means, what a `did:` value means, who a person is, why a rule matters."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from jobjournal.lsp import people
from jobjournal.lsp.engine import Finding, Journal, Rule, find_rule
from jobjournal.lsp.fields import ACTION_MEANINGS, describe
from jobjournal.lsp.text import Text
from jobjournal.lsp.textpos import cursor_at, word_at

_RULE_ID = re.compile(r"\b[Jj][Jj]\d{3}\b")


def rule_markdown(rule: Rule) -> str:
    parts = [f"**{rule.id} {rule.name}** ({rule.severity})"]
    if rule.why:
        parts.append(f"*{rule.why}*")
    if rule.explanation:
        parts.append(rule.explanation)
    return "\n\n".join(parts)


def hover(text: Text, position: lsp.Position, journal: Journal | None,
          findings: list[Finding]) -> lsp.Hover | None:
    index = position.line
    character = text.column(position)
    line_text = text.line(index)
    cursor = cursor_at(text.lines, index, len(line_text))
    parts: list[str] = []
    span: lsp.Range | None = None
    token = word_at(line_text, character)
    if token and _RULE_ID.fullmatch(token[0]) and (rule := find_rule(token[0])):
        parts.append(rule_markdown(rule))
        span = text.range(index, token[1], token[2])
    elif cursor is not None:
        line = cursor.line
        on_key = line.key is not None and character < line.value_column
        if cursor.path == ("ignore",) and line.key and on_key:
            rule = find_rule(line.key)
            if rule:
                parts.append(rule_markdown(rule))
        elif on_key and line.key:
            meaning = describe(cursor.path, line.key)
            if meaning:
                parts.append(f"**{line.key}**: {meaning}")
            span = text.range(index, line.column, line.column + len(line.key))
        elif cursor.key == "did":
            action = line.value.split("#")[0].strip()
            if action in ACTION_MEANINGS:
                parts.append(f"**did: {action}**: {ACTION_MEANINGS[action]}")
        else:
            name = people.name_at(cursor, character)
            if name and journal is not None:
                about = people.describe(journal, name)
                if about:
                    parts.append(about)
    here = [f for f in findings if f.line == index + 1]
    if here and parts:
        parts.append("---")
    for finding in here:
        rule = find_rule(finding.rule)
        why = f": *{rule.why}*" if rule and rule.why else ""
        parts.append(f"{finding.rule} {rule.name if rule else ''}{why}")
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                value="\n\n".join(parts)),
                     range=span)
