"""A real editor: Debian's Neovim, headless, as the LSP client of `jobjournal lsp`.

Neovim opens a journal file, receives the diagnostics, applies the "Log it" quick fix of the
JJ104 finding the way it applies any workspace edit, and writes the file; the test reads the
file back. Skipped only where `nvim` is not installed (scripts/test installs Debian's).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.lsp.conftest import ENV, EXAMPLE, SERVER

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).resolve().parent / "neovim" / "quickfix.lua"
FILE = "kirkgate-analytics-analytics-engineer.md"


@pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed")
def test_neovim_applies_a_quick_fix_and_writes_the_file(tmp_path: Path) -> None:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    before = (root / FILE).read_text(encoding="utf-8")
    result = tmp_path / "result.json"
    env = {**ENV, "JJ_RESULT": str(result), "JJ_CMD": json.dumps(SERVER),
           "JJ_ROOT": str(root), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    assert NVIM is not None
    subprocess.run([NVIM, "--headless", "--clean", "-n", "-i", "NONE", "-c",
                    f"luafile {SCRIPT}", str(root / FILE)], cwd=root, env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=False)
    outcome = json.loads(result.read_text())
    assert "error" not in outcome, outcome.get("error")
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
