"""Screenshots of the example journal's dashboard for docs/screenshots/ (not a test).

    python tests/browser/take_screenshots.py [OUT]

Builds example-journal as of 2026-11-25 and photographs the dashboard and one application page
on a desktop (1280 px) and a phone (375 px), light and dark, in the same headless Chromium the
browser tests use.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, holding `browser`

from browser.browser_support import CHROMIUM, CHROMIUM_ARGS, EXAMPLE, build_into  # noqa: E402

SHOTS = [  # name, page (#anchor to scroll to), width, height, full page
    ("dashboard", "index.html", 1280, 900, False),
    ("dashboard-table", "index.html#applications", 1280, 900, False),
    ("application", "applications/calder-mutual-senior-data-analyst.html", 1280, 900, False),
    ("dashboard-phone", "index.html", 375, 812, False),
    ("application-phone", "applications/kirkgate-analytics-analytics-engineer.html", 375, 812,
     False),
]


def main(out: Path) -> None:
    import shutil

    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        journal = Path(temporary) / "journal"
        shutil.copytree(EXAMPLE, journal, ignore=shutil.ignore_patterns("_site"))
        site = build_into(journal, Path(temporary) / "site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                 args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for name, page_path, width, height, full in SHOTS:
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme, device_scale_factor=1)
                    page = context.new_page()
                    path, _hash, anchor = page_path.partition("#")
                    page.goto((site / path).as_uri())
                    if anchor:
                        page.evaluate("id => document.getElementById(id).scrollIntoView("
                                      "{behavior: 'instant'})", anchor)
                    target = out / f"{name}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=full)
                    context.close()
                    print(target)
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else
         Path(__file__).resolve().parents[2] / "docs" / "screenshots")
