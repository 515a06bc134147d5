"""Builds that cost what changed: the render cache and the clock-free site.

After every kind of change (an edit, a deletion, a rename, a template, the configuration, the
next day) an incremental build, which reuses the render cache and the output of the last
build, gives exactly the bytes of a cold build (no cache, empty output folder); it renders
only the pages whose inputs changed and leaves the other files alone (their mtime is kept).
A build later the same day without `--today` writes nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from jobjournal.core import workers
from jobjournal.pipeline.run import build
from jobjournal.render import site as render

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
ZONE = ZoneInfo("Europe/London")
# Wall-clock times, as a build without --today has them (not noon).
MORNING = datetime(2026, 11, 25, 9, 17, 42, tzinfo=ZONE)
CALDER = "calder-mutual-senior-data-analyst"


@pytest.fixture(autouse=True)
def _no_build_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    return root


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths of the pages actually rendered (not found in the cache), in one process."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    paths: list[str] = []
    original = render._SiteRenderer._render

    def spy(self, path, template, context):  # type: ignore[no-untyped-def]
        paths.append(path)
        return original(self, path, template, context)

    monkeypatch.setattr(render._SiteRenderer, "_render", spy)
    yield paths


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
            for p in folder.rglob("*") if p.is_file()}


class Builds:
    """One output folder built again and again with its cache, and cold builds to compare."""

    def __init__(self, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.journal = journal
        self.tmp = tmp_path
        self.monkeypatch = monkeypatch
        self.cache = tmp_path / "cache"
        self.out = tmp_path / "site"
        self.colds = 0

    def again(self, now: datetime = MORNING) -> list[str]:
        self.monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(self.cache))
        _report, result = build(self.journal, self.out, now)
        return result.written

    def cold(self, now: datetime = MORNING) -> dict[str, bytes]:
        self.colds += 1
        self.monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(self.tmp / f"cold-cache-{self.colds}"))
        out = self.tmp / f"cold-{self.colds}"
        build(self.journal, out, now)
        return tree(out)

    def assert_same_as_cold(self, now: datetime = MORNING) -> None:
        incremental = tree(self.out)
        cold = self.cold(now)
        assert list(incremental) == list(cold)
        for path, data in cold.items():
            assert incremental[path] == data, path


def test_a_build_later_the_same_day_writes_nothing(journal: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    assert builds.again(MORNING)  # the first build writes the site
    before = mtimes(builds.out)
    for later in (timedelta(minutes=1), timedelta(hours=1)):
        assert builds.again(MORNING + later) == []
    assert mtimes(builds.out) == before
    builds.assert_same_as_cold(MORNING + timedelta(hours=1))


def test_a_build_the_next_day_rewrites_only_what_the_day_changed(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again(MORNING)
    before = tree(builds.out)
    tomorrow = MORNING + timedelta(days=1)
    written = builds.again(tomorrow)
    builds.assert_same_as_cold(tomorrow)
    after = tree(builds.out)
    assert sorted(written) == sorted(p for p in after if after[p] != before.get(p))
    assert "index.html" in written  # the dashboard is the day's
    assert len(written) < len(after) // 2  # most pages say the same as yesterday


def test_an_edit_renders_and_writes_only_what_it_changes(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rendered: list[str]) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    first = len(rendered)
    assert first > 10
    before = mtimes(builds.out)
    rendered.clear()
    path = journal / f"{CALDER}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line of notes.\n",
                    encoding="utf-8")
    written = builds.again()
    assert rendered == [f"applications/{CALDER}.html"]  # the others come from the cache
    assert written == [f"applications/{CALDER}.html"]
    assert b"One more line of notes." in (builds.out / written[0]).read_bytes()
    after = mtimes(builds.out)
    assert {p for p in after if after[p] != before[p]} == {f"applications/{CALDER}.html"}
    builds.assert_same_as_cold()


def test_incremental_builds_equal_cold_builds_through_every_kind_of_change(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    calder = journal / f"{CALDER}.md"

    # an edit that every page shows (the company's name is on the dashboard and people page)
    calder.write_text(calder.read_text(encoding="utf-8").replace(
        "company: Calder Mutual", "company: Calder Mutual Group"), encoding="utf-8")
    builds.again()
    builds.assert_same_as_cold()
    assert b"Calder Mutual Group" in (builds.out / "index.html").read_bytes()

    # a rename: the old page goes, the new one comes
    renamed = journal / "2026" / "calder-renamed.md"
    renamed.parent.mkdir(exist_ok=True)
    calder.rename(renamed)
    builds.again()
    builds.assert_same_as_cold()
    assert not (builds.out / f"applications/{CALDER}.html").exists()
    assert (builds.out / "applications/2026/calder-renamed.html").exists()

    # a deletion
    victim = sorted(journal.glob("*.md"))[0]
    victim.unlink()
    builds.again()
    builds.assert_same_as_cold()

    # a template of the journal's own overrides the theme's, then changes
    templates = journal / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "base.html").write_text(
        '{% extends "default/base.html" %}{% block head %}<meta name="mine" content="1">'
        '{% endblock %}', encoding="utf-8")
    builds.again()
    builds.assert_same_as_cold()
    assert b'<meta name="mine" content="1">' in (builds.out / "people.html").read_bytes()
    (templates / "base.html").write_text(
        '{% extends "default/base.html" %}{% block head %}<meta name="mine" content="2">'
        '{% endblock %}', encoding="utf-8")
    builds.again()
    builds.assert_same_as_cold()
    assert b'<meta name="mine" content="2">' in (builds.out / "people.html").read_bytes()

    # the configuration: a new title is on every page
    config = journal / "jobjournal.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(f'title = "Search of 2026"\n{text}' if "title" not in text else
                      text.replace("title =", 'title = "Search of 2026" #', 1), encoding="utf-8")
    builds.again()
    builds.assert_same_as_cold()
    assert b"Search of 2026" in (builds.out / "advice.html").read_bytes()

    # the next day
    builds.again(MORNING + timedelta(days=1))
    builds.assert_same_as_cold(MORNING + timedelta(days=1))


def test_a_damaged_or_foreign_render_cache_is_never_trusted(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    good = tree(builds.out)
    import hashlib
    import pickle

    [folder] = [p for p in builds.cache.rglob("render-*") if p.is_dir()]
    entries = sorted(p for p in folder.rglob("*") if p.is_file() and "chunks" not in p.parts)
    assert [p.name for p in entries] == ["links", "notes"]  # pages are not kept twice
    links, entries = entries[0], entries[1:]
    assert any(link.startswith("mailto:") for link in pickle.loads(links.read_bytes()[32:])
               .values())
    kept = pickle.loads(entries[0].read_bytes()[32:])
    assert f"applications/{CALDER}.html" in kept
    chunks = sorted(p for p in (folder / "chunks").rglob("*") if p.is_file())
    assert len(chunks) >= 4  # the dashboard's and the people page's
    # another version's cache with this version's keys and a valid checksum: not read
    foreign = folder.with_name("render-0000000000other")
    shutil.copytree(folder, foreign)
    planted = pickle.dumps({name: entry[:32] + b"<p>planted</p>" for name, entry in kept.items()})
    (foreign / "notes").write_bytes(hashlib.sha256(planted).digest() + planted)
    for chunk in foreign.rglob("chunks/*/*"):
        chunk.write_bytes(hashlib.sha256(b"<p>planted</p>").digest() + b"<p>planted</p>")
    planted_links = pickle.dumps({key: "mailto:planted@example.com" for key in
                                  pickle.loads(links.read_bytes()[32:])})
    (foreign / "links").write_bytes(hashlib.sha256(planted_links).digest() + planted_links)
    # this version's, planted with a checksum that does not match: not read either
    entries[0].write_bytes(hashlib.sha256(b"other").digest() + planted)
    links.write_bytes(hashlib.sha256(b"other").digest() + planted_links)
    for chunk in chunks:
        chunk.write_bytes(hashlib.sha256(b"other").digest() + b"<p>planted</p>")
    shutil.rmtree(builds.out)
    builds.again()
    assert tree(builds.out) == good
    assert not foreign.exists()  # removed, never read
    builds.assert_same_as_cold()


def test_a_page_changed_by_hand_in_the_site_is_made_again(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rendered: list[str]) -> None:
    """The ledger skips a page only while its file is as the build left it."""
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    page = builds.out / "applications" / f"{CALDER}.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Calder Mutual", b"Calder Mutinous"))
    (builds.out / "people.html").unlink()
    rendered.clear()
    written = builds.again()
    assert sorted(rendered) == sorted(["people.html", f"applications/{CALDER}.html"])
    assert sorted(written) == sorted(rendered)
    assert page.read_bytes() == good
    builds.assert_same_as_cold()


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all",
                                    b"\x80\x05\x95\x03\x00\x00\x00\x00\x00\x00\x00}\x94."])
def test_a_damaged_ledger_makes_every_page_again(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rendered: list[str], damage: bytes) -> None:
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    made = len(rendered)
    [ledger] = builds.cache.rglob("ledger-*.pickle")
    ledger.write_bytes(damage)
    page = builds.out / "applications" / f"{CALDER}.html"
    page.write_bytes(b"stale")  # would stay if a broken ledger were read as "all unchanged"
    rendered.clear()
    builds.again()
    assert len(rendered) == made
    builds.assert_same_as_cold()


def test_the_command_without_today_writes_nothing_the_second_time(
        journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through the command line, on the real clock: a second build the same day is replayed
    (nothing the journal names fell due in between) and writes nothing."""
    from jobjournal.cli import main

    out = tmp_path / "site"
    day = datetime.now(ZONE).date()  # the example journal is in Europe/London
    main(["build", str(journal), "-o", str(out)])
    first = capsys.readouterr().err
    before = mtimes(out)
    main(["build", str(journal), "-o", str(out)])
    second = capsys.readouterr().err
    assert "changed) to" in first
    if datetime.now(ZONE).date() == day:  # (unless midnight came in between)
        assert "Nothing changed since the last build" in second, second
        assert mtimes(out) == before


