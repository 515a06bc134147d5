"""Diagnostics pushed by `jobjournal lsp` are what `jobjournal check` reports, kept current."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from jobjournal.lsp.engine import Engine
from tests.lsp.conftest import ENV, TODAY, Session

pytestmark = pytest.mark.asyncio(loop_scope="module")
RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
# GitHub's anchors of the rule headings: "## JJ104 thank-you (warning)" -> jj104-thank-you-warning
ANCHORS = {re.sub(r"[^a-z0-9 -]", "", line[3:].strip().lower()).replace(" ", "-")
           for line in RULES_DOC.read_text(encoding="utf-8").splitlines()
           if line.startswith("## ")}
SEVERITY = {lsp.DiagnosticSeverity.Error: "error", lsp.DiagnosticSeverity.Warning: "warning",
            lsp.DiagnosticSeverity.Information: "info"}


def check_json(root: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "jobjournal", "check", str(root), "--format",
                           "json", "--today", TODAY], capture_output=True, text=True, env=ENV,
                          check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def application_files(root: Path) -> list[str]:
    """The journal's application files, as jobjournal's loader finds them."""
    return [a.file for a in Engine(root).run({}).journal.applications]


async def test_each_file_gets_what_check_reports(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    expected = check_json(journal)
    files = application_files(journal)
    assert len(files) >= 10
    for file in files:
        uri = session.open(file)
        diagnostics = await session.diagnostics(uri, version=1)
        got = [(d.range.start.line + 1, d.code, SEVERITY[d.severity], d.message)
               for d in diagnostics]
        want = [(f["line"], f["rule"], f["severity"], f["message"]) for f in expected
                if f["file"] == file]
        assert got == want, file
        for diagnostic in diagnostics:
            assert diagnostic.source == "jobjournal"
            assert diagnostic.code_description is not None
            href = diagnostic.code_description.href
            assert href.startswith(RULES_DOC.as_uri() + "#")
            assert href.split("#")[1] in ANCHORS, href
    # Every finding of an application file was published somewhere.
    published = sum(len(client.diagnostics[session.uri(f)]) for f in files)
    assert published == len([f for f in expected if f["file"].endswith(".md")])
    for file in files:
        session.close(session.uri(file))


async def test_the_configuration_file_gets_its_findings(client: LanguageClient,
                                                        journal: Path) -> None:
    """The example's configuration has nothing to fix (v2 reports JJ109's "keep applying"
    at the latest application); a misspelt key in it is JJ002, shown on save, and goes again
    once corrected."""
    session = Session(client, journal)
    config = journal / "jobjournal.toml"
    original = config.read_text(encoding="utf-8")
    uri = session.open("jobjournal.toml")
    assert await session.diagnostics(uri, version=1) == []
    try:
        misspelt = original + 'colour = "teal"\n'
        config.write_text(misspelt, encoding="utf-8")
        version = session.change(uri, misspelt, save=True)
        diagnostics = await session.diagnostics(uri, version=version)
        assert [d.code for d in diagnostics] == ["JJ002"]
        assert diagnostics[0].range.start.line == len(original.splitlines())
    finally:
        config.write_text(original, encoding="utf-8")
    version = session.change(uri, original, save=True)
    assert await session.diagnostics(uri, version=version) == []
    session.close(uri)


async def test_skipped_files_get_nothing(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    readme = session.open("README.md")
    (journal / "_drafts").mkdir(exist_ok=True)
    draft = session.open("_drafts/idea.md", "---\nrole: no company\n---\n")
    marker = session.open("temple-energy-pricing-analyst.md")
    await session.diagnostics(marker, version=1)  # the check that saw all three ran
    assert readme not in client.diagnostics
    assert draft not in client.diagnostics
    for uri in (readme, draft, marker):
        session.close(uri)


async def test_a_change_updates_the_diagnostics(client: LanguageClient, journal: Path) -> None:
    session = Session(client, journal)
    file = "temple-energy-pricing-analyst.md"
    uri = session.open(file)
    before = await session.diagnostics(uri, version=1)
    assert "JJ101" in [d.code for d in before]
    text = session.texts[uri]
    entry = "  - on: 2026-11-24 12:00\n    did: recruiter-debrief\n"
    debriefed = text.replace("log:\n", "log:\n" + entry, 1)
    assert debriefed != text
    version = session.change(uri, debriefed)  # no save: the debounced check
    after = await session.diagnostics(uri, version=version)
    assert "JJ101" not in [d.code for d in after]
    # An unsaved edit breaking the YAML gives JJ001, then fixing it clears it again.
    version = session.change(uri, text.replace("company:", "company: [", 1))
    broken = await session.diagnostics(uri, version=version)
    assert [d.code for d in broken] == ["JJ001"]
    version = session.change(uri, text, save=True)
    assert [d.code for d in await session.diagnostics(uri, version=version)] == \
        [d.code for d in before]
    session.close(uri)


async def test_journal_wide_rules_see_unsaved_buffers(client: LanguageClient,
                                                      journal: Path) -> None:
    """JJ006 on one file goes when the other, still unsaved, stops being a duplicate."""
    session = Session(client, journal)
    duplicate = session.open("aire-valley-insight-analyst.md")
    other = session.open("aire-valley-insight-analyst-loiner.md")
    assert "JJ006" in [d.code for d in await session.diagnostics(duplicate, version=1)]
    text = session.texts[other]
    session.change(other, text.replace("role: ", "role: Senior ", 1), save=True)
    await session.diagnostics(duplicate, until=lambda ds: "JJ006" not in [d.code for d in ds])
    assert (journal / "aire-valley-insight-analyst-loiner.md").read_text() == text  # unsaved
    session.change(other, text, save=True)
    await session.diagnostics(duplicate, until=lambda ds: "JJ006" in [d.code for d in ds])
    session.close(duplicate)
    session.close(other)
