"""Broken files and malformed requests never kill the server: it answers the next request."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import Session

pytestmark = pytest.mark.asyncio(loop_scope="module")

BROKEN = {
    "empty.md": "",
    "fence-only.md": "---\n",
    "unclosed.md": "---\ncompany: \"Acme\nrole: x\n---\n",
    "list.md": "---\n- just\n- a list\n---\n",
    "scalar.md": "---\nhello\n---\n",
    "tabs.md": "---\ncompany: A\n\trole: B\n---\n",
    "bomb.md": "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
               "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
               "e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n---\n",
    "odd.md": "---\ncompany: A\nrole: B\nlog: 5\ninterviews:\n  - 7\n  - at: never\n"
              "    with: {a: b}\nignore: [x]\nfollowups:\n  -\n---\n\u0000\ud800 text\n",
}


async def still_alive(client: LanguageClient, session: Session) -> None:
    uri = session.open("temple-energy-pricing-analyst.md")
    diagnostics = await session.diagnostics(uri, version=1)
    assert any(d.code == "JJ101" for d in diagnostics)
    session.close(uri)


async def test_broken_files_get_a_diagnostic_and_every_request_an_answer(
        client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    for file, text in BROKEN.items():
        uri = session.open(file, text.replace("\ud800", "\ufffd"))
        diagnostics = await session.diagnostics(uri, version=1)
        assert {d.code for d in diagnostics} & {"JJ001", "JJ003", "JJ004"}, file
        identifier = lsp.TextDocumentIdentifier(uri=uri)
        lines = text.split("\n")
        for line in range(len(lines) + 2):
            for character in (0, 3, 200):
                at = lsp.Position(line=line, character=character)
                await client.text_document_hover_async(lsp.HoverParams(
                    text_document=identifier, position=at))
                await client.text_document_completion_async(lsp.CompletionParams(
                    text_document=identifier, position=at))
                await client.text_document_definition_async(lsp.DefinitionParams(
                    text_document=identifier, position=at))
                await client.text_document_code_action_async(lsp.CodeActionParams(
                    text_document=identifier, range=lsp.Range(start=at, end=at),
                    context=lsp.CodeActionContext(diagnostics=[])))
        await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
            text_document=identifier))
        session.close(uri)
    await still_alive(client, session)


async def test_requests_about_unknown_documents(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    # Well-formed requests about documents the server does not know or cannot place.
    for uri in ("file:///nowhere/x.md", "untitled:Untitled-1", (journal / "README.md").as_uri(),
                (journal / "missing.md").as_uri()):
        identifier = lsp.TextDocumentIdentifier(uri=uri)
        at = lsp.Position(line=3, character=4)
        assert await client.text_document_hover_async(lsp.HoverParams(
            text_document=identifier, position=at)) is None
        await client.text_document_completion_async(lsp.CompletionParams(
            text_document=identifier, position=at))
        await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
            text_document=identifier))
    # Notifications about documents never opened, and a change past the end of a buffer.
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri="file:///nowhere/y.md", version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="x")]))
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(
        text_document=lsp.TextDocumentIdentifier(uri="file:///nowhere/z.md")))
    uri = session.open("edge.md", "---\ncompany: A\nrole: B\n---\n")
    await session.diagnostics(uri, version=1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=50, character=3),
                            end=lsp.Position(line=60, character=0)), text="zz")]))
    session.close(uri)
    await still_alive(client, session)


async def test_a_broken_configuration_is_shown_once_and_survived(client: LanguageClient,
                                                                 journal: Path) -> None:
    session = Session(client, journal)
    config = journal / "jobjournal.toml"
    good = config.read_text()
    config.write_text("timezone = [\n")
    try:
        uri = session.open("roundhay-games.md")

        def shown() -> int:
            return sum("jobjournal.toml" in m.message for m in client.messages)

        for _ in range(500):
            if shown():
                break
            await asyncio.sleep(0.01)
        assert shown() == 1
        for number in range(3):  # typing on: the same problem is not shown again
            session.change(uri, session.texts[uri] + f"\nmore {number}\n", save=True)
        await asyncio.sleep(0.5)
        assert shown() == 1
        session.close(uri)
    finally:
        config.write_text(good)
    await still_alive(client, session)
