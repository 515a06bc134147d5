"""Editing front matter in place (`jobjournal log`, `jobjournal done`, jobjournal/edit.py).

The person's file is theirs: an edit may only insert the new lines, indented and dashed like
their neighbours, keeping comments, key order, CRLF and a BOM; anything doubtful is refused
with the file left byte-identical. Each test writes real files and re-reads them with the
loader, as `jobjournal check` would.
"""

from __future__ import annotations

import os
import stat
from datetime import date, datetime

import pytest
from conftest import NOW, ZONE, dedent
from hypothesis import given, settings
from hypothesis import strategies as st

from jobjournal.cli import main
from jobjournal.edit.document import EditError, append_log, mark_done, verify, yaml_scalar
from jobjournal.load.loader import read_application
from jobjournal.load.source import compose

CONFIG = 'timezone = "Europe/London"\n'

NORTHWIND = """
    ---
    company: Northwind Analytics   # the Leeds one
    role: Senior Data Analyst
    applied: 2026-10-28
    recruiter:
      name: Priya Shah
      agency: Hays
      phone: "+44 113 496 0000"
    interviews:
      - at: 2026-11-24 14:00
        stage: First interview
        with:
          - name: Tom Becker
            title: Head of Data
          - Aisha Rahman
        debrief: they-call
    references:
      - name: Dr Helen Ward
        relation: former line manager
    log:
      - on: 2026-11-24 15:10   # rang Priya from the car park
        did: recruiter-debrief
        note: Went well; Tom keen on SQL depth.
      # - on: 2026-11-24 16:00   (draft, not sent)
    followups:
      - due: 2026-11-26
        what: Send Tom the dashboard sample he asked for
      - due: 2026-11-27
        what: Send Aisha the SQL notes
    ---

    ## Notes
    Keep this text.
"""

FIELDS = [("on", "2026-11-25 09:00"), ("did", "note"), ("note", "a: b # c")]


def load(raw: bytes, slug: str = "a"):
    return read_application(raw, f"{slug}.md", slug, ZONE)


