"""Every quick fix is a plain text edit that, applied, removes the diagnostic it was for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import Session, apply_edits
from tests.lsp.test_diagnostics import application_files

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def actions_for(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic
                      ) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)
            and any(d.code == diagnostic.code and d.message == diagnostic.message
                    for d in a.diagnostics or [])]


async def test_each_fix_removes_its_diagnostic(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    titles: dict[str, set[str]] = {}
    applied = 0
    for file in application_files(journal):
        uri = session.open(file)
        original = session.texts[uri]
        before = await session.diagnostics(uri, version=1)
        for diagnostic in before:
            actions = await actions_for(client, uri, diagnostic)
            titles.setdefault(str(diagnostic.code), set()).update(a.title for a in actions)
            if diagnostic.code != "JJ001":
                assert actions, f"{file}: no fix for {diagnostic.code} {diagnostic.message}"
            for action in actions:
                assert action.command is None and action.edit is not None
                assert action.kind == lsp.CodeActionKind.QuickFix
                edits = action.edit.changes[uri]
                fixed = apply_edits(original, list(edits))
                version = session.change(uri, fixed, save=True)
                after = await session.diagnostics(uri, version=version)
                key = (diagnostic.code, diagnostic.message)
                count = Counter((d.code, d.message) for d in after)[key]
                assert count < Counter((d.code, d.message) for d in before)[key], \
                    f"{file}: '{action.title}' left {diagnostic.code}: {fixed}"
                assert "JJ001" not in [d.code for d in after], f"{action.title} broke {file}"
                applied += 1
                session.change(uri, original)
        session.close(uri)
    assert applied >= 25
    # The fixes that do what a follow-up asks, not only the acknowledgement.
    assert any(t.startswith("Log it: did: thank-you to Ben Castle") for t in titles["JJ104"])
    assert any(t.startswith("Log it: did: recruiter-debrief") for t in titles["JJ101"])
    assert any(t.startswith("Log it: did: chased") for t in titles["JJ103"])
    assert any(t.startswith("Log it: did: chased") for t in titles["JJ114"])
    assert any(t.startswith("Close it: ghosted: 2026-11-25") for t in titles["JJ114"])
    assert any(t.startswith("Log it: did: thank-you to Daniel Price") for t in titles["JJ111"])
    assert any(t.startswith("Log it: did: linkedin to Callum Hughes") for t in titles["JJ112"])
    assert "Mark it done: done: 2026-11-25" in titles["JJ113"]
    assert "Time off booked: time_off: true" in titles["JJ110"]
    assert "Remove the unused ignore entry" in titles["JJ007"]
    assert titles["JJ001"] == set()


async def test_rename_and_value_fixes(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    text = ("---\ncompany: Acme\nrole: Analyst\napplied: 2026-11-20\nrecuiter: Priya Shah\n"
            "interviews:\n  - at: 2026-12-01 10:00\n    format: vidoe\n    debrief: i-call\n"
            "    with: [Ann Lee]\n    time_off: true\n---\n")
    uri = session.open("typos.md", text)
    before = await session.diagnostics(uri, version=1)
    assert sorted(d.code for d in before) == ["JJ002", "JJ003"]
    for diagnostic in before:
        actions = await actions_for(client, uri, diagnostic)
        first = actions[0]
        assert first.title in ("Rename 'recuiter' to 'recruiter'", "Use 'video'")
        fixed = apply_edits(text, list(first.edit.changes[uri]))
        version = session.change(uri, fixed, save=True)
        after = await session.diagnostics(uri, version=version)
        assert diagnostic.code not in [d.code for d in after]
        assert ("recruiter: Priya Shah" in fixed) or ("format: video" in fixed)
    session.close(uri)


async def test_fixes_write_where_the_file_has_none_yet(client: LanguageClient,
                                                       journal: Path) -> None:
    """No `log:` and no `ignore:`: the fix adds the key before the closing ---."""
    session = Session(client, journal)
    text = ("---\ncompany: Quiet Ltd\nrole: Analyst\napplied: 2026-10-01\n"
            "recruiter: Rosa Diaz\n---\nNotes.\n")
    uri = session.open("quiet.md", text)
    before = await session.diagnostics(uri, version=1)
    chase = next(d for d in before if d.code == "JJ114")
    actions = {a.title: a for a in await actions_for(client, uri, chase)}
    log = actions["Log it: did: chased to Rosa Diaz"]
    fixed = apply_edits(text, list(log.edit.changes[uri]))
    assert fixed.endswith("log:\n  - on: 2026-11-25 12:00\n    did: chased\n    to: Rosa Diaz\n"
                          "---\nNotes.\n")
    ignore = next(a for t, a in actions.items() if t.startswith("Acknowledge"))
    ignored = apply_edits(text, list(ignore.edit.changes[uri]))
    assert 'ignore:\n  JJ114: "TODO: say why this does not apply"\n---' in ignored
    version = session.change(uri, ignored, save=True)
    after = await session.diagnostics(uri, version=version)
    assert "JJ114" not in [d.code for d in after]
    session.close(uri)

