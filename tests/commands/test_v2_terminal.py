"""v2 in the terminal (issue 12): `log --to` and `done` find people as the rules match them, or
by a unique prefix; `done` lists candidates with readable dates; `new` takes `--applied` and
`--link` and makes readable file names from any script; `rules WORD` searches; `log --on` later
on the `--today` day is accepted. Today is Monday 30 November 2026.
"""

from __future__ import annotations

import json
import re

import pytest
from check.rules.v2_support import check, run_cli, write_journal

TODAY = ["--today", "2026-11-30"]

NORTHWIND = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    interviews:
      - at: 2026-11-24 14:00
        stage: First interview
        with:
          - name: Mark O'Brien
            email: mark.obrien@northwind.example
          - name: Jo Whitfield
            email: jo.whitfield@northwind.example{more_with}
        hear_back_by: 2026-12-07
    references:
      - name: Dr Anna Kowalski
        email: a.kowalski@uni.example
    followups:
      - due: 2026-12-02 10:00
        what: Send Mark O'Brien the case study
      - due: 2026-12-03
        what: Send the references to HR
    ---

    ## Notes
    Keep this.
"""


def _journal(tmp_path, more_with=""):
    root = write_journal(tmp_path / "journal", {
        "northwind.md": NORTHWIND.replace("{more_with}", more_with)})
    return root, root / "northwind.md"


def _log(capsys, root, *argv):
    return run_cli(capsys, "log", "northwind", *argv, "--journal", str(root), *TODAY)


@pytest.mark.parametrize("action,given,written", [
    ("thank-you", "Mark OBrien", "Mark O'Brien"),
    ("thank-you", "mark o’brien", "Mark O'Brien"),
    ("heads-up", "Anna Kowalski", "Dr Anna Kowalski"),
    ("heads-up", "anna  kowalski", "Dr Anna Kowalski"),
])
def test_log_to_matches_people_as_the_rules_do(tmp_path, capsys, action, given, written):
    root, path = _journal(tmp_path)
    code, out, err = _log(capsys, root, action, "--to", given, "--on", "2026-11-25 09:00")
    assert code == 0, err
    assert f"Logged {action} to {written} on 2026-11-25 09:00 in northwind.md:" in out
    text = path.read_text(encoding="utf-8")
    assert text.endswith("## Notes\nKeep this.\n")
    result = check(capsys, root)
    assert result.findings("JJ107") == []
    if action == "thank-you":
        assert result.titles("JJ104") == {"Send Jo Whitfield a thank-you (Northwind Analytics)"}


def test_log_to_a_unique_prefix(tmp_path, capsys):
    """`--to Jo` when Jo Whitfield is the only Jo."""
    root, _path = _journal(tmp_path)
    code, out, err = _log(capsys, root, "thank-you", "--to", "Jo", "--on", "2026-11-25 09:00")
    assert code == 0, err
    assert "Logged thank-you to Jo Whitfield on 2026-11-25 09:00" in out
    assert check(capsys, root).titles("JJ104") == {
        "Send Mark O'Brien a thank-you (Northwind Analytics)"}


def test_log_to_an_ambiguous_prefix_lists_the_candidates(tmp_path, capsys):
    root, path = _journal(tmp_path, more_with="\n          - name: Jo Marsh")
    before = path.read_bytes()
    code, _out, err = _log(capsys, root, "thank-you", "--to", "Jo")
    assert code == 2
    assert "Jo Whitfield" in err and "Jo Marsh" in err
    assert "Mark O'Brien" not in err  # the candidates, not everyone in the file
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_done_finds_a_follow_up_by_a_name_written_loosely(tmp_path, capsys):
    """Spec silent on what "`done` accepts a name matched as people are matched" means for
    `done APPLICATION TEXT`: here TEXT naming a person is matched as names are (case,
    punctuation), so "mark obrien" finds "Send Mark O'Brien the case study"."""
    root, path = _journal(tmp_path)
    code, out, err = run_cli(capsys, "done", "northwind", "mark obrien", "--journal",
                             str(root), *TODAY)
    assert code == 0, err
    assert "Marked done on 2026-11-30: Send Mark O'Brien the case study" in out
    assert "done: 2026-11-30" in path.read_text(encoding="utf-8")


def test_done_lists_candidates_with_readable_dates(tmp_path, capsys):
    """Issue 12: `done`'s list printed `2026-12-02T10:00:00+00:00`. Spec silent on the form:
    the one the rest of the product uses in messages, "Wed 2 Dec 2026 10:00"."""
    root, path = _journal(tmp_path)
    before = path.read_bytes()
    code, _out, err = run_cli(capsys, "done", "northwind", "send", "--journal", str(root),
                              *TODAY)
    assert code == 2
    assert "Send Mark O'Brien the case study" in err and "Send the references to HR" in err
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", err), err
    assert re.search(r"Wed 0?2 Dec 2026 10:00", err), err
    assert re.search(r"Thu 0?3 Dec 2026", err), err
    assert path.read_bytes() == before


def test_log_on_later_the_same_day_as_today(tmp_path, capsys):
    """Issue 12: with `--today`, `log --on "… 18:00"` for that day is accepted; the next day
    is still refused as the future.

    Spec silent: `check --today` of that same day then takes the entry as done that day, not
    as "in the future" (JJ005): the person logged it with the same --today."""
    root, path = _journal(tmp_path)
    code, out, err = _log(capsys, root, "thank-you", "--to", "Jo Whitfield",
                          "--on", "2026-11-30 18:00")
    assert code == 0, err
    assert "Logged thank-you to Jo Whitfield on 2026-11-30 18:00" in out
    assert "on: 2026-11-30 18:00" in path.read_text(encoding="utf-8")
    result = check(capsys, root)
    assert result.findings("JJ005") == []
    assert "Send Jo Whitfield a thank-you (Northwind Analytics)" not in result.titles("JJ104")

    before = path.read_bytes()
    code, _out, err = _log(capsys, root, "note", "--on", "2026-12-01 09:00")
    assert code == 2 and "future" in err
    assert path.read_bytes() == before


def test_new_takes_applied_and_link(tmp_path, capsys):
    root = write_journal(tmp_path / "journal", {})
    link = "https://jobs.example/cafe-lumiere/1234"
    code, out, err = run_cli(capsys, "new", "Café Lumière", "Barista", str(root),
                             "--applied", "2026-11-20", "--link", link)
    assert code == 0, err
    created = sorted(p.name for p in root.glob("*.md"))
    assert created in (["cafe-lumiere-barista.md"], ["café-lumière-barista.md"]), created
    result = check(capsys, root)
    assert result.errors() == []
    chase = result.followup("Chase Café Lumière about your application")
    assert (chase["rule"], chase["due"], chase["overdue"]) == ("JJ114", "2026-11-30", False)
    code, out, err = run_cli(capsys, "export", "--format", "json", str(root), *TODAY)
    assert code == 0, err
    [application] = json.loads(out)["applications"]
    assert application["link"] == link
    assert application["milestones"]["applied"] == "2026-11-20"
    assert application["company"] == "Café Lumière"


@pytest.mark.parametrize("company,role", [("Яндекс", "Разработчик"), ("東京ラボ", "エンジニア"),
                                          ("Αθήνα Λογισμικό", "Μηχανικός")])
def test_new_makes_a_readable_name_from_any_script(tmp_path, capsys, company, role):
    """Never `application.md`: a name made from the company and role, transliterated or in
    their own script; two applications in other scripts never collide."""
    root = write_journal(tmp_path / "journal", {})
    code, _out, err = run_cli(capsys, "new", company, role, str(root))
    assert code == 0, err
    code, _out, err = run_cli(capsys, "new", "Globex", role, str(root))
    assert code == 0, err
    names = sorted(p.name for p in root.glob("*.md"))
    assert len(names) == 2, names
    assert "application.md" not in names
    mine = next(name for name in names if not name.startswith("globex"))
    stem = mine[:-3]
    assert any(ch.isalpha() for ch in stem) and stem.strip("-") == stem, stem
    assert "/" not in stem and " " not in stem


def test_rules_word_searches_names_and_explanations(tmp_path, capsys):
    code, out, err = run_cli(capsys, "rules", "linkedin")
    assert code == 0, err
    assert "JJ105" in out
    assert "JJ101" not in out and "JJ110" not in out
    # An id or a name still explains that one rule.
    code, out, _err = run_cli(capsys, "rules", "thank-you")
    assert code == 0 and out.startswith("JJ104 thank-you")


def test_log_linkedin_withdrawn_clears_jj105(tmp_path, capsys):
    """Every finding can be cleared by an action: the LinkedIn request to an interviewer
    (JJ105, an error) goes once `jobjournal log … linkedin-withdrawn --to …` records it."""
    root, _path = _journal(tmp_path)
    assert _log(capsys, root, "linkedin", "--to", "Mark O'Brien",
                "--on", "2026-11-25 09:00")[0] == 0
    before = check(capsys, root)
    assert len(before.findings("JJ105")) == 1 and before.code == 1
    code, out, err = _log(capsys, root, "linkedin-withdrawn", "--to", "Mark O'Brien",
                          "--on", "2026-11-26 08:00")
    assert code == 0, err
    assert "Logged linkedin-withdrawn to Mark O'Brien on 2026-11-26 08:00" in out
    after = check(capsys, root)
    assert after.findings("JJ105") == [] and after.errors() == []
    assert after.code == 0
