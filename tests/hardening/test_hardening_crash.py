"""Crash safety of `jobjournal build`: `kill -9` at random moments, two builds at once, files
that are not ours, and output folders that must be refused.

The kill test alternates builds of two versions of one journal (every page differs between
them) into one output folder and kills most of them at a seeded random moment, half of those
while files are being written. After every kill each visible file must be byte-identical to
its version from one complete build or the other: never partial, never a mix within a file.
Temporary files a kill leaves ('.NAME.XXXXXXXX.tmp') are hidden and the next build removes
them. JOBJOURNAL_CRASH_RUNS raises the number of runs for a soak test (docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening_helpers import cli, tree_state

from jobjournal.write import LOCK_NAME, MANIFEST_NAME, output_lock

RUNS = int(os.environ.get("JOBJOURNAL_CRASH_RUNS", "20"))
TODAY = "2026-11-25"
LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# Files someone else put in the output folder: a build never touches them.
FOREIGN = {"CNAME": b"jobs.example\n", "notes/mine.txt": b"mine", ".htaccess": b"Deny\n",
           ".CNAME.abcdefgh.tmp": b"not a temporary file of ours"}


def write_journal(root: Path, word: str, count: int = 30) -> None:
    root.mkdir(parents=True)
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n', encoding="utf-8")
    notes = f"{word} notes about the role, the team and the interview. " * 40
    for n in range(count):
        (root / f"app-{n:02d}.md").write_text(
            f"---\ncompany: {word} {n}\nrole: Analyst {n}\napplied: 2026-10-{1 + n % 28:02d}\n"
            f"recruiter:\n  name: Priya Shah\n  agency: Hays\n  email: p@x.example\n"
            f"interviews:\n  - at: 2026-11-{1 + n % 20:02d} 14:00\n    with: [Tom {n}]\n"
            f"---\n## Notes\n\n" + (notes + "\n\n") * 10, encoding="utf-8")


def site_files(out: Path) -> dict[str, bytes]:
    """Visible files of the site (not hidden, not foreign)."""
    found = {}
    for path in out.rglob("*"):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in Path(relative).parts) \
                and relative not in FOREIGN:
            found[relative] = path.read_bytes()
    return found


def hidden_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob(".*") if p.is_file()} - set(FOREIGN)


def start_build(journal: Path, out: Path, cache: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "JOBJOURNAL_CACHE_DIR": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "jobjournal", "build", str(journal),
                             "--today", TODAY, "-o", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def manifest_stamp(out: Path) -> tuple[int, ...]:
    """Changes as soon as a build starts writing: every file (the manifest too, when it
    changes) is renamed into its folder, which changes the folder's mtime."""
    stamps = []
    for folder in (out, *sorted(p for p in out.rglob("*") if p.is_dir())):
        try:
            stamps.append(folder.stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Two versions of one journal and the complete site of each."""
    base = tmp_path_factory.mktemp("crash")
    built = {}
    for word in ("Alpha", "Omega"):
        journal = base / word
        write_journal(journal, word)
        code, _out, err = cli("build", str(journal), "--today", TODAY, "-o", str(base / "ref"))
        assert code in (0, 1), err
        built[word] = (journal, site_files(base / "ref"))
        for path in list((base / "ref").rglob("*"))[::-1]:
            path.unlink() if path.is_file() else path.rmdir()
    alpha, omega = built["Alpha"][1], built["Omega"][1]
    assert alpha.keys() == omega.keys()
    pages = [p for p in alpha if p.endswith(".html")]
    assert all(alpha[p] != omega[p] for p in pages)  # a mixed site would show
    return base, built


def test_kill_9_at_random_moments_leaves_every_file_old_or_new(versions):
    base, built = versions
    out, cache = base / "site", base / "cache"
    out.mkdir()
    for name, data in FOREIGN.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    durations = []
    # The first build reads everything; the ones killed below find the parse cache warm, so
    # their length is measured on warm builds, or most kills would come after the end.
    for word in ("Alpha", "Omega", "Alpha"):
        started = time.monotonic()
        whole = start_build(built[word][0], out, cache)
        assert whole.wait(120) in (0, 1), whole.stderr.read() if whole.stderr else ""
        durations.append(time.monotonic() - started)
        assert site_files(out) == built[word][1]
    duration = min(durations[1:])  # the shortest: a kill should land before the end
    rng = random.Random(20261125)
    kills = mixed = 0
    for run in range(RUNS):
        word = "Omega" if run % 2 == 0 else "Alpha"
        journal, expected = built[word]
        stamp = manifest_stamp(out)
        process = start_build(journal, out, cache)
        if run % 6 == 5:  # now and then a build runs to its end: the site is whole again
            assert process.wait(120) in (0, 1), process.stderr.read() if process.stderr else ""
            assert site_files(out) == expected
            assert hidden_files(out) <= {LOCK_NAME, MANIFEST_NAME}  # no temporary files left
        else:
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0, 0.9 * duration))
            else:  # wait for the writing to begin
                deadline = time.monotonic() + 3 * duration + 5
                while manifest_stamp(out) == stamp and process.poll() is None \
                        and time.monotonic() < deadline:
                    time.sleep(0.002)
                time.sleep(rng.uniform(0, duration / 10))  # writing is quick
            process.kill()
            process.wait(30)
            kills += process.returncode == -9
            others = {"Alpha": built["Alpha"][1], "Omega": built["Omega"][1]}
            seen = set()
            for path, data in site_files(out).items():
                assert data in (others["Alpha"].get(path), others["Omega"].get(path)), (
                    f"run {run}: {path} is neither version")
                seen.add(data == others["Alpha"].get(path))
            mixed += len(seen) == 2
            for name in hidden_files(out) - {LOCK_NAME, MANIFEST_NAME}:
                assert LEFTOVER.match(Path(name).name), f"run {run}: unexpected {name}"
            if (out / MANIFEST_NAME).exists():  # written atomically too
                assert isinstance(json.loads((out / MANIFEST_NAME).read_text()), dict)
        if process.stderr:
            process.stderr.close()
        for name, data in FOREIGN.items():
            assert (out / name).read_bytes() == data, f"run {run}: {name} was touched"
    assert kills >= RUNS // 2  # most runs really were killed mid-way
    assert mixed >= 1  # and some while writing: half the pages old, half new, each whole
    # And the next build after all that leaves the newest site, whole, and no leftovers.
    final = start_build(built["Omega"][0], out, cache)
    assert final.wait(120) in (0, 1)
    final.stderr.close() if final.stderr else None
    assert site_files(out) == built["Omega"][1]
    assert hidden_files(out) <= {LOCK_NAME, MANIFEST_NAME}


def test_a_build_waits_for_another_holding_the_output(versions, tmp_path):
    _base, built = versions
    out = tmp_path / "site"
    out.mkdir()
    with output_lock(out):  # another build is writing
        process = start_build(built["Omega"][0], out, tmp_path / "cache")
        time.sleep(1.0)
        assert process.poll() is None  # waiting, not writing over it
        assert site_files(out) == {}
    assert process.wait(60) in (0, 1)
    process.stderr.close() if process.stderr else None
    assert site_files(out) == built["Omega"][1]


def test_two_builds_at_once_give_one_whole_site(versions, tmp_path):
    _base, built = versions
    out = tmp_path / "site"
    processes = [start_build(built["Omega"][0], out, tmp_path / f"cache{n}") for n in (1, 2)]
    for process in processes:
        code = process.wait(120)
        err = process.stderr.read().decode() if process.stderr else ""
        # Either it waited its turn, or it says clearly why it did not build.
        assert code in (0, 1) or (code == 2 and "another jobjournal build" in err), err
        process.stderr.close() if process.stderr else None
    assert site_files(out) == built["Omega"][1]


@pytest.mark.parametrize("where", ["journal", "parent", "home", "root", "config-dot",
                                   "config-parent", "link-to-journal"])
def test_refused_outputs_change_nothing(tmp_path, monkeypatch, where):
    journal = tmp_path / "home" / "search"
    write_journal(journal, "Alpha", count=2)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    args = ["build", str(journal), "--today", TODAY]
    if where == "config-dot":
        (journal / "jobjournal.toml").write_text('timezone = "UTC"\noutput = "."\n')
    elif where == "config-parent":
        (journal / "jobjournal.toml").write_text('timezone = "UTC"\noutput = ".."\n')
    elif where == "link-to-journal":
        os.symlink(journal, tmp_path / "link")
        args += ["-o", str(tmp_path / "link")]
    else:
        target = {"journal": journal, "parent": tmp_path, "home": home, "root": Path("/")}[where]
        args += ["-o", str(target)]
    before = tree_state(tmp_path)
    code, _out, err = cli(*args)
    assert code == 2
    assert "refusing to build into" in err
    assert tree_state(tmp_path) == before
