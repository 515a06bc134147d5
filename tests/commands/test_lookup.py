"""Finding an application from what a person types (jobjournal/lookup.py).

`log` and `done` need exactly one application and list the candidates otherwise; `show`
searches companies, people and file names.
"""

from __future__ import annotations

import pytest

from jobjournal.commands.lookup import LookupProblem, describe, resolve, search


def application(company: str, role: str, people: str = "") -> str:
    return f"---\ncompany: {company}\nrole: {role}\n{people}---\n"


@pytest.fixture
def loaded(journal):
    journal.write("northwind-data-analyst.md", application(
        "Northwind Analytics", "Data Analyst",
        "recruiter:\n  name: Priya Shah\n  agency: Hays\n"
        "interviews:\n  - at: 2026-11-18 14:00\n    with: [Tom Becker]\n"))
    journal.write("northwind-bi.md", application("Northwind Analytics", "BI Developer"))
    journal.write("2026/globex-hr-partner.md", application("Globex", "HR Partner"))
    journal.write("globex-logistics.md", application("Globex Logistics", "Planner",
                                                    "contacts:\n  - name: Mo Green\n"))
    journal.write("initech.md", application("Initech", "Analyst",
                                            "references:\n  - name: Dr Helen Ward\n"))
    return journal.load()


def slugs(found) -> list[str]:
    return [a.slug for a in found]


@pytest.mark.parametrize("query,slug", [
    ("northwind-bi", "northwind-bi"),  # a slug exactly, although it prefixes nothing else
    ("northwind-bi.md", "northwind-bi"),  # as tab completion of the file gives it
    ("./initech.md", "initech"),
    ("2026/globex-hr-partner", "2026/globex-hr-partner"),
    ("globex-hr", "2026/globex-hr-partner"),  # prefix of the file name in a sub-folder
    ("INIT", "initech"),  # company prefix, any case
    ("globex", "2026/globex-hr-partner"),  # the company named exactly beats a longer one
    ("globex  logistics", "globex-logistics"),  # white space folded
    ("northwind-d", "northwind-data-analyst"),
])
def test_resolve_finds_one(loaded, query, slug):
    assert resolve(loaded, query).slug == slug


def test_ambiguous_lists_every_candidate(loaded):
    with pytest.raises(LookupProblem) as caught:
        resolve(loaded, "north")
    assert slugs(caught.value.candidates) == ["northwind-bi", "northwind-data-analyst"]
    message = str(caught.value)
    assert "matches 2 applications" in message
    assert "  northwind-bi  Northwind Analytics — BI Developer (considering)" in message
    assert "  northwind-data-analyst  Northwind Analytics — Data Analyst (interviewing)" \
        in message


@pytest.mark.parametrize("query", ["acme", "", "   ", "analyst"])
def test_nothing_matches(loaded, query):
    with pytest.raises(LookupProblem) as caught:
        resolve(loaded, query)
    assert caught.value.candidates == ()


def test_search_by_person_company_and_slug(loaded):
    assert slugs(search(loaded, "priya")) == ["northwind-data-analyst"]
    assert slugs(search(loaded, "tom becker")) == ["northwind-data-analyst"]  # interviewer
    assert slugs(search(loaded, "helen")) == ["initech"]  # a referee
    assert slugs(search(loaded, "GREEN")) == ["globex-logistics"]
    assert slugs(search(loaded, "globex")) == ["2026/globex-hr-partner", "globex-logistics"]
    assert slugs(search(loaded, "hr-part")) == ["2026/globex-hr-partner"]
    assert search(loaded, "nobody at all") == []
    assert search(loaded, "  ") == []


def test_search_puts_an_exact_slug_first(loaded, journal):
    journal.write("globex.md", application("Globex", "Buyer"))
    found = slugs(search(journal.load(), "globex"))
    assert found == ["globex", "2026/globex-hr-partner", "globex-logistics"]


def test_describe_names_an_application_without_company(journal):
    journal.write("draft.md", "---\nrole: Analyst\n---\n")
    assert describe(journal.load().application("draft")) == \
        "draft  (no company) — Analyst (considering)"
