"""`jobjournal schema`: print the JSON Schema of an application's front matter."""

from __future__ import annotations

import argparse

HELP = "print the JSON Schema (draft 2020-12) of an application's front matter"
EXAMPLES = """examples:
  jobjournal schema > jobjournal.schema.json    for CI validators and editors' YAML support"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write the schema to FILE instead of printing it")


def run(args: argparse.Namespace) -> int:
    import json
    import sys

    from jobjournal.lsp.schema_json import front_matter_schema

    text = json.dumps(front_matter_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from pathlib import Path

        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            from jobjournal.commands.common import UsageError

            raise UsageError(f"{args.output}: cannot write the schema: "
                             f"{error.strerror or error}") from None
    else:
        sys.stdout.write(text)
    return 0
