"""Random sequences of what people do to a journal: every incremental build equals a cold one.

test_incremental.py checks each kind of change once, in one order. The caches that make a
build cost only what changed (the parse cache, the notes cache, the ledger of what each page
was made from, the replay of a run whose inputs are unchanged) each decide on their own what
"unchanged" means, and a hole in one of them shows only after the right sequence: an edit,
then the clock passing a time the journal names, then a rename... So a Hypothesis state
machine edits a small journal (the example journal's files, ten applications to start with)
the way a person does, and after every step builds it again incrementally (in-process, as the
command line does on the clock or with `--today`, or with a forked worker) and checks:

* the output folder holds exactly the bytes of a cold build (fresh output folder, fresh cache
  folder) of the same journal at the same instant;
* a file whose bytes did not change was not written again (same mtime, ctime and inode);
* nothing crashed (an exception, an exit code 2, "internal error" printed);

and, at the end of each sequence, that a cold build in a fresh process (none of this
process's in-memory memos) agrees too. The runs are derandomized, so CI sees the same ones.
A second machine (AcrossSummerTime) does the same across the changes of summer time, where
a day has 23 or 25 hours and a wall-clock time happens twice or never.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from jobjournal.check.checker import Report
from jobjournal.cli import main
from jobjournal.core import workers
from jobjournal.core.dates import noon
from jobjournal.pipeline import run as pipeline_run
from jobjournal.pipeline.run import build
from tests.hardening_helpers import budget
from tests.pipeline.test_incremental import EXAMPLE, MORNING, Builds, tree

THEME_EMAILS = Path(__file__).resolve().parents[2] / "themes" / "default" / "emails"
STARTING = ("calder-mutual-senior-data-analyst.md", "kirkgate-analytics-analytics-engineer.md",
            "leodis-labs-data-scientist.md", "headrow-health-analytics-lead.md",
            "temple-energy-pricing-analyst.md", "roundhay-games.md",
            "aire-valley-insight-analyst.md", "2025/kirkstall-brewery-data-analyst.md",
            "closed/holbeck-logistics-bi-analyst.md")
SPARE = ("aire-valley-insight-analyst-loiner.md", "briggate-retail-customer-insight-analyst.md",
         "moortown-insurance-marketing-data-analyst.md", "2025/otley-run-analytics-officer.md",
         "closed/wharfedale-water-data-engineer.md")
# New applications a person might write: people shared with the example's (the same recruiter,
# another "Rachel Moore" at another company, a "Jess Okafor" at the company named like her
# agency: two people with one anchor name, so other pages' links to people.html move), a
# follow-up and an interview at a time of day, and a Markdown file that is no application.
NEW = {
    "ilkley-data-partner.md": """---
company: Ilkley Data
role: Data Partner
applied: 2026-11-10
recruiter:
  name: Jess Okafor
  agency: Ridings Talent
  email: jess.okafor@ridingstalent.example
contacts:
  - name: Rachel Moore
    title: Talent Partner
    email: rachel.moore@ilkleydata.example
interviews:
  - at: 2026-11-27 11:30
    minutes: 45
    stage: First interview
    with: Rachel Moore
followups:
  - due: 2026-11-26 16:00
    what: Send the portfolio link to Rachel
---
## Notes
Small team, **Python** heavy.
""",
    "2026/otley-road-bi-developer.md": """---
company: Otley Road Systems
role: BI Developer
applied: 2026-11-20
contacts: Mo Green, Aisha Rahman
log:
  - on: 2026-11-21 08:30
    did: linkedin
    to: Mo Green
---
Applied through the website.
""",
    "ridings-talent-internal-recruiter.md": """---
company: Ridings Talent
role: Internal Recruiter
applied: 2026-11-18
contacts:
  - name: Jess Okafor
    title: Team lead
