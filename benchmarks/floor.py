"""The floor of our stack: the least work any jobjournal build must do, timed on its own.

jobjournal is built on python-frontmatter, markdown-it-py and Jinja2. Whatever else `build`
does (validation, rules, people, dashboard, feed), it has to read every file, parse its front
matter, render its notes and write a page. This script does exactly that and nothing more, in
one process, so the benchmark can tell how much of `build`'s time is our own code and how much
is the libraries we chose. If `build` is close to the floor, optimise the floor (or change
libraries); if it is far above, the cost is ours.

    python benchmarks/floor.py JOURNAL OUT
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import frontmatter
from jinja2 import Environment, select_autoescape
from markdown_it import MarkdownIt

TEMPLATE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ fm.company }} — {{ fm.role }}</title></head>
<body>
<main>
<h1>{{ fm.company }} — {{ fm.role }}</h1>
<dl>
{% for key in ("applied", "offer", "signed", "rejected", "withdrawn", "ghosted",
               "location", "salary", "source") if fm[key] %}
<dt>{{ key }}</dt><dd>{{ fm[key] }}</dd>
{% endfor %}
</dl>
{% if fm.recruiter %}
<p>Recruiter: {{ fm.recruiter.name }} ({{ fm.recruiter.agency }})</p>
{% endif %}
<h2>Interviews</h2>
<ul>
{% for iv in fm.interviews or [] %}
<li>{{ iv.at }} {{ iv.stage }} with
  {% for p in iv.with or [] %}
  {{ p.name if p is mapping else p }}{{ ", " if not loop.last }}
  {% endfor %}
</li>
{% endfor %}
</ul>
<h2>Log</h2>
<ul>
{% for e in fm.log or [] %}<li>{{ e.on }} {{ e.did }} {{ e.to or "" }}</li>{% endfor %}
</ul>
<article>{{ notes | safe }}</article>
</main>
</body>
</html>
"""


def _is_application(path: Path, journal: Path) -> bool:
    """The same selection as FORMAT.md, minus config-driven excludes: skip README, ., _."""
    rel = path.relative_to(journal)
    if path.name.lower() == "readme.md" or rel.parts[0] == "templates":
        return False
    return not any(part.startswith((".", "_")) for part in rel.parts)


def _front_matter_keys_as_text(metadata: dict[Any, Any]) -> dict[Any, Any]:
    """YAML 1.1 reads a bare `on:` key as True; give log entries their `on` back."""
    for entry in metadata.get("log") or []:
        if isinstance(entry, dict) and True in entry:
            entry["on"] = entry.pop(True)
    return metadata


def build(journal: Path, out: Path) -> int:
    md = MarkdownIt("js-default").enable("table")
    env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    template = env.from_string(TEMPLATE)
    count = 0
    for path in sorted(journal.rglob("*.md")):
        if not _is_application(path, journal):
            continue
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        fm = _front_matter_keys_as_text(post.metadata)
        html = template.render(fm=fm, notes=md.render(post.content))
        target = out / path.relative_to(journal).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    count = build(args.journal, args.out)
    print(f"floor: {count} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