def test_notes_are_kept_for_every_page_not_just_those_the_last_build_made(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rendered: list[str]) -> None:
    """An edit makes one page; a template change later makes them all again, and still no
    application's notes need Markdown again: the cache kept the untouched pages' entries."""
    notes: list[str] = []
    # A build formats notes with format_notes (render_notes is serve's memo of it).
    original = render.format_notes
    monkeypatch.setattr(render, "format_notes", lambda text: notes.append(text) or original(text))
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    assert len(notes) > 10
    path = journal / f"{CALDER}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    notes.clear()
    builds.again()
    assert len(notes) == 1 and "One more line." in notes[0]
    templates = journal / "templates"
    templates.mkdir()
    (templates / "application.html").write_text(
        '{% extends "default/application.html" %}{% block title %}Mine{% endblock %}',
        encoding="utf-8")
    notes.clear()
    rendered.clear()
    builds.again()
    assert len([p for p in rendered if p.startswith("applications/")]) > 10
    assert [text for text in notes if text.strip()] == []  # (empty notes need no cache)
    builds.assert_same_as_cold()


def test_a_ledger_from_before_a_reboot_is_not_trusted(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        rendered: list[str]) -> None:
    """The site is not fsynced: after a power loss a page may keep its stamp but not its
    bytes, so the first build after a reboot makes every page again."""
    from jobjournal.cache import renders

    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    made = len(rendered)
    rendered.clear()
    builds.again(MORNING + timedelta(minutes=5))  # same boot: nothing to make
    assert rendered == [] or all(not p.startswith("applications/") for p in rendered)
    monkeypatch.setattr(renders, "_boot_id", lambda: "another-boot")
    rendered.clear()
    builds.again(MORNING + timedelta(minutes=10))
    assert len(rendered) == made
    builds.assert_same_as_cold(MORNING + timedelta(minutes=10))


