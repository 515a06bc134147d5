"""The README's rules table is generated from the registry; this keeps the two in sync.

Run with JOBJOURNAL_UPDATE_GOLDEN=1 to rewrite the table after changing a rule.
"""

from __future__ import annotations

import re
from pathlib import Path

from golden_support import check_golden

from jobjournal.check.registry import all_rules

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
    check_golden(README, BLOCK.sub(lambda m: m.group(1) + expected + m.group(3), text))


def test_every_rule_id_of_the_spec_is_registered() -> None:
    ids = {rule.id for rule in all_rules()}
    expected = {f"JJ00{i}" for i in range(1, 8)} | {f"JJ1{i:02d}" for i in range(1, 15)}
    assert expected <= ids


RULES_DOC = README.parent / "docs" / "rules.md"
RULES_DOC_INTRO = """# The rules

Every rule jobjournal checks, generated from its registry (`jobjournal rules ID` prints the
same). A rule's id and its name both work in a file's `ignore` (with a reason) and in
`jobjournal.toml` (`[rules] ignore` and `severity`); the numbers in brackets are limits you can
change in `[rules.limits]`. Format rules (JJ0xx) are about whether the journal can be read;
advice rules (JJ1xx) are about what to do after an interview. A follow-up's finding appears
once it is overdue; until then it is on the agenda, the dashboard and the calendar feed.
"""


def rules_document() -> str:
    parts = [RULES_DOC_INTRO]
    for rule in all_rules():
        example = "\n".join(rule.example.splitlines())
        parts.append(f"\n## {rule.id} {rule.name} ({rule.severity})\n\n*{rule.why}*\n\n"
                     f"{rule.explanation}\n")
        if example:
            parts.append(f"\nExample that fires it:\n\n```yaml\n{example}\n```\n")
    return "".join(parts)


def test_rules_document_matches_registry() -> None:
    check_golden(RULES_DOC, rules_document())
