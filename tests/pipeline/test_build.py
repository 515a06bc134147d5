"""`jobjournal build`: what it writes, where it refuses to write, and what it leaves alone.

Golden snapshots of the example journal's dashboard, people page and one application page live in
tests/golden/site/; regenerate them with JOBJOURNAL_UPDATE_GOLDEN=1 after an intended change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import NOW, dedent
from golden_support import check_goldens

from jobjournal.check.checker import run_checks
from jobjournal.cli import main
from jobjournal.load.loader import load_journal
from jobjournal.pipeline.run import build
from jobjournal.render.site import render_site
from jobjournal.write import (
    LOCK_NAME,
    MANIFEST_NAME,
    BuildError,
    output_lock,
    write_site,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example-journal"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "site"
GOLDEN_PAGES = ("index.html", "people.html", "applications/calder-mutual-senior-data-analyst.html")

APPLICATION = """\
---
company: Northwind Analytics
role: Senior Data Analyst
applied: 2026-10-28
followups:
  - due: 2026-11-20
    what: Send Tom the dashboard sample
---

Notes with **bold**.
"""


@pytest.fixture(autouse=True)
def _no_build_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _journal(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    for name, text in ({"northwind.md": APPLICATION} if files is None else files).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return render_site(run_checks(load_journal(root), NOW))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- write_site ----------------------------------------------------------------------------


def test_writes_every_file_and_a_manifest(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    files = _files(root)
    out = tmp_path / "site"
    result = write_site(files, out, root)
    assert result.files == len(files) and result.written == sorted(files)
    tree = _tree(out)
    assert {k: v for k, v in tree.items() if not k.startswith(".")} == files
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert manifest["files"] == sorted(files)
    assert {"index.html", "people.html", "advice.html", "followups.ics", "applications.csv",
            "journal.json", "applications/northwind.html", "static/style.css",
            "static/site.js"} <= set(files)


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    files = _files(root)
    out = tmp_path / "site"
    write_site(files, out, root)
    page = out / "index.html"
    os.utime(page, (1_000_000_000, 1_000_000_000))
    result = write_site(files, out, root)
    assert result.written == [] and result.removed == []
    assert page.stat().st_mtime == 1_000_000_000
    changed = dict(files, **{"index.html": b"<!doctype html>changed"})
    assert write_site(changed, out, root).written == ["index.html"]
    assert page.read_bytes() == b"<!doctype html>changed"


def test_stale_files_go_and_files_it_did_not_write_stay(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    out = tmp_path / "site"
    write_site({"index.html": b"a", "applications/old/gone.html": b"b", "keep.html": b"c"},
               out, root)
    (out / "CNAME").write_text("jobs.example\n")
    (out / "applications" / "old" / "mine.txt").write_text("mine")
    (out / "applications" / "x").mkdir()
    result = write_site({"index.html": b"a", "keep.html": b"c"}, out, root)
    assert result.removed == ["applications/old/gone.html"]
    assert not (out / "applications" / "old" / "gone.html").exists()
    assert (out / "CNAME").read_text() == "jobs.example\n"
    assert (out / "applications" / "old" / "mine.txt").read_text() == "mine"
    write_site({"index.html": b"a"}, out, root)
    assert not (out / "keep.html").exists()
    assert (out / "applications" / "x").is_dir()  # not ours: an empty folder stays too


def test_empty_folders_left_by_stale_pages_are_removed(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    out = tmp_path / "site"
    write_site({"index.html": b"a", "applications/2025/old.html": b"b"}, out, root)
    write_site({"index.html": b"a"}, out, root)
    assert not (out / "applications").exists()


def test_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("my own page")
    with pytest.raises(BuildError, match="not overwriting files jobjournal did not write: "
                                         "index.html"):
        write_site({"index.html": b"generated", "people.html": b"p"}, out, root)
    assert (out / "index.html").read_text() == "my own page"
    assert not (out / "people.html").exists()
    # The same bytes are adopted: a lost manifest does not block a rebuild.
    (out / "index.html").write_bytes(b"generated")
    assert write_site({"index.html": b"generated"}, out, root).written == []


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b.html",
                                 MANIFEST_NAME, LOCK_NAME, ""])
def test_refuses_paths_outside_the_output(tmp_path: Path, bad: str) -> None:
    root = _journal(tmp_path)
    with pytest.raises(BuildError, match="refusing to write outside"):
        write_site({bad: b"x"}, tmp_path / "site", root)
    assert not (tmp_path / "escape.html").exists()


def test_refuses_the_journal_a_folder_containing_it_home_and_root(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _journal(tmp_path)
    before = _tree(tmp_path)
    for out, reason in ((root, "journal folder itself"), (tmp_path, "contains the journal"),
                        (root / "sub" / "..", "journal folder itself"), (Path("/"), "root")):
        with pytest.raises(BuildError, match=reason):
            write_site({"index.html": b"x"}, out, root)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    with pytest.raises(BuildError, match="home folder"):
        write_site({"index.html": b"x"}, home, root)
    assert _tree(tmp_path) == before


def test_a_second_build_waits_for_the_lock_then_refuses(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    with output_lock(out), pytest.raises(BuildError, match="another jobjournal build"):
        write_site({"index.html": b"x"}, out, root, lock_wait=0)
    assert not (out / "index.html").exists()
    assert write_site({"index.html": b"x"}, out, root, lock_wait=0).written == ["index.html"]


def test_files_are_readable_by_a_web_server(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    out = tmp_path / "site"
    write_site({"index.html": b"x"}, out, root)
    assert (out / "index.html").stat().st_mode & 0o044  # group/others may read (usual umask)


# --- rendering and the command -------------------------------------------------------------


def test_same_journal_and_today_give_byte_identical_sites(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    _report, first = build(root, tmp_path / "one", NOW)
    _report, second = build(root, tmp_path / "two", NOW)
    assert first.files == second.files
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def test_build_stamp_honours_source_date_epoch(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _journal(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21 14:13:20 UTC
    files = _files(root)
    assert json.loads(files["journal.json"])["generated"] == "2026-09-21T15:13:20+01:00"
    assert b'datetime="2026-09-21T15:13' in files["index.html"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert json.loads(_files(root)["journal.json"])["generated"] == "2026-11-25"


def test_every_page_has_the_csp_noindex_and_only_local_references(tmp_path: Path) -> None:
    root = _journal(tmp_path, {"northwind.md": APPLICATION, "2026/deep/globex.md": APPLICATION})
    files = _files(root)
    pages = [name for name in files if name.endswith(".html")]
    assert "applications/2026/deep/globex.html" in pages
    for name in pages:
        html = files[name].decode("utf-8")
        assert ('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; '
                "script-src &#39;self&#39;; style-src &#39;self&#39;;") in html, name
        assert '<meta name="robots" content="noindex">' in html, name
        assert "livereload" not in html, name
        assert " style=" not in html and "<style" not in html, name
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), name  # no inline script
        for ref in re.findall(r'<(?:link|script|img)[^>]*(?:href|src)="([^"]+)"', html):
            assert not re.match(r"^(?:[a-z]+:)?//", ref), (name, ref)
    depth = files["applications/2026/deep/globex.html"].decode("utf-8")
    assert 'href="../../../static/style.css"' in depth
    assert 'href="../../../index.html"' in depth


def test_live_reload_only_when_asked(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    report = run_checks(load_journal(root), NOW)
    built = render_site(report)
    assert "static/livereload.js" not in built
    served = render_site(report, live_reload=True)
    assert "static/livereload.js" in served
    assert b'<script src="static/livereload.js" defer></script>' in served["index.html"]
    assert (b'<script src="../static/livereload.js" defer></script>'
            in served["applications/northwind.html"])


def test_an_empty_journal_gets_a_friendly_site(tmp_path: Path) -> None:
    root = _journal(tmp_path, {})
    files = _files(root)
    assert "No applications yet" in files["index.html"].decode("utf-8")
    assert "Nobody yet" in files["people.html"].decode("utf-8")
    assert files["applications.csv"].decode("utf-8-sig").count("\r\n") == 1  # the header
    assert not any(name.startswith("applications/") for name in files)


def test_webcal_link_comes_from_base_url(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    index = _files(root)["index.html"].decode("utf-8")
    assert 'class="webcal" href="followups.ics" data-webcal="followups.ics" hidden' in index
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n'
                                          'base_url = "https://me.example/jobs/"\n')
    index = _files(root)["index.html"].decode("utf-8")
    assert ('class="webcal" href="webcal://me.example/jobs/followups.ics" '
            'data-webcal="followups.ics">') in index


def test_a_file_with_format_errors_still_gets_its_page(tmp_path: Path) -> None:
    broken = "---\ncompany: Headrow\nnote: closing date: moved\n---\n\nMy <notes>.\n"
    root = _journal(tmp_path, {"northwind.md": APPLICATION, "headrow.md": broken})
    files = _files(root)
    page = files["applications/headrow.html"].decode("utf-8")
    assert "needs repair" in page
    assert "My &lt;notes&gt;." in page  # the whole file, shown as written
    assert "JJ001" in page


def test_command_prints_like_check_and_writes_the_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _journal(tmp_path, {"northwind.md": APPLICATION, "bad.md": "---\ncompany: X\n---\n"})
    code = main(["check", str(root), "--today", "2026-11-25"])
    checked = capsys.readouterr().out
    out = tmp_path / "site"
    assert main(["build", str(root), "-o", str(out), "--today", "2026-11-25"]) == code == 1
    captured = capsys.readouterr()
    assert captured.out == checked
    count = len([p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")])
    assert captured.err.strip() == f"Wrote {count} files ({count} changed) to {out}"
    assert (out / "applications" / "bad.html").is_file()  # errors still give a site
    assert main(["build", str(root), "-o", str(out), "--today", "2026-11-25",
                 "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in data["findings"]} >= {"JJ004"}


def test_command_default_output_and_strict(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = _journal(tmp_path)
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\noutput = "public"\n')
    assert main(["build", str(root), "--today", "2026-11-25"]) == 0  # warnings only
    assert (root / "public" / "index.html").is_file()
    assert main(["build", str(root), "--today", "2026-11-25", "--strict"]) == 1
    assert "Nothing changed since the last build" in capsys.readouterr().err
    # The output folder is not read back as part of the journal.
    assert load_journal(root).by_slug.keys() == {"northwind"}


def test_command_refusal_exits_2_with_the_message(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = _journal(tmp_path)
    assert main(["build", str(root), "-o", str(root), "--today", "2026-11-25"]) == 2
    assert "refusing to build into the journal folder itself" in capsys.readouterr().err
    assert sorted(p.name for p in root.iterdir()) == ["jobjournal.toml", "northwind.md"]


# --- themes ----------------------------------------------------------------------------------


def test_journal_templates_override_and_extend_the_default(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    (root / "templates").mkdir()
    (root / "templates" / "people.html").write_text(
        '{% extends "default/people.html" %}{% block title %}Who is who{% endblock %}')
    files = _files(root)
    assert b"<title>Who is who</title>" in files["people.html"]
    assert b"<h1>People</h1>" in files["people.html"]  # the rest is the default page
    assert b"<title>Who is who</title>" not in files["index.html"]


def test_a_theme_folder_overrides_templates_and_static_files(tmp_path: Path) -> None:
    root = _journal(tmp_path)
    theme = tmp_path / "mytheme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "static" / "style.css").write_text("body { color: teal; }")
    (theme / "static" / "extra.css").write_text("p {}")
    (theme / "templates" / "advice.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>{{ rules|length }} rules</p>{% endblock %}')
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\ntheme = "../mytheme"\n')
    files = _files(root)
    assert files["static/style.css"] == b"body { color: teal; }"
    assert files["static/extra.css"] == b"p {}"
    assert files["static/site.js"]  # the default's other files remain
    assert re.search(rb"<p>\d+ rules</p>", files["advice.html"])


def test_unknown_theme_and_broken_template_are_build_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _journal(tmp_path)
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\ntheme = "nope"\n')
    with pytest.raises(BuildError, match="theme 'nope' is neither a built-in theme"):
        build(root, tmp_path / "site", NOW)
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n')
    (root / "templates").mkdir()
    (root / "templates" / "index.html").write_text("{{ view.no_such_thing }}")
    assert main(["build", str(root), "-o", str(tmp_path / "site"), "--today",
                 "2026-11-25"]) == 2
    err = capsys.readouterr().err
    assert "index.html" in err and "template error" in err and "no_such_thing" in err
    assert "Traceback" not in err
    assert not (tmp_path / "site" / "index.html").exists()


# --- golden snapshots of the example journal -----------------------------------------------


def test_example_journal_golden_pages(tmp_path: Path) -> None:
    journal = tmp_path / "example"
    shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
    report, _result = build(journal, tmp_path / "site", _example_now(journal))
    assert report.journal.applications
    check_goldens((GOLDEN / name, (tmp_path / "site" / name).read_bytes())
                  for name in GOLDEN_PAGES)


def _example_now(journal: Path):  # type: ignore[no-untyped-def]
    from datetime import date

    from jobjournal.core.dates import noon

    return noon(date(2026, 11, 25), load_journal(journal).config.zone)
