"""Time `jobjournal sync` against a local Radicale: a first sync of about 1,000 follow-ups,
then a sync with nothing new (target: at most 2 s).

    python benchmarks/sync_bench.py [--followups 1000] [--workers 4]

A benchmark, not a test: it starts Radicale (pip `radicale`, a test dependency) on a free
loopback port with its storage in a temporary folder, writes a journal of applications each
with a few of the person's own follow-ups, and runs the installed command as a person would
(a new process each time, so start-up and loading the journal count). The feed's own time
(`jobjournal feed`) is shown for reference: it is the floor of any sync.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.sync.radicale_server import PASSWORD, USER, Radicale  # noqa: E402

PER_APPLICATION = 4


def write_journal(root: Path, followups: int) -> None:
    root.mkdir(parents=True)
    (root / "jobjournal.toml").write_text('timezone = "Europe/London"\n')
    for number in range(followups // PER_APPLICATION):
        lines = [f"  - due: 2026-12-{1 + (number + k) % 28:02d}"
                 + (f" {9 + k}:30" if k % 2 else "")
                 + f"\n    what: Step {k + 1} for company {number}"
                 for k in range(PER_APPLICATION)]
        (root / f"company-{number:04d}.md").write_text(
            f"---\ncompany: Company {number}\nrole: Analyst\nfollowups:\n"
            + "\n".join(lines) + "\n---\n")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followups", type=int, default=1000)
    args = parser.parse_args()
    command = str(Path(sys.executable).parent / "jobjournal")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        journal = work / "journal"
        write_journal(journal, args.followups)
        server = Radicale(work / "radicale")
        server.start()
        try:
            env = {**os.environ, "JOBJOURNAL_CALDAV_URL": server.url,
                   "JOBJOURNAL_CALDAV_USERNAME": USER, "JOBJOURNAL_CALDAV_PASSWORD": PASSWORD,
                   "XDG_CONFIG_HOME": str(work / "config"),
                   "JOBJOURNAL_CACHE_DIR": str(work / "cache")}
            base = [command, "sync", str(journal), "--today", "2026-11-25"]
            feed_s, _ = timed([command, "feed", str(journal), "--today", "2026-11-25",
                               "-o", str(work / "f.ics")], env)
            first_s, first = timed(base, env)
            again_s, again = timed(base, env)
            dry_s, _ = timed([*base, "--dry-run"], env)
        finally:
            server.stop()
    print(f"feed alone (reference):    {feed_s:6.2f} s")
    print(f"first sync:                {first_s:6.2f} s   {first}")
    print(f"sync with nothing new:     {again_s:6.2f} s   {again}")
    print(f"dry run with nothing new:  {dry_s:6.2f} s")


if __name__ == "__main__":
    main()
