"""pygls is loaded by `jobjournal lsp` only: `check` and `schema` stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.lsp.conftest import ENV, EXAMPLE

PROBE = """
import sys
from jobjournal.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs'))
print('loaded:', heavy)
"""


@pytest.mark.parametrize("argv", [["check", str(EXAMPLE), "--today", "2026-11-25"],
                                  ["schema"], ["--help"]])
def test_no_pygls_outside_the_server(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True,
                          text=True, env=ENV, check=False)
    assert "loaded: []" in done.stdout, done.stdout[-500:] + done.stderr[-500:]


def test_lsp_help_names_the_options() -> None:
    done = subprocess.run([sys.executable, "-m", "jobjournal", "lsp", "--help"],
                          capture_output=True, text=True, env=ENV, check=True)
    assert "--today" in done.stdout and "--stdio" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "jobjournal", "lsp", "--today", "tomorrow"],
                         capture_output=True, text=True, env=ENV, check=False)
    assert bad.returncode == 2 and "not a date" in bad.stderr
