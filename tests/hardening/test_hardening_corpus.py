"""The bad-input corpus (tests/fixtures/bad/): one file per hostile or broken input, each with
the finding and line it must give (EXPECTED.toml), under both YAML parsers PyYAML offers.

Alone, each file gives exactly its findings; together, they still make a journal that checks
and builds, with every file kept as an application and nothing in them executed.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from hardening_helpers import cli

from jobjournal.load import source
from jobjournal.load.loader import load_journal

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
EXPECTED = tomllib.loads((CORPUS / "EXPECTED.toml").read_text(encoding="utf-8"))
FILES = sorted(path.name for path in CORPUS.glob("*.md"))
FORMAT_RULES = {f"JJ00{n}" for n in range(1, 8)}
CONFIG = 'timezone = "Europe/London"\n'
PWNED = Path("/tmp/jobjournal-pwned-by-corpus")  # what python-tag.md would create if run

# PyYAML's pure-Python parser, as used where libyaml is missing, reading every scalar as text
# exactly like the C one does.
PureTextLoader = type("PureTextLoader", (yaml.SafeLoader,),
                      {"resolve": source._TextLoader.resolve})


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    if request.param == "pure-python":
        monkeypatch.setattr(source, "_TextLoader", PureTextLoader)
    return request.param


def test_every_corpus_file_has_expectations_and_every_expectation_a_file():
    assert FILES and sorted(EXPECTED) == FILES
    for name, entry in EXPECTED.items():
        assert entry["findings"], f"{name}: a corpus file must give a finding"
        assert entry["says"], name


@pytest.mark.parametrize("name", FILES)
def test_each_bad_file_gives_its_finding_on_its_line(tmp_path, parser, name):
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(CORPUS / name, root / name)
    PWNED.unlink(missing_ok=True)
    code, out, err = cli("check", str(root), "--today", "2026-11-25", "--format", "json")
    assert err == "" and code in (0, 1)
    data = json.loads(out)
    found = [f for f in data["findings"] if f["rule"] in FORMAT_RULES]
    entry = EXPECTED[name]
    expected = entry.get("pure", entry["findings"]) if parser == "pure-python" else \
        entry["findings"]
    assert [[f["rule"], f["line"]] for f in found] == expected
    assert all(f["file"] == name for f in found)
    assert entry["says"] in found[0]["message"]
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)
    # Still an application, flagged for repair exactly when the format says so; a file with
    # no front matter at all is a note, not an application (FORMAT.md v2).
    application = load_journal(root, persistent=False).application(name[:-3])
    if not entry.get("application", True):
        assert application is None
        return
    assert application is not None
    rules = {rule for rule, _line in expected}
    assert application.needs_repair == bool(rules & {"JJ001", "JJ004"})
    assert not PWNED.exists()  # a YAML tag names Python code: it is never run


def test_the_whole_corpus_is_one_journal_that_checks_and_builds(tmp_path):
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    for name in FILES:
        shutil.copy(CORPUS / name, root / name)
    PWNED.unlink(missing_ok=True)
    code, out, err = cli("check", str(root), "--today", "2026-11-25", "--format", "json")
    assert code == 1 and err == ""
    by_file: dict[str, set[tuple[str, int]]] = {}
    for finding in json.loads(out)["findings"]:
        by_file.setdefault(finding["file"], set()).add((finding["rule"], finding["line"]))
    for name in FILES:  # a neighbour's damage changes nothing about a file's own findings
        assert {tuple(f) for f in EXPECTED[name]["findings"]} <= by_file.get(name, set())
    site = tmp_path / "site"
    code, _out, err = cli("build", str(root), "--today", "2026-11-25", "-o", str(site))
    assert code == 1, err  # errors in the journal, yet the site is written
    pages = {p.relative_to(site / "applications").as_posix()
             for p in (site / "applications").rglob("*.html")}
    notes = {name for name in FILES if not EXPECTED[name].get("application", True)}
    assert notes == {"empty.md", "no-front-matter.md"}
    assert pages == {name[:-3] + ".html" for name in FILES if name not in notes}
    # Kept, not dropped: the text of a file whose front matter cannot be read is on its page.
    page = (site / "applications" / "unclosed-front-matter.html").read_text(encoding="utf-8")
    assert "role: Data Analyst" in page
    assert not PWNED.exists()