def insertion(old: bytes, new: bytes) -> bytes:
    """The whole lines `new` adds to `old`, asserting that no line of `old` changed."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    prefix = 0
    while prefix < len(before) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = len(before) - prefix
    assert after[len(after) - suffix:] == before[prefix:], "the edit changed existing text"
    return b"".join(after[prefix:len(after) - suffix])


def write(journal, name: str, text: str):
    journal.config(CONFIG)
    return journal.write(name, text)


def cli(*argv: str) -> int:
    return main(list(argv))


# -- quoting ---------------------------------------------------------------------------------

TRICKY = ["Tom Becker", "a: b", "ends with:", "# not a comment", "ok #1", "-leading dash",
          "- list-like", 'he said "hi"', "it's", "'single'", "Café — überzeugt ✓ 😀",
          "null", "~", "yes", "2026-11-18 14:00", "line one\nline two", "tab\there",
          "x\x7fy", "[x]", "{a: 1}", "a, b", "a:b", "@handle", "%x", "&anchor", "*alias",
          "!tag", "|", ">", "`code`", "\u2028sep", "back\\slash", "   padded   "[3:-3]]


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize("flow", [False, True])
def test_yaml_scalar_reads_back_as_the_same_text(value, flow):
    written = yaml_scalar(value, flow=flow)
    text = f"{{k: {written}}}\n" if flow else f"k: {written}\n"
    node = compose(text, 0)
    assert node.value[0][1].value == value


def test_yaml_scalar_leaves_ordinary_text_plain():
    assert yaml_scalar("Tom Becker") == "Tom Becker"
    assert yaml_scalar("2026-11-18 14:00") == "2026-11-18 14:00"
    assert yaml_scalar("a: b").startswith('"')
    assert yaml_scalar("a, b") == "a, b"
    assert yaml_scalar("a, b", flow=True).startswith('"')


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
       st.booleans())
def test_any_text_survives_quoting(value, flow):
    written = yaml_scalar(value, flow=flow)
    node = compose(f"{{k: {written}}}\n" if flow else f"k: {written}\n", 0)
    assert node.value[0][1].value == value


# -- appending to log ------------------------------------------------------------------------

def test_append_keeps_everything_and_matches_the_neighbours():
    old = dedent(NORTHWIND).encode()
    new = append_log(old, FIELDS)
    added = insertion(old, new).decode()
    assert added == '  - on: 2026-11-25 09:00\n    did: note\n    note: "a: b # c"\n'
    # After the last entry's own lines, before the commented-out draft.
    text = new.decode()
    assert text.index(added) < text.index("# - on: 2026-11-24 16:00")
    application, findings = load(new)
    assert findings == []
    assert [(e.did, e.note) for e in application.log] == [
        ("recruiter-debrief", "Went well; Tom keen on SQL depth."), ("note", "a: b # c")]


@pytest.mark.parametrize("dash,indent", [("- ", "  "), ("    -   ", "        ")])
def test_append_copies_the_dash_style(dash, indent):
    old = ("---\ncompany: A\nrole: B\nlog:\n"
           f"{dash}on: 2026-11-20\n{indent}did: note\n---\n").encode()
    added = insertion(old, append_log(old, [("on", "2026-11-21"), ("did", "chased")]))
    assert added.decode() == f"{dash}on: 2026-11-21\n{indent}did: chased\n"


def test_append_after_a_block_scalar_note():
    old = dedent("""
        ---
        company: A
        role: B
        log:
          - on: 2026-11-20
            did: note
            note: |
              First line.
              Second line.
        followups: []
        ---
    """).encode()
    new = append_log(old, [("on", "2026-11-21"), ("did", "chased")])
    application, findings = load(new)
    assert findings == []
    assert application.log[0].note == "First line.\nSecond line."
    assert application.log[1].did == "chased"


def test_append_to_flow_items_writes_a_flow_item():
    old = b"---\ncompany: A\nrole: B\nlog:\n  - {on: 2026-11-20, did: note}\n---\n"
    added = insertion(old, append_log(old, [("on", "2026-11-21"), ("did", "chased"),
                                            ("note", "a, b")]))
    assert added == b'  - {on: 2026-11-21, did: chased, note: "a, b"}\n'


def test_append_inside_a_flow_list():
    old = b"---\ncompany: A\nrole: B\nlog: [{on: 2026-11-20, did: note}]  # short\n---\n"
    new = append_log(old, [("on", "2026-11-21"), ("did", "chased")])
    assert b"log: [{on: 2026-11-20, did: note}, {on: 2026-11-21, did: chased}]  # short" in new
    assert len(load(new)[0].log) == 2


@pytest.mark.parametrize("value", ["", " ~", " []", " null", "   # nothing yet"])
def test_append_to_an_empty_log(value):
    old = f"---\ncompany: A\nrole: B\nlog:{value}\nfollowups:\n  - due: 2026-11-30\n" \
          "    what: x\n---\n".encode()
    new = append_log(old, [("on", "2026-11-21"), ("did", "chased")])
    application, findings = load(new)
    assert findings == []
    assert [e.did for e in application.log] == ["chased"]
    assert ("# nothing yet" in new.decode()) == ("#" in value)
    assert b"followups:\n  - due: 2026-11-30\n" in new


def test_without_a_log_key_one_is_added_at_the_end_indented_like_other_lists():
    old = dedent("""
        ---
        company: A
        role: B
        contacts:
        -   name: Mo Green
        # the end of my fields
        ---
        Notes.
    """).encode()
    new = append_log(old, [("on", "2026-11-21"), ("did", "chased")])
    assert insertion(old, new) == b"log:\n-   on: 2026-11-21\n    did: chased\n"
    assert new.endswith(b"# the end of my fields\nlog:\n-   on: 2026-11-21\n    did: chased\n"
                        b"---\nNotes.\n")
    assert load(new)[1] == []


def test_the_later_of_two_log_keys_is_the_one_extended():
    old = (b"---\ncompany: A\nrole: B\nlog:\n  - on: 2026-11-01\n    did: note\n"
           b"log:\n  - on: 2026-11-02\n    did: chased\n---\n")
    new = append_log(old, [("on", "2026-11-21"), ("did", "note")])
    assert new.endswith(b"    did: chased\n  - on: 2026-11-21\n    did: note\n---\n")
    assert [e.did for e in load(new)[0].log] == ["chased", "note"]


def test_crlf_and_bom_are_kept():
    text = dedent(NORTHWIND).replace("\n", "\r\n")
    old = b"\xef\xbb\xbf" + text.encode()
    new = append_log(old, FIELDS)
    assert new.startswith(b"\xef\xbb\xbf---\r\n")
    assert new.count(b"\n") == new.count(b"\r\n")
    assert new.count(b"\r\n") == old.count(b"\r\n") + 3
    application, findings = load(new)
    assert findings == [] and application.log[-1].note == "a: b # c"
    done = mark_done(old, 2, "2026-11-25")
    assert done.count(b"\n") == done.count(b"\r\n") == old.count(b"\r\n") + 1
    assert load(done)[0].followups[1].done == date(2026, 11, 25)


@pytest.mark.parametrize("raw,reason", [
    (b"no front matter\n", "cannot be read"),
    (b"---\ncompany: A\nrole: [\n---\n", "cannot be read"),
    (b"---\n- a list\n---\n", "not a mapping"),
    (b"---\ncompany: A\nrole: B\nlog: yesterday\n---\n", "not a list"),
    (b"---\ncompany: A\nrole: B\nlog:\n  first: 1\n---\n", "not a list"),
    # An alias's marks are its anchor's: text put 'after' it would land in the middle.
    (b"---\ncompany: A\nrole: B\nlog:\n  - &e {on: 2026-11-18, did: note}\n  - *e\n---\n",
     "aliases"),
])
def test_unusable_files_are_refused(raw, reason):
    with pytest.raises(EditError, match=reason):
        append_log(raw, FIELDS)


def test_verify_refuses_a_new_format_finding_but_not_an_old_one():
    old = b"---\ncompany: A\nrole: B\ncolour: blue\n---\n"  # already a JJ002
    assert verify(old, old.replace(b"blue", b"red"), "a.md", "a", ZONE).company == "A"
    with pytest.raises(EditError, match="JJ002"):
        verify(old, old.replace(b"role: B\n", b"role: B\nstatus: applied\n"), "a.md", "a",
               ZONE)
    with pytest.raises(EditError, match="JJ003"):
        verify(old, old.replace(b"role: B\n", b"role: B\napplied: soon\n"), "a.md", "a", ZONE)


# -- marking follow-ups done -----------------------------------------------------------------

def test_mark_done_adds_a_line_at_the_items_indentation():
    old = dedent(NORTHWIND).encode()
    added = insertion(old, mark_done(old, 1, "2026-11-25"))
    assert added == b"    done: 2026-11-25\n"
    application = load(mark_done(old, 1, "2026-11-25"))[0]
    assert [f.done for f in application.followups] == [date(2026, 11, 25), None]


def test_mark_done_fills_an_empty_done_and_keeps_its_comment():
    old = b"---\ncompany: A\nrole: B\nfollowups:\n  - due: 2026-11-20\n    done:  # when\n" \
          b"    what: x\n---\n"
    new = mark_done(old, 1, "2026-11-25")
    assert b"    done: 2026-11-25  # when\n" in new
    assert load(new)[0].followups[0].done == date(2026, 11, 25)


def test_mark_done_in_a_flow_item_and_refuses_twice():
    old = b"---\ncompany: A\nrole: B\nfollowups: [{due: 2026-11-20, what: x}]\n---\n"
    new = mark_done(old, 1, "2026-11-25")
    assert b"[{due: 2026-11-20, what: x, done: 2026-11-25}]" in new
    with pytest.raises(EditError, match="already marked done"):
        mark_done(new, 1, "2026-11-26")


# -- jobjournal log ----------------------------------------------------------------------------

def test_log_help_names_every_action_of_the_format():
    from jobjournal.commands.log import EXAMPLES
    from jobjournal.load.schema import ACTIONS, ACTIONS_NEEDING_TO

    listed = " ".join(EXAMPLES.split())  # the help wraps lines
    for action in ACTIONS:
        assert f" {action}," in listed or f" {action} (" in listed, action
    needing = listed.split("(", 1)[1].split("need --to")[0]
    assert {word.strip(" ,") for word in needing.replace(" and ", ", ").split(",")} == \
        set(ACTIONS_NEEDING_TO)


def test_log_thank_you_clears_the_advice(journal, capsys):
    path = write(journal, "northwind.md", NORTHWIND)
    before = {f.title for f in journal.check().followups if f.rule == "JJ104"}
    assert any("Tom Becker" in title for title in before)
    # Tom has no email, so the thank-you goes through the recruiter (JJ104).
    assert cli("log", "northwind", "thank-you", "--to", "tom  BECKER", "--via", "recruiter",
               "--on", "2026-11-24 19:30", "--journal", str(journal.root),
               "--today", "2026-11-25") == 0
    out = capsys.readouterr().out
    assert ("Logged thank-you to Tom Becker via the recruiter on 2026-11-24 19:30 in "
            "northwind.md:") in out
    text = path.read_text(encoding="utf-8")
    assert "    to: Tom Becker\n" in text  # written as the file names the person
    after = {f.title for f in journal.check().followups if f.rule == "JJ104"}
    assert not any("Tom Becker" in title for title in after)
    assert any("Aisha Rahman" in title for title in after)


@pytest.mark.parametrize("note", ["Said: call me Friday", "#1 priority", '"quoted" and \'not\'',
                                  "- not a list", "Café ✓ — überzeugt 😀", "null",
                                  "two\nlines"])
def test_log_note_with_awkward_text(journal, capsys, note):
    path = write(journal, "northwind.md", NORTHWIND)
    assert cli("log", "north", "note", "--note", note, "--on", "today",
               "--journal", str(journal.root)) == 0
    application = journal.load().application("northwind")
    assert application.log[-1].note == note
    assert application.log[-1].on == date.today()
    assert journal.findings(file="northwind.md", rule="JJ003") == []
    assert path.read_text(encoding="utf-8").endswith("## Notes\nKeep this text.\n")


@pytest.mark.parametrize("when,expected", [
    (None, datetime(2026, 11, 25, 12, 0, tzinfo=ZONE)),
    ("today", date(2026, 11, 25)), ("yesterday", date(2026, 11, 24)),
    ("2026-11-20", date(2026, 11, 20)),
    ("2026-11-25 08:05", datetime(2026, 11, 25, 8, 5, tzinfo=ZONE)),
])
def test_log_on_forms(journal, capsys, when, expected):
    write(journal, "northwind.md", NORTHWIND)
    on = ["--on", when] if when else []
    assert cli("log", "northwind", "chased", *on, "--via", "recruiter",
               "--journal", str(journal.root), "--today", "2026-11-25") == 0
    entry = journal.load().application("northwind").log[-1]
    assert (entry.on, entry.did, entry.via, entry.to) == (expected, "chased", "recruiter", None)


@pytest.mark.parametrize("argv,message", [
    (["northwind", "thankyou"], "did you mean 'thank-you'"),
    (["northwind", "dance"], "use one of: recruiter-debrief"),
    (["northwind", "applied"], "edit the milestone"),
    (["northwind", "offer"], "'offer: 2026-11-25'"),
    (["northwind", "thank-you"], "needs --to NAME; northwind.md has: Priya Shah, Tom Becker"),
    (["northwind", "thank-you", "--to", "Tom Baker"], "is nobody of northwind.md"),
    (["northwind", "heads-up", "--to", "Tom Becker"], "references: Dr Helen Ward"),
    (["northwind", "note", "--on", "2026-11-26"], "in the future"),
    # v2 (issue 12): with --today, any time of that day is accepted; the next day is not.
    (["northwind", "note", "--on", "2026-11-26 00:01"], "in the future"),
    (["northwind", "note", "--on", "next week"], "not a date"),
    (["northwind", "note", "--on", "2026-02-30"], "not a real date"),
    (["north", "note"], "matches 2 applications"),
    (["globex", "note"], "no application matches 'globex'"),
])
def test_log_refusals_leave_the_file_untouched(journal, capsys, argv, message):
    path = write(journal, "northwind.md", NORTHWIND)
    write(journal, "northwind-bi.md", "---\ncompany: Northwind BI\nrole: Analyst\n---\n")
    before = path.read_bytes()
    code = cli("log", *argv, "--journal", str(journal.root), "--today", "2026-11-25")
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_ambiguous_application_lists_the_candidates(journal, capsys):
    write(journal, "northwind.md", NORTHWIND)
    write(journal, "2026/northwind-bi.md", "---\ncompany: Northwind BI\nrole: Analyst\n---\n")
    assert cli("log", "North", "note", "--journal", str(journal.root)) == 2
    err = capsys.readouterr().err
    assert "\n  northwind  Northwind Analytics — Senior Data Analyst (interviewing)" in err
    assert "\n  2026/northwind-bi  Northwind BI — Analyst (considering)" in err
    # A full slug, or the file name as tab completion gives it, is not ambiguous.
    assert cli("log", "northwind.md", "note", "--journal", str(journal.root)) == 0
    assert cli("log", "2026/northwind-bi", "note", "--journal", str(journal.root)) == 0


def test_a_broken_file_is_refused_untouched(journal, capsys):
    path = write(journal, "broken.md", "---\ncompany: A\nrole: B\nnote: a: b\n---\n")
    before = path.read_bytes()
    assert cli("log", "broken", "note", "--journal", str(journal.root)) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_log_keeps_permissions_and_writes_through_a_symlink(journal, tmp_path, capsys):
    real = tmp_path / "elsewhere.md"
    real.write_text(dedent(NORTHWIND), encoding="utf-8")
    real.chmod(0o640)
    journal.config(CONFIG)
    link = journal.root / "northwind.md"
    os.symlink(real, link)
    assert cli("log", "northwind", "note", "--journal", str(journal.root)) == 0
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert "did: note" in real.read_text(encoding="utf-8")


def test_missing_journal_folder_is_a_usage_error(tmp_path, capsys):
    assert cli("log", "x", "note", "--journal", str(tmp_path / "nope")) == 2
    assert "no such journal folder" in capsys.readouterr().err


# -- jobjournal done ---------------------------------------------------------------------------

def test_done_marks_the_matching_followup(journal, capsys):
    path = write(journal, "northwind.md", NORTHWIND)
    assert cli("done", "northwind", "DASHBOARD sample", "--journal", str(journal.root),
               "--today", "2026-11-25") == 0
    assert "Marked done on 2026-11-25: Send Tom the dashboard sample" in capsys.readouterr().out
    application = journal.load().application("northwind")
    assert [f.done for f in application.followups] == [date(2026, 11, 25), None]
    assert "what: Send Tom the dashboard sample he asked for\n    done: 2026-11-25\n" in \
        path.read_text(encoding="utf-8")
    # The person's own follow-up no longer appears in the report.
    assert not any("dashboard sample" in f.title for f in journal.check().followups)


@pytest.mark.parametrize("text,on,message", [
    ("send", None, "fits 2 open follow-ups"),
    ("portfolio", None, "no follow-up of northwind.md mentions 'portfolio'"),
    ("dashboard", "2026-11-26", "in the future"),
])
def test_done_refusals(journal, capsys, text, on, message):
    path = write(journal, "northwind.md", NORTHWIND)
    before = path.read_bytes()
    extra = ["--on", on] if on else []
    assert cli("done", "northwind", text, *extra, "--journal", str(journal.root),
               "--today", "2026-11-25") == 2
    err = capsys.readouterr().err
    assert message in err
    if "fits" in message or "mentions" in message:  # the candidates are listed
        # v2 (issue 12): dates as people read them, not ISO.
        assert "Send Tom the dashboard sample he asked for (due Thu 26 Nov 2026)" in err
        assert "Send Aisha the SQL notes (due Fri 27 Nov 2026)" in err
    assert path.read_bytes() == before


def test_done_twice_is_refused(journal, capsys):
    path = write(journal, "northwind.md", NORTHWIND)
    args = ["--journal", str(journal.root), "--today", "2026-11-25"]
    assert cli("done", "northwind", "aisha", "--on", "yesterday", *args) == 0
    after = path.read_bytes()
    assert b"done: 2026-11-24" in after
    assert cli("done", "northwind", "aisha", *args) == 2
    assert "already" in capsys.readouterr().err
    assert path.read_bytes() == after


def test_now_default_uses_the_journal_zone(journal):
    # --today pins 'now' to noon in the journal's zone; the entry must say 12:00 there.
    write(journal, "northwind.md", NORTHWIND)
    assert cli("log", "northwind", "note", "--journal", str(journal.root),
               "--today", NOW.date().isoformat()) == 0
    assert "  - on: 2026-11-25 12:00\n" in (journal.root / "northwind.md").read_text()
