"""Turn a jobjournal folder into a minimal Hugo site: the reference point of the benchmarks.

Hugo is the static site generator people compare everything to, so "how far are we from Hugo
on the same files" is the headline number. To make that a fair page-per-file comparison the
site here holds the very same Markdown files and the same notes, with templates about as small
as the floor's, and everything else Hugo would build by default (taxonomies, RSS, sitemap,
robots.txt, 404) switched off.

Hugo would otherwise read some of our keys as its own (`tags` is a taxonomy, dates become page
dates), so each file's front matter is kept verbatim but indented under Hugo's `params` key,
with a `title` added; the body is untouched. Hugo parses YAML 1.2, where a bare `on:` key
is text, as our format intends.

    python benchmarks/hugo_site.py JOURNAL SITE
    hugo --quiet -s SITE -d OUT
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import yaml

MARKER = ".jobjournal-benchmark-site"

CONFIG = """\
baseURL = "http://localhost/"
title = "jobjournal benchmark"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false
[markup.goldmark.renderer]
unsafe = false
"""

SINGLE = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<dl>
{{- $keys := slice "applied" "offer" "signed" "rejected" "withdrawn" "ghosted" }}
{{- range $key := $keys | append (slice "location" "salary" "source") }}
{{- with index $.Params $key }}
<dt>{{ $key }}</dt><dd>{{ . }}</dd>
{{- end }}
{{- end }}
</dl>
{{ with .Params.recruiter }}<p>Recruiter: {{ .name }} ({{ .agency }})</p>{{ end }}
<h2>Interviews</h2>
<ul>
{{- range .Params.interviews }}
<li>{{ .at }} {{ .stage }} with
  {{- range $i, $p := index . "with" }}{{ if $i }},{{ end }}
  {{- if reflect.IsMap $p }} {{ $p.name }}{{ else }} {{ $p }}{{ end }}{{ end }}
</li>
{{- end }}
</ul>
<h2>Log</h2>
<ul>
{{- range .Params.log }}<li>{{ index . "on" }} {{ .did }} {{ .to }}</li>{{ end }}
</ul>
<article>{{ .Content }}</article>
</main>
</body>
</html>
"""

LIST = """\
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
<h1>{{ .Title }}</h1>
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
</main>
</body>
</html>
"""


def _is_application(path: Path, journal: Path) -> bool:
    rel = path.relative_to(journal)
    if path.name.lower() == "readme.md" or rel.parts[0] == "templates":
        return False
    return not any(part.startswith((".", "_")) for part in rel.parts)


def _split(text: str) -> tuple[str, str]:
    """(front matter YAML, body) of a file that starts with a `---` fence."""
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 3)
    if end == -1:
        return "", text
    return text[4 : end + 1], text[end + 5 :]


def _title(front_matter: str, fallback: str) -> str:
    try:
        data = yaml.load(front_matter, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return fallback
    if not isinstance(data, dict):
        return fallback
    parts = [str(data[k]) for k in ("company", "role") if data.get(k)]
    return " — ".join(parts) or fallback


def convert(journal: Path, site: Path) -> int:
    """Write the Hugo site for `journal` into `site`; return the number of content pages."""
    if site.exists() and any(site.iterdir()):
        if not (site / MARKER).exists():
            raise FileExistsError(f"{site} is not empty and was not made by hugo_site.py")
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / MARKER).write_text("made by benchmarks/hugo_site.py; safe to delete\n")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    content = site / "content"
    count = 0
    for path in sorted(journal.rglob("*.md")):
        if not _is_application(path, journal):
            continue
        rel = path.relative_to(journal)
        front_matter, body = _split(path.read_text(encoding="utf-8"))
        title = _title(front_matter, rel.with_suffix("").as_posix())
        params = "".join(f"  {line}" if line.strip() else line
                         for line in front_matter.splitlines(keepends=True))
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nparams:\n"
                          f"{params}---\n{body}", encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    try:
        count = convert(args.journal, args.site)
    except FileExistsError as exc:
        print(f"hugo_site.py: {exc}", file=sys.stderr)
        return 2
    print(f"wrote a Hugo site with {count} pages to {args.site}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
