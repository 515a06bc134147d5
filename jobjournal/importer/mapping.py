"""Mapping files: for an export nobody recognises, which column is what, in the person's words.

`jobjournal import` writes a starter mapping (TOML, every field listed, the columns it could
guess filled in, the file's headers and status words shown) and stops; the person completes it
and runs the import again with `--mapping FILE`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from jobjournal.importer.dates import ORDERS
from jobjournal.importer.formats import (
    EMPTY,
    FIELDS,
    MILESTONES,
    STATUS_WORDS,
    Format,
    fold,
    guess_columns,
)

_FIELD_HELP = {
    "company": "required: the hiring company",
    "role": "required: the job title",
    "applied": "date you applied",
    "status": "the stage (its words are mapped under [statuses])",
    "status_date": "date of that status: the milestone's date",
    "link": "the job posting (http or https)",
    "recruiter": "the agency recruiter's name",
    "agency": "the recruiter's agency",
    "location": "",
    "salary": "",
    "source": "where you found the job",
    "notes": "your notes (kept under ## Notes)",
}


class MappingProblem(Exception):
    """The mapping file cannot be used; str() names the file, the line when known, and why."""


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch >= " " else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def starter(table_name: str, headers: tuple[str, ...], status_words: list[str]) -> str:
    """The text of a starter mapping for a table with these headers."""
    guessed = guess_columns(headers)
    lines = [
        f"# How 'jobjournal import' reads {table_name}.",
        "# Its headers were not recognised. Give each field the header of its column, exactly",
        "# as in the file (\"\" for none), then run the import again with --mapping THIS_FILE.",
        "# Columns left out are not lost: their cells go into each file's notes.",
        "#",
        "# Headers found: " + ", ".join(_toml_string(header) for header in headers if header),
        "",
        "# Cell texts that mean 'empty'.",
        "empty = [" + ", ".join(_toml_string(word) for word in sorted(EMPTY)[:4]) + "]",
        "",
        "[columns]",
    ]
    for key in FIELDS:
        note = _FIELD_HELP[key]
        value = _toml_string(guessed.get(key, ""))
        lines.append(f"{key} = {value}" + (f"  # {note}" if note else ""))
    lines += [
        "",
        "[dates]",
        '# "dmy" (31/12/2026) or "mdy" (12/31/2026); needed only when every date reads both',
        "# ways. ISO dates (2026-12-31) and dates with month names need nothing.",
        'order = ""',
        "",
        "[statuses]",
        "# Each status word of the file -> the milestone it means: applied, offer, signed,",
        '# rejected, withdrawn, ghosted, or "" for none (kept in the notes).',
    ]
    for word in status_words:
        lines.append(f"{_toml_string(word)} = {_toml_string(STATUS_WORDS.get(fold(word), ''))}")
    return "\n".join(lines) + "\n"


def load_mapping(path: Path, headers: tuple[str, ...]) -> Format:
    """The Format a mapping file describes, checked against the table's headers."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as problem:
        raise MappingProblem(f"{path}: cannot read it: {problem.strerror or problem}") from None
    except UnicodeDecodeError:
        raise MappingProblem(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as problem:
        raise MappingProblem(f"{path}: not valid TOML: {problem}") from None
    unknown = set(data) - {"empty", "columns", "dates", "statuses"}
    if unknown:
        raise MappingProblem(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; expected "
                             "empty, [columns], [dates], [statuses]")
    columns = _columns(path, data.get("columns", {}), headers)
    order = _section(path, data, "dates").get("order", "") or None
    if order is not None and order not in ORDERS:
        raise MappingProblem(f"{path}: [dates] order = '{order}' must be \"dmy\" or \"mdy\"")
    statuses = dict(STATUS_WORDS)
    for word, milestone in _section(path, data, "statuses").items():
        if not isinstance(milestone, str) or (milestone and milestone not in MILESTONES):
            raise MappingProblem(f"{path}: [statuses] '{word}' = {milestone!r}: use one of "
                                 f"{', '.join(MILESTONES)}, or \"\" for none")
        statuses[fold(word)] = milestone
    empty = data.get("empty", sorted(EMPTY))
    if not isinstance(empty, list) or not all(isinstance(word, str) for word in empty):
        raise MappingProblem(f"{path}: 'empty' must be a list of texts, like [\"-\", \"N/A\"]")
    return Format(f"mapping {path.name}", columns, frozenset(w.casefold() for w in empty),
                  statuses, {key: order for key in ("applied", "status_date")} if order else {})


def _section(path: Path, data: dict, name: str) -> dict:  # type: ignore[type-arg]
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise MappingProblem(f"{path}: '{name}' must be a table: [{name}]")
    return section


def _columns(path: Path, section: object, headers: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(section, dict):
        raise MappingProblem(f"{path}: 'columns' must be a table: [columns]")
    columns: dict[str, str] = {}
    for key, header in section.items():
        if key not in FIELDS:
            raise MappingProblem(f"{path}: [columns] '{key}' is not a field; the fields are "
                                 f"{', '.join(FIELDS)}")
        if not isinstance(header, str):
            raise MappingProblem(f"{path}: [columns] {key} must be a header's text")
        if not header:
            continue
        if header not in headers:
            near = [h for h in headers if fold(h) == fold(header)]
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise MappingProblem(f"{path}: [columns] {key} = '{header}' is not a header of the "
                                 f"file{hint}; its headers are: {', '.join(headers)}")
        columns[key] = header
    for required in ("company", "role"):
        if required not in columns:
            raise MappingProblem(f"{path}: [columns] {required} is required: the header of the "
                                 f"column holding the {required}")
    return columns
