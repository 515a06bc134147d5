"""The check memo `serve` keeps between checks gives the same report as checking from scratch.

Each test copies example-journal/ (which fires every rule at 2026-11-25) to `tmp_path`, edits
its files on disk as a person would, and loads it with one in-memory loader cache kept across
loads, so unchanged files come back as the same Application objects, as in `serve`. After each
check, the report with the memo is compared with a fresh `run_checks` of the same journal.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from jobjournal.check.checker import INTERNAL_ERROR, CheckMemo, Report, run_checks
from jobjournal.check.registry import _REGISTRY, Context, Output, Rule, all_rules, register_rule
from jobjournal.core.dates import noon
from jobjournal.core.findings import Finding
from jobjournal.load.loader import FileCache, load_journal

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"
TODAY = date(2026, 11, 25)

TEMPLE = "temple-energy-pricing-analyst.md"
LEODIS = "leodis-labs-data-scientist.md"
LOINER = "aire-valley-insight-analyst-loiner.md"
AIRE = "aire-valley-insight-analyst.md"
KIRKGATE = "kirkgate-analytics-analytics-engineer.md"
CALDER = "calder-mutual-senior-data-analyst.md"
BRIGGATE = "briggate-retail-customer-insight-analyst.md"
MOORTOWN = "moortown-insurance-marketing-data-analyst.md"
CHAPEL = "chapel-allerton-analytics-bi-developer.md"


def _only(items: Iterable[object], other: Iterable[object]) -> list[object]:
    others = list(other)
    return [item for item in items if item not in others]


def assert_same(memoized: Report, fresh: Report) -> None:
    """The memo's report is the fresh one, item for item and in the same order."""
    for name in ("findings", "followups", "acknowledged"):
        got, want = getattr(memoized, name), getattr(fresh, name)
        assert got == want, (f"{name} differ; only with the memo: {_only(got, want)}; "
                             f"only in a fresh check: {_only(want, got)}")
    assert memoized.internal_error == fresh.internal_error


class Session:
    """A journal folder on disk, checked as `serve` checks it: one loader cache and one
    CheckMemo kept from check to check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: FileCache = {}
        self.memo = CheckMemo()
        # Every write gets its own modification time, a second after the previous one, so the
        # loader sees the change even when two writes fall in the same clock tick.
        self.stamp = time.time_ns()

    @classmethod
    def of_example(cls, tmp_path: Path) -> Session:
        root = tmp_path / "journal"
        shutil.copytree(EXAMPLE, root)
        return cls(root)

    # -- checking --------------------------------------------------------------------------
    def check(self, today: date = TODAY) -> Report:
        """Check with the memo, assert a fresh check says the same, return the report."""
        memoized, fresh = self.check_both(today)
        assert_same(memoized, fresh)
        return memoized

    def check_both(self, today: date = TODAY) -> tuple[Report, Report]:
        journal = load_journal(self.root, cache=self.cache)
        now = noon(today, journal.config.zone)
        memoized = run_checks(journal, now, self.memo)
        return memoized, run_checks(journal, now)

    # -- editing ---------------------------------------------------------------------------
    def touch(self, name: str) -> None:
        self.stamp += 1_000_000_000
        os.utime(self.root / name, ns=(self.stamp, self.stamp))

    def write(self, name: str, text: str) -> None:
        (self.root / name).write_text(text, encoding="utf-8")
        self.touch(name)

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        """Replace `old`, which must occur exactly `count` times, by `new`."""
        text = self.read(name)
        assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {name}"
        self.write(name, text.replace(old, new))

    def add_to_front_matter(self, name: str, lines: str) -> None:
        """Add lines at the end of the front matter, just before its closing '---'."""
        text = self.read(name)
        end = text.index("\n---\n", 3) + 1
        self.write(name, text[:end] + lines + text[end:])

    def delete(self, name: str) -> None:
        (self.root / name).unlink()


def rules_of(report: Report, file: str) -> set[str]:
    return {finding.rule for finding in report.findings if finding.file == file}


def findings_of(report: Report, rule: str, file: str | None = None) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule and (file is None or f.file == file)]


NEW_APPLICATION = """\
---
company: Chapel Allerton Analytics
role: BI Developer
applied: 2026-11-16
source: Ridings Talent
recruiter:
  name: Jess Okafor
  agency: Ridings Talent
  email: jess.okafor@ridingstalent.example
