"""The "Draft email" links in the views: one per follow-up that is an email to someone whose
address is known, remembered between renders (serve), and redrafted when the journal's own
email template changes."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

from conftest import TODAY

from jobjournal.check.checker import run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.views import followup_view, lookups

EXAMPLE = Path(__file__).resolve().parents[2] / "example-journal"


def _views(root: Path):  # type: ignore[no-untyped-def]
    journal = load_journal(root, persistent=False)
    report = run_checks(journal, noon(TODAY, journal.config.zone))
    look = lookups(report)
    return report, {f.title: followup_view(f, report, look) for f in report.followups}


def test_links_only_for_emails_and_remembered_between_renders(tmp_path):
    root = tmp_path / "journal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("_site"))
    report, views = _views(root)
    ben = views["Send Ben Castle a thank-you (Kirkgate Analytics)"]
    assert ben.mailto.startswith("mailto:ben.castle@kirkgate-analytics.example?subject=")
    assert views["Send the take-home back to Hannah"].mailto == ""  # your own reminder
    assert views["Apply for another role"].mailto == ""
    # The same follow-up objects, the same clock and templates: the same view objects, so
    # serve's fragments are reused.
    look = lookups(report)
    again = {f.title: followup_view(f, report, look) for f in report.followups}
    assert all(again[title] is views[title] for title in views)

    emails = root / "templates" / "emails"
    emails.mkdir(parents=True)
    (emails / "thank-you.txt").write_text("Subject: Danke, {{ first_name }}\n\nHallo […]\n",
                                          encoding="utf-8")
    look = lookups(report)
    changed = followup_view(report.followups[[f.title for f in report.followups].index(
        "Send Ben Castle a thank-you (Kirkgate Analytics)")], report, look)
    assert unquote(changed.mailto).endswith("?subject=Danke, Ben&body=Hallo […]\r\n")
