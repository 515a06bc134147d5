"""`jobjournal rules`: the catalogue of rules, one rule explained with an example, or the rules
that mention a word (`jobjournal rules linkedin`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobjournal.check.registry import Rule

HELP = "list the rules, or explain one"
EXAMPLES = """examples:
  jobjournal rules                       every rule with its id, name and severity
  jobjournal rules JJ104                 explain one rule, with an example
  jobjournal rules thank-you             the same, by name
  jobjournal rules linkedin              the rules whose name or explanation mentions it

A rule id or name explains that rule; any other words list the rules whose name, advice or
explanation holds them all (in any case); when only one does, it is explained.
exit codes: 0 shown, 2 no rule matches"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="*",
                        help="a rule id (JJ104) or name (thank-you), or words to search for")


def _line(rule: Rule) -> str:
    return f"{rule.id}  {rule.name:<26} {rule.severity:<8} {rule.why}\n"


def search(words: list[str]) -> list[Rule]:
    """The rules whose id, name, advice or explanation holds every word, in any case."""
    from jobjournal.check.registry import all_rules

    keys = [word.casefold() for word in words if word.strip()]
    found = []
    for rule in all_rules():
        haystack = " ".join((rule.id, rule.name, rule.why, rule.explanation)).casefold()
        if keys and all(key in haystack for key in keys):
            found.append(rule)
    return found


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.registry import all_rules, find_rule
    from jobjournal.commands.common import error

    words = [word for word in (args.rule or []) if word.strip()]
    if not words:
        for rule in all_rules():
            sys.stdout.write(_line(rule))
        return 0
    rule = find_rule(" ".join(words)) if len(words) == 1 else None
    if rule is None:
        found = search(words)
        if not found:
            return error(f"no rule is named or mentions '{' '.join(words)}'; 'jobjournal "
                         "rules' lists them all")
        if len(found) > 1:
            for match in found:
                sys.stdout.write(_line(match))
            return 0
        rule = found[0]
    example = "\n".join("    " + line for line in rule.example.splitlines())
    sys.stdout.write(
        f"{rule.id} {rule.name} ({rule.severity})\n\n{rule.why}\n\n{rule.explanation}\n\n"
        f"Example that fires it:\n\n{example}\n\n"
        f"To acknowledge it in one file:  ignore:\n                                  "
        f"  {rule.id}: <your reason>\n")
    return 0
