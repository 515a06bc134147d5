"""Golden files: compare what the code produces with the reviewed copy in the repository.

With JOBJOURNAL_UPDATE_GOLDEN set (to anything but "" or "0"), a golden file that differs is
rewritten, and the test then FAILS, showing the diff: an update run is a way to make and review
a change, never a way to pass. Setting it where CI=true fails at once, changed or not, so a
pipeline can never bless its own output.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

VARIABLE = "JOBJOURNAL_UPDATE_GOLDEN"
MAX_DIFF_LINES = 200


def updating() -> bool:
    """Whether this run may rewrite golden files; refused in CI."""
    update = os.environ.get(VARIABLE, "") not in ("", "0")
    if update and os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{VARIABLE} is set while CI=true: golden files are updated on a "
                    "developer's machine and the diff reviewed, never in CI", pytrace=False)
    return update


def diff(old: bytes | None, new: bytes, name: str) -> str:
    """A unified diff of two versions of a file, shortened when long."""
    before = [] if old is None else old.decode("utf-8", "replace").splitlines()
    after = new.decode("utf-8", "replace").splitlines()
    lines = list(difflib.unified_diff(before, after, f"{name} (golden)", f"{name} (now)",
                                      lineterm="", n=2))
    if old is not None and not lines:
        lines = [f"{name}: the same lines, other bytes (line ends or encoding)"]
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more lines"]
    return "\n".join(lines)


def check_goldens(pairs: Iterable[tuple[Path, bytes | str]], hint: str = "") -> None:
    """Each produced output must equal its golden file; see the module docstring for the
    update mode. Every pair is looked at before failing, so one update run rewrites all."""
    update = updating()
    problems = []
    for golden, produced in pairs:
        data = produced.encode("utf-8") if isinstance(produced, str) else produced
        old = golden.read_bytes() if golden.is_file() else None
        if old == data:
            continue
        shown = diff(old, data, golden.name)
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(data)
            problems.append(f"REWROTE {golden}:\n{shown}")
        elif old is None:
            problems.append(f"{golden} does not exist; run with {VARIABLE}=1 to create it "
                            "and review it")
        else:
            problems.append(f"{golden} differs from what the code produces now:\n{shown}")
    if not problems:
        return
    if update:
        pytest.fail(f"{VARIABLE} is set: golden files were rewritten. Review the diff below "
                    "and commit it; this run fails on purpose, so an update never passes "
                    "silently.\n\n" + "\n\n".join(problems), pytrace=False)
    pytest.fail("\n\n".join(problems) + (f"\n\n{hint}" if hint else "") +
                f"\n\nIf the change is intended, run with {VARIABLE}=1, review the diff and "
                "commit the golden files.", pytrace=False)


def check_golden(golden: Path, produced: bytes | str, hint: str = "") -> None:
    check_goldens([(golden, produced)], hint)