---
Jess Okafor the colleague, not Jess Okafor the recruiter: two people, one name.
""",
    "notes-to-self.md": "Things to ask at every interview: team size, on-call, training.\n",
}
NAMES = ("Calder Mutual Group", "Kirkgate", "Leodis Labs Ltd", "Ridings Talent",
         "Temple Energy", "Ünïcode & <Co>")
ROLES = ("Senior Data Analyst", "Analytics Engineer", "Lead Analyst (maternity cover)")
MILESTONES = ("applied", "offer", "rejected", "withdrawn", "ghosted", "signed")
ACTIONS = ("chased", "note", "feedback-requested", "references-shared")
ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo", "UTC")
KINDS = tuple(sorted(path.stem for path in THEME_EMAILS.glob("*.txt")))
MODES = st.sampled_from(("direct", "today", "clock", "clock", "forked"))
LONDON = ZoneInfo("Europe/London")
# Europe/London's changes of summer time either side of MORNING's November: the clocks go back
# at 01:00 UTC on 25 October 2026 (the hour from 01:00 to 02:00 happens twice, first in BST,
# then in GMT: a local 01:30 is ambiguous, and the day has 25 hours) and forward at 01:00 UTC
# on 28 March 2027 (from 01:00 GMT straight to 02:00 BST: a local 01:30 does not exist, and
# the day has 23 hours).
CLOCKS_GO_BACK = datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
CLOCKS_GO_FORWARD = datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
# Times of day a person writes on the day of a change: around, at and inside the repeated or
# missing hour, and after it.
NEAR_THE_CHANGE = ("00:30", "00:59", "01:00", "01:30", "01:59", "02:00", "02:30", "03:00")
OFFSETS = st.sampled_from(("", "", "", " +00:00", " +01:00"))  # mostly as people write them
TIMED_KINDS = st.sampled_from(("log", "followup", "interview"))
INTERVIEW = st.sampled_from((30, 60, 90))  # minutes
ON_THE_CLOCK_MOSTLY = st.sampled_from(("clock", "clock", "direct", "forked"))
# A cold build in a fresh process: nothing in memory from the builds before it.
FRESH_PROCESS = """
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo
from jobjournal.pipeline.run import build
now = datetime.fromisoformat(sys.argv[3]).astimezone(ZoneInfo(sys.argv[4]))
build(Path(sys.argv[1]), Path(sys.argv[2]), now)
"""

Stamps = dict[str, tuple[int, int, int]]


def later(moment: datetime, delta: timedelta) -> datetime:
    """`moment` + `delta` of real time, in moment's zone. Plain aware arithmetic adds wall-clock
    time, and subtraction and comparison within one zone ignore the offset: across a change of
    summer time, the clock would move by an hour more or less than it should (or backwards),
    and onto wall times that never happen."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def stamps(folder: Path) -> Stamps:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ctime_ns,
                                               p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def differences(incremental: dict[str, bytes], cold: dict[str, bytes]) -> str:
    """'' when equal; else which files differ and a short diff of the first one."""
    if incremental == cold:
        return ""
    only_here = sorted(set(incremental) - set(cold))
    only_cold = sorted(set(cold) - set(incremental))
    differ = sorted(p for p in set(cold) & set(incremental) if cold[p] != incremental[p])
    lines = [f"only in the incremental build: {only_here}", f"only in the cold one: {only_cold}",
             f"different: {differ}"]
    if differ:
        diff = difflib.unified_diff(
            cold[differ[0]].decode("utf-8", "replace").splitlines(),
            incremental[differ[0]].decode("utf-8", "replace").splitlines(),
            f"cold/{differ[0]}", f"incremental/{differ[0]}", n=1, lineterm="")
        lines.extend(list(diff)[:40])
    return "\n".join(lines)


def front_matter_end(text: str) -> int | None:
    """The offset of the closing `---` line of the front matter, or None."""
    if not text.startswith("---\n"):
        return None
    found = text.find("\n---\n", 3)
    return None if found < 0 else found + 1


def set_field(text: str, name: str, value: str | None) -> str:
    """`name: value` at the top level of the front matter: replaced, added after `role:` (or
    at the end), or removed (`value` None)."""
    end = front_matter_end(text)
    if end is None:
        return text
    head, tail = text[:end], text[end:]
    line = re.compile(rf"^{name}:.*\n", re.MULTILINE)
    if value is None:
        return line.sub("", head, count=1) + tail
    if line.search(head):
        return line.sub(lambda _m: f"{name}: {value}\n", head, count=1) + tail
    return head + f"{name}: {value}\n" + tail


def append_to_list(text: str, name: str, item: str) -> str:
    """`item` (lines indented under `  - `) at the end of the top-level list `name`, which is
    made at the end of the front matter when missing."""
    end = front_matter_end(text)
    if end is None:
        return text
    head, tail = text[:end], text[end:]
    lines = head.splitlines(keepends=True)
    for number, line in enumerate(lines):
        if line.rstrip() == f"{name}:":
            after = number + 1
            while after < len(lines) and lines[after].startswith((" ", "-")):
                after += 1
            lines.insert(after, item)
            return "".join(lines) + tail
    return head + f"{name}:\n{item}" + tail


@dataclass
class Broken:
    original: bytes
    mode: int


