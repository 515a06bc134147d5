"""The fast path of `build` and `check` (pipeline/replay.py): an unchanged run is replayed, and
every input that can change the site, wherever it lives, is part of what "unchanged" means."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hardening_helpers import cli

from jobjournal.cache import store
from jobjournal.core.themes import builtin_themes, custom_theme_folder
from jobjournal.serve.rebuild import is_relevant

APPLICATION = """---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-11-02
---
Notes.
"""


def _journal(root: Path, theme: str) -> Path:
    root.mkdir()
    (root / "jobjournal.toml").write_text(f'timezone = "Europe/London"\ntheme = "{theme}"\n')
    (root / "northwind.md").write_text(APPLICATION)
    return root


def test_a_theme_folder_named_without_a_slash_is_watched_and_fingerprinted(tmp_path: Path
                                                                            ) -> None:
    """`theme = "mytheme"` (a folder of the journal): editing its template rebuilds the page,
    where the fast path used to say "Nothing changed" and keep the old one."""
    root = _journal(tmp_path / "journal", "mytheme")
    templates = root / "mytheme" / "templates"
    templates.mkdir(parents=True)
    page = templates / "people.html"
    page.write_text('{% extends "default/people.html" %}{% block title %}First{% endblock %}')
    out = tmp_path / "site"
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    args = ("build", str(root), "-o", str(out), "--today", "2026-11-25")
    assert cli(*args, env=env)[0] == 0
    assert b"<title>First</title>" in (out / "people.html").read_bytes()
    assert "Nothing changed" in cli(*args, env=env)[2]  # the fast path is really on

    page.write_text('{% extends "default/people.html" %}{% block title %}Second{% endblock %}')
    code, _, err = cli(*args, env=env)
    assert code == 0 and "Nothing changed" not in err
    assert b"<title>Second</title>" in (out / "people.html").read_bytes()

    # serve resolves the same folder and watches its files
    folder = custom_theme_folder(root, "mytheme")
    assert folder == (root / "mytheme").resolve()
    assert is_relevant(page.resolve(), root.resolve(), (root / "_site").resolve(), folder)
    assert not is_relevant((root / "mytheme" / "x.swp").resolve(), root.resolve(),
                           (root / "_site").resolve(), folder)


def test_a_built_in_theme_is_not_the_journals_own(tmp_path: Path) -> None:
    root = _journal(tmp_path / "journal", "default")
    assert custom_theme_folder(root, "default") is None
    assert custom_theme_folder(root, "") is None
    assert custom_theme_folder(root, "no-such-theme") is None  # the renderer reports it


@pytest.mark.parametrize("value", ["99999999999999999", "-5", "soon", "1e9", " "])
def test_a_malformed_source_date_epoch_is_ignored_by_every_output(tmp_path: Path, value: str
                                                                  ) -> None:
    """It used to be read in three places; the renderer's copy crashed with an OSError."""
    root = _journal(tmp_path / "journal", "default")
    unset = tmp_path / "unset"
    assert cli("build", str(root), "-o", str(unset), "--today", "2026-11-25",
               env={"SOURCE_DATE_EPOCH": None})[0] == 0
    code, _, err = cli("build", str(root), "-o", str(tmp_path / "site"), "--today",
                       "2026-11-25", env={"SOURCE_DATE_EPOCH": value})
    assert code == 0, err
    assert "internal error" not in err
    for name in ("index.html", "followups.ics", "journal.json"):  # as if it were not set
        assert (tmp_path / "site" / name).read_bytes() == (unset / name).read_bytes()