interviews:
  - at: 2026-11-23 14:00
    minutes: 45
    stage: Phone screen
    format: phone
    debrief: they-call
log:
  - on: 2026-11-23 15:10
    did: recruiter-debrief
    to: Jess Okafor
---

Jess put me forward on the 16th; phone screen on Monday, forgot to note who was on it.
"""


# -- 1. equivalence over a sequence of edits -------------------------------------------------

def test_memo_matches_a_fresh_check_after_every_edit(tmp_path: Path) -> None:
    session = Session.of_example(tmp_path)
    first = session.check()
    count = len(first.journal.applications)
    assert session.memo.rechecked == count == 14
    assert len({f.rule for f in (*first.findings, *first.followups)}) >= 20  # nearly all rules
    previous = first

    def step(expected_rechecked: int, *, changes: bool = True) -> Report:
        nonlocal previous
        report = session.check()
        assert session.memo.rechecked == expected_rechecked
        moved = (report.findings, report.followups, report.acknowledged) != (
            previous.findings, previous.followups, previous.acknowledged)
        assert moved == changes
        previous = report
        return report

    # Change a log entry: the "chased" planned for the 30th really happened on the 24th.
    session.edit(BRIGGATE, "  - on: 2026-11-30\n    did: chased",
                 "  - on: 2026-11-24\n    did: chased")
    assert "JJ005" in rules_of(previous, BRIGGATE)
    report = step(1)
    assert "JJ005" not in rules_of(report, BRIGGATE)

    # Add a log entry: the recruiter was debriefed after all.
    session.edit(TEMPLE, "    to: Nadia Hussain\n---",
                 "    to: Nadia Hussain\n  - on: 2026-11-24 12:30\n    did: recruiter-debrief\n"
                 "    to: Daniel Price\n---")
    assert "JJ101" in rules_of(previous, TEMPLE)
    report = step(1)
    assert "JJ101" not in rules_of(report, TEMPLE)

    # Add a 'rejected:' milestone: the application closes, so it is no longer a duplicate
    # (JJ006, journal-wide) and feedback is owed (JJ111, per application).
    session.edit(AIRE, "applied: 2026-10-19\n", "applied: 2026-10-19\nrejected: 2026-11-23\n")
    assert findings_of(previous, "JJ006")
    report = step(1)
    assert not findings_of(report, "JJ006")
    assert any(f.rule == "JJ111" and f.file == AIRE for f in report.followups)

    # Add an 'ignore:' entry with a reason: the JJ103 info finding is acknowledged instead.
    session.add_to_front_matter(TEMPLE, "ignore:\n  JJ103: They said they would ring me by "
                                        "Friday\n")
    assert "JJ103" in rules_of(previous, TEMPLE)
    report = step(1)
    assert "JJ103" not in rules_of(report, TEMPLE)
    assert any(a.finding.rule == "JJ103" and a.finding.file == TEMPLE
               for a in report.acknowledged)
    assert not findings_of(report, "JJ007", TEMPLE)

    # Touch a file without changing it: it is read and checked again, and nothing moves.
    session.touch(LEODIS)
    step(1, changes=False)

    # Correct a recruiter's name in one file: Callum Hughes now only recruits for Leodis, so
    # JJ112's "connect on LinkedIn" moves to Leodis, a file that did not change.
    session.edit(LOINER, "  name: Callum Hughes\n", "  name: Calum Hughes\n")
    assert not findings_of(previous, "JJ112", LEODIS)
    report = step(1)
    assert [f.message for f in findings_of(report, "JJ112", LEODIS)] == [
        "connect with Callum Hughes (Loiner Recruitment) on LinkedIn (and log it as "
        "'did: linkedin'): recruiters are allies for the whole search"]

    # Rename a person in Calder's file: Kirkgate's thank-you to Rachel Moore (JJ107, unchanged
    # file) no longer points at Calder.
    session.edit(CALDER, "Rachel Moore", "Rachel Moore-Ellis", count=6)
    assert "Calder Mutual" in findings_of(previous, "JJ107", KIRKGATE)[0].message
    report = step(1)
    assert "nobody of this application" in findings_of(report, "JJ107", KIRKGATE)[0].message

    # Delete a file: its findings go, and nothing needs checking again.
    session.delete(LEODIS)
    report = step(0)
    assert not any(f.file == LEODIS for f in (*report.findings, *report.followups))

    # Add a file: it is checked, and journal-wide rules see it (JJ109's "nothing applied for"
    # goes; JJ112's check-in with Jess moves to the newest of her applications).
    session.write(CHAPEL, NEW_APPLICATION)
    assert [f for f in previous.findings if f.rule == "JJ109" and f.severity == "info"]
    report = step(1)
    assert not [f for f in report.findings if f.rule == "JJ109" and f.severity == "info"]
    assert [f.severity for f in findings_of(report, "JJ106", CHAPEL)] == ["warning"]
    assert [f.file for f in report.followups if f.rule == "JJ112" and "Jess" in f.title] == [
        CHAPEL]
    before_break = report

    # Break the YAML of a file (an unquoted ': ' in a value), then repair it.
    session.edit(TEMPLE, "stage: First interview\n", "stage: First interview: panel of one\n")
    report = step(1)
    assert rules_of(report, TEMPLE) == {"JJ001"}
    assert not any(a.finding.file == TEMPLE for a in report.acknowledged)
    session.edit(TEMPLE, "stage: First interview: panel of one\n", "stage: First interview\n")
    report = step(1)
    assert (report.findings, report.followups, report.acknowledged) == (
        before_break.findings, before_break.followups, before_break.acknowledged)

    # Change jobjournal.toml: a severity override applies to every application's findings.
    session.edit("jobjournal.toml", 'severity = { JJ110 = "warning" }',
                 'severity = { JJ110 = "warning", JJ103 = "warning" }')
    assert [f.severity for f in findings_of(previous, "JJ103", CHAPEL)] == ["info"]
    report = step(count)  # all of them: Leodis was deleted, Chapel added
    assert [f.severity for f in findings_of(report, "JJ103", CHAPEL)] == ["warning"]


# -- 2. only what changed is checked again ---------------------------------------------------

def test_only_changed_applications_are_checked_again(tmp_path: Path) -> None:
    session = Session.of_example(tmp_path)
    first = session.check()
    count = len(first.journal.applications)
    assert session.memo.rechecked == count

    session.check()
    assert session.memo.rechecked == 0

    session.touch(MOORTOWN)
    session.check()
    assert session.memo.rechecked == 1

    session.edit(MOORTOWN, "tags: [data, marketing, tableau, insurance]",
                 "tags: [data, marketing, tableau, insurance, sql]")
    session.check()
    assert session.memo.rechecked == 1

    session.edit(TEMPLE, "debrief: i-call", "debrief: they-call")
    session.edit(KIRKGATE, "salary: £55,000–£62,000", "salary: £58,000")
    session.check()
    assert session.memo.rechecked == 2

    session.check()
    assert session.memo.rechecked == 0

    # Another `now`: everything again, once.
    session.check(TODAY + timedelta(days=1))
    assert session.memo.rechecked == count
    session.check(TODAY + timedelta(days=1))
    assert session.memo.rechecked == 0
    session.check()
    assert session.memo.rechecked == count

    # Another configuration: everything again, once; the files are the same objects.
    assert findings_of(session.check(), "JJ110", LEODIS)
    session.edit("jobjournal.toml", 'working_hours = "Mon-Fri 09:00-17:30"\n', "")
    report = session.check()
    assert session.memo.rechecked == count
    assert not findings_of(report, "JJ110")
    session.check()
    assert session.memo.rechecked == 0


def test_a_journal_wide_output_is_settled_again_when_its_file_changes(tmp_path: Path) -> None:
    """JJ115's follow-up comes from a journal-wide rule, whose settled outputs the memo keeps
    while the application object is the same; an `ignore:` or a closing in that file must
    still be applied at once, and undone at once."""
    session = Session.of_example(tmp_path)
    otley = "2025/otley-run-analytics-officer.md"
    report = session.check()
    assert any(f.rule == "JJ115" and f.file == otley for f in report.followups)
    session.add_to_front_matter(otley, "ignore:\n  JJ115: told them on the phone\n")
    report = session.check()
    assert not any(f.rule == "JJ115" and f.file == otley for f in report.followups)
    assert any(a.finding.rule == "JJ115" and a.finding.file == otley for a in report.acknowledged)
    session.edit(otley, "ignore:\n  JJ115: told them on the phone\n", "")
    report = session.check()
    assert any(f.rule == "JJ115" and f.file == otley for f in report.followups)
    session.add_to_front_matter(otley, "withdrawn: 2025-12-01\n")
    report = session.check()
    assert not any(f.rule == "JJ115" and f.file == otley for f in report.followups)
    assert not session.memo.settling or all(
        key[0] != "JJ115" or key[1].file != otley for key in session.memo.settling)


# -- 3. unused ignores (JJ007) with a reused memo -------------------------------------------

def test_used_ignore_stays_used_while_its_file_is_not_checked_again(tmp_path: Path) -> None:
    session = Session.of_example(tmp_path)
    session.add_to_front_matter(TEMPLE, "ignore:\n  JJ103: They said they would ring me by "
                                        "Friday\n")
    report = session.check()
    assert [a.finding.rule for a in report.acknowledged if a.finding.file == TEMPLE] == ["JJ103"]
    assert not findings_of(report, "JJ007", TEMPLE)
    # Kirkgate's own ignore (JJ110 for an after-work slot) silences nothing: reported.
    assert len(findings_of(report, "JJ007", KIRKGATE)) == 1

    # An edit elsewhere (Moortown chased, so its JJ103 goes): Temple's JJ103 comes from the
    # memo, and its ignore still counts as used.
    session.edit(MOORTOWN, "log:\n", "log:\n  - on: 2026-11-24\n    did: chased\n"
                                     "    to: Laura Bennett\n")
    report = session.check()
    assert session.memo.rechecked == 1
    assert not findings_of(report, "JJ103", MOORTOWN)
    assert not findings_of(report, "JJ007", TEMPLE)
    assert [a.finding.rule for a in report.acknowledged if a.finding.file == TEMPLE] == ["JJ103"]
    assert len(findings_of(report, "JJ007", KIRKGATE)) == 1

    # Temple now knows when to hear back: JJ103 no longer fires, so the ignore is unused.
    session.edit(TEMPLE, "    debrief: i-call\n",
                 "    debrief: i-call\n    hear_back_by: 2026-11-27\n")
    report = session.check()
    assert session.memo.rechecked == 1
    unused = findings_of(report, "JJ007", TEMPLE)
    assert [f.line for f in unused] == [
        session.read(TEMPLE).splitlines().index("  JJ103: They said they would ring me by Friday")
        + 1]
    assert not any(a.finding.file == TEMPLE for a in report.acknowledged)


def test_ignore_of_an_unchanged_file_becomes_unused_by_an_edit_elsewhere(tmp_path: Path
                                                                         ) -> None:
    session = Session.of_example(tmp_path)
    # The duplicate (JJ006) is reported on the direct application; acknowledge it there.
    session.add_to_front_matter(AIRE, "ignore:\n  duplicate-application: Callum withdraws the "
                                      "agency copy this week\n")
    report = session.check()
    assert [a.finding.rule for a in report.acknowledged if a.finding.file == AIRE] == ["JJ006"]
    assert not findings_of(report, "JJ007", AIRE)

    # Withdrawing the agency copy (another file) ends the duplicate: the unchanged file's
    # ignore is now unused.
    session.edit(LOINER, "applied: 2026-11-03\n", "applied: 2026-11-03\nwithdrawn: 2026-11-24\n")
    report = session.check()
    assert session.memo.rechecked == 1
    assert not findings_of(report, "JJ006")
    assert len(findings_of(report, "JJ007", AIRE)) == 1

    # And back: the agency copy is live again, the ignore is used again.
    session.edit(LOINER, "withdrawn: 2026-11-24\n", "")
    report = session.check()
    assert session.memo.rechecked == 1
    assert not findings_of(report, "JJ007", AIRE)


# -- 4. a per-application rule that raises ----------------------------------------------------

PROBE_ID = "XMEMO"


class Probe:
    """A per-application rule: one info finding per application, or an exception when it
    reaches an application named in `raise_for`."""

    def __init__(self) -> None:
        self.raise_for: set[str] = set()
        self.quiet = False

    def check(self, context: Context) -> Iterator[Output]:
        for application in context.journal.applications:
            if application.slug in self.raise_for:
                raise RuntimeError(f"probe fails on {application.slug}")
            if not self.quiet:
                yield Finding(PROBE_ID, "info", application.file, 1, "memo probe",
                              application.slug)

    @staticmethod
    def remove() -> None:
        _REGISTRY.pop(PROBE_ID, None)


@pytest.fixture
def probe() -> Iterator[Probe]:
    all_rules()  # the built-in rules first, as in a real run
    probe = Probe()
    register_rule(Rule(PROBE_ID, "memo-probe", "info", "A test rule.", "A test rule.", "",
                       probe.check, applies_when_closed=True, group="plugin",
                       per_application=True))
    try:
        yield probe
    finally:
        Probe.remove()


def test_raising_rule_is_reported_and_the_next_run_checks_again(tmp_path: Path, probe: Probe
                                                               ) -> None:
    session = Session.of_example(tmp_path)
    probe.raise_for = {"temple-energy-pricing-analyst"}
    report = session.check()
    assert report.internal_error
    assert report.exit_code() == 2
    errors = findings_of(report, INTERNAL_ERROR)
    assert len(errors) == 1
    assert "internal error in rule XMEMO memo-probe: RuntimeError: probe fails on " \
           "temple-energy-pricing-analyst" in errors[0].message
    assert not findings_of(report, PROBE_ID)  # the failed rule's outputs are all dropped
    assert len({f.rule for f in report.findings}) >= 20  # the other rules still ran

    probe.remove()
    report = session.check()
    assert session.memo.rechecked == len(report.journal.applications)
    assert not report.internal_error
    assert not findings_of(report, INTERNAL_ERROR)


def test_rule_that_stops_raising_is_run_on_every_application(tmp_path: Path, probe: Probe
                                                            ) -> None:
    """A failed run stores nothing: had it stored its (incomplete) results, the probe's
    findings would be missing next time for every application not checked again."""
    session = Session.of_example(tmp_path)
    probe.raise_for = {"temple-energy-pricing-analyst"}
    assert session.check().internal_error

    probe.raise_for = set()
    report = session.check()
    count = len(report.journal.applications)
    assert session.memo.rechecked == count
    assert len(findings_of(report, PROBE_ID)) == count
    assert not report.internal_error

    session.check()
    assert session.memo.rechecked == 0


def test_failed_run_shows_the_current_state_of_changed_applications(tmp_path: Path,
                                                                     probe: Probe) -> None:
    """A run in which a rule raises must still report what the other rules say about the
    applications that changed, not what they said before the change."""
    session = Session.of_example(tmp_path)
    probe.quiet = True
    report = session.check()
    assert findings_of(report, "JJ101", TEMPLE)

    # The recruiter was debriefed (JJ101 goes); in the same run the probe fails on Temple.
    session.edit(TEMPLE, "    to: Nadia Hussain\n---",
                 "    to: Nadia Hussain\n  - on: 2026-11-24 12:30\n    did: recruiter-debrief\n"
                 "    to: Daniel Price\n---")
    probe.raise_for = {"temple-energy-pricing-analyst"}
    memoized, fresh = session.check_both()
    assert session.memo.rechecked == 1
    assert fresh.internal_error and not findings_of(fresh, "JJ101", TEMPLE)
    assert_same(memoized, fresh)

    # Fixed: the next run checks Temple again and agrees too.
    probe.raise_for = set()
    session.check()
    assert session.memo.rechecked == 1