class JournalMachine(RuleBasedStateMachine):
    """A journal, its incremental output folder and cache, and the instant of the next build:
    what the machines below share, without their rules.

    Each of their rules is one thing a person does, then a build in one of the modes:
    `direct` (the pipeline's `build`, as serve-less callers and test_incremental use it),
    `today` (the command line with `--today`), `clock` (the command line on the clock, which
    replays an unchanged run), `forked` (`build` with a forked worker sharing the pages)."""

    sequences = 0
    # The instant of the first build; None: an @initialize rule makes the first build.
    START: datetime | None = MORNING

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="incremental-fuzz-"))
        self.journal = self.tmp / "journal"
        self.journal.mkdir()
        for name in (*STARTING, "jobjournal.toml"):
            (self.journal / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(EXAMPLE / name, self.journal / name)
        ridings = "ridings-talent-internal-recruiter.md"  # Calder's links to Jess depend on it
        (self.journal / ridings).write_text(NEW[ridings], encoding="utf-8")
        self.monkeypatch = pytest.MonkeyPatch()
        self.monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        self.monkeypatch.setattr(pipeline_run, "current_time", self._current_time)
        self.builds = Builds(self.journal, self.tmp, self.monkeypatch)
        self.clock = self.START or MORNING  # the wall clock
        self.zone = LONDON  # the journal's (jobjournal.toml)
        self.now = self.clock  # the instant of the last build
        self.last_clock: datetime | None = None  # of the last build on the clock
        self.report: Report | None = None  # the last cold build's
        self.broken: dict[str, Broken] = {}
        JournalMachine.sequences += 1
        self.in_a_fresh_process = self.sequences % 2 == 1  # every other sequence (1 s each)
        self.steps = 0
        self.ok = True
        if self.START is not None:
            self._build("direct")  # the first build: everything is written

    # -- building and checking ---------------------------------------------------------------
    def _current_time(self, zone: ZoneInfo, today: date | None = None, *,
                      to_minute: bool = False) -> datetime:
        if today is not None:
            return noon(today, zone)
        return self.clock.astimezone(zone)

    def _cli(self, *extra: str) -> None:
        self.monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(self.builds.cache))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["build", str(self.journal), "-o", str(self.builds.out), *extra])
        assert code in (0, 1), f"exit code {code}: {err.getvalue()}"
        assert "internal error" not in out.getvalue() + err.getvalue(), err.getvalue()

    def _build(self, mode: str) -> None:
        self.ok = False
        self.steps += 1
        local = self.clock.astimezone(self.zone)
        now = noon(local.date(), self.zone) if mode == "today" else local
        before = tree(self.builds.out) if self.builds.out.exists() else {}
        before_stamps = stamps(self.builds.out) if self.builds.out.exists() else {}
        if mode == "today":
            self._cli("--today", local.date().isoformat())
        elif mode == "clock":
            self._cli()
        else:
            with self.monkeypatch.context() as patch:
                patch.setattr(workers, "can_fork",
                              lambda count, minimum: mode == "forked" and count > 1)
                self.builds.again(now)
        self.now = now
        if mode == "clock":
            self.last_clock = now
        after = tree(self.builds.out)
        cold = self._cold(now)
        problem = differences(after, cold)
        assert not problem, f"step {self.steps} ({mode}, now {now}): incremental != cold\n" \
                            f"{problem}"
        after_stamps = stamps(self.builds.out)
        rewritten = sorted(path for path, data in before.items()
                           if after.get(path) == data
                           and after_stamps[path] != before_stamps[path])
        assert not rewritten, f"step {self.steps} ({mode}): unchanged files rewritten: " \
                              f"{rewritten}"
        self.ok = True

    def _cold(self, now: datetime) -> dict[str, bytes]:
        self.builds.colds += 1
        cache = self.tmp / f"cold-cache-{self.builds.colds}"
        out = self.tmp / f"cold-{self.builds.colds}"
        self.monkeypatch.setenv("JOBJOURNAL_CACHE_DIR", str(cache))
        with self.monkeypatch.context() as patch:
            patch.setattr(workers, "can_fork", lambda count, minimum: False)
            self.report, _result = build(self.journal, out, now)
        found = tree(out)
        shutil.rmtree(out)
        shutil.rmtree(cache, ignore_errors=True)
        return found

    def teardown(self) -> None:
        try:
            if self.ok and self.steps > 1 and self.in_a_fresh_process:
                # the last build again, cold in a new process
                out = self.tmp / "fresh-process"
                env = {**os.environ, "JOBJOURNAL_CACHE_DIR": str(self.tmp / "fresh-cache")}
                env.pop("SOURCE_DATE_EPOCH", None)
                done = subprocess.run(
                    [sys.executable, "-c", FRESH_PROCESS, str(self.journal), str(out),
                     self.now.isoformat(), str(self.now.tzinfo)],
                    env=env, capture_output=True, text=True, check=False)
                assert done.returncode == 0, done.stderr
                problem = differences(tree(self.builds.out), tree(out))
                assert not problem, f"after {self.steps} builds, at {self.now}: incremental " \
                                    f"!= a cold build in a fresh process\n{problem}"
        finally:
            self.monkeypatch.undo()
            for path in self.tmp.rglob("*"):  # (a file made unreadable on the way)
                with contextlib.suppress(OSError):
                    path.chmod(0o755 if path.is_dir() else 0o644)
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- the journal -------------------------------------------------------------------------
    def applications(self) -> list[str]:
        return sorted(p.relative_to(self.journal).as_posix() for p in self.journal.rglob("*.md"))

    def _edit(self, index: int, change: object) -> None:
        files = self.applications()
        if not files:
            return
        path = self.journal / files[index % len(files)]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return  # broken on purpose: fixed by `fix`
        path.write_text(change(text), encoding="utf-8")  # type: ignore[operator]

    def _day(self, back: int) -> str:
        return (self.clock.astimezone(self.zone).date() - timedelta(days=back)).isoformat()

    def _moments(self) -> set[datetime]:
        """The date-times the journal names, as the last cold build read them."""
        found: set[datetime] = set()
        if self.report is None:
            return found
        for application in self.report.journal.applications:
            found.update(e.on for e in application.log if isinstance(e.on, datetime))
            for interview in application.interviews:
                found.update((interview.start, interview.end))
            found.update(f.due for f in application.followups if isinstance(f.due, datetime))
        return found

    def _pass(self, moments: set[datetime], which: int, mode: str,
              offsets: tuple[int, ...]) -> None:
        clock = self.clock.astimezone(UTC)  # (in one zone, `-` and `<` ignore the offset)
        ahead = sorted(m.astimezone(UTC) for m in moments
                       if timedelta(minutes=1) < m.astimezone(UTC) - clock < timedelta(days=10))
        if not ahead:
            self._build(mode)
            return
        moment = ahead[which % len(ahead)].astimezone(self.clock.tzinfo)
        for offset in offsets:
            self.clock = later(moment, timedelta(minutes=offset))
            self._build(mode)


