"""Hover, completion, go to definition, references and document symbols, from a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import Session

pytestmark = pytest.mark.asyncio(loop_scope="module")
KIRKGATE = "kirkgate-analytics-analytics-engineer.md"
CALDER = "calder-mutual-senior-data-analyst.md"


def position(text: str, needle: str, offset: int = 0) -> lsp.Position:
    """The position of `needle` (its first occurrence) plus `offset` characters."""
    for number, line in enumerate(text.split("\n")):
        if needle in line:
            return lsp.Position(line=number, character=line.index(needle) + offset)
    raise AssertionError(f"{needle!r} not in the text")


async def hover_text(client: LanguageClient, uri: str, at: lsp.Position) -> str:
    found = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at))
    assert found is not None
    assert isinstance(found.contents, lsp.MarkupContent)
    return found.contents.value


async def test_hover(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    uri = session.open(KIRKGATE)
    await session.diagnostics(uri, version=1)
    text = session.texts[uri]
    # A rule id in ignore: its why and explanation.
    rule = await hover_text(client, uri, position(text, "JJ110: After", 2))
    assert "**JJ110 day-job**" in rule and "working hours" in rule
    # A person: who, where, the last contact.
    person = await hover_text(client, uri, position(text, "- name: Ben Castle", 10))
    assert "**Ben Castle** — Senior Analytics Engineer" in person
    assert "interviewer at Kirkgate Analytics" in person and "No contact logged yet" in person
    # The JJ104 finding on that line is explained too.
    assert "JJ104 thank-you" in person
    elsewhere = await hover_text(client, uri, position(text, "to: Rachel Moore", 6))
    assert f"contact at Calder Mutual (Senior Data Analyst) — `{CALDER}`" in elsewhere
    assert f"Last contact: linkedin on Tue 24 Nov 2026 20:00 (`{CALDER}`)" in elsewhere
    # A did: value and a key.
    did = await hover_text(client, uri, position(text, "did: thank-you", 7))
    assert "you sent a thank-you" in did
    key = await hover_text(client, uri, position(text, "hear_back_by", 2))
    assert "expect news" in key
    # Nothing to say in the notes below the front matter.
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        position=lsp.Position(line=len(text.split("\n")) - 2, character=1)))
    assert nothing is None
    session.close(uri)


async def complete(client: LanguageClient, uri: str, at: lsp.Position) -> list[lsp.CompletionItem]:
    found = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=at))
    assert isinstance(found, lsp.CompletionList)
    return found.items


async def test_completion(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    text = ("---\ncompany: Acme\nrole: Analyst\nrecruiter: Priya Shah\n"
            "interviews:\n  - at: 2026-12-01 10:00\n    with:\n      - Ann Lee\n      - \n"
            "    \n    format: \nlog:\n  - on: \n    did: tha\n    to: \n\n---\nNotes\n")
    uri = session.open("new-one.md", text)
    await session.diagnostics(uri, version=1)
    lines = text.split("\n")

    def at_end(number: int) -> lsp.Position:
        return lsp.Position(line=number, character=len(lines[number]))

    top = {i.label: i for i in await complete(client, uri, at_end(15))}
    assert {"applied", "ghosted", "location", "followups", "ignore"} <= set(top)
    assert not {"company", "role", "interviews", "log"} & set(top)  # already written
    assert top["applied"].text_edit.new_text == "applied: "
    assert "The date you applied" in top["applied"].documentation.value
    interview = {i.label for i in await complete(client, uri, at_end(9))}
    assert {"hear_back_by", "debrief", "time_off"} <= interview
    assert not {"did", "at", "with", "format"} & interview
    names = {i.label for i in await complete(client, uri, at_end(8))}
    assert {"Rachel Moore", "Hannah Wilde", "name"} <= names
    formats = [i.label for i in await complete(client, uri, at_end(10))]
    assert formats == ["in-person", "video", "phone"]
    today = [i.label for i in await complete(client, uri, at_end(12))]
    assert today == ["2026-11-25", "2026-11-25 12:00"]
    did = await complete(client, uri, at_end(13))
    thank = next(i for i in did if i.label == "thank-you")
    # The typed "tha" is replaced, not appended to.
    assert thank.text_edit.range.start.character == len("    did: ")
    assert thank.text_edit.range.end.character == len("    did: tha")
    to = [i.label for i in await complete(client, uri, at_end(14))]
    assert to == ["Priya Shah", "Ann Lee"]
    assert await complete(client, uri, lsp.Position(line=17, character=2)) == ()  # the notes
    ignore_text = "---\ncompany: A\nrole: B\nignore:\n  \n---\n"
    uri2 = session.open("ignoring.md", ignore_text)
    rules = {i.label for i in await complete(client, uri2, lsp.Position(line=4, character=2))}
    assert {"JJ104", "JJ110", "JJ007"} <= rules
    session.close(uri)
    session.close(uri2)


async def test_definition_and_references(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    uri = session.open(KIRKGATE)
    await session.diagnostics(uri, version=1)
    at = position(session.texts[uri], "to: Rachel Moore", 6)
    identifier = lsp.TextDocumentIdentifier(uri=uri)
    definitions = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=identifier, position=at))
    calder = (journal / CALDER).as_uri()
    calder_lines = (journal / CALDER).read_text().split("\n")
    assert {(d.uri, d.range.start.line) for d in definitions} == {
        (calder, number) for number, line in enumerate(calder_lines)
        if line.strip() == "- name: Rachel Moore"}
    first = definitions[0]
    assert calder_lines[first.range.start.line][
        first.range.start.character:first.range.end.character] == "Rachel Moore"
    references = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=identifier, position=at,
        context=lsp.ReferenceContext(include_declaration=True)))
    places = {(r.uri, r.range.start.line) for r in references}
    assert (uri, at.line) in places  # the mistaken thank-you in Kirkgate's log
    assert len([p for p in places if p[0] == calder]) == 6
    session.close(uri)


async def test_document_symbols(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    uri = session.open(KIRKGATE)
    await session.diagnostics(uri, version=1)
    found = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    tree = {s.name: [c.name for c in s.children or []] for s in found}
    assert tree == {
        "Interviews": ["First interview — 2026-11-12 10:30", "Take-home review — 2026-11-30 17:45"],
        "Log": ["note → Amy Leung", "thank-you → Hannah Wilde", "thank-you → Rachel Moore",
                "note → Hannah Wilde"],
        "Follow-ups": ["Send the take-home back to Hannah"],
    }
    session.close(uri)


async def test_completion_in_a_flow_list_replaces_only_the_name(client: LanguageClient,
                                                               journal: Path) -> None:
    session = Session(client, journal)
    text = ("---\ncompany: A\nrole: B\ninterviews:\n  - at: 2026-12-01 10:00\n"
            "    with: [Ann, Rach\n---\n")
    uri = session.open("flow.md", text)
    await session.diagnostics(uri, version=1)
    line = "    with: [Ann, Rach"
    items = await complete(client, uri, lsp.Position(line=5, character=len(line)))
    rachel = next(i for i in items if i.label == "Rachel Moore")
    assert rachel.text_edit.range.start.character == line.index("Rach")
    session.close(uri)


async def test_fixes_keep_the_files_line_endings(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    text = "---\r\ncompany: Quiet Ltd\r\nrole: Analyst\r\napplied: 2026-10-01\r\n---\r\n"
    uri = session.open("crlf.md", text)
    diagnostics = await session.diagnostics(uri, version=1)
    chase = next(d for d in diagnostics if d.code == "JJ114")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=chase.range,
        context=lsp.CodeActionContext(diagnostics=[chase])))
    for action in actions:
        for edit in action.edit.changes[uri]:
            assert "\n" not in edit.new_text.replace("\r\n", ""), action.title
    session.close(uri)


async def test_names_after_to_while_the_yaml_is_half_typed(client: LanguageClient,
                                                           journal: Path) -> None:
    session = Session(client, journal)
    text = ("---\ncompany: A\nrole: B\nrecruiter: Priya Shah\nlog:\n  - on: 2026-11-20\n"
            "    did: chased\n    to: \n---\n")
    uri = session.open("half.md", text)
    await session.diagnostics(uri, version=1)
    broken = text.replace("role: B\n", "role: B\nlocat\n")  # a key being typed: not YAML
    version = session.change(uri, broken, save=True)
    assert [d.code for d in await session.diagnostics(uri, version=version)] == ["JJ001"]
    line = broken.split("\n").index("    to: ")
    items = await complete(client, uri, lsp.Position(line=line, character=len("    to: ")))
    assert [i.label for i in items] == ["Priya Shah"]
    session.close(uri)


async def test_positions_count_utf16_units(client: LanguageClient, journal: Path) -> None:
    """Characters outside the Basic Multilingual Plane are two units for the client."""
    session = Session(client, journal)
    line = "recuiter: Priya 😀 Shah"
    uri = session.open("emoji.md", f"---\ncompany: A 😀\nrole: B\n{line}\n---\n")
    diagnostics = await session.diagnostics(uri, version=1)
    unknown = next(d for d in diagnostics if d.code == "JJ002")
    assert unknown.range.end.character == len(line.encode("utf-16-le")) // 2 == len(line) + 1
    session.close(uri)
