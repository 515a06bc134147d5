"""The command's place in the command line: the caldav library only when sync runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def test_other_commands_never_import_caldav() -> None:
    code = ("import sys\nfrom jobjournal.cli import main\n"
            f"main(['check', {str(EXAMPLE)!r}, '--today', '2026-11-25'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('caldav', 'niquests', 'lxml') or m.startswith('jobjournal.sync')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
