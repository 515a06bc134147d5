"""The SVG charts: the right numbers, labelled, with a text alternative, and no inline style."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from jobjournal.render.charts import (
    MAX_WEEKS,
    all_charts,
    funnel_chart,
    response_chart,
    weekly_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def _application(journal, name: str, **fields: str) -> None:  # type: ignore[no-untyped-def]
    lines = [f"company: {name}", "role: Analyst"]
    interviews = fields.pop("interviews", None)
    lines += [f"{key}: {value}" for key, value in fields.items()]
    if interviews:
        lines.append("interviews:")
        lines += [f"  - at: {at}\n    with: [Someone]" for at in interviews.split(",")]
    journal.write(f"{name.lower()}.md", "---\n" + "\n".join(lines) + "\n---\n")


def _rows(chart) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {row[0]: row[1] for row in chart.rows}


def test_funnel_counts_each_stage_of_applied_applications(journal) -> None:  # type: ignore[no-untyped-def]
    _application(journal, "A", applied="2026-10-01", interviews="2026-10-10 10:00",
                 offer="2026-10-20", signed="2026-10-25")
    _application(journal, "B", applied="2026-10-02", interviews="2026-10-12 10:00")
    _application(journal, "C", applied="2026-10-03", interviews="2026-12-01 10:00")  # not yet
    _application(journal, "D", applied="2026-10-04")
    _application(journal, "E")  # never applied: not in the funnel
    chart = funnel_chart(journal.check())
    assert _rows(chart) == {"Applied": "4", "Interviewed": "2", "Offer": "1", "Signed": "1"}
    assert chart.rows[1][2] == "50%"
    assert "Of 4 applications, 2 interviewed (50%)" in chart.summary


def test_weekly_counts_by_monday_and_stops_this_week(journal) -> None:  # type: ignore[no-untyped-def]
    _application(journal, "A", applied="2026-11-02")  # Monday
    _application(journal, "B", applied="2026-11-08")  # Sunday, same week
    _application(journal, "C", applied="2026-11-24")  # this week (now: Wed 25 Nov)
    chart = weekly_chart(journal.check())
    assert _rows(chart) == {"2026-11-02": "2", "2026-11-09": "0", "2026-11-16": "0",
                            "2026-11-23": "1"}
    assert "busiest week was 2 Nov 2026 with 2" in chart.summary


def test_weekly_shows_at_most_half_a_year(journal) -> None:  # type: ignore[no-untyped-def]
    _application(journal, "Old", applied="2024-01-10")
    _application(journal, "New", applied="2026-11-20")
    chart = weekly_chart(journal.check())
    assert len(chart.rows) == MAX_WEEKS
    assert chart.rows[-1] == ("2026-11-23", "0")
    assert "2 applications in all" in chart.summary


def test_response_time_buckets_and_waiting(journal) -> None:  # type: ignore[no-untyped-def]
    _application(journal, "Fast", applied="2026-10-01", interviews="2026-10-05 10:00")
    _application(journal, "Slow", applied="2026-09-01", rejected="2026-10-15")
    _application(journal, "Wait", applied="2026-11-01")
    _application(journal, "Gone", applied="2026-09-01", ghosted="2026-10-01")  # no answer
    chart = response_chart(journal.check())
    assert _rows(chart) == {"Within a week": "1", "1–2 weeks": "0", "2–4 weeks": "0",
                            "Over 4 weeks": "1", "No answer yet": "1"}
    assert "median wait was 24 days" in chart.summary


def test_svg_is_labelled_for_assistive_technology_and_has_no_style(journal) -> None:  # type: ignore[no-untyped-def]
    _application(journal, "A & <B>", applied="2026-11-02")
    for chart in all_charts(journal.check()):
        root = ET.fromstring(chart.svg)  # well-formed XML, entities escaped
        assert root.get("role") == "img"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title
        assert desc is not None and desc.text == chart.summary
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "style=" not in chart.svg  # the CSP forbids inline style
        assert root.findall(f".//{SVG}text")  # labelled, not bars alone
        assert len(chart.head) == len(chart.rows[0])


def test_empty_journal_still_draws_charts(journal) -> None:  # type: ignore[no-untyped-def]
    charts = all_charts(journal.check())
    assert [c.id for c in charts] == ["chart-funnel", "chart-weekly", "chart-response"]
    for chart in charts:
        ET.fromstring(chart.svg)
    assert _rows(charts[0])["Applied"] == "0"
