"""v2 on the dashboard, the pages, the CSV and the feed (issue 12): the "Now" line sits between
past and future; "Notes" is shown once; one People row per person with all their roles; one
format per CSV column; never "Well kept" while follow-ups are overdue; a cleared follow-up
leaves the feed. Everything is built with `jobjournal build --today 2026-11-30`.
"""

from __future__ import annotations

import re

from check.rules.v2_support import build, write_journal

TIMELINE = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    interviews:
      - at: 2026-12-03 10:00
        stage: Second interview
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
    log:
      - on: 2026-11-27 14:00
        did: note
        note: HR called to arrange the second interview
      - on: 2026-11-28
        did: chased
        note: Asked for the interview pack
    followups:
      - due: 2026-11-17
        what: Send Tom the dashboard sample
      - due: 2026-12-05
        what: Prepare the case study
    ---

    ## Notes

    Bring the portfolio.
"""


def _timeline_states(html: str) -> list[str]:
    """The timeline's items in page order: "NOW" for the marker, else the item's state."""
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    order = []
    for match in re.finditer(r'<li class="(now-marker|event [^"]*)"', timeline):
        classes = match.group(1)
        if classes == "now-marker":
            order.append("NOW")
        else:
            order.append(re.search(r"state-(\S+)", classes).group(1))  # type: ignore[union-attr]
    return order


def test_the_now_line_sits_between_past_and_future(tmp_path, capsys):
    """Issue 12: the "Now" line was drawn above an overdue 17 Nov item with 27 and 28 Nov
    events below it. Every past item is above the line, every upcoming one below.

    Spec silent on where overdue items go: they belong to now, so they sit next to the line
    (no past or upcoming item between them and it)."""
    root = write_journal(tmp_path / "journal", {"northwind.md": TIMELINE})
    built = build(capsys, root)
    order = _timeline_states(built.text("applications/northwind.html"))
    assert order.count("NOW") == 1, order
    assert {"past", "overdue", "upcoming"} <= set(order), order
    now = order.index("NOW")
    assert all(state != "past" for state in order[now + 1:]), order
    assert all(state != "upcoming" for state in order[:now]), order
    overdue = [i for i, state in enumerate(order) if state == "overdue"]
    for index in overdue:
        between = order[min(index, now) + 1:max(index, now)]
        assert set(between) <= {"overdue"}, order


def test_notes_heading_is_not_shown_twice(tmp_path, capsys):
    """`jobjournal new` writes the file with `## Notes`; the page must not say "Notes" over
    "Notes"."""
    root = write_journal(tmp_path / "journal", {"northwind.md": TIMELINE})
    page = build(capsys, root).text("applications/northwind.html")
    headings = re.findall(r"<h[1-6][^>]*>\s*Notes\s*</h[1-6]>", page)
    assert len(headings) == 1, headings
    assert "Bring the portfolio." in page


ECHO = """
    ---
    company: Echo Games
    role: Producer
    applied: 2026-11-09
    recruiter:
      name: Tom Hughes
      title: Talent Partner
      email: tom.hughes@echogames.example
    interviews:
      - at: 2026-11-18 14:00
        stage: Phone screen
        with: [Tom Hughes]
      - at: 2026-11-24 14:00
        stage: Panel interview
        with: [Tom Hughes, Kai Nakamura]
    ---
