"""Time at its edges: DST gaps and overlaps, 29 February, year ends, a journal zone unlike the
machine's, and `--today` on each of those days.

The rules: a wall time that does not exist (clocks go forward) is read as the same moment a
calendar app gives, the gap later; an ambiguous one (clocks go back) is its first occurrence
unless an offset says otherwise; durations ("4 hours after", "24 hours after") are real time;
"--today D" is D at 12:00 in the journal's zone; a date is overdue once its day has ended.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import dedent
from hardening_helpers import EXAMPLE_JOURNAL, cli

from jobjournal.check.checker import run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal

LONDON = ZoneInfo("Europe/London")


def journal_with(tmp_path: Path, files: dict[str, str], zone: str = "Europe/London") -> Path:
    root = tmp_path / "journal"
    root.mkdir()
    (root / "jobjournal.toml").write_text(f'timezone = "{zone}"\n', encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(dedent(text), encoding="utf-8")
    return root


def followups(root: Path, today: str) -> dict[tuple[str, str], list[str]]:
    code, out, err = cli("check", str(root), "--today", today, "--format", "json")
    assert code in (0, 1), err
    found: dict[tuple[str, str], list[str]] = {}
    for followup in json.loads(out)["followups"]:
        found.setdefault((followup["rule"], followup["application"]), []).append(followup["due"])
    return found


def interview(company: str, at: str, extra: str = "") -> str:
    return f"""
        ---
        company: {company}
        role: Analyst
        applied: 2026-01-05
        recruiter:
          name: Priya Shah
          agency: Hays
        interviews:
          - at: {at}
            minutes: 120
            with:
              - name: Tom Becker
                email: tom@x.example
        {extra}
        ---
    """


# -- DST -------------------------------------------------------------------------------------

def test_a_time_in_the_spring_gap_moves_forward_and_hours_stay_real(tmp_path):
    root = journal_with(tmp_path, {"gap.md": interview("Gap", "2026-03-29 01:30")})
    application = load_journal(root, persistent=False).application("gap")
    start = application.interviews[0].start
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST
    assert application.interviews[0].end - start == timedelta(hours=2)
    due = followups(root, "2026-04-10")
    # Two real hours later it ends (04:30 BST); debrief 4 h and thank-you 24 h after that.
    assert due[("JJ101", "gap")] == ["2026-03-29T08:30:00+01:00"]
    assert due[("JJ104", "gap")] == ["2026-03-30T04:30:00+01:00"]


def test_an_ambiguous_autumn_time_is_the_first_unless_an_offset_says(tmp_path):
    root = journal_with(tmp_path, {
        "first.md": interview("First", "2026-10-25 01:30"),
        "second.md": interview("Second", "2026-10-25 01:30 +00:00")})
    journal = load_journal(root, persistent=False)
    first = journal.application("first").interviews[0].start
    second = journal.application("second").interviews[0].start
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # BST
    assert second.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # GMT
    due = followups(root, "2026-11-10")
    # 120 real minutes: the first ends at 01:30 GMT (the wall clock only moved 1 hour).
    assert due[("JJ101", "first")] == ["2026-10-25T06:30:00+00:00"]
    assert due[("JJ101", "second")] == ["2026-10-25T07:30:00+00:00"]
    assert due[("JJ104", "first")] == ["2026-10-26T02:30:00+00:00"]


def test_debrief_window_across_the_night_the_clocks_go_back(tmp_path):
    root = journal_with(tmp_path, {"night.md": interview("Night", "2026-10-24 23:00")})
    # Ends 01:00 BST (00:00 UTC); 4 real hours later is 04:00 GMT, not 05:00.
    assert followups(root, "2026-11-10")[("JJ101", "night")] == ["2026-10-25T04:00:00+00:00"]


@pytest.mark.parametrize("today, offset", [("2026-03-29", "+01:00"), ("2026-10-25", "+00:00"),
                                           ("2026-03-28", "+00:00"), ("2026-10-24", "+01:00")])
def test_today_is_noon_in_the_journal_zone_on_dst_days(tmp_path, today, offset):
    root = journal_with(tmp_path, {"a.md": """
        ---
        company: A
        role: B
        applied: 2026-01-05
        ---
    """})
    journal = load_journal(root, persistent=False)
    now = noon(date.fromisoformat(today), journal.config.zone)
    assert now.isoformat() == f"{today}T12:00:00{offset}"
    # JJ109's "apply for another role" is due now: it carries that very moment.
    assert followups(root, today)[("JJ109", "")] == [f"{today}T12:00:00{offset}"]


@pytest.mark.parametrize("due, today, overdue", [
    ("2026-03-29", "2026-03-29", False), ("2026-03-29", "2026-03-30", True),
    ("2026-03-29 11:30", "2026-03-29", True), ("2026-03-29 12:30", "2026-03-29", False),
    ("2026-10-25 11:59", "2026-10-25", True), ("2026-10-25 12:01", "2026-10-25", False),
])
def test_overdue_on_dst_days(tmp_path, due, today, overdue):
    root = journal_with(tmp_path, {"a.md": f"""
        ---
        company: A
        role: B
        followups:
          - due: {due}
            what: Send the sample
        ---
    """})
    report = run_checks(load_journal(root, persistent=False),
                        noon(date.fromisoformat(today), LONDON))
    own = [f for f in report.followups if f.rule == "JJ113"]
    assert [f.overdue for f in own] == [overdue]
    assert bool([f for f in report.findings if f.rule == "JJ113"]) == overdue


def test_a_zone_whose_clocks_skip_midnight(tmp_path):
    """America/Santiago skips 00:00-01:00 on 6 September 2026: a day starts at 01:00."""
    root = journal_with(tmp_path, {"a.md": """
        ---
        company: Andes
        role: Analyst
        applied: 2026-08-27
        interviews:
          - at: 2026-09-06
            with: [Tom Becker]
          - at: 2026-09-06 00:30
            with: [Ann Lee]
        followups:
          - due: 2026-09-06
            what: Send the sample
        ---
    """}, zone="America/Santiago")
    for today in ("2026-09-05", "2026-09-06", "2026-09-07"):
        code, out, err = cli("check", str(root), "--today", today, "--format", "json")
        assert code in (0, 1) and "internal" not in out + err
    journal = load_journal(root, persistent=False)
    starts = [i.start for i in journal.application("a").interviews]
    assert [s.isoformat() for s in starts] == ["2026-09-06T09:00:00-03:00",
                                               "2026-09-06T01:30:00-03:00"]
    code, feed, _err = cli("export", "--format", "ics", str(root), "--today", "2026-09-01")
    events = icalendar.Calendar.from_ical(feed.encode()).walk("VEVENT")
    instants = sorted(e.decoded("DTSTART").astimezone(UTC) for e in events
                      if str(e["SUMMARY"]).startswith("Interview"))
    assert instants == sorted(s.astimezone(UTC) for s in starts)


# -- 29 February and year ends ---------------------------------------------------------------

def test_29_february_is_a_date_in_leap_years_only(tmp_path):
    root = journal_with(tmp_path, {
        "leap.md": """
            ---
            company: Leap
            role: Analyst
            applied: 2028-02-29
            ---
        """,
        "not.md": """
            ---
            company: Not
            role: Analyst
            applied: 2027-02-29
            ---
        """})
    due = followups(root, "2028-02-29")
    assert due[("JJ114", "leap")] == ["2028-03-10"]  # 10 days: through the 29th, not past it
    code, out, _err = cli("check", str(root), "--today", "2028-02-29", "--format", "json")
    bad = [f for f in json.loads(out)["findings"] if f["file"] == "not.md"]
    assert [(f["rule"], f["line"]) for f in bad] == [("JJ003", 4)]
    code, _out, err = cli("check", str(root), "--today", "2027-02-29")
    assert code == 2 and "2027-02-29" in err and "Traceback" not in err


def test_the_turn_of_the_year(tmp_path):
    root = journal_with(tmp_path, {
        "eve.md": interview("Eve", "2026-12-31 23:30"),
        "late.md": """
            ---
            company: Late
            role: Analyst
            applied: 2026-12-28
            log:
              - on: 2026-12-31 23:30 -05:00
                did: note
            ---
        """})
    due = followups(root, "2027-01-08")
    assert due[("JJ101", "eve")] == ["2027-01-01T05:30:00+00:00"]
    assert due[("JJ104", "eve")] == ["2027-01-02T01:30:00+00:00"]
    assert due[("JJ114", "late")] == ["2027-01-07"]
    # 23:30 in New York on New Year's Eve is already 2027 in London: on the 31st, at noon,
    # that entry lies in the future.
    code, out, _err = cli("check", str(root), "--today", "2026-12-31", "--format", "json")
    future = [f for f in json.loads(out)["findings"] if f["file"] == "late.md"
              and f["rule"] == "JJ005"]
    assert [f["line"] for f in future] == [6]
    code, out, _err = cli("check", str(root), "--today", "2027-01-01", "--format", "json")
    assert not [f for f in json.loads(out)["findings"] if f["rule"] == "JJ005"]


EDGE_DAYS = ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25",
             "2026-10-26", "2026-12-31", "2027-01-01", "2028-02-28", "2028-02-29",
             "2028-03-01", "2026-11-25"]


@pytest.mark.parametrize("today", EDGE_DAYS)
def test_the_example_journal_on_every_edge_day(today):
    code, out, err = cli("check", str(EXAMPLE_JOURNAL), "--today", today, "--format", "json")
    assert code in (0, 1) and err == ""
    data = json.loads(out)
    assert not [f for f in data["findings"] if f["rule"] == "JJ000"]
    for followup in data["followups"]:  # every due is a date or an aware date-time
        due = followup["due"]
        assert len(due) == 10 or datetime.fromisoformat(due).tzinfo is not None


# -- the machine's zone ----------------------------------------------------------------------

MACHINE_ZONES = ["Pacific/Kiritimati", "America/Adak", "Asia/Kathmandu"]  # +14, -10, +5:45


def run_in_zone(zone: str, *argv: str) -> bytes:
    env = {**os.environ, "TZ": zone, "JOBJOURNAL_CACHE_DIR": "", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "jobjournal", *argv], env=env,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_the_machine_zone_changes_nothing_when_the_journal_names_one(tmp_path):
    outputs = {}
    for zone in MACHINE_ZONES:
        site = tmp_path / zone.replace("/", "-")
        checks = [run_in_zone(zone, "check", str(EXAMPLE_JOURNAL), "--today", today,
                              "--format", "json")
                  for today in ("2026-03-29", "2026-10-25")]
        run_in_zone(zone, "build", str(EXAMPLE_JOURNAL), "--today", "2026-10-25", "-o",
                    str(site))
        files = {p.relative_to(site).as_posix(): p.read_bytes()
                 for p in sorted(site.rglob("*")) if p.is_file() and not p.name.startswith(".")}
        outputs[zone] = (checks, files)
    first = outputs[MACHINE_ZONES[0]]
    assert first[1] and all(first[0])  # a site was built, the checks printed
    for zone in MACHINE_ZONES[1:]:
        assert outputs[zone][0] == first[0], zone
        assert outputs[zone][1] == first[1], zone


def test_without_a_configured_zone_the_machine_zone_is_the_journal_zone(tmp_path):
    root = tmp_path / "journal"
    root.mkdir()
    (root / "a.md").write_text(dedent(interview("Zone", "2026-11-18 14:00")), encoding="utf-8")
    dues = {}
    for zone, offset in (("UTC", "+00:00"), ("Asia/Kathmandu", "+05:45")):
        data = json.loads(run_in_zone(zone, "check", str(root), "--today", "2026-11-25",
                                      "--format", "json"))
        due = [f["due"] for f in data["followups"] if f["rule"] == "JJ104"]
        assert due == [f"2026-11-19T16:00:00{offset}"]  # 14:00 there, +2 h, +24 h
        dues[zone] = due
    assert dues["UTC"] != dues["Asia/Kathmandu"]