def test_each_process_keeps_its_own_notes_and_none_are_made_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a forked worker, each process keeps the notes of its pages in its own file
    (nothing is handed back), the next build formats no notes again, and a build without a
    worker takes them all into one file: never a wrong page."""
    root = big_journal(tmp_path, 12)
    log = tmp_path / "formatted.log"  # appended to by both processes
    original = render.format_notes

    def spy(text: str) -> str:
        with log.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")
        return original(text)

    def formatted() -> list[str]:
        found = log.read_text(encoding="utf-8").split() if log.exists() else []
        log.unlink(missing_ok=True)
        return found

    monkeypatch.setattr(render, "format_notes", spy)
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: True)
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()
    [folder] = [p for p in builds.cache.rglob("render-*") if p.is_dir()]
    assert sorted(p.name for p in folder.iterdir()) == ["chunks", "links", "notes", "notes-worker"]
    assert len(set(formatted())) == 2  # both processes formatted notes
    builds.again()  # nothing changed: every page skipped, its notes still kept by someone
    assert formatted() == []
    edited = root / f"{CALDER}-5.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    builds.again()  # one page made: by whichever process took it
    assert len(formatted()) == 1
    template = root / "templates"
    template.mkdir()
    (template / "application.html").write_text(
        '{% extends "default/application.html" %}{% block title %}Mine{% endblock %}',
        encoding="utf-8")
    builds.again()  # every page made again, every note found in one of the two files
    assert formatted() == []
    from jobjournal.cache.renders import _read_checked

    mine, theirs = (set(_read_checked(folder / name)) for name in ("notes", "notes-worker"))
    assert mine and theirs and not mine & theirs  # each page's notes kept once
    pages = {f"applications/{page.stem}.html" for page in root.glob("*.md")}
    assert mine | theirs <= pages and len(mine | theirs) > len(pages) / 2  # (some have none)
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    (template / "application.html").write_text(
        '{% extends "default/application.html" %}{% block title %}Yours{% endblock %}',
        encoding="utf-8")
    builds.again()  # one process: all notes found, then kept in its one file
    assert formatted() == []
    assert sorted(p.name for p in folder.iterdir()) == ["chunks", "links", "notes"]
    (template / "application.html").write_text(
        '{% extends "default/application.html" %}{% block title %}Ours{% endblock %}',
        encoding="utf-8")
    builds.again()
    assert formatted() == []
    builds.assert_same_as_cold()


def big_journal(tmp_path: Path, copies: int) -> Path:
    """The example journal's applications, each `copies` times: enough rows for several
    chunks of the dashboard and the people page."""
    root = tmp_path / "big"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site", "*.md"))
    for page in EXAMPLE.glob("*.md"):
        if page.name != "README.md":
            for copy in range(copies):
                text = page.read_text(encoding="utf-8")
                (root / f"{page.stem}-{copy}.md").write_text(
                    text + f"\nCopy {copy} of {page.stem}.\n", encoding="utf-8")
    return root


def test_after_an_edit_the_big_pages_render_only_the_chunks_that_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard and the people page are made from chunks kept on disk: an edit of one
    application renders the few chunks that hold it, and an edit the big pages do not show
    (notes) leaves their chunks as they were."""
    from jobjournal.cache.chunks import ChunkStore

    root = big_journal(tmp_path, 30)
    made: list[str] = []
    put = ChunkStore.put

    def spy(self: ChunkStore, key: str, text: str) -> None:
        made.append(key)
        put(self, key, text)

    monkeypatch.setattr(ChunkStore, "put", spy)
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()
    everything = len(made)
    assert everything >= 8, everything  # rows, agenda, findings and people
    [folder] = [p for p in builds.cache.rglob("render-*") if p.is_dir()]

    def kept() -> dict[str, int]:
        return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
                for p in (folder / "chunks").rglob("*") if p.is_file()}

    made.clear()
    edited = root / f"{CALDER}-5.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nNotes only.\n", encoding="utf-8")
    before = kept()
    builds.again()
    assert made == []  # neither big page shows notes: neither was made
    assert kept() == before
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "role: Senior Data Analyst", "role: Principal Data Analyst"), encoding="utf-8")
    builds.again()
    assert 0 < len(made) < everything / 2, (len(made), everything)
    assert b"Principal Data Analyst" in (builds.out / "index.html").read_bytes()
    assert len(kept()) == len(before)  # each page keeps the chunks it used, no more
    builds.assert_same_as_cold()


DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "themes" / "default" / "templates"


def _own_dashboard(root: Path, change: tuple[str, str], *more: tuple[str, str]) -> None:
    """The journal's own index.html: the default one with `change` (and `more`) made."""
    text = (DEFAULT_TEMPLATES / "index.html").read_text(encoding="utf-8")
    for old, new in (change, *more):
        assert old in text
        text = text.replace(old, new)
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "index.html").write_text(text, encoding="utf-8")


def test_a_template_in_a_linked_folder_is_known_by_its_contents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja2 loads templates through linked folders: their contents are in every key too,
    so an edit there makes the pages and chunks that use it again (found by review)."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    root = big_journal(tmp_path, 30)
    shared = tmp_path / "shared"
    shared.mkdir()
    macro = shared / "rows.html"
    macro.write_text("{% macro row(root, r) %}<tr><td>{{ r.application.company }}</td></tr>"
                     "{% endmacro %}", encoding="utf-8")
    _own_dashboard(root, ('{% import "macros.html" as m %}',
                          '{% import "macros.html" as m %}{% import "parts/rows.html" as p %}'),
                   ("cached_each(table_row, root, chunk)", "cached_each(p.row, root, chunk)"))
    (root / "templates" / "parts").symlink_to(shared, target_is_directory=True)
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()
    macro.write_text(macro.read_text(encoding="utf-8").replace("<td>", "<td>Firm: "),
                     encoding="utf-8")
    assert "index.html" in builds.again()
    builds.assert_same_as_cold()
    edited = root / f"{CALDER}-1.md"  # the page made again for an edit, its chunks reused
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "role: Senior Data Analyst", "role: Principal Data Analyst"), encoding="utf-8")
    macro.write_text(macro.read_text(encoding="utf-8").replace("Firm: ", "Company: "),
                     encoding="utf-8")
    builds.again()
    assert (builds.out / "index.html").read_bytes().count(b"<td>Company: ") == 300
    builds.assert_same_as_cold()


