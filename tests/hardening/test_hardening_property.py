"""Property-based tests: whatever an application file holds, the loader and the whole check
keep working, point every finding at a real line, keep the person's text, and print nothing
that could steer a terminal.

Budgets come from hardening_helpers (HYPOTHESIS_PROFILE=ci|long; docs/reliability.md).
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path

from hardening_helpers import (
    HARDENING,
    YAML_TREES,
    application_bytes,
    assert_report_sound,
    budget,
    check_page,
    cli,
    front_matter_text,
    hostile_text,
    line_count,
    theme_scripts,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from jobjournal.check.checker import run_checks
from jobjournal.check.reporters import as_github, as_json, as_text
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal

TODAYS = st.one_of(st.dates(min_value=date(2025, 6, 1), max_value=date(2028, 6, 1)),
                   st.sampled_from([date(2026, 3, 29), date(2026, 10, 25), date(2028, 2, 29),
                                    date(2026, 12, 31), date(2027, 1, 1)]))
ZONES = st.sampled_from(["Europe/London", "UTC", "America/Santiago", "Pacific/Kiritimati",
                         "Australia/Lord_Howe", "America/St_Johns"])
# What a terminal could act on: C0 controls but the line break, DEL, C1 controls, bidi
# overrides and isolates (which reorder what a person sees of a line).
TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")

NAMES = st.sampled_from(["a.md", "b.md", "2026/c.md", "deep/er/d.md", "ünï code.md"])


def fresh(root: Path) -> Path:
    """One folder per example: Hypothesis reuses the test's tmp_path for every example."""
    return Path(tempfile.mkdtemp(dir=root))


def write_journal(root: Path, files: dict[str, bytes], zone: str) -> None:
    (root / "jobjournal.toml").write_text(f'timezone = "{zone}"\n', encoding="utf-8")
    for name, raw in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


@HARDENING
@given(files=st.dictionaries(NAMES, application_bytes(), min_size=1, max_size=3),
       today=TODAYS, zone=ZONES)
def test_any_file_loads_and_checks_with_findings_on_real_lines(tmp_path, files, today, zone):
    root = fresh(tmp_path)
    write_journal(root, files, zone)
    journal = load_journal(root, persistent=False)
    report = run_checks(journal, noon(today, journal.config.zone))
    assert_report_sound(report, files)
    text = as_text(report, colour=False)
    assert not TERMINAL_UNSAFE.search(text), TERMINAL_UNSAFE.search(text)
    for line in as_github(report).splitlines():  # one annotation per line, whatever the text
        assert line.startswith(("::error ", "::warning ", "::notice "))
    data = json.loads(as_json(report))
    assert len(data["findings"]) == len(report.findings)


@budget(0.3)
@given(files=st.dictionaries(NAMES, application_bytes(), min_size=1, max_size=3),
       today=TODAYS, zone=ZONES)
def test_any_journal_renders_a_whole_and_safe_site(tmp_path, files, today, zone):
    from jobjournal.render.feed import render_feed
    from jobjournal.render.site import render_site

    root = fresh(tmp_path)
    write_journal(root, files, zone)
    journal = load_journal(root, persistent=False)
    report = run_checks(journal, noon(today, journal.config.zone))
    site = render_site(report)
    assert render_feed(report) == site["followups.ics"]
    pages = {f"applications/{a.slug}.html" for a in journal.applications}
    assert pages <= set(site)  # every file has its page, readable or not
    for path in pages | {"index.html", "people.html", "advice.html"}:
        check_page(path, site[path], theme_scripts(site))


@budget(0.5)
@given(front=front_matter_text(), notes=hostile_text(300), today=TODAYS,
       fmt=st.sampled_from(["text", "json", "github"]))
def test_check_command_exits_0_or_1_on_any_front_matter(tmp_path, front, notes, today, fmt):
    root = fresh(tmp_path)
    raw = ("---\n" + front + "\n---\n" + notes).encode("utf-8", "surrogatepass")
    write_journal(root, {"application.md": raw}, "Europe/London")
    code, out, err = cli("check", str(root), "--today", today.isoformat(), "--format", fmt)
    assert code in (0, 1), err
    assert err == ""
    if fmt == "json":
        lines = line_count(raw)
        for finding in json.loads(out)["findings"]:
            assert finding["file"] in ("application.md", "jobjournal.toml", ".")
            if finding["file"] == "application.md":
                assert 1 <= finding["line"] <= lines, finding
    else:
        assert not TERMINAL_UNSAFE.search(out)
    day = today.isoformat()
    for command in (["agenda", str(root)], ["show", "application", "--journal", str(root)]):
        code, out, err = cli(*command, "--today", day)  # the other commands that print it
        assert code in (0, 1) and "Traceback" not in err
        assert not TERMINAL_UNSAFE.search(out + err)


