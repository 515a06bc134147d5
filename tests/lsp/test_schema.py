"""`jobjournal schema`: a valid draft 2020-12 JSON Schema that agrees with the reader.

The example journal's files are validated with the `jsonschema` package: every file `check`
finds readable (no JJ001–JJ004) passes, and every file with such a finding in its front matter
fails, read both the way jobjournal reads YAML (every value text) and the way a YAML 1.2
loader does (numbers and booleans typed, dates left as text).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import jsonschema
import pytest
import yaml

from jobjournal.lsp import fields
from jobjournal.lsp.engine import FOLLOWUP_KEYS, INTERVIEW_KEYS, LOG_KEYS, PERSON_KEYS, TOP_KEYS
from tests.lsp.conftest import ENV, EXAMPLE
from tests.lsp.test_diagnostics import application_files, check_json


@pytest.fixture(scope="module")
def schema() -> dict:
    done = subprocess.run([sys.executable, "-m", "jobjournal", "schema"], capture_output=True,
                          text=True, env=ENV, check=True)
    return json.loads(done.stdout)


def test_it_is_a_valid_draft_2020_12_schema(schema: dict) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_key_the_reader_knows_is_described(schema: dict) -> None:
    for keys in (TOP_KEYS, PERSON_KEYS, INTERVIEW_KEYS, LOG_KEYS, FOLLOWUP_KEYS):
        assert any(set(keys) <= set(section) for section in fields.SECTIONS.values())
    for path in fields.SECTIONS:
        for key in fields.keys_at(path):
            assert key.description, (path, key.name)
    described: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                assert value.get("description"), name
                described.append(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert set(TOP_KEYS) | set(INTERVIEW_KEYS) | set(LOG_KEYS) | set(FOLLOWUP_KEYS) | set(
        PERSON_KEYS) | {"agency", "relation", "contacted"} <= set(described)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's core types: only true/false are booleans (YAML
    1.1 makes the key `on:` a boolean) and dates stay text, as JSON has no date type. This is
    how YAML 1.2 tools (check-jsonschema, yaml-language-server) read a file."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def front_matters(text: str) -> list[object]:
    """The front matter as jobjournal sees it (all text) and as a YAML 1.2 loader does."""
    front, _body = frontmatter.default_handlers.YAMLHandler().split(text)
    return [yaml.load(front, Loader=yaml.BaseLoader), yaml.load(front, Loader=Yaml12Loader)]


def test_the_example_journal_validates_where_check_reads_it(schema: dict) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    unreadable = {f["file"] for f in check_json(EXAMPLE)
                  if f["rule"] in ("JJ001", "JJ002", "JJ003", "JJ004")}
    assert len(unreadable) >= 3
    passed = 0
    for file in application_files(EXAMPLE):
        text = (EXAMPLE / file).read_text(encoding="utf-8")
        try:
            loaded = front_matters(text)
        except yaml.YAMLError:
            assert file in unreadable
            continue
        for data in loaded:
            errors = list(validator.iter_errors(data))
            if file in unreadable:
                assert errors, f"{file} is invalid for check but valid for the schema"
            else:
                assert not errors, f"{file}: {[e.message for e in errors]}"
                passed += 1
    assert passed >= 14


def test_the_schema_catches_what_the_reader_catches(schema: dict) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    good = {"company": "A", "role": "B", "applied": "2026-10-01",
            "interviews": [{"at": "2026-11-18 14:00", "with": ["Tom"], "format": "video",
                            "minutes": "45", "time_off": "yes"}],
            "log": [{"on": "2026-11-18T15:00:00+01:00", "did": "thank-you", "to": "Tom"}],
            "recruiter": {"name": "P", "agency": "H"}, "tags": "data",
            "ignore": {"JJ110": "day off"}}
    assert not list(validator.iter_errors(good))
    for bad in ({**good, "recuiter": "x"}, {**good, "applied": "26/10/2026"},
                {**good, "log": [{"on": "2026-11-18", "did": "applied"}]},
                {**good, "interviews": [{"at": "2026-11-18", "format": "zoom"}]},
                {**good, "link": "ftp://x"}, {"company": "A"},
                {**good, "contacts": [{"title": "no name"}]}):
        assert list(validator.iter_errors(bad)), bad


def test_schema_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    subprocess.run([sys.executable, "-m", "jobjournal", "schema", "-o", str(out)], env=ENV,
                   check=True)
    assert json.loads(out.read_text())["title"]
    done = subprocess.run([sys.executable, "-m", "jobjournal", "schema", "-o",
                           str(tmp_path / "no" / "such" / "dir.json")], env=ENV,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "cannot write the schema" in done.stderr
    assert "Traceback" not in done.stderr