class IncrementalBuilds(JournalMachine):
    """Everything a person does to a journal, from MORNING (25 November 2026) on."""

    # -- front matter ------------------------------------------------------------------------
    @rule(index=st.integers(0, 20), name=st.sampled_from(NAMES), mode=MODES)
    def edit_company(self, index: int, name: str, mode: str) -> None:
        self._edit(index, lambda text: set_field(text, "company", name))
        self._build(mode)

    @rule(index=st.integers(0, 20), role=st.sampled_from(ROLES), mode=MODES)
    def edit_role(self, index: int, role: str, mode: str) -> None:
        self._edit(index, lambda text: set_field(text, "role", role))
        self._build(mode)

    @rule(index=st.integers(0, 20), milestone=st.sampled_from(MILESTONES),
          back=st.one_of(st.none(), st.integers(-3, 40)), mode=MODES)
    def edit_milestone(self, index: int, milestone: str, back: int | None, mode: str) -> None:
        """Set, change or remove one; sometimes (by mistake) in the coming days."""
        value = None if back is None else self._day(back)
        self._edit(index, lambda text: set_field(text, milestone, value))
        self._build(mode)

    @rule(index=st.integers(0, 20), did=st.sampled_from(ACTIONS),
          minutes=st.integers(-3 * 24 * 60, 30 * 60), timed=st.booleans(), mode=MODES)
    def add_log_entry(self, index: int, did: str, minutes: int, timed: bool, mode: str) -> None:
        """Dated around now: sometimes (by mistake, or planned) later today or tomorrow."""
        on = later(self.clock, timedelta(minutes=minutes)).astimezone(self.zone)
        when = f"{on:%Y-%m-%d %H:%M}" if timed else f"{on:%Y-%m-%d}"
        entry = f"  - on: {when}\n    did: {did}\n    note: step {self.steps}\n"
        self._edit(index, lambda text: append_to_list(text, "log", entry))
        self._build(mode)

    @rule(index=st.integers(0, 20), minutes=st.integers(-2 * 24 * 60, 3 * 24 * 60),
          timed=st.booleans(), mode=MODES)
    def add_followup(self, index: int, minutes: int, timed: bool, mode: str) -> None:
        due = later(self.clock, timedelta(minutes=minutes)).astimezone(self.zone)
        when = f"{due:%Y-%m-%d %H:%M}" if timed else f"{due:%Y-%m-%d}"
        item = f"  - due: {when}\n    what: Ring them back (step {self.steps})\n"
        self._edit(index, lambda text: append_to_list(text, "followups", item))
        self._build(mode)

    @rule(index=st.integers(0, 20), mode=MODES)
    def mark_followup_done(self, index: int, mode: str) -> None:
        done = self._day(0)

        def change(text: str) -> str:
            pending = re.compile(r"^(  - due: .*\n    what: .*\n)(?!    done:)", re.MULTILINE)
            return pending.sub(lambda m: f"{m.group(1)}    done: {done}\n", text, count=1)

        self._edit(index, change)
        self._build(mode)

    @rule(index=st.integers(0, 20), which=st.integers(0, 10), mode=MODES)
    def add_ignore(self, index: int, which: int, mode: str) -> None:
        """Acknowledge one of the file's findings (as the last build found them)."""
        files = self.applications()
        if not files or self.report is None:
            return
        name = files[index % len(files)]
        rules = sorted({f.rule for f in self.report.findings if f.file == name})
        if rules:
            rule_id = rules[which % len(rules)]
            self._edit(index, lambda text: text if f"\n  {rule_id}:" in text else append_to_list(
                text, "ignore", f"  {rule_id}: known, step {self.steps}\n"))
        self._build(mode)

    # -- notes -------------------------------------------------------------------------------
    @rule(index=st.integers(0, 20), how=st.sampled_from(("append", "same size", "clear")),
          mode=MODES)
    def edit_notes(self, index: int, how: str, mode: str) -> None:
        def change(text: str) -> str:
            end = front_matter_end(text)
            cut = 0 if end is None else end + 4
            head, notes = text[:cut], text[cut:]
            if how == "append":
                notes += f"\nA *new* thought at step {self.steps}.\n"
            elif how == "same size":  # one letter swapped: same size, other bytes
                notes = notes.replace("a", "e", 1) if "a" in notes else notes + "x"
            else:
                notes = "\n"
            return head + notes

        self._edit(index, change)
        self._build(mode)

    # -- files -------------------------------------------------------------------------------
    @rule(which=st.sampled_from((*SPARE, *NEW)), mode=MODES)
    def add_application(self, which: str, mode: str) -> None:
        path = self.journal / which
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(NEW[which] if which in NEW else
                            (EXAMPLE / which).read_text(encoding="utf-8"), encoding="utf-8")
        self._build(mode)

    @precondition(lambda self: len(self.applications()) > 2)
    @rule(index=st.integers(0, 20), mode=MODES)
    def delete_application(self, index: int, mode: str) -> None:
        files = self.applications()
        (self.journal / files[index % len(files)]).unlink()
        self._build(mode)

    @rule(index=st.integers(0, 20), folder=st.sampled_from(("", "2026", "archive/old")),
          mode=MODES)
    def move_application(self, index: int, folder: str, mode: str) -> None:
        files = self.applications()
        source = self.journal / files[index % len(files)]
        target = self.journal / folder / source.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
            if source.as_posix() in self.broken:
                self.broken[target.as_posix()] = self.broken.pop(source.as_posix())
        self._build(mode)

    @rule(index=st.integers(0, 30), how=st.sampled_from(("touch", "same bytes")), mode=MODES)
    def touch_without_change(self, index: int, how: str, mode: str) -> None:
        """Any file of the journal: an application, the configuration, a template."""
        files = sorted(p for p in self.journal.rglob("*") if p.is_file())
        path = files[index % len(files)]
        if how == "touch":
            os.utime(path)
        else:
            path.write_bytes(path.read_bytes())
        self._build(mode)

    @rule(index=st.integers(0, 20),
          how=st.sampled_from(("yaml", "utf-8", "unreadable", "empty", "no front matter")),
          mode=MODES)
    def break_file(self, index: int, how: str, mode: str) -> None:
        files = [name for name in self.applications()
                 if (self.journal / name).as_posix() not in self.broken]
        if not files:
            return
        path = self.journal / files[index % len(files)]
        original = path.read_bytes()
        self.broken[path.as_posix()] = Broken(original, path.stat().st_mode)
        if how == "yaml":
            path.write_bytes(original.replace(b"\ncompany:", b"\ncompany: [unclosed\n  x:", 1))
        elif how == "utf-8":
            path.write_bytes(original.replace(b"\nrole:", b"\nrole: \xff\xfe", 1))
        elif how == "unreadable":  # (root reads it anyway: then it only changes its ctime)
            path.chmod(0)
        elif how == "empty":
            path.write_bytes(b"")
        else:
            path.write_bytes(original.replace(b"---\n", b"", 1))
        self._build(mode)

    @precondition(lambda self: bool(self.broken))
    @rule(which=st.integers(0, 10), mode=MODES)
    def fix_file(self, which: int, mode: str) -> None:
        name = sorted(self.broken)[which % len(self.broken)]
        broken = self.broken.pop(name)
        path = Path(name)
        if path.exists():
            path.chmod(broken.mode)
            path.write_bytes(broken.original)
        self._build(mode)

    # -- templates and configuration ---------------------------------------------------------
    @rule(kind=st.sampled_from(KINDS),
          how=st.sampled_from(("write", "edit", "same size", "same size, same mtime", "delete")),
          mode=MODES)
    def edit_email_template(self, kind: str, how: str, mode: str) -> None:
        path = self.journal / "templates" / "emails" / f"{kind}.txt"
        if how == "delete":
            path.unlink(missing_ok=True)
        elif how == "write" or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            text = (THEME_EMAILS / f"{kind}.txt").read_text(encoding="utf-8")
            path.write_text(text.replace("Subject: ", "Subject: [mine] ", 1), encoding="utf-8")
        elif how == "edit":
            path.write_text(path.read_text(encoding="utf-8") + f"\nSam (step {self.steps})\n",
                            encoding="utf-8")
        else:  # e.g. restored from a copy with `cp -p` / `rsync -t`, or two saves in a tick
            stat = path.stat()
            text = path.read_text(encoding="utf-8")
            swapped = text.replace("[mine]", "[ours]", 1) if "[mine]" in text else \
                text.replace("[ours]", "[mine]", 1)
            path.write_text(swapped, encoding="utf-8")
            if how == "same size, same mtime":
                os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        self._build(mode)

    @rule(title=st.sampled_from(("Search of 2026", "Job search 2026 (data & analytics, Leeds)",
                                 None)), mode=MODES)
    def edit_title(self, title: str | None, mode: str) -> None:
        config = self.journal / "jobjournal.toml"
        text = re.sub(r"^title = .*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
        if title is not None:
            text = f'title = "{title}"\n{text}'
        config.write_text(text, encoding="utf-8")
        self._build(mode)

    @rule(zone=st.sampled_from(ZONES), mode=MODES)
    def edit_timezone(self, zone: str, mode: str) -> None:
        config = self.journal / "jobjournal.toml"
        config.write_text(re.sub(r'^timezone = ".*"', f'timezone = "{zone}"',
                                 config.read_text(encoding="utf-8"), flags=re.M),
                          encoding="utf-8")
        self.zone = ZoneInfo(zone)
        self._build(mode)

    # -- time --------------------------------------------------------------------------------
    @rule(days=st.sampled_from((1, 1, 2, 3, 38)), mode=MODES)
    def next_day(self, days: int, mode: str) -> None:
        """The next day, or a few later; 38 days crosses into the next year (dates of this
        year are written without their year)."""
        self.clock = later(self.clock, timedelta(days=days))
        self._build(mode)

    @rule(minutes=st.integers(1, 8 * 60), mode=MODES)
    def clock_moves(self, minutes: int, mode: str) -> None:
        self.clock = later(self.clock, timedelta(minutes=minutes))
        self._build(mode)

    @rule(which=st.integers(0, 50), mode=st.sampled_from(("clock", "clock", "direct", "forked")))
    def time_passes_a_moment_the_journal_names(self, which: int, mode: str) -> None:
        """A build a minute before an interview's start or end, a reminder's due time or a
        log entry's time, exactly at it, and a minute after: where a page, a finding or the
        replay's validity may change."""
        self._pass(self._moments(), which, mode, offsets=(-1, 0, 1))

    @rule(which=st.integers(0, 50), mode=st.sampled_from(("clock", "clock", "direct", "forked")))
    def a_follow_up_falls_due(self, which: int, mode: str) -> None:
        """The same for the follow-ups the rules make due at a time of day, a minute before
        and after. Not exactly at it: a rule's follow-up due at the very instant of the run
        is one it made due "now", as it does again at every run; the command's clock has
        microseconds, so only a test's whole-minute clock lands on a due time exactly."""
        due = set()
        if self.report is not None:
            due = {f.due for f in self.report.followups if isinstance(f.due, datetime)}
            due.update(self.report.silenced_dues)  # left out by an ignore, acknowledged once due
        self._pass(due, which, mode, offsets=(-1, 1))

    @rule(mode=MODES)
    def build_again(self, mode: str) -> None:
        self._build(mode)


# 7 sequences in CI (about 20 s), derandomised; HYPOTHESIS_PROFILE=long runs 360 random ones.
# (12 before the machine below took its share of the file's time.)
IncrementalBuilds.TestCase.settings = settings(budget(0.12), stateful_step_count=10)
test_incremental_builds_equal_cold_builds_after_any_steps = IncrementalBuilds.TestCase


class AcrossSummerTime(JournalMachine):
    """The same journal a few days before the clocks go back (October 2026) or forward (March
    2027) in its zone, Europe/London.

    The caches decide "unchanged" from instants, days and wall-clock times, and a change of
    summer time is where those disagree: the changing day has 25 or 23 hours (its midnight is
    not 24 hours after the last), a local 01:30 happens twice or never, and two instants an
    hour apart show the same wall-clock time (which, within one zone, is all Python compares
    and subtracts). The machine above never meets one: its November and January have none.
    Here its steps that write times or move the clock (which now cross the change), and
    three of its own: an entry written at a time of day around the repeated or missing hour
    (one is there from the first build), the clock passing the change (a minute before, at
    and after it), and the clock passing the other moments of the changing day. Its steps on
    files, templates and the configuration are left to it."""

    START = None  # `begin` makes the first build, a few days before one of the changes
    change = CLOCKS_GO_BACK

    # October only once its repeated hour is compared by instants: until then a sequence
    # there may meet the bug the xfail test below keeps (the long profile does), and CI's
    # sequences, which follow from this class's source text, must not depend on luck.
    @initialize(change=st.sampled_from((CLOCKS_GO_FORWARD,)),
                days=st.integers(1, 3), index=st.integers(0, 20), kind=TIMED_KINDS,
                wall=st.sampled_from(NEAR_THE_CHANGE), offset=OFFSETS, minutes=INTERVIEW)
    def begin(self, change: datetime, days: int, index: int, kind: str, wall: str,
              offset: str, minutes: int) -> None:
        """The first build, at 09:17:42 `days` before the changing day, of a journal that
        already names a time of that night (so every sequence has one to pass)."""
        self.change = change
        self._write_near_the_change(index, kind, wall, offset, minutes)
        before = self.changing_day - timedelta(days=days)
        self.clock = datetime.combine(before, time(9, 17, 42), tzinfo=LONDON)
        self._build("direct")

    @property
    def changing_day(self) -> date:
        return self.change.astimezone(LONDON).date()

    def _write_near_the_change(self, index: int, kind: str, wall: str, offset: str,
                               minutes: int) -> None:
        """A log entry, a reminder or an interview on the changing day, at a time of day
        around its repeated or missing hour; now and then with the offset written (the only
        way to name October's second 01:30). An interview of 60 minutes from 01:30 in
        October ends at the second 01:30."""
        when = f"{self.changing_day.isoformat()} {wall}{offset}"
        if kind == "log":
            name, item = "log", f"  - on: {when}\n    did: note\n    note: step {self.steps}\n"
        elif kind == "followup":
            name, item = "followups", f"  - due: {when}\n    what: Ring at {wall} " \
                                      f"(step {self.steps})\n"
        else:
            name, item = "interviews", f"  - at: {when}\n    minutes: {minutes}\n" \
                                       f"    stage: Call at {wall} (step {self.steps})\n"
        self._edit(index, lambda text: append_to_list(text, name, item))

    @rule(index=st.integers(0, 20), kind=TIMED_KINDS, wall=st.sampled_from(NEAR_THE_CHANGE),
          offset=OFFSETS, minutes=INTERVIEW, mode=MODES)
    def write_a_time_near_the_change(self, index: int, kind: str, wall: str, offset: str,
                                     minutes: int, mode: str) -> None:
        """The same, later on (then a build)."""
        self._write_near_the_change(index, kind, wall, offset, minutes)
        self._build(mode)

    def _ahead(self, moment: datetime) -> bool:
        return moment - self.clock.astimezone(UTC) > timedelta(minutes=1)

    @precondition(lambda self: self._ahead(self.change))
    @rule(mode=ON_THE_CLOCK_MOSTLY)
    def the_clocks_change(self, mode: str) -> None:
        """Builds a minute before the change, at it and a minute after (in October, 01:59
        BST, then 01:00 GMT: the wall clock goes back over the times just passed)."""
        self._pass({self.change}, 0, mode, offsets=(-1, 0, 1))

    @precondition(lambda self: self._ahead(datetime.combine(
        self.changing_day + timedelta(days=1), time(0), tzinfo=LONDON)))
    @rule(which=st.integers(0, 10), mode=ON_THE_CLOCK_MOSTLY)
    def the_changing_day_passes(self, which: int, mode: str) -> None:
        """Builds a minute before, at and after one of the moments of the changing day still
        ahead: its midnight, the start of October's repeated hour (01:00 BST, an hour before
        the change), the date-times the journal names that day, and the midnight ending it."""
        day = self.changing_day
        midnights = {datetime.combine(day + timedelta(days=n), time(0), tzinfo=LONDON)
                     for n in (0, 1)}
        named = {m for m in self._moments() if m.astimezone(LONDON).date() == day}
        self._pass({self.change - timedelta(hours=1), *midnights, *named}, which, mode,
                   offsets=(-1, 0, 1))

    @rule(days=st.sampled_from((1, 1, 2, 3)), mode=MODES)
    def next_day(self, days: int, mode: str) -> None:
        """The next day or a few later (not the machine above's jump into January)."""
        self.clock = later(self.clock, timedelta(days=days))
        self._build(mode)

    # The machine above's steps that write times or move the clock, and edits between them
    # (a company's name is on many pages; a new application brings people and times).
    edit_company = IncrementalBuilds.edit_company
    edit_milestone = IncrementalBuilds.edit_milestone
    add_log_entry = IncrementalBuilds.add_log_entry
    add_followup = IncrementalBuilds.add_followup
    mark_followup_done = IncrementalBuilds.mark_followup_done
    edit_notes = IncrementalBuilds.edit_notes
    add_application = IncrementalBuilds.add_application
    clock_moves = IncrementalBuilds.clock_moves
    time_passes_a_moment_the_journal_names = \
        IncrementalBuilds.time_passes_a_moment_the_journal_names
    a_follow_up_falls_due = IncrementalBuilds.a_follow_up_falls_due


# 5 sequences in CI (about 10 s), 150 with HYPOTHESIS_PROFILE=long; shorter than the above's.
AcrossSummerTime.TestCase.settings = settings(budget(0.05), stateful_step_count=6)
test_incremental_builds_equal_cold_builds_across_a_change_of_summer_time = \
    AcrossSummerTime.TestCase


# -- what the machine found, kept as fixed sequences -------------------------------------------


def test_a_build_on_the_clock_after_a_logged_time_has_passed_is_not_a_replay() -> None:
    """A log entry dated later today (09:17 now, the entry at 11:17): once 11:17 has passed,
    the application's last activity and timeline change, so the command line on the clock
    must not replay the 09:17 build (it did: "Nothing changed since the last build")."""
    machine = IncrementalBuilds()
    machine.in_a_fresh_process = True
    try:
        machine.build_again(mode="clock")
        machine.add_log_entry(index=0, did="note", minutes=120, timed=True, mode="clock")
        machine.clock_moves(minutes=125, mode="clock")
    finally:
        machine.teardown()


def test_an_email_template_edited_in_place_keeping_size_and_mtime_is_read_again() -> None:
    """In one process (serve, or builds called again and again): `cp -p`, `rsync -t`, or two
    saves within a coarse file system's timestamp tick leave the template's size and mtime as
    they were; the draft links must still take the new text, as a fresh process does (they
    kept the old one when templates were known by size and mtime alone)."""
    machine = IncrementalBuilds()
    machine.in_a_fresh_process = True
    try:
        machine.edit_email_template(kind="thank-you", how="write", mode="direct")
        machine.edit_email_template(kind="thank-you", how="same size, same mtime",
                                    mode="direct")
    finally:
        machine.teardown()


def test_a_build_on_the_clock_at_the_very_minute_a_follow_up_falls_due_is_not_replayed() -> None:
    """A build at 10:17:00.000000 sharp, when one's own reminder is due at 10:17, must not be
    replayed a minute later, when the reminder is overdue (it was, until the next moment the
    journal names or midnight, and kept "due 25 Nov" on every page)."""
    machine = IncrementalBuilds()
    machine.in_a_fresh_process = True
    try:
        machine.add_followup(index=0, minutes=60, timed=True, mode="clock")  # due 10:17
        machine.clock = datetime(2026, 11, 25, 10, 17, tzinfo=ZoneInfo("Europe/London"))
        machine.build_again(mode="clock")
        machine.clock_moves(minutes=1, mode="clock")
    finally:
        machine.teardown()


def test_builds_on_the_clock_across_the_missing_hour_of_march() -> None:
    """The clocks go forward (28 March 2027, 01:00 GMT to 02:00 BST) with a reminder due at
    01:30, a time that does not exist that night (read as 02:30 BST, as a calendar does), and
    a log entry at 02:00, the instant of the change: builds on the clock (each replayed until
    the next moment that could change it) a minute before, at and after the change, the
    reminder and the midnight that ends the 23-hour day."""
    machine = AcrossSummerTime()
    machine.in_a_fresh_process = True
    try:
        machine.begin(change=CLOCKS_GO_FORWARD, days=1, index=0, kind="followup", wall="01:30",
                      offset="", minutes=60)
        machine.write_a_time_near_the_change(index=1, kind="log", wall="02:00", offset="",
                                             minutes=60, mode="clock")
        machine.clock = datetime(2027, 3, 28, 0, 40, tzinfo=LONDON)
        machine.the_clocks_change(mode="clock")
        assert machine.now == datetime(2027, 3, 28, 2, 1, tzinfo=LONDON)
        machine.the_changing_day_passes(which=0, mode="clock")  # the reminder
        assert machine.now == datetime(2027, 3, 28, 2, 31, tzinfo=LONDON)
        machine.the_changing_day_passes(which=0, mode="clock")  # midnight
        assert machine.now == datetime(2027, 3, 29, 0, 1, tzinfo=LONDON)
    finally:
        machine.teardown()


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "product bug: within one zone, Python compares date-times by wall-clock time, so in "
    "October's repeated hour a build at 01:00 GMT takes an entry of 01:30 BST (half an hour "
    "earlier) for one still ahead; on the clock, the build of 01:59 BST is replayed instead"))
def test_a_build_on_the_clock_in_the_repeated_hour_of_october_equals_a_cold_one() -> None:
    """The clocks go back (25 October 2026, 02:00 BST to 01:00 GMT) with a log entry at
    01:30, its first occurrence (00:30 UTC). At 01:59 BST it is 29 minutes old; at 01:00 GMT,
    a minute later, 30 minutes old, not ahead again (the wall clock shows 01:00). The
    command line on the clock replays the 01:59 build (last activity 25 October); a cold
    build at 01:00 GMT shows the application's last activity as it was before the entry.
    (Found by the machine above, which shrinks what it meets to this sequence.)"""
    machine = AcrossSummerTime()
    machine.in_a_fresh_process = True
    try:
        machine.begin(change=CLOCKS_GO_BACK, days=1, index=0, kind="log", wall="01:30",
                      offset="", minutes=60)
        machine.the_clocks_change(mode="clock")  # 01:59 BST, then 01:00 GMT
    finally:
        machine.teardown()
