"""`now` fixed by the editor: initializationOptions {"today": ...} instead of --today."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import ENV, Session, make_client
from tests.lsp.test_diagnostics import SEVERITY, check_json

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "jobjournal", "lsp"], server_env=ENV,
    client_factory=make_client))
async def client(lsp_client: LanguageClient, journal: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=journal.as_uri(),
        initialization_options={"today": "2026-11-25"}))
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options_fix_today(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    file = "temple-energy-pricing-analyst.md"
    uri = session.open(file)
    got = [(d.range.start.line + 1, d.code, SEVERITY[d.severity], d.message)
           for d in await session.diagnostics(uri, version=1)]
    assert got == [(f["line"], f["rule"], f["severity"], f["message"])
                   for f in check_json(journal) if f["file"] == file]
    assert got  # the example's findings at 25 November 2026, not at today's date
