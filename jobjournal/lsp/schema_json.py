"""The front matter as a JSON Schema (draft 2020-12), for `jobjournal schema`.

Built from the same tables the language server completes from (fields.py: the reader's keys,
their kinds and descriptions), so the schema cannot drift from what `check` accepts. Every
value may be text, since jobjournal reads every scalar as text; where a YAML 1.2 loader would
give a number or a boolean (`minutes: 45`, `direct: true`) that form is accepted too.
"""

from __future__ import annotations

from typing import Any

from jobjournal.lsp.engine import DATE_PATTERN, WHEN_PATTERN
from jobjournal.lsp.fields import CHOICES, DESCRIPTIONS, KINDS, REQUIRED, SECTIONS

SCHEMA_ID = "urn:jobjournal:schema:front-matter"  # an identifier, not a place to fetch
_NULL = {"type": "null"}
_TRUTHY = ("true", "false", "yes", "no", "on", "off")


def _spellings(words: tuple[str, ...]) -> list[str]:
    return [form for word in words for form in (word, word.capitalize(), word.upper())]


def _scalar(kind: str, key: str) -> dict[str, Any]:
    if kind == "date":
        return {"type": ["string", "null"], "pattern": DATE_PATTERN}
    if kind == "when":
        return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                          {"type": "string", "pattern": WHEN_PATTERN}, _NULL]}
    if kind == "url":
        return {"type": ["string", "null"], "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$"}
    if kind == "boolean":
        return {"anyOf": [{"type": "boolean"}, {"enum": _spellings(_TRUTHY)}, _NULL]}
    if kind == "minutes":
        return {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 1440},
                          {"type": "string", "pattern": "^[0-9]+$"}, _NULL]}
    if kind == "choice":
        return {"enum": [*CHOICES[key], None]}
    # Text: YAML 1.2 would make `salary: 50000` a number; jobjournal reads it as text.
    return {"type": ["string", "number", "boolean", "null"]}


def _mapping(path: tuple[str, ...]) -> dict[str, Any]:
    descriptions = DESCRIPTIONS[path]
    properties = {}
    for key in SECTIONS[path]:
        value = _value(path, key)
        properties[key] = {"description": descriptions[key], **value}
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    if REQUIRED.get(path):
        schema["required"] = list(REQUIRED[path])
    return schema


def _person(path: tuple[str, ...]) -> dict[str, Any]:
    return {"anyOf": [{"type": "string", "description": "the person's name"},
                      _mapping(path)]}


def _value(path: tuple[str, ...], key: str) -> dict[str, Any]:
    kind = KINDS.get(key, "text")
    inner = (*path, key)
    if kind == "person":
        return {"anyOf": [_person(inner)["anyOf"][0], _mapping(inner), _NULL]}
    if kind == "people":
        person = _person(inner)
        return {"anyOf": [{"type": "array", "items": person}, *person["anyOf"], _NULL]}
    if kind == "list":
        return {"type": ["array", "null"], "items": _mapping(inner)}
    if kind == "words":
        return {"anyOf": [{"type": "array", "items": {"type": ["string", "number"]}},
                          {"type": ["string", "number"]}, _NULL]}
    if kind == "ignore":
        return {"type": ["object", "null"],
                "additionalProperties": {"type": "string", "minLength": 1,
                                         "description": "why you acknowledge it"}}
    return _scalar(kind, key)


def front_matter_schema() -> dict[str, Any]:
    """The JSON Schema of one application's front matter."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jobjournal application front matter",
        "description": "The YAML between the --- lines at the top of one application file "
                       "of a jobjournal journal.",
        **_mapping(()),
    }
