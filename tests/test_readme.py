"""The README's rules table is generated from the registry; this keeps the two in sync.

Run with JOBJOURNAL_UPDATE_GOLDEN=1 to rewrite the table after changing a rule.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jobjournal.rules import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- rules:start -->\n)(.*?)(<!-- rules:end -->)", re.DOTALL)


def rules_table() -> str:
    rows = ["| id | name | severity | why it matters |", "|---|---|---|---|"]
    for rule in all_rules():
        why = rule.why.replace("|", "\\|")
        rows.append(f"| {rule.id} | `{rule.name}` | {rule.severity} | {why} |")
    return "\n".join(rows) + "\n"


def test_readme_rules_table_matches_registry() -> None:
    text = README.read_text(encoding="utf-8")
    match = BLOCK.search(text)
    assert match, "README.md lacks the <!-- rules:start --> … <!-- rules:end --> block"
    expected = rules_table()
    if os.environ.get("JOBJOURNAL_UPDATE_GOLDEN"):
        README.write_text(BLOCK.sub(lambda m: m.group(1) + expected + m.group(3), text),
                          encoding="utf-8")
        return
    assert match.group(2) == expected


def test_every_rule_id_of_the_spec_is_registered() -> None:
    ids = {rule.id for rule in all_rules()}
    expected = {f"JJ00{i}" for i in range(1, 8)} | {f"JJ1{i:02d}" for i in range(1, 15)}
    assert expected <= ids