@budget(0.5)
@given(value=YAML_TREES, key=st.sampled_from(["company", "interviews", "log", "recruiter",
                                              "references", "followups", "ignore", "tags"]),
       depth=st.integers(0, 40))
def test_every_field_takes_every_shape_and_nesting(tmp_path, value, key, depth):
    """Each field given a value of any type, wrapped in up to 40 levels of lists."""
    import yaml

    for _ in range(depth):
        value = [value]
    front = yaml.safe_dump({"company": "A", "role": "B", key: value}, allow_unicode=True)
    raw = ("---\n" + front + "---\n").encode("utf-8", "surrogatepass")
    root = fresh(tmp_path)
    write_journal(root, {"a.md": raw}, "UTC")
    journal = load_journal(root, persistent=False)
    report = run_checks(journal, noon(date(2026, 11, 25), journal.config.zone))
    assert_report_sound(report, {"a.md": raw})


@budget(0.5)
@given(company=st.text(max_size=40), role=st.text(max_size=40))
def test_new_writes_a_file_that_reads_back_as_typed_and_never_overwrites(
        tmp_path, company, role):
    assume("--" not in (company, role))  # Python 3.11's argparse reads a second '--' itself
    root = fresh(tmp_path)
    code, out, err = cli("new", "--", company, role, str(root))  # '--': '-x' is a company too
    created = sorted(root.glob("*.md"))
    if not company.strip() or not role.strip():
        assert code == 2 and "must not be empty" in err and not created
        return
    if not any(ch.isalnum() for ch in company + role):
        # v2: a file is named after the company and role, never 'application.md'.
        assert code == 2 and "no letters or digits" in err and not created
        return
    assert code == 0, err
    assert len(created) == 1
    before = created[0].read_bytes()
    application = load_journal(root, "UTC", persistent=False).applications[0]
    assert (application.company, application.role) == (company.strip(), role.strip())
    assert not application.needs_repair
    again, _out, err = cli("new", "--", company, role, str(root))
    assert again == 2 and "not overwriting" in err
    assert created[0].read_bytes() == before
    assert [p.name for p in root.iterdir()] == [created[0].name]  # no temporary files left


@budget(0.5)
@given(text=st.one_of(st.text(max_size=300),
                      st.lists(st.sampled_from([
                          'timezone = "Europe/London"', 'timezone = "Mars/Olympus"',
                          'timezone = ""', 'output = "/"', "title = 5", "[rules]",
                          'ignore = ["JJ999"]', "severity = { JJ104 = \"fatal\" }",
                          "[rules.limits]", "debrief_hours = -1", "thank_you_hours = 1e9",
                          "[feed]", "interviews = \"yes\"", 'working_hours = "Mon-Fri 9-5"',
                          'working_hours = "Fri-Mon 17:00-09:00"', "exclude = [1]",
                          'base_url = "javascript:alert(1)"', "[[rules]]", "x = \x00",
                          "= broken"]), max_size=6).map("\n".join)))
def test_any_configuration_is_used_or_refused_with_its_line(tmp_path, text):
    root = fresh(tmp_path)
    (root / "jobjournal.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    (root / "a.md").write_text("---\ncompany: A\nrole: B\n---\n", encoding="utf-8")
    code, _out, err = cli("check", str(root), "--today", "2026-11-25")
    assert code in (0, 1, 2)
    if code == 2:
        assert re.match(r"jobjournal: jobjournal\.toml:\d+: ", err), err
        assert "Traceback" not in err


def test_an_unforeseen_failure_is_one_line_and_exit_2(tmp_path, monkeypatch):
    """The last line of defence in the CLI: a bug prints a message, not a traceback."""
    import jobjournal.pipeline.run

    def broken(*_args: object) -> None:
        raise RuntimeError("something nobody foresaw")

    (tmp_path / "a.md").write_text("---\ncompany: A\nrole: B\n---\n", encoding="utf-8")
    monkeypatch.setattr(jobjournal.pipeline.run, "run_checks", broken)  # the check step
    code, out, err = cli("check", str(tmp_path), "--today", "2026-11-25")
    assert code == 2 and out == ""
    assert err.startswith("jobjournal: internal error: RuntimeError: something nobody foresaw")
    assert "Traceback" not in err and err.count("\n") == 1
    try:  # and a developer can still see where it came from
        cli("check", str(tmp_path), "--today", "2026-11-25", env={"JOBJOURNAL_DEBUG": "1"})
    except RuntimeError as error:
        assert "nobody foresaw" in str(error)
    else:
        raise AssertionError("JOBJOURNAL_DEBUG=1 should let the exception through")
