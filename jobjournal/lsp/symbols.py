"""Document symbols: the interviews, log entries and follow-ups of one application."""

from __future__ import annotations

from lsprotocol import types as lsp

from jobjournal.lsp.engine import Application, iso
from jobjournal.lsp.text import Text


def _span(text: Text, first: int, lines: dict[str, int] | object) -> lsp.Range:
    last = max([first, *dict(lines).values()])  # type: ignore[call-overload]
    start = text.position(first - 1, 0)
    end = text.position(last - 1, len(text.line(last - 1)))
    return lsp.Range(start=start, end=end)


def _group(text: Text, name: str, line: int, children: list[lsp.DocumentSymbol]
           ) -> lsp.DocumentSymbol:
    end = children[-1].range.end if children else text.position(line - 1, len(text.line(line - 1)))
    return lsp.DocumentSymbol(
        name=name, kind=lsp.SymbolKind.Array,
        range=lsp.Range(start=text.position(line - 1, 0), end=end),
        selection_range=text.line_range(line - 1), children=children)


def document_symbols(text: Text, application: Application) -> list[lsp.DocumentSymbol]:
    symbols: list[lsp.DocumentSymbol] = []
    interviews = []
    for interview in application.interviews:
        who = ", ".join(person.name for person in interview.with_)
        when = interview.at.strftime("%Y-%m-%d %H:%M") if interview.has_time else \
            interview.at.date().isoformat()
        interviews.append(lsp.DocumentSymbol(
            name=f"{interview.label()} — {when}", detail=who or None, kind=lsp.SymbolKind.Event,
            range=_span(text, interview.line, interview.lines),
            selection_range=text.line_range(interview.line - 1)))
    entries = []
    for entry in application.log:
        whom = f" → {entry.to}" if entry.to else ""
        entries.append(lsp.DocumentSymbol(
            name=f"{entry.did}{whom}", detail=iso(entry.on), kind=lsp.SymbolKind.Event,
            range=_span(text, entry.line, entry.lines),
            selection_range=text.line_range(entry.line - 1)))
    followups = []
    for own in application.followups:
        state = f"done {own.done.isoformat()}" if own.done else f"due {iso(own.due)}"
        followups.append(lsp.DocumentSymbol(
            name=own.what, detail=state, kind=lsp.SymbolKind.Event,
            range=_span(text, own.line, own.lines),
            selection_range=text.line_range(own.line - 1)))
    for key, name, children in (("interviews", "Interviews", interviews),
                                ("log", "Log", entries), ("followups", "Follow-ups", followups)):
        if children and key in application.lines:
            symbols.append(_group(text, name, application.lines[key], children))
    return symbols