def test_a_row_that_shows_the_day_is_never_another_days(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/themes.md asks a cached macro to depend on its arguments alone; one that reads
    the page's day anyway still shows the right day, since a chunk's key holds the page's
    small values (found by review)."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    root = big_journal(tmp_path, 30)
    _own_dashboard(root, ('<td data-label="Role"',
                          '<td data-today="{{ today }}" data-label="Role"'))
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()
    tomorrow = MORNING + timedelta(days=1)
    builds.again(tomorrow)
    builds.assert_same_as_cold(tomorrow)


def test_after_an_edit_only_the_edited_applications_emails_are_drafted_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard's "Draft email" links are kept between builds by what each draft reads:
    an edit drafts again only the links of the application it changed, and their new text
    is on the dashboard."""
    from jobjournal.render import drafts

    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    root = big_journal(tmp_path, 3)
    drafted: list[str] = []
    make = drafts.Drafter.for_followup

    def spy(self: drafts.Drafter, followup: object, application: object = None) -> object:
        drafted.append(followup.application)  # type: ignore[attr-defined]
        return make(self, followup, application)  # type: ignore[arg-type]

    monkeypatch.setattr(drafts.Drafter, "for_followup", spy)
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()
    assert len(set(drafted)) > 10
    drafted.clear()
    builds.again(MORNING + timedelta(minutes=5))  # nothing changed: nothing drafted again
    assert [slug for slug in drafted if slug] == []  # (the journal's own: no application)
    edited = root / f"{CALDER}-1.md"
    text = edited.read_text(encoding="utf-8")
    # The role is in the emails, not in the follow-ups' titles: only the file tells.
    edited.write_text(text.replace("role: Senior Data Analyst", "role: Principal Data Analyst"),
                      encoding="utf-8")
    builds.again(MORNING + timedelta(minutes=10))
    assert set(drafted) - {""} == {f"{CALDER}-1"}
    assert b"Principal%20Data%20Analyst" in (builds.out / "index.html").read_bytes()
    builds.assert_same_as_cold(MORNING + timedelta(minutes=10))


def test_a_big_page_lets_its_rows_go_once_it_is_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests of the dashboard's and the people page's rows (kept so that a page's key
    and its chunks' keys hash each row once) are let go when the page is made: held on, they
    would keep the whole view alive while the feed is made, 13 MiB at 10,000 applications."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    root = big_journal(tmp_path, 3)
    held: list[int] = []
    feed = render._SiteRenderer.feed

    def spy(self: render._SiteRenderer) -> object:
        held.append(len(self.digests._slices))
        return feed(self)

    monkeypatch.setattr(render._SiteRenderer, "feed", spy)
    builds = Builds(root, tmp_path, monkeypatch)
    builds.again()  # every page made
    builds.again(MORNING + timedelta(minutes=1))  # every page found unchanged
    assert held == [0, 0]


@pytest.mark.parametrize("where", ["sig.txt", "emails/parts/sig.txt", "emails/sig.inc"])
def test_a_file_the_email_templates_include_is_in_the_drafts_key(
        journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """An email template may include any file of its folders: editing it drafts the emails
    again, on the dashboard and the application pages alike (found by review)."""
    from jobjournal.render.drafts import KINDS

    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    emails = journal / "templates" / "emails"
    emails.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        text = (DEFAULT_TEMPLATES.parent / "emails" / f"{kind}.txt").read_text(encoding="utf-8")
        (emails / f"{kind}.txt").write_text(text + '{% include "' + where + '" %}\n',
                                            encoding="utf-8")
    signature = journal / "templates" / where
    signature.parent.mkdir(parents=True, exist_ok=True)
    signature.write_text("Cheers, Old Signature\n", encoding="utf-8")
    builds = Builds(journal, tmp_path, monkeypatch)
    builds.again()
    assert b"Old%20Signature" in (builds.out / "index.html").read_bytes()
    signature.write_text("Best, New Signature\n", encoding="utf-8")
    later = MORNING + timedelta(minutes=5)
    builds.again(later)
    assert b"New%20Signature" in (builds.out / "index.html").read_bytes()
    builds.assert_same_as_cold(later)


TWO_INTERVIEWS = """---
company: Acme
role: Analyst
applied: 2026-11-01
recruiter:
  name: Rita Recruiter
  email: rita@agency.example
  agency: Agency
interviews:
  - at: 2026-11-20 10:00
    stage: First interview
    with:
      - name: Ian Interviewer
        email: ian@acme.example
  - at: 2026-11-26 10:00
    stage: Second interview
    with:
      - name: Ian Interviewer
        email: ian@acme.example
---
"""


def test_a_kept_draft_names_the_interview_that_has_just_begun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thank-you draft is about the latest interview already begun: once the second one
    begins, the kept draft of the first is not the dashboard's any more."""
    monkeypatch.setattr(workers, "can_fork", lambda count, minimum: False)
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    (root / "acme.md").write_text(TWO_INTERVIEWS, encoding="utf-8")
    builds = Builds(root, tmp_path, monkeypatch)
    before = datetime(2026, 11, 26, 9, 59, tzinfo=ZONE)
    builds.again(before)
    assert b"Friday%2020%20November" in (builds.out / "index.html").read_bytes()
    after = before + timedelta(minutes=2)
    builds.again(after)
    assert b"Thursday%2026%20November" in (builds.out / "index.html").read_bytes()
    builds.assert_same_as_cold(after)