"""


def _people_rows(html: str) -> dict[str, list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows: dict[str, list[str]] = {}
    for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S):
        name = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, flags=re.S)
        assert name is not None
        rows.setdefault(name.group(1).strip(), []).append(row)
    return rows


def test_people_page_has_one_row_per_person_with_all_roles(tmp_path, capsys):
    """Issue 12: one row per person, with all their roles, not one per role."""
    root = write_journal(tmp_path / "journal", {"echo.md": ECHO})
    rows = _people_rows(build(capsys, root).text("people.html"))
    assert set(rows) == {"Tom Hughes", "Kai Nakamura"}, sorted(rows)
    [tom] = rows["Tom Hughes"]
    part = re.search(r'data-label="Part"[^>]*>(.*?)</td>', tom, flags=re.S)
    assert part is not None
    assert "recruiter" in part.group(1).lower() and "interviewer" in part.group(1).lower()
    assert len(rows["Kai Nakamura"]) == 1


CSV_JOURNAL = {
    "northwind.md": TIMELINE,
    "globex.md": """
        ---
        company: Globex
        role: HR Partner
        applied: 2026-11-23
        log:
          - on: 2026-11-24
            did: note
            note: Read the annual report
        ---
    """,
    "echo.md": ECHO,
    "initech.md": """
        ---
        company: Initech
        role: Analyst
        ---
    """,
}

DATE = re.compile(r"\d{4}-\d\d-\d\d")
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)")


def _form(cell: str) -> str:
    if DATE.fullmatch(cell):
        return "date"
    if DATE_TIME.fullmatch(cell):
        return "date-time"
    if re.match(r"\d{4}-\d\d-\d\d", cell):
        return f"other: {cell}"
    return "text"


def test_csv_has_one_format_per_column(tmp_path, capsys):
    """Issue 12: a date column holds dates; a date-time column date-times with their offset,
    so a spreadsheet sorts it. Before, `last_activity` and `next_followup_due` mixed
    `2026-11-24` with `2026-11-27T14:00:00+00:00`."""
    root = write_journal(tmp_path / "journal", CSV_JOURNAL)
    rows = build(capsys, root).csv_rows()
    assert len(rows) == 4
    dated = set()
    for column in rows[0]:
        forms = {_form(row[column]) for row in rows if row[column]}
        timeish = forms - {"text"}
        if timeish:
            dated.add(column)
            assert len(forms) == 1 and not any(f.startswith("other") for f in forms), \
                (column, [row[column] for row in rows])
    # The columns that hold a moment are there and filled: the test is not vacuous.
    assert "applied" in dated, dated
    assert any(column.startswith("last_activity") for column in dated), dated
    assert any(column.startswith("next_followup") for column in dated), dated
    for milestone in ("applied",):
        assert {_form(row[milestone]) for row in rows if row[milestone]} == {"date"}


WELL_KEPT = """
    ---
    company: Delta Health NHS Trust
    role: Data Engineer
    applied: 2026-09-01
    rejected: 2026-09-20
    recruiter:
      name: Priya Shah
      agency: Hays
      email: priya.shah@recruit.example
    log:
      - on: 2026-09-01
        did: linkedin
        to: Priya Shah
      - on: 2026-09-21
        did: feedback-requested
      - on: {last}
        did: thank-you
        to: Priya Shah
    ---
"""


def test_never_well_kept_while_follow_ups_are_overdue(tmp_path, capsys):
    """Issue 12: the dashboard said "Well kept" while a follow-up was overdue (here the
    recruiter check-in, an info finding: due 21 Oct, 30 days after the last contact)."""
    overdue = write_journal(tmp_path / "overdue", {"delta.md": WELL_KEPT.format(
        last="2026-09-21")})
    index = build(capsys, overdue).text("index.html")
    assert "Check in with Priya Shah (Hays)" in index
    assert "Well kept" not in index

    # The control: nothing overdue (last contact 20 Nov, check-in due 20 Dec): well kept.
    clear = write_journal(tmp_path / "clear", {"delta.md": WELL_KEPT.format(
        last="2026-11-20")})
    assert "Well kept" in build(capsys, clear).text("index.html")


GRANITE = """
    ---
    company: Granite Insurance
    role: Claims Analyst
    applied: 2026-10-26
    references:
      - name: Mike Turner
        email: mike.turner@example.org
        contacted: 2026-11-24
    log:
      - on: 2026-11-19
        did: references-shared{heads_up}
    ---
"""


def _feed(built) -> str:
    text = built.text("followups.ics").replace("\r\n", "\n")  # then unfold the lines
    return text.replace("\n ", "").replace("\n\t", "")


def test_a_late_heads_up_leaves_the_feed(tmp_path, capsys):
    """Issue 12: the feed added a fresh "Overdue:" event for the late heads-up every day.
    Once the heads-up is logged, late, it is gone; the reference's thank-you stays."""
    missing = write_journal(tmp_path / "missing", {"granite.md": GRANITE.format(heads_up="")})
    assert "Give Mike Turner a heads-up about Granite Insurance" in _feed(build(capsys, missing))

    late = write_journal(tmp_path / "late", {"granite.md": GRANITE.format(heads_up="""
      - on: 2026-11-20 09:15
        did: heads-up
        to: Mike Turner""")})
    feed = _feed(build(capsys, late))
    assert "Give Mike Turner a heads-up" not in feed
    assert "Mike Turner" in feed  # the thanks for the reference
