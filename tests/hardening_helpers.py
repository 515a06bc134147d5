"""Shared pieces of the hardening suite (issue 7): Hypothesis budgets, hostile values, YAML
trees shaped like applications, and ways to run jobjournal and look at what it left behind.

Budgets: every property test uses `HARDENING` (or `budget(fraction)`), picked by the
environment variable HYPOTHESIS_PROFILE: `ci` (the default: a fixed, small, derandomised run
without an example database, so CI is reproducible) or `long` (thousands of random examples
per test, for a soak run; see docs/reliability.md).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from jobjournal.check.checker import INTERNAL_ERROR, Report
from jobjournal.core.config import CONFIG_NAME
from jobjournal.core.model import MILESTONES
from jobjournal.load.schema import (
    ACTIONS,
    CANCELLED_BY,
    DEBRIEFS,
    FOLLOWUP_KEYS,
    FORMATS,
    INTERVIEW_KEYS,
    LOG_KEYS,
    PERSON_KEYS,
    TOP_KEYS,
)

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_JOURNAL = REPO / "example-journal"

# -- budgets ----------------------------------------------------------------------------------

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture, HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=60, derandomize=True, database=None,
                          deadline=None, suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("long", max_examples=3000, derandomize=False, deadline=None,
                          suppress_health_check=_QUIET, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    PROFILE = "ci"
HARDENING = settings.get_profile(PROFILE)


def budget(fraction: float) -> settings:
    """The profile with a share of its examples, for the costlier properties."""
    return settings(HARDENING, max_examples=max(5, int(HARDENING.max_examples * fraction)))


# -- hostile values ---------------------------------------------------------------------------

# Text pasted from job sites and typed on phones: bidi controls, joiners, emoji, NUL, escapes,
# lookalikes of the format's own words, markup, huge values.
HOSTILE_SAMPLES = (
    "", " ", "\x00", "a\x00b", "\x1b[2J\x1b[31mred", "\x07", "\x7f", "\x85", "\u202eevil",
    "\u200fRTL\u200e", "\u2066isolate\u2069", "\u200b", "\ufeff", "\u2028", "\u2029",
    "👩‍💻", "🇬🇧", "e\u0301", "ｃｏｍｐａｎｙ", "\r\n", "\r", "\t", "line\nbreak",
    "x" * 70_000, "word " * 5_000,
    "null", "~", "yes", "no", "on", "off", "true", "1e309", "-0", ".nan", "0x1F", "0o17",
    "2026-02-29", "2028-02-29", "2027-02-29", "2026-13-01", "2026-11-18 24:00",
    "2026-11-18 14:00", "2026-11-18T14:00:00+05:30", "2026-03-29 01:30", "2026-10-25 01:30",
    "0001-01-01", "9999-12-31 23:59 +14:00", "1899-12-31", "2026-11-18 14:00 +99:99",
    "<script>alert(1)</script>", "javascript:alert(1)", "data:text/html,<b>x", "=1+1",
    "@SUM(A1)", "{{ 7*7 }}", "{% raw %}", "${jndi:ldap://x}", "%s%n", "../../etc/passwd",
    "JJ104", "thank-you", "did", "recruiter", "Tom Becker", "TOM  becker", "Priya Shah",
    "!!python/object/apply:os.system", "&a", "*a", "- x", ": x", "#", "'", '"', "|", ">",
)
NAMES = ("Tom Becker", "Aisha Rahman", "Priya Shah", "Dr Helen Ward", "tom becker", "", "‮Tom")
RULE_KEYS = ("JJ001", "JJ007", "JJ104", "JJ110", "JJ113", "JJ999", "thank-you", "day-job", "")

_characters = st.characters(blacklist_categories=("Cs",))


def hostile_text(max_size: int = 24) -> st.SearchStrategy[str]:
    return st.one_of(st.text(_characters, max_size=max_size), st.sampled_from(HOSTILE_SAMPLES))


_days = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
_edge_days = st.sampled_from([date(2026, 3, 29), date(2026, 10, 25), date(2028, 2, 29),
                              date(2026, 12, 31), date(2027, 1, 1), date(2026, 11, 25)])


@st.composite
def _moment_text(draw: st.DrawFn) -> str:
    day = draw(st.one_of(_days, _edge_days))
    clock = draw(st.sampled_from(["", " 00:00", " 01:30", " 09:00", " 14:00", " 23:59",
                                  "T14:00:00Z", " 14:00 +05:30", " 25:61"]))
    return f"{day.isoformat()}{clock}"


DAY_VALUES = st.one_of(_days, _edge_days, _moment_text(), hostile_text())
MOMENT_VALUES = st.one_of(_moment_text(), _days, hostile_text())

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text(),
                     _days)
YAML_TREES = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(hostile_text(8), st.integers(), st.none()), children,
                        max_size=4)),
    max_leaves=12)


@st.composite
def _fields(draw: st.DrawFn, keys: tuple[str, ...]) -> dict[object, object]:
    chosen = draw(st.lists(st.sampled_from(keys), max_size=len(keys), unique=True))
    data: dict[object, object] = {}
    for key in chosen:
        data[key] = draw(field_value(key))
    if draw(st.integers(0, 9)) == 0:  # a misspelt or foreign key
        data[draw(hostile_text(10))] = draw(YAML_TREES)
    return data


PERSON = st.deferred(lambda: st.one_of(st.sampled_from(NAMES), hostile_text(),
                                       _fields(PERSON_KEYS + ("agency", "relation",
                                                              "contacted")),
                                       YAML_TREES))
_DATE_FIELDS = frozenset({*MILESTONES, "hear_back_by", "cancelled", "contacted", "done"})
_PLAUSIBLE: dict[str, st.SearchStrategy] = {
    "at": MOMENT_VALUES, "on": MOMENT_VALUES, "due": MOMENT_VALUES,
    "did": st.sampled_from(ACTIONS + MILESTONES + ("thankyou", "")),
    "format": st.sampled_from(FORMATS + ("zoom",)),
    "debrief": st.sampled_from(DEBRIEFS + ("they call",)),
    "cancelled_by": st.sampled_from(CANCELLED_BY + ("us",)),
    "via": st.sampled_from(("recruiter", "email")),
    "to": st.sampled_from(NAMES), "name": st.sampled_from(NAMES),
    "recruiter": PERSON, "with": st.lists(PERSON, max_size=3),
    "contacts": st.lists(PERSON, max_size=3), "references": st.lists(PERSON, max_size=3),
    "interviews": st.lists(st.deferred(lambda: _fields(INTERVIEW_KEYS)), max_size=3),
    "log": st.lists(st.deferred(lambda: _fields(LOG_KEYS)), max_size=4),
    "followups": st.lists(st.deferred(lambda: _fields(FOLLOWUP_KEYS)), max_size=2),
    "ignore": st.dictionaries(st.sampled_from(RULE_KEYS), hostile_text(), max_size=3),
    "tags": st.lists(hostile_text(), max_size=3),
    "link": st.sampled_from(("https://jobs.example/1", "javascript:alert(1)", "ftp://x",
                             "https://", "http://a b")),
    "linkedin": st.sampled_from(("https://linkedin.example/in/x", "data:text/html,x")),
    "minutes": st.one_of(st.integers(-5, 3000), hostile_text()),
    "direct": st.one_of(st.booleans(), hostile_text()),
    "time_off": st.one_of(st.booleans(), hostile_text()),
    "email": st.sampled_from(("tom@x.example", "<a@b>", "")),
}


def field_value(key: str) -> st.SearchStrategy:
    """A value for `key`: often plausible, often of the wrong type or shape entirely."""
    plausible = DAY_VALUES if key in _DATE_FIELDS else _PLAUSIBLE.get(key, hostile_text())
    return st.one_of(plausible, plausible, YAML_TREES)


APPLICATION_DATA = st.deferred(lambda: _fields(TOP_KEYS + ("status", "salry")))


@st.composite
def front_matter_text(draw: st.DrawFn) -> str:
    """An application's YAML as a person's editor might hold it, now and then damaged."""
    data = draw(APPLICATION_DATA)
    if draw(st.booleans()):
        data = {"company": draw(hostile_text()), "role": draw(hostile_text()), **data}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                          default_flow_style=draw(st.sampled_from([False, None, True])),
                          width=draw(st.sampled_from([80, 10_000])))
    lines = text.split("\n")
    if draw(st.integers(0, 3)) == 0:  # damage: a junk line somewhere
        junk = draw(st.sampled_from(JUNK_LINES))
        lines.insert(draw(st.integers(0, len(lines))), junk)
    return "\n".join(lines)


JUNK_LINES = ("  - x", ": :", "\tname: x", "key: 'open", 'key: "open', "&a", "*a", "*nope",
              "? [a, b]", "? [a, b]\n: c", "...", "%YAML 1.1", "--- # second document",
              "x: !!python/object/apply:os.system ['echo pwned']", "x: !!binary AAAA",
              "<<: {company: merged}", "[", "{", "company: [", "- - -", "a:\n b:\n  c:",
              "x: |\n  block", "x: >-", "@x", "`x`", "x: \\u0000")


@st.composite
def application_bytes(draw: st.DrawFn) -> bytes:
    """Whole files: valid-looking YAML applications, arbitrary text and arbitrary bytes."""
    kind = draw(st.integers(0, 5))
    notes = draw(st.one_of(st.just(""), hostile_text(200)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if kind <= 2:
        text = "---\n" + draw(front_matter_text()) + "\n---\n" + notes
        text = text.replace("\n", newline)
        raw = text.encode("utf-8", "surrogatepass")
        return (b"\xef\xbb\xbf" + raw) if draw(st.integers(0, 9)) == 0 else raw
    if kind == 3:
        prefix = draw(st.sampled_from(["", "---\n", "---\r\n", "---\n---\n"]))
        return (prefix + draw(st.text(max_size=400))).encode("utf-8", "surrogatepass")
    if kind == 4:
        return draw(st.binary(max_size=600))
    return ("---\n" + draw(st.text(max_size=300)) + "\n---\n").encode("utf-8", "surrogatepass")


# -- checking what came out -------------------------------------------------------------------

def line_count(raw: bytes) -> int:
    return raw.count(b"\n") + 1


def decoded(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def assert_report_sound(report: Report, files: dict[str, bytes]) -> None:
    """Every finding and follow-up points at a real line of a real file; no internal error;
    every file is an application whose notes keep what the person wrote, except a file with
    no front matter at all, which is reported once as not an application (FORMAT.md v2)."""
    assert not report.internal_error, [f for f in report.findings if f.rule == INTERNAL_ERROR]
    assert report.exit_code() in (0, 1)
    journal = report.journal
    applications = {a.file for a in journal.applications}
    assert applications <= set(files)
    for name in set(files) - applications:
        notes = [f for f in report.findings if f.file == name]
        assert [(f.rule, f.line) for f in notes] == [("JJ001", 1)], notes
        assert "not an application" in notes[0].message
        assert not decoded(files[name]).lstrip(" \t\r\n").startswith("---\n"), name
    allowed = {CONFIG_NAME: 10_000, ".": 1}
    for finding in report.findings:
        assert finding.rule != INTERNAL_ERROR, finding
        if finding.file in files:
            assert 1 <= finding.line <= line_count(files[finding.file]), finding
        else:
            assert finding.file in allowed and 1 <= finding.line <= allowed[finding.file]
    for followup in report.followups:
        if followup.file in files:
            assert 1 <= followup.line <= line_count(files[followup.file]), followup
    for application in journal.applications:
        text = decoded(files[application.file])
        assert text.endswith(application.notes), application.file  # the notes are the tail
        if not (application.company and application.role):
            assert application.needs_repair, application.file  # shown, flagged, kept


# -- running jobjournal -----------------------------------------------------------------------

def cli(*argv: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    """`jobjournal ARGV` in this process: (exit code, stdout, stderr); an exception escapes.
    The persistent cache is off unless `env` sets JOBJOURNAL_CACHE_DIR (None unsets it)."""
    from jobjournal.cli import main

    # Like a real stdout: text over a byte buffer (the exports write bytes), strict UTF-8.
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
                for _ in range(2))
    settings_ = {"JOBJOURNAL_CACHE_DIR": "", "NO_COLOR": "1", **(env or {})}
    with mock.patch.dict(os.environ, {k: v for k, v in settings_.items() if v is not None}):
        for name in [k for k, v in settings_.items() if v is None]:  # None: unset it
            os.environ.pop(name, None)
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
    return code, out.buffer.getvalue().decode(), err.buffer.getvalue().decode()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    max_rss_mb: float


# `python -m jobjournal`, which also writes its own peak resident memory (VmHWM, the high-water
# mark of this process's memory since exec) to a file when it exits. The kernel's rusage
# cannot be used for that: a child forked from the (by then large) test process inherits the
# parent's resident size as its maximum, so its figure grew with the suite before it ran.
_MEASURED = """\
import atexit, os, sys
def _peak():
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(os.environ["JOBJOURNAL_TEST_PEAK_FILE"], "w") as out:
        out.write(str(kb))
