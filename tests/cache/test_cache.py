"""The caches make builds faster, never different: whatever changes (a file, the
configuration, a template, the tool itself, the output folder), the next build redoes what it
affects, and a cached build is byte-identical to a cold one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jobjournal.cache import store as cache
from jobjournal.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


def build(journal: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["build", str(journal), "-o", str(out), "--today", "2026-11-25"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_unchanged_rebuild_prints_the_same_and_touches_nothing(journal: Path, tmp_path: Path,
                                                                capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    first = build(journal, out, capsys)
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    second = build(journal, out, capsys)
    assert second[0] == first[0] == 1
    assert second[1] == first[1]
    assert "Nothing changed since the last build" in second[2]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == mtimes


def test_an_edited_application_is_rebuilt(journal: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(journal, out, capsys)
    page = journal / "calder-mutual-senior-data-analyst.md"
    page.write_text(page.read_text().replace("Calder Mutual", "Calder Mutual Group"))
    code, printed, err = build(journal, out, capsys)
    assert "Nothing changed" not in err
    assert "Calder Mutual Group" in (out / "index.html").read_text()


def test_a_deleted_output_file_is_restored(journal: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(journal, out, capsys)
    (out / "people.html").unlink()
    _code, _out, err = build(journal, out, capsys)
    assert "Nothing changed" not in err and (out / "people.html").is_file()


def test_configuration_and_templates_invalidate(journal: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(journal, out, capsys)
    config = journal / "jobjournal.toml"
    config.write_text(config.read_text().replace("title = ", 'title = "Renamed" #'), "utf-8")
    build(journal, out, capsys)
    assert "Renamed" in (out / "index.html").read_text()
    (journal / "templates").mkdir()
    (journal / "templates" / "people.html").write_text(
        '{% extends "default/people.html" %}{% block main %}OWN PEOPLE PAGE{% endblock %}')
    _code, _out, err = build(journal, out, capsys)
    assert "Nothing changed" not in err
    assert "OWN PEOPLE PAGE" in (out / "people.html").read_text()


def test_a_new_tool_version_invalidates(journal: Path, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    build(journal, out, capsys)
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "a-newer-jobjournal")
    _code, _out, err = build(journal, out, capsys)
    assert "Nothing changed" not in err


def test_cached_build_is_byte_identical_to_a_cold_one(journal: Path, tmp_path: Path, capsys,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    warm = tmp_path / "warm"
    build(journal, warm, capsys)  # fills the caches
    page = journal / "kirkgate-analytics-analytics-engineer.md"
    page.write_text(page.read_text() + "\nOne more line of notes.\n")
    build(journal, warm, capsys)  # most files from the cache, one re-read
    monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", "")  # caching off: everything from scratch
    cold = tmp_path / "cold"
    build(journal, cold, capsys)
    assert tree(warm) == tree(cold)


def test_parse_cache_is_keyed_by_time_zone(journal: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(journal, out, capsys)
    config = journal / "jobjournal.toml"
    config.write_text(config.read_text().replace("Europe/London", "America/New_York"))
    build(journal, out, capsys)
    assert "-05:00" in (out / "journal.json").read_text()


def test_unreadable_cache_is_ignored(journal: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    first = build(journal, out, capsys)
    folder = cache.journal_cache_dir(journal)
    assert folder is not None and any(folder.iterdir())
    pages = tree(out)
    damaged = set()
    for item in folder.rglob("*"):  # the parse cache, the ledger, notes, compiled templates
        if item.is_file():
            item.write_bytes(b"not a pickle")
            damaged.add(next((kind for kind in ("parsed", "ledger", "notes", "__jinja2_")
                              if item.name.startswith(kind)), item.name))
    assert {"parsed", "ledger", "notes", "__jinja2_"} <= damaged
    second = build(journal, out, capsys)
    assert second[0] == first[0] and second[1] == first[1]
    assert "Nothing changed" not in second[2]
    assert tree(out) == pages


def test_templates_compiled_once_are_kept_and_an_edited_one_is_compiled_again(
        journal: Path, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jinja2 import Environment

    compiled: list[str] = []
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    out = tmp_path / "site"
    build(journal, out, capsys)
    assert "application.html" in compiled
    folder = cache.compiled_templates(journal)
    assert folder is not None and any(folder.iterdir())
    compiled.clear()
    (journal / "people.md").write_text("---\ncompany: Edited\n---\n", encoding="utf-8")
    _code, _out, err = build(journal, out, capsys)  # a new build, its templates kept ones
    assert "Nothing changed" not in err and compiled == []
    templates = journal / "templates"
    templates.mkdir()
    (templates / "people.html").write_text(
        '{% extends "default/people.html" %}{% block title %}Everyone{% endblock %}',
        encoding="utf-8")
    build(journal, out, capsys)
    # (The emails are drafted again: their templates may include any file of templates/.)
    assert [name for name in compiled if not name.startswith("emails/")] == ["people.html"]
    assert "<title>Everyone" in (out / "people.html").read_text(encoding="utf-8")


def test_an_edit_rewrites_only_its_part_of_the_parse_cache(journal: Path, tmp_path: Path,
                                                          capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(journal, out, capsys)
    folder = cache.journal_cache_dir(journal)
    assert folder is not None

    def shards() -> dict[str, int]:
        return {path.name: path.stat().st_ino for path in folder.glob("parsed.*.pickle")}

    before = shards()
    edited = "calder-mutual-senior-data-analyst.md"
    page = journal / edited
    page.write_text(page.read_text().replace("Calder Mutual", "Calder Mutual Group"))
    build(journal, out, capsys)
    after = shards()
    assert {name for name in after if after[name] != before.get(name)} == {
        f"parsed.{cache.shard_of(edited):02x}.pickle"}
    assert cache.load_map(journal, "parsed")[edited][1].company == "Calder Mutual Group"
    page.unlink()  # a removed application leaves the cache too
    build(journal, out, capsys)
    assert edited not in cache.load_map(journal, "parsed")


def test_a_notes_cache_that_cannot_be_tidied_only_costs_speed(tmp_path: Path) -> None:
    """The worker's old file cannot be removed (here: a folder in its place): the build
    goes on, and the notes it keeps are still read back."""
    from jobjournal.cache.renders import RenderCache

    folder = tmp_path / "render-x"
    (folder / "notes-worker").mkdir(parents=True)
    cache = RenderCache(folder)
    cache.handled("applications/a.html")
    assert cache.notes("applications/a.html", "Some *notes*", lambda: b"<p>html</p>") == (
        b"<p>html</p>")
    cache.save(alone=True)  # no exception
    again = RenderCache(folder)
    assert again.notes("applications/a.html", "Some *notes*", lambda: b"made again") == (
        b"<p>html</p>")
