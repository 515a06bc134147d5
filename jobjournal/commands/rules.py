"""`jobjournal rules`: the catalogue of rules, or one rule explained with an example."""

from __future__ import annotations

import argparse
import sys

HELP = "list the rules, or explain one"
EXAMPLES = """examples:
  jobjournal rules                       every rule with its id, name and severity
  jobjournal rules JJ104                 explain one rule, with an example
  jobjournal rules thank-you             the same, by name"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule", nargs="?", help="a rule id (JJ104) or name (thank-you)")


def run(args: argparse.Namespace) -> int:
    from jobjournal.check.registry import all_rules, find_rule
    from jobjournal.commands.common import error

    if not args.rule:
        for rule in all_rules():
            sys.stdout.write(f"{rule.id}  {rule.name:<26} {rule.severity:<8} {rule.why}\n")
        return 0
    rule = find_rule(args.rule)
    if rule is None:
        return error(f"no rule '{args.rule}'; 'jobjournal rules' lists them")
    example = "\n".join("    " + line for line in rule.example.splitlines())
    sys.stdout.write(
        f"{rule.id} {rule.name} ({rule.severity})\n\n{rule.why}\n\n{rule.explanation}\n\n"
        f"Example that fires it:\n\n{example}\n\n"
        f"To acknowledge it in one file:  ignore:\n                                  "
        f"  {rule.id}: <your reason>\n")
    return 0
