"""A real `jobjournal lsp` subprocess driven by pytest-lsp, on a copy of the example journal.

The server is started once per test module with `--today 2026-11-25` (the example's fixed
day), on its own copy of example-journal, with the parse cache off.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
TODAY = "2026-11-25"
SERVER = [sys.executable, "-m", "jobjournal", "lsp", "--today", TODAY]
ENV = {**os.environ, "JOBJOURNAL_CACHE_DIR": ""}


def _publish(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.versions[params.uri] = params.version  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's test client that also keeps the version of each publishDiagnostics."""
    client = LanguageClient()
    client.versions = {}  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES,
                                   lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish})
    return client


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp") / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=SERVER, server_env=ENV, client_factory=make_client))
async def client(lsp_client: LanguageClient, journal: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(),
        root_uri=journal.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=journal.as_uri(), name="journal")]))
    yield
    await lsp_client.shutdown_session()


class Session:
    """Open documents and their versions, with waits on what the server pushes."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def uri(self, file: str) -> str:
        return (self.root / file).as_uri()

    def open(self, file: str, text: str | None = None) -> str:
        uri = self.uri(file)
        text = (self.root / file).read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                               text=text)))
        return uri

    def change(self, uri: str, text: str, save: bool = False) -> int:
        """Replace the buffer's text; `save` sends didSave too (checks without the delay)."""
        self.versions[uri] += 1
        self.texts[uri] = text
        version = self.versions[uri]
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        if save:
            self.client.text_document_did_save(lsp.DidSaveTextDocumentParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri)))
        return version

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri)))
        self.versions.pop(uri, None)

    async def diagnostics(self, uri: str, version: int | None = None,
                          until: Callable[[list[lsp.Diagnostic]], bool] | None = None,
                          timeout: float = 10.0) -> list[lsp.Diagnostic]:
        """The diagnostics published for `uri` (for `version`, when given)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = self.client.diagnostics.get(uri)
            published = getattr(self.client, "versions", {}).get(uri)
            if found is not None and (version is None or published == version) and (
                    until is None or until(list(found))):
                return list(found)
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"no diagnostics for {uri} (version {version}); last: "
                                     f"{found} at version {published}")
            await asyncio.sleep(0.01)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (ASCII positions) to `text`, last first."""
    lines = text.split("\n")

    def offset(position: lsp.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        return sum(len(line) + 1 for line in lines[:position.line]) + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
