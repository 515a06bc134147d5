"""`jobjournal new`: a new application file from the template, never overwriting one.

The file is named after the company and role, readably in any script: accents on Latin
letters are dropped (`Café Lumière` → `cafe-lumiere`), other letters are kept as they are
(`Яндекс` → `яндекс`, `東京ラボ` → `東京ラボ`), so a name is never the meaningless
`application.md`.
"""

from __future__ import annotations

import argparse
import unicodedata
from datetime import date, timedelta
from pathlib import Path

HELP = "create a new application file"
MAX_SLUG = 120  # bytes of UTF-8, well under the 255 of a file name with the temporary suffix
EXAMPLES = """examples:
  jobjournal new "Northwind Analytics" "Senior Data Analyst"
  jobjournal new Globex "HR Partner" ~/job-search
  jobjournal new "Café Lumière" Barista --applied 2026-11-20 --link https://jobs.example/1234

The file is named after the company and role (cafe-lumiere-barista.md); letters of other
scripts are kept (яндекс-разработчик.md). --applied (YYYY-MM-DD, today or yesterday) and
--link fill in those fields; the rest of the template stays commented out for you to fill.
exit codes: 0 created, 2 refused (nothing was written)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("company", help="the hiring company")
    parser.add_argument("role", help="the job title")
    parser.add_argument("journal", nargs="?", default=".", type=Path,
                        help="the journal folder (default: the current folder)")
    parser.add_argument("--applied", metavar="DATE",
                        help="the day you applied: YYYY-MM-DD, today or yesterday")
    parser.add_argument("--link", metavar="URL", help="the job posting (http:// or https://)")


def _letter(char: str) -> str:
    """A Latin letter without its accent ('é' → 'e'); any other character unchanged."""
    base = unicodedata.normalize("NFKD", char)
    ascii_part = base.encode("ascii", "ignore").decode("ascii")
    return ascii_part if ascii_part and base[0].isascii() else char


def file_slug(*parts: str) -> str:
    """'Café Lumière', 'Barista' → 'cafe-lumiere-barista'; 'Яндекс', 'Разработчик' →
    'яндекс-разработчик'. Letters and digits of every script are kept, everything else
    becomes one '-'; '' when nothing is left."""
    text = unicodedata.normalize("NFC", " ".join(parts))
    words: list[str] = []
    current: list[str] = []
    for char in text:
        kept = _letter(char).lower() if char.isalnum() else ""
        if kept and all(c.isalnum() for c in kept):
            current.append(kept)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    slug = "-".join(words)
    while len(slug.encode("utf-8")) > MAX_SLUG:
        slug = slug[:-1]
    return slug.rstrip("-")


def _applied(text: str | None) -> date | None:
    """--applied as a date: YYYY-MM-DD, today or yesterday; never in the future."""
    from jobjournal.commands.common import UsageError
    from jobjournal.core.dates import DateError, parse_date

    if text is None:
        return None
    today = date.today()
    word = text.strip().casefold()
    if word in ("today", "yesterday"):
        return today - timedelta(days=1 if word == "yesterday" else 0)
    try:
        day = parse_date(text)
    except DateError as problem:
        raise UsageError(f"--applied: {problem}; 'today' and 'yesterday' work too") from None
    if day > today:
        raise UsageError(f"--applied {text}: that is in the future; write it once you have "
                         "applied")
    return day


def _link(text: str | None) -> str | None:
    from urllib.parse import urlsplit

    from jobjournal.commands.common import UsageError

    if text is None:
        return None
    link = text.strip()
    try:
        parts = urlsplit(link)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc
            or any(ch.isspace() for ch in link)):
        raise UsageError(f"--link '{text}' is not a web address; only http:// and https:// "
                         "links are accepted")
    return link


def run(args: argparse.Namespace) -> int:
    from jobjournal.commands.common import UsageError, error
    from jobjournal.commands.init import application_text
    from jobjournal.core.files import FileExists, atomic_write

    company, role = args.company.strip(), args.role.strip()
    if not company or not role:
        return error("company and role must not be empty")
    if not args.journal.is_dir():
        return error(f"{args.journal}: no such journal folder")
    try:
        applied = _applied(args.applied)
        link = _link(args.link)
    except UsageError as problem:
        return error(str(problem))
    slug = file_slug(company, role)
    if not slug:
        return error("the company and role have no letters or digits to name the file after")
    path = args.journal / f"{slug}.md"
    text = application_text(company, role, date.today(), applied=applied, link=link)
    try:
        atomic_write(path, text.encode("utf-8"), overwrite=False)
    except FileExists:
        return error(f"{path} already exists; not overwriting it. Edit it, or choose another "
                     "role name")
    except OSError as problem:
        return error(f"cannot create {path}: {problem.strerror or problem}")
    print(f"Created {path}")
    return 0