def test_a_valid_source_date_epoch_fixes_the_stamps(tmp_path: Path) -> None:
    root = _journal(tmp_path / "journal", "default")
    code, _, err = cli("build", str(root), "-o", str(tmp_path / "site"), "--today",
                       "2026-11-25", env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01
    assert code == 0, err
    assert b"DTSTAMP:20260101T000000Z" in (tmp_path / "site" / "followups.ics").read_bytes()


def test_the_tools_fingerprint_covers_the_built_in_themes(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    """Editing a package template must make every cached result stale, wherever themes/ is."""
    copy = tmp_path / "themes"
    shutil.copytree(builtin_themes(), copy)
    monkeypatch.setattr(store, "builtin_themes", lambda: copy)
    store.tool_fingerprint.cache_clear()
    try:
        before = store.tool_fingerprint()
        template = copy / "default" / "templates" / "people.html"
        stat = template.stat()
        template.write_text(template.read_text().replace("People", "Peeple"))
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
        store.tool_fingerprint.cache_clear()
        after_template = store.tool_fingerprint()
        assert after_template != before
        style = copy / "default" / "static" / "style.css"
        with style.open("a") as handle:
            handle.write("/* x */")
        store.tool_fingerprint.cache_clear()
        after_style = store.tool_fingerprint()
        assert after_style != after_template
        # A same-size edit that keeps the modification time (within the same second, or
        # `touch -r`): only the change time tells.
        script = copy / "default" / "static" / "site.js"
        stat = script.stat()
        text = script.read_bytes()
        script.write_bytes(text.replace(b"function", b"fUnction", 1))
        os.utime(script, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert script.stat().st_size == stat.st_size
        store.tool_fingerprint.cache_clear()
        after_script = store.tool_fingerprint()
        assert after_script != after_style
        # Byte code is not code: a fresh __pycache__ beside the themes changes nothing.
        (copy / "__pycache__").mkdir(exist_ok=True)
        (copy / "__pycache__" / "fresh.cpython-311.pyc").write_bytes(b"\x00")
        store.tool_fingerprint.cache_clear()
        assert store.tool_fingerprint() == after_script
    finally:
        store.tool_fingerprint.cache_clear()


def test_editing_a_built_in_template_rebuilds_the_site(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The bug this stops: after editing a package template, `build` said "Nothing changed"
    and the site stayed stale. Real build, real cache; only the themes' folder is a copy."""
    from jobjournal.core import themes

    copy = tmp_path / "themes"
    shutil.copytree(builtin_themes(), copy)
    monkeypatch.setattr(themes, "builtin_themes", lambda: copy)
    monkeypatch.setattr(store, "builtin_themes", lambda: copy)
    store.tool_fingerprint.cache_clear()
    try:
        root = _journal(tmp_path / "journal", "default")
        out = tmp_path / "site"
        env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
        args = ("build", str(root), "-o", str(out), "--today", "2026-11-25")
        assert cli(*args, env=env)[0] == 0
        assert "Nothing changed" in cli(*args, env=env)[2]  # the fast path is on
        template = copy / "default" / "templates" / "people.html"
        template.write_text(template.read_text().replace("{% block main %}",
                                                         "{% block main %}EDITED-TEMPLATE", 1))
        store.tool_fingerprint.cache_clear()  # a new process starts with an empty one
        code, _out, err = cli(*args, env=env)
        assert code == 0 and "Nothing changed" not in err
        assert b"EDITED-TEMPLATE" in (out / "people.html").read_bytes()
    finally:
        store.tool_fingerprint.cache_clear()


def test_journals_taking_turns_in_one_output_folder_each_get_their_own_site(
        tmp_path: Path) -> None:
    """Build journal A, then B, then A again into the same folder: the third build must not
    replay B's run, nor keep B's pages."""
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "site"
    first = _journal(tmp_path / "a", "default")
    second = _journal(tmp_path / "b", "default")
    (second / "northwind.md").write_text(APPLICATION.replace("Northwind Analytics", "Globex"))
    (second / "northwind.md").rename(second / "globex.md")

    def build(root: Path) -> tuple[int, str, str]:
        return cli("build", str(root), "-o", str(out), "--today", "2026-11-25", env=env)

    assert build(first)[0] == 0
    site_a = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()
              and not p.name.startswith(".")}
    assert Path("applications/northwind.html") in site_a
    assert build(second)[0] == 0
    assert b"Globex" in (out / "index.html").read_bytes()
    assert not (out / "applications" / "northwind.html").exists()
    code, _out, err = build(first)
    assert code == 0 and "Nothing changed" not in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()
            and not p.name.startswith(".")} == site_a
    assert "Nothing changed" in build(first)[2]  # and then A's run is replayed


# -- on the clock: an earlier run of the day stands until the journal's next moment ----------

CLOCK_JOURNAL = """---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-11-02
interviews:
  - at: 2026-11-24 10:00
    with:
      - name: Tom Becker
        email: tom.becker@northwind.example
---
"""


def _on_the_clock(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """The wall clock says `when` (Europe/London) for every command that follows."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import jobjournal.pipeline.run as run

    moment = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo("Europe/London"))
    monkeypatch.setattr(run, "current_time", lambda zone, today=None, **_: moment)


def test_on_the_clock_a_later_run_of_the_day_is_replayed_until_something_falls_due(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thank-you for the 24 Nov 10:00 interview falls due at 11:00 on the 25th. Before
    that, a later build prints the same and writes nothing; after it, it really runs."""
    root = _journal(tmp_path / "journal", "default")
    (root / "northwind.md").write_text(CLOCK_JOURNAL)
    out = tmp_path / "site"
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    args = ("build", str(root), "-o", str(out))

    _on_the_clock(monkeypatch, "2026-11-25 09:00")
    code, first, err = cli(*args, env=env)
    assert code == 0 and "Wrote" in err and "JJ104" not in first
    _on_the_clock(monkeypatch, "2026-11-25 10:59")
    code, again, err = cli(*args, env=env)
    assert "Nothing changed" in err and again == first and code == 0

    _on_the_clock(monkeypatch, "2026-11-25 11:01")  # the thank-you is now overdue
    code, later, err = cli(*args, env=env)
    assert "Nothing changed" not in err and "JJ104" in later and code == 0


def test_on_the_clock_an_ignored_follow_up_falling_due_is_not_replayed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the thank-you rule ignored in the file, its follow-up is not listed; once due
    (11:00 on the 25th), its overdue finding shows as acknowledged on the application's page,
    the advice page and in journal.json, so a build after 11:00 really runs."""
    root = _journal(tmp_path / "journal", "default")
    (root / "northwind.md").write_text(CLOCK_JOURNAL.replace(
        "applied: 2026-11-02\n", "applied: 2026-11-02\nignore:\n  JJ104: I thank in person\n"))
    out = tmp_path / "site"
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    args = ("build", str(root), "-o", str(out))

    _on_the_clock(monkeypatch, "2026-11-25 09:00")
    cli(*args, env=env)
    assert b"I thank in person" not in (out / "journal.json").read_bytes()
    _on_the_clock(monkeypatch, "2026-11-25 11:01")
    code, _printed, err = cli(*args, env=env)
    assert "Nothing changed" not in err and code == 0
    assert b"I thank in person" in (out / "journal.json").read_bytes()


def test_on_the_clock_a_new_day_is_never_replayed(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = _journal(tmp_path / "journal", "default")
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    _on_the_clock(monkeypatch, "2026-11-25 23:58")
    cli("check", str(root), env=env)
    _on_the_clock(monkeypatch, "2026-11-25 23:59")
    assert cli("check", str(root), env=env)[0] == 0
    import jobjournal.pipeline.replay as replay

    calls: list[str] = []
    original = replay.replay
    monkeypatch.setattr(replay, "replay", lambda known, strict: calls.append("x") or
                        original(known, strict))
    _on_the_clock(monkeypatch, "2026-11-25 23:59")
    cli("check", str(root), env=env)
    assert calls == ["x"]  # the same day: replayed
    _on_the_clock(monkeypatch, "2026-11-26 00:01")
    cli("check", str(root), env=env)
    assert calls == ["x"]  # the next day: checked again


def test_on_the_clock_json_output_is_replayed_only_for_the_same_instant(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON shows a follow-up due "now" with the time itself, so a minute later is new."""
    root = _journal(tmp_path / "journal", "default")
    env = {"JOBJOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    _on_the_clock(monkeypatch, "2026-12-30 09:00")  # nothing applied for weeks: due now
    first = cli("check", str(root), "--format", "json", env=env)[1]
    assert '"due": "2026-12-30T09:00:00+00:00"' in first
    _on_the_clock(monkeypatch, "2026-12-30 09:01")
    later = cli("check", str(root), "--format", "json", env=env)[1]
    assert '"due": "2026-12-30T09:01:00+00:00"' in later


def test_the_tools_fingerprint_covers_the_libraries_whose_output_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another version of Jinja2 or markdown-it may escape or format otherwise: a library
    installed anew makes every cached page, chunk and note stale (found by review). Known by
    the stamp of its package, without importing it."""
    library = tmp_path / "site-packages" / "a_library"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site-packages"))
    monkeypatch.setattr(store, "_LIBRARIES", (*store._LIBRARIES, "a_library"))
    store.tool_fingerprint.cache_clear()
    try:
        before = store.tool_fingerprint()
        (library / "__init__.py").unlink()  # as pip replaces it: another file
        (library / "__init__.py").write_text("VERSION = 2\n")
        store.tool_fingerprint.cache_clear()
        assert store.tool_fingerprint() != before
        assert "a_library" not in sys.modules  # looked at, never imported
    finally:
        store.tool_fingerprint.cache_clear()
