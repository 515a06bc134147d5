"""A cold build's memory grows with the journal only by what each application costs: its
records, findings and follow-ups, and its share of the pages that list them all (issue 14).

Each build runs in a child process that reports its own peak resident memory (VmHWM), so
the figure is the build's alone, not this test process's. Two generated journals (the
benchmarks' generator, so the applications are realistic) are built, and the extra memory
per extra application is bounded: holding every page until written, or every record's text
twice, would break the bound long before 10,000 applications do.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from hardening_helpers import run_jobjournal

ROOT = Path(__file__).resolve().parents[2]
SMALL, LARGE = 120, 600
# What one more application may add to the peak: ~46 KiB when this was written (the
# dashboard's rows are still made as one string by the theme); ~76 KiB before issue 14.
MAX_KIB_PER_APPLICATION = 60


@lru_cache(maxsize=1)
def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jj_generate", ROOT / "benchmarks" /
                                                  "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _peak_mib(tmp_path: Path, count: int) -> float:
    journal = tmp_path / f"journal-{count}"
    _generator().generate(journal, count)
    # Cold, with the caches a build makes (as `benchmarks/run.py` measures it).
    run = run_jobjournal("build", str(journal), "-o", str(tmp_path / f"site-{count}"),
                         "--today", "2026-11-25", timeout=300,
                         env={"JOBJOURNAL_CACHE_DIR": str(tmp_path / f"cache-{count}")})
    assert run.code in (0, 1), run.stderr
    assert (tmp_path / f"site-{count}" / "index.html").is_file()
    return run.max_rss_mb


def test_a_cold_build_grows_by_a_bounded_amount_per_application(tmp_path: Path) -> None:
    small = _peak_mib(tmp_path, SMALL)
    large = _peak_mib(tmp_path, LARGE)
    per_application_kib = (large - small) * 1024 / (LARGE - SMALL)
    print(f"peak {small:.1f} MiB at {SMALL}, {large:.1f} MiB at {LARGE}: "
          f"{per_application_kib:.1f} KiB per application")
    assert per_application_kib <= MAX_KIB_PER_APPLICATION, (small, large)
