"""A real editor: Debian's Neovim, headless, as the LSP client of `jobjournal lsp`.

Neovim, set up as docs/editors.md says for 0.7 (and, to tell a configuration fault from a
server fault, with a client the test script starts itself), opens a journal file, receives
the diagnostics, applies the "Log it" quick fix of the
JJ104 finding the way it applies any workspace edit, and writes the file; the test reads the
file back. Skipped only where `nvim` is not installed (scripts/test installs Debian's).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lsp.conftest import ENV, EXAMPLE, SERVER, TODAY

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).resolve().parent / "neovim" / "quickfix.lua"
FILE = "kirkgate-analytics-analytics-engineer.md"
EDITORS = Path(__file__).resolve().parents[2] / "docs" / "editors.md"


def docs_config() -> str:
    """The Neovim 0.7 configuration docs/editors.md gives, exactly as written there."""
    text = EDITORS.read_text(encoding="utf-8")
    section = text[text.index("## Neovim 0.7"):]
    start = section.index("```lua\n") + len("```lua\n")
    return section[start:section.index("\n```\n", start)]


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed")
@pytest.mark.parametrize("how", ["docs/editors.md's 0.7 configuration", "a client it starts"])
def test_neovim_applies_a_quick_fix_and_writes_the_file(tmp_path: Path, how: str) -> None:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    before = (root / FILE).read_text(encoding="utf-8")
    result = tmp_path / "result.json"
    env = {**ENV, "JJ_RESULT": str(result), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path)}
    if how.startswith("docs"):
        # The configuration runs `jobjournal lsp`; this one is fixed at the example's day.
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir()
        wrapper = bin_dir / "jobjournal"
        wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m jobjournal "$@" --today '
                           f'{TODAY}\n')
        wrapper.chmod(0o755)
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        init = tmp_path / "init.lua"
        init.write_text(docs_config(), encoding="utf-8")
        options = ["-u", str(init)]
    else:
        env.update({"JJ_CMD": json.dumps(SERVER), "JJ_ROOT": str(root)})
        options = ["--clean"]
    assert NVIM is not None
    subprocess.run([NVIM, "--headless", *options, "-n", "-i", "NONE", "-c",
                    f"luafile {SCRIPT}", str(root / FILE)], cwd=root, env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=False)
    outcome = json.loads(result.read_text())
    assert "error" not in outcome, outcome.get("error")
    if how.startswith("docs"):
        assert outcome["attached"] == "jobjournal"
    assert outcome["opened"] is True
    assert {(d["code"], d["line"]) for d in outcome["before"]} == {
        ("JJ003", 18), ("JJ104", 24), ("JJ107", 50), ("JJ007", 60)}
    assert all(d["source"] == "jobjournal" for d in outcome["before"])
    assert "Log it: did: thank-you to Ben Castle" in outcome["steps"]
    assert outcome["fixed"] is True
    assert "JJ104" not in [d["code"] for d in outcome["after"]]
    after = (root / FILE).read_text(encoding="utf-8")
    added = ("  - on: 2026-11-25 12:00\n    did: thank-you\n    to: Ben Castle\n"
             "followups:\n")
    assert added in after and added not in before
    assert after.replace("  - on: 2026-11-25 12:00\n    did: thank-you\n    to: Ben Castle\n",
                         "", 1) == before
    assert os.path.getsize(root / FILE) == len(after.encode("utf-8"))
