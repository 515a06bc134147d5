"""`jobjournal.toml`: unknown keys are findings; an unusable file stops with exit 2 and file:line.

Also the journal-wide knobs that change what the rules say: `[rules] ignore` (by id or name),
`[rules.severity]`, and the time zone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jobjournal.cli import main

THANKLESS = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-12
    interviews:
      - at: 2026-11-18 14:00
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
        hear_back_by: 2026-11-30
    ---
"""


def check_cli(journal, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["check", str(journal.root), "--today", "2026-11-25", *extra])
    out, err = capsys.readouterr()
    return code, out, err


# -- unknown keys: reported with their line, the run goes on ----------------------------------

def test_unknown_keys_at_every_level_are_findings_with_lines(journal):
    journal.config("""
        titel = "My search"
        timezone = "Europe/London"

        [rules]
        ignroe = ["JJ112"]

        [rules.limits]
        debreif_hours = 3

        [feed]
        nmae = "Follow-ups"

        [colours]
        accent = "red"
    """)
    journal.write("a.md", THANKLESS)
    found = {f.line: f for f in journal.findings("JJ002", file="jobjournal.toml")}
    expected = {"titel": "title", "ignroe": "ignore", "debreif_hours": "debrief_hours",
                "nmae": "name"}
    for key, suggestion in expected.items():
        line = journal.line("jobjournal.toml", key)
        assert f"'{key}'" in found[line].message
        assert f"did you mean '{suggestion}'" in found[line].message
        assert found[line].severity == "warning"
    colours = found[journal.line("jobjournal.toml", "[colours]")]
    assert "'colours'" in colours.message
    assert len(found) == 5
    # ...and the journal was still checked.
    assert journal.findings("JJ104")


def test_a_clean_configuration_has_no_findings(journal):
    journal.config("""
        title = "Job search 2026"
        timezone = "Europe/London"
        output = "_site"
        theme = "default"
        base_url = "https://me.example/jobs/"
        exclude = ["drafts/**"]
        working_hours = "Mon-Fri 09:00-17:30"

        [rules]
        ignore = ["JJ112"]
        severity = { JJ110 = "warning" }

        [rules.limits]
        debrief_hours = 4
        thank_you_hours = 24
        after_rejection_days = 2
        reference_thanks_days = 3
        chase_application_days = 10
        keep_in_touch_days = 30
        keep_searching_days = 14

        [feed]
        name = "Job search follow-ups"
        interviews = true
        contact_details = true
    """)
    assert journal.findings(file="jobjournal.toml") == []


# -- unusable configuration: exit 2 with jobjournal.toml:LINE: --------------------------------

@pytest.mark.parametrize("text, line, words", [
    ('title = "x"\n\ntimezone = \n', 3, "TOML"),
    ('title = "x"\ntimezone = "Mars/Olympus"\n', 2, "time zone"),
    ('title = "x"\n\n  timezone = "Mars/Olympus"\n', 3, "time zone"),
    ('title = "x"\n\n[rules.limits]\ndebrief_hours = "four"\n', 4, "whole number"),
    ('[rules.limits]\nthank_you_hours = -1\n', 2, "whole number"),
    ('[rules.limits]\nthank_you_hours = true\n', 2, "whole number"),
    ('[rules.limits]\nthank_you_hours = 1.5\n', 2, "whole number"),
    ('title = "x"\nworking_hours = "whenever"\n', 2, "working hours"),
    ('exclude = "drafts/**"\n', 1, "list"),
    ('title = 3\n', 1, "text"),
    ('[rules]\nignore = "JJ112"\n', 2, "list"),
])
def test_unusable_configuration_exits_2_with_file_and_line(journal, capsys, text, line, words):
    journal.write("jobjournal.toml", text)
    journal.write("a.md", THANKLESS)
    code, out, err = check_cli(journal, capsys)
    assert code == 2
    assert out == ""
    assert err.startswith(f"jobjournal: jobjournal.toml:{line}: ")
    assert words in err
    assert "Traceback" not in err


def test_configuration_that_is_not_utf8_exits_2(journal, capsys):
    journal.write_bytes("jobjournal.toml", b'title = "Caf\xe9"\n')
    code, _out, err = check_cli(journal, capsys)
    assert code == 2
    assert "jobjournal.toml:" in err


# -- the time zone ----------------------------------------------------------------------------

def test_timezone_gives_meaning_to_times_without_offset(journal):
    journal.config('timezone = "America/New_York"\n')
    journal.write("a.md", THANKLESS)
    loaded = journal.load()
    assert loaded.config.timezone == "America/New_York"
    at = loaded.applications[0].interviews[0].at
    assert at.astimezone(UTC) == datetime(2026, 11, 18, 19, 0, tzinfo=UTC)


# -- [rules] ignore and [rules.severity] ------------------------------------------------------

@pytest.mark.parametrize("key", ["JJ104", "jj104", "thank-you"])
def test_rules_ignore_by_id_or_name_silences_findings_and_followups(journal, key):
    journal.write("a.md", THANKLESS)
    assert journal.findings("JJ104") and journal.followups("JJ104")
    journal.config(f'[rules]\nignore = ["{key}"]\n')
    journal.check()
    assert journal.findings("JJ104") == []
    assert journal.followups("JJ104") == []
    assert journal.findings("JJ007") == []  # a journal-wide ignore is not a file's ignore


def test_rules_ignore_covers_format_rules_too(journal):
    journal.write("a.md", THANKLESS.replace("role:", "salry: 1\n    role:"))
    assert journal.findings("JJ002")
    journal.config('[rules]\nignore = ["unknown-field"]\n')
    journal.check()
    assert journal.findings("JJ002") == []


@pytest.mark.parametrize("key", ["JJ104", "thank-you"])
def test_rules_severity_by_id_or_name(journal, capsys, key):
    journal.write("a.md", THANKLESS)
    assert [f.severity for f in journal.findings("JJ104")] == ["warning"]
    code, _out, _err = check_cli(journal, capsys)
    assert code == 0
    journal.config(f'[rules]\nseverity = {{ {key} = "error" }}\n')
    journal.check()
    assert [f.severity for f in journal.findings("JJ104")] == ["error"]
    code, _out, _err = check_cli(journal, capsys)
    assert code == 1  # an error now, so check fails


def test_severity_can_be_lowered_and_only_touches_that_rule(journal):
    journal.write("a.md", THANKLESS.replace("role:", "salry: 1\n    role:"))
    journal.config('[rules.severity]\nunknown-field = "info"\n')
    assert [f.severity for f in journal.findings("JJ002")] == ["info"]
    assert [f.severity for f in journal.findings("JJ104")] == ["warning"]


def test_severity_table_rejects_unknown_levels(journal, capsys):
    journal.config('[rules]\nseverity = { JJ110 = "loud" }\n')
    code, _out, err = check_cli(journal, capsys)
    assert code == 2
    assert "loud" in err
