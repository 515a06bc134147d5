"""The fast path of `build` and `check` (pipeline/replay.py): an unchanged run is replayed, and
every input that can change the site, wherever it lives, is part of what "unchanged" means."""

from __future__ import annotations

import os
import shutil
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
        assert store.tool_fingerprint() != after_template
    finally:
        store.tool_fingerprint.cache_clear()
