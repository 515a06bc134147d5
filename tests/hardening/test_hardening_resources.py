"""Bounded resources: inputs built to exhaust time or memory give a finding or a clear error.

The heavy cases run `python -m jobjournal` in a child process with its address space capped
(so a blow-up fails at once instead of swapping) and a generous time-out (so a hang fails the
test instead of blocking CI); neither is a timing assertion. Peak memory is the child's own
(`wait4`), compared with caps far above what the case needs and far below a blow-up.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hardening_helpers import cli, run_jobjournal

from jobjournal.check.checker import run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal

CONFIG = 'timezone = "Europe/London"\n'
HEAD = "---\ncompany: Northwind Analytics\nrole: Data Analyst\napplied: 2026-11-01\n"
MIB = 1024 * 1024


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir()
    (folder / "jobjournal.toml").write_text(CONFIG, encoding="utf-8")
    return folder


def findings(out: str) -> list[tuple[str, str, int, str]]:
    return [(f["file"], f["rule"], f["line"], f["message"])
            for f in json.loads(out)["findings"]]


def test_front_matter_over_1_mib_is_jj001_and_the_rest_still_loads(root):
    (root / "big.md").write_text(HEAD + "location: " + "x" * (MIB + 10) + "\n---\nNotes.\n",
                                 encoding="utf-8")
    (root / "fine.md").write_text(HEAD + "---\n", encoding="utf-8")
    code, out, _err = cli("check", str(root), "--today", "2026-11-25", "--format", "json")
    assert code == 1
    big = [f for f in findings(out) if f[0] == "big.md"]
    assert [(rule, line) for _file, rule, line, _m in big] == [("JJ001", 1)]
    assert "larger than 1 MiB" in big[0][3]
    assert {f[0] for f in findings(out)} - {"big.md"} <= {"fine.md", "jobjournal.toml"}
    loaded = load_journal(root, persistent=False)
    assert sorted(a.file for a in loaded.applications) == ["big.md", "fine.md"]
    assert not loaded.by_slug["fine"].needs_repair


@pytest.mark.parametrize("case", ["nodes", "text", "log"])
def test_yaml_alias_bombs_are_refused_in_bounded_memory(root, case):
    if case == "nodes":  # billion laughs: 9**9 values if expanded
        lines = ['x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"x{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
        front = "\n".join(lines) + "\n"
    elif case == "text":  # one 600 kB string, named 1,000 times: 600 MB of names
        front = f'x: &big "{"y" * 600_000}"\ntags: [' + ", ".join(["*big"] * 1000) + "]\n"
    else:  # 100,000 log entries, each an alias of one entry naming nobody
        front = ("x: &e {on: 2026-11-02, did: thank-you, to: Nobody}\nlog: ["
                 + ", ".join(["*e"] * 100_000) + "]\n")
    (root / "bomb.md").write_text(HEAD + front + "---\n", encoding="utf-8")
    run = run_jobjournal("check", str(root), "--today", "2026-11-25", "--format", "json",
                         memory_limit_mb=1024, timeout=60)
    assert run.code == 1, run.stderr
    assert [(f[1], f[2]) for f in findings(run.stdout) if f[0] == "bomb.md"] == [("JJ001", 1)]
    assert "aliases" in findings(run.stdout)[0][3]
    assert run.max_rss_mb < 200


def test_100000_log_entries_in_one_file_are_refused_and_20000_are_checked(root):
    entry = "  - {on: 2026-11-02, did: thank-you, to: Tom}\n"
    (root / "huge.md").write_text(HEAD + "log:\n" + entry * 100_000 + "---\n", encoding="utf-8")
    lines = HEAD + "log:\n" + entry * 20_000 + "---\n"
    (root / "long.md").write_text(lines, encoding="utf-8")
    run = run_jobjournal("check", str(root), "--today", "2026-11-25", "--format", "json",
                         memory_limit_mb=1536, timeout=120)
    assert run.code == 1, run.stderr
    found = findings(run.stdout)
    assert [(f[1], f[2]) for f in found if f[0] == "huge.md"] == [("JJ001", 1)]
    # Every entry of the long file is read: each thanks someone the file does not name (JJ107).
    jj107 = [f for f in found if f[0] == "long.md" and f[1] == "JJ107"]
    assert len(jj107) == 20_000
    assert {f[2] for f in jj107} == set(range(6, 6 + 20_000))
    assert run.max_rss_mb < 1000


def test_a_50_mb_notes_body_checks_and_builds_in_bounded_memory(root, tmp_path):
    paragraph = ("Pasted from the job site: responsibilities, benefits, more benefits. " * 12
                 + "\n\n")
    with open(root / "long-notes.md", "w", encoding="utf-8") as stream:
        stream.write(HEAD + "---\n")
        for _ in range(50 * MIB // len(paragraph) + 1):
            stream.write(paragraph)
    assert (root / "long-notes.md").stat().st_size > 50 * MIB
    run = run_jobjournal("check", str(root), "--today", "2026-11-25", memory_limit_mb=1024)
    assert run.code in (0, 1) and run.stderr == ""
    assert run.max_rss_mb < 400
    site = tmp_path / "site"
    run = run_jobjournal("build", str(root), "--today", "2026-11-25", "-o", str(site),
                         memory_limit_mb=3072, timeout=300)
    assert run.code in (0, 1), run.stderr
    page = (site / "applications" / "long-notes.html").read_bytes()
    assert page.count(b"more benefits.") >= 50 * MIB // len(paragraph)  # nothing cut off
    assert run.max_rss_mb < 2000


# Runs that make markdown-it's inline parser quadratic (each '[' looks ahead for its ']'),
# and other heavy Markdown: ~120 kB of each, just under the size still formatted as Markdown.
PATHOLOGICAL = {"bang": "![", "open": "[", "links": "[a](", "nested": "[[]]", "emphasis": "*a **",
                "underscore": "_a __", "table": "|x|y|\n", "quotes": "> ", "ticks": "`",
                "entities": "&#", "angles": "<a ", "lists": "- "}


def test_pathological_markdown_notes_build_in_bounded_time(root, tmp_path):
    for name, run in PATHOLOGICAL.items():
        body = (run * (120_000 // len(run)))[:120_000]
        if name == "table":
            body = "|a|b|\n|-|-|\n" + body
        (root / f"{name}.md").write_text(HEAD + "---\n" + body + "\n", encoding="utf-8")
    # Also as many paragraphs, each long enough to be formatted.
    (root / "paragraphs.md").write_text(HEAD + "---\n" + ("![" * 199 + "x" * 9000 + "\n\n")
                                        * 13, encoding="utf-8")
    site = tmp_path / "site"
    run = run_jobjournal("build", str(root), "--today", "2026-11-25", "-o", str(site),
                         memory_limit_mb=2048, timeout=90)
    assert run.code in (0, 1), run.stderr
    for name in [*PATHOLOGICAL, "paragraphs"]:
        page = (site / "applications" / f"{name}.html").read_text(encoding="utf-8")
        if name not in ("quotes", "lists", "emphasis", "underscore", "table", "ticks"):  # syntax
            assert len(page) > 100_000, name  # the text is all there, shown as written
    assert "![" * 50 in (site / "applications" / "bang.html").read_text(encoding="utf-8")


def test_markdown_work_grows_linearly_with_the_notes(monkeypatch):
    """Time without a clock: markdown-it's inline parser steps through `skipToken`; unbounded,
    a run of '![' costs hundreds of steps per character and more as it grows."""
    from markdown_it.parser_inline import ParserInline

    from jobjournal.render.markdown import render_notes

    steps = 0
    step = ParserInline.skipToken

    def counted(self, state):  # type: ignore[no-untyped-def]
        nonlocal steps
        steps += 1
        return step(self, state)

    monkeypatch.setattr(ParserInline, "skipToken", counted)
    bodies = {name: (run * (120_000 // len(run)))[:120_000] for name, run in PATHOLOGICAL.items()}
    bodies["paragraphs"] = ("![" * 199 + "x" * 9000 + "\n\n") * 13
    for name, body in bodies.items():
        steps = 0
        html = render_notes(body)
        assert steps <= 20 * len(body), name
        assert html


def test_symlink_loops_end_and_broken_links_are_reported(root):
    (root / "a.md").write_text(HEAD + "---\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "b.md").write_text(HEAD.replace("Northwind", "Southwind") + "---\n",
                                       encoding="utf-8")
    os.symlink(".", root / "self")  # a folder that contains itself
    os.symlink("..", root / "sub" / "up")  # and one that leads back up
    os.symlink("loop2.md", root / "loop1.md")  # files that point at each other
    os.symlink("loop1.md", root / "loop2.md")
    os.symlink("gone.md", root / "dangling.md")
    run = run_jobjournal("check", str(root), "--today", "2026-11-25", "--format", "json",
                         timeout=60)
    assert run.code == 1, run.stderr
    by_file = {}
    for file, rule, line, message in findings(run.stdout):
        by_file.setdefault(file, []).append((rule, line, message))
    for broken in ("loop1.md", "loop2.md", "dangling.md"):
        assert [(rule, line) for rule, line, _m in by_file[broken]] == [("JJ001", 1)]
        assert "cannot read the file" in by_file[broken][0][2]
    # Each real folder is read once: a.md and sub/b.md, not again through the links.
    journal = load_journal(root, persistent=False)
    assert sorted(a.slug for a in journal.applications) == [
        "a", "dangling", "loop1", "loop2", "sub/b"]


def test_unreadable_files_are_jj001_and_never_block(root):
    """chmod 000 stops reads except for root (CI runs as root); a FIFO (which blocks a plain
    read until someone writes) and a device behind a link (which never ends) are unreadable
    for everyone."""
    (root / "fine.md").write_text(HEAD + "---\n", encoding="utf-8")
    os.mkfifo(root / "pipe.md")
    os.symlink("/dev/zero", root / "zero.md")
    expected = {"pipe.md": "not a regular file", "zero.md": "not a regular file"}
    if os.geteuid() != 0:
        locked = root / "locked.md"
        locked.write_text(HEAD + "---\n", encoding="utf-8")
        locked.chmod(0)
        expected["locked.md"] = "Permission denied"
    run = run_jobjournal("check", str(root), "--today", "2026-11-25", "--format", "json",
                         memory_limit_mb=1024, timeout=60)
    assert run.code == 1, run.stderr
    found = findings(run.stdout)
    for name, words in expected.items():
        mine = [(rule, line, message) for file, rule, line, message in found if file == name]
        assert [(rule, line) for rule, line, _m in mine] == [("JJ001", 1)], name
        assert words in mine[0][2]
    assert not [f for f in found if f[0] == "fine.md" and f[1] == "JJ001"]


def test_a_folder_named_like_an_application_is_a_folder(root):
    (root / "odd.md").mkdir()
    (root / "odd.md" / "inside.md").write_text(HEAD + "---\n", encoding="utf-8")
    journal = load_journal(root, persistent=False)
    assert [a.slug for a in journal.applications] == ["odd.md/inside"]
    assert not journal.load_findings


def test_a_folder_of_20000_files(root):
    """A quarter applications, the rest attachments that are no business of jobjournal's."""
    for n in range(20_000):
        name = f"{n:05d}.md" if n % 4 == 0 else f"{n:05d}.pdf"
        text = f"---\ncompany: Company {n}\nrole: Analyst\napplied: 2026-11-01\n---\n"
        descriptor = os.open(root / name, os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(descriptor, text.encode())
        os.close(descriptor)
    journal = load_journal(root, persistent=False)
    assert len(journal.applications) == 5_000
    assert all(a.file.endswith(".md") and not a.needs_repair for a in journal.applications)
    report = run_checks(journal, noon(date(2026, 11, 25), journal.config.zone))
    assert not report.internal_error
    # Each application is chased once (JJ114), at its own `applied:` line.
    chases = [f for f in report.followups if f.rule == "JJ114"]
    assert len(chases) == 5_000 and {f.line for f in chases} == {4}


def test_links_out_of_the_journal_are_not_read(root, tmp_path_factory):
    """A committed link to a secret elsewhere must never reach a dashboard."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    secret = elsewhere / "secret.md"
    secret.write_text(HEAD.replace("Northwind", "SECRET-COMPANY") + "---\nSECRET NOTES\n")
    os.symlink(secret, root / "x.md")
    os.symlink("/proc/self/environ", root / "environ.md")
    (root / "inside.md").write_text(HEAD + "---\n", encoding="utf-8")
    os.symlink("inside.md", root / "alias.md")  # a link inside the journal is fine
    run = run_jobjournal("build", str(root), "-o", str(root / "_site"), "--today",
                         "2026-11-25", "--format", "json", timeout=120)
    assert run.code == 1, run.stderr
    found = findings(run.stdout)
    for name in ("x.md", "environ.md"):
        mine = [(rule, line, message) for file, rule, line, message in found if file == name]
        assert mine and mine[0][:2] == ("JJ001", 1) and "outside the journal" in mine[0][2]
    assert not [f for f in found if f[0] == "alias.md" and f[1] == "JJ001"]
    site = b"".join(p.read_bytes() for p in (root / "_site").rglob("*") if p.is_file())
    assert b"SECRET" not in site and b"PATH=" not in site