atexit.register(_peak)
from jobjournal.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_jobjournal(*argv: str, env: dict[str, str] | None = None, timeout: float = 120,
                   cwd: Path | None = None, memory_limit_mb: int | None = None) -> Run:
    """`python -m jobjournal ARGV` in a child process, with its own peak memory.

    `timeout` only guards against a hang (the test fails instead of blocking CI);
    `memory_limit_mb` caps the child's address space, so a blow-up fails fast as well.
    """
    environment = {**os.environ, "JOBJOURNAL_CACHE_DIR": "", "NO_COLOR": "1",
                   "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}

    def limit() -> None:
        if memory_limit_mb:
            size = memory_limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    peak_file = tempfile.NamedTemporaryFile(delete=False)
    peak_file.close()
    environment["JOBJOURNAL_TEST_PEAK_FILE"] = peak_file.name
    own_peak = os.path.exists("/proc/self/status")
    command = [sys.executable, "-c", _MEASURED] if own_peak else [sys.executable, "-m",
                                                                  "jobjournal"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            open(os.devnull, "rb") as stdin:
        process = subprocess.Popen([*command, *argv], cwd=cwd,
                                   env=environment, stdin=stdin, stdout=out, stderr=err,
                                   preexec_fn=limit)
        guard = threading.Timer(timeout, process.kill)
        guard.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            guard.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode == -signal.SIGKILL:
            raise AssertionError(f"jobjournal {' '.join(argv)} did not finish in {timeout} s")
        out.seek(0)
        err.seek(0)
        peak_kb = usage.ru_maxrss
        try:
            written = Path(peak_file.name).read_text().strip()
            if own_peak and written:
                peak_kb = int(written)
        finally:
            os.unlink(peak_file.name)
        return Run(process.returncode, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"), peak_kb / 1024)


def tree_state(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every entry below `root` -> a digest of what it is (file bytes, link target, folder),
    skipping the relative paths in `skip` (an output folder) and what is below them."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(relative == s or relative.startswith(s + "/") for s in skip):
            continue
        if path.is_symlink():
            state[relative] = "link:" + os.readlink(path)
        elif path.is_dir():
            state[relative] = "dir"
        elif path.is_file():
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            state[relative] = f"{digest}:{stat.st_mode:o}:{stat.st_mtime_ns}"
        else:
            state[relative] = "other"
    return state


@contextmanager
def serving(root: Path, today: date = date(2026, 11, 25)) -> Iterator[Any]:
    """`jobjournal serve` on a free loopback port in a thread; yields the DevServer."""
    from jobjournal.serve.rebuild import serve

    ready = threading.Event()
    holder: dict[str, Any] = {}

    def on_ready(server: Any) -> None:
        holder["server"] = server
        ready.set()

    thread = threading.Thread(target=serve, daemon=True, kwargs=dict(
        root=root, port=0, today=today, echo=lambda _line: None, ready=on_ready))
    thread.start()
    assert ready.wait(30), "the server did not start"
    try:
        yield holder["server"]
    finally:
        holder["server"].shutdown()
        thread.join(timeout=10)
        assert not thread.is_alive()


# -- HTML safety ------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "cite", "srcset", "ping", "manifest", "codebase", "lowsrc"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "form", "style", "applet"}
SCRIPT_SCHEMES = ("javascript", "vbscript", "data", "livescript", "mocha")


@lru_cache(maxsize=256)
def parse(raw: bytes):  # type: ignore[no-untyped-def]
    """A page as a browser's parser builds it."""
    import html5lib

    return html5lib.parse(raw, treebuilder="etree", namespaceHTMLElements=False)


def theme_scripts(files: dict[str, bytes]) -> set[str]:
    """The theme's own scripts: the only ones a page may load."""
    return {path for path in files if path.startswith("static/") and path.endswith(".js")}


def scheme_of(url: str) -> str:
    """The scheme a browser would see: it drops ASCII whitespace and controls first."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else ""


def check_page(path: str, raw: bytes, allowed_scripts: set[str]) -> str:
    """Asserts the page's safety; returns its text content (white space folded)."""
    document = parse(raw)
    depth = path.count("/")
    head = document.find("head")
    metas = [m for m in head.iter("meta")
             if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1, f"{path}: no Content-Security-Policy in <head>"
    policy = metas[0].get("content")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1].lower()
        assert local not in FORBIDDEN_ELEMENTS, f"{path}: <{local}>"
        if local == "meta":
            assert (element.get("http-equiv") or "").lower() != "refresh", path
        if local == "script":
            source = element.get("src") or ""
            assert (element.text or "").strip() == "", f"{path}: inline script"
            assert source.removeprefix("../" * depth) in allowed_scripts, f"{path}: {source}"
        for name, value in element.attrib.items():
            attribute = name.rsplit("}", 1)[-1].lower()
            assert not attribute.startswith("on"), f"{path}: <{local} {name}={value!r}>"
            assert attribute != "style", f"{path}: <{local} style=...> (the CSP forbids it)"
            if attribute in URL_ATTRIBUTES or name.lower() in URL_ATTRIBUTES:
                for url in value.split(",") if attribute == "srcset" else [value]:
                    assert scheme_of(url) not in SCRIPT_SCHEMES, f"{path}: {name}={value!r}"
    return " ".join(" ".join(document.itertext()).split())
