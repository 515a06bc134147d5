"""v2: people are who they are. Names match ignoring case, spacing, a leading title and
punctuation; "A, B" in `with:` or `to:` names two people; within an application one name is
one person whatever their roles (RULES.md v2, "People are matched as a person would match
them"; FORMAT.md, Person and Log entry). Today is Monday 30 November 2026.
"""

from __future__ import annotations

import pytest

from .v2_support import check, line_of, write_journal

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
      - at: 2026-11-24 14:00
        stage: Panel interview
        with: {with_}
        debrief: they-call
        hear_back_by: 2026-12-07
    log:
      - on: 2026-11-24 16:00
        did: recruiter-debrief
    {more_log}
    ---
"""


@pytest.mark.parametrize("with_", ["Tom Hughes, Kai Nakamura", "Tom Hughes; Kai Nakamura",
                                   "[Tom Hughes, Kai Nakamura]"])
def test_recruiter_on_the_panel_is_one_person_thanked_directly(tmp_path, capsys, with_):
    """Issue 12, third situation: "Ask Tom Hughes to pass your thanks to Tom Hughes, Kai
    Nakamura (Echo Games)". v2: `with: A, B` is two people; the in-house recruiter who sat on
    the panel is thanked directly and never asked to pass thanks to himself."""
    root = write_journal(tmp_path, {"echo.md": ECHO.format(with_=with_, more_log="")})
    result = check(capsys, root)
    assert result.titles("JJ104") == {
        "Send Tom Hughes a thank-you (Echo Games)",
        "Ask Tom Hughes to pass your thanks to Kai Nakamura (Echo Games)",
    }
    for followup in result.followups("JJ104"):
        assert (followup["due"], followup["overdue"]) == ("2026-11-25T15:00:00+00:00", True)
    assert len(result.findings("JJ104")) == 2
    assert all(f["severity"] == "warning" for f in result.findings("JJ104"))
    assert not any("Tom Hughes, Kai" in f["title"] for f in result.followups())
    assert result.errors() == [] and result.code == 0


def test_recruiter_on_the_panel_cleared_by_the_two_thank_yous(tmp_path, capsys):
    more = """  - on: 2026-11-24 18:00
        did: thank-you
        to: Tom Hughes
      - on: 2026-11-24 18:05
        did: thank-you
        to: Kai Nakamura
        via: recruiter"""
    root = write_journal(tmp_path, {"echo.md": ECHO.format(with_="Tom Hughes, Kai Nakamura",
                                                           more_log=more)})
    result = check(capsys, root)
    assert result.followups("JJ104") == [] and result.findings("JJ104") == []
    assert result.findings("JJ107") == []
    # The journal is still checked: the hear-back date is known, the interviewers named.
    assert result.findings("JJ106") == []
    assert result.code == 0


def test_linkedin_to_the_recruiter_who_interviewed_is_fine_but_not_to_the_panel(
        tmp_path, capsys):
    """JJ105 v2: a person who is both this application's recruiter and an interviewer counts
    as the recruiter; the other panel member is an interviewer."""
    more = """  - on: 2026-11-25 09:00
        did: linkedin
        to: tom hughes
      - on: 2026-11-25 09:05
        did: linkedin
        to: Kai Nakamura"""
    root = write_journal(tmp_path, {"echo.md": ECHO.format(with_="Tom Hughes, Kai Nakamura",
                                                           more_log=more)})
    result = check(capsys, root)
    [finding] = result.findings("JJ105")
    assert finding["line"] == line_of(root, "echo.md", "to: Kai Nakamura")
    assert "Kai Nakamura" in finding["message"]
    assert result.findings("JJ107") == []
    assert result.code == 1


NAMES = """
    ---
    company: Delta Health NHS Trust
    role: Data Engineer
    applied: 2026-11-02
    interviews:
      - at: 2026-11-25 10:00
        stage: Final interview
        with:
          - name: {interviewer}
            title: Head of Data
            email: mark@delta.example
        hear_back_by: 2026-12-07
    references:
      - name: {referee}
        relation: PhD supervisor
        email: a.kowalski@uni.example
    log:
      - on: 2026-11-25 08:30
        did: heads-up
        to: {heads_up_to}
      - on: 2026-11-25 09:00
        did: references-shared
      - on: 2026-11-25 17:00
        did: thank-you
        to: {thanks_to}
    ---
"""


@pytest.mark.parametrize("interviewer,thanks_to", [
    ("Mark O'Brien", "Mark OBrien"),
    ("Mark O'Brien", "mark o'brien"),
    ("Mark OBrien", "Mark O’Brien"),
    ("Mary-Jane Holt", "Mary Jane Holt"),
    ("Mark O'Brien", "Mr Mark O'Brien"),
])
def test_names_match_ignoring_punctuation_and_titles(tmp_path, capsys, interviewer, thanks_to):
    """Issue 12, fourth situation: `to: Mark OBrien` did not match "Mark O'Brien" (JJ107
    error, and the thank-you did not count).

    Spec silent: whether a hyphen counts as punctuation inside a name ("Mary-Jane" and
    "Mary Jane"); a person would say they are the same name, so they match here."""
    root = write_journal(tmp_path, {"delta.md": NAMES.format(
        interviewer=interviewer, thanks_to=thanks_to, referee="Dr Anna Kowalski",
        heads_up_to="Dr Anna Kowalski")})
    result = check(capsys, root)
    assert result.findings("JJ107") == []
    assert result.followups("JJ104") == [] and result.findings("JJ104") == []
    assert result.errors() == [] and result.code == 0


@pytest.mark.parametrize("title", ["Dr", "Dr.", "Prof", "Mr", "Mrs", "Ms", "Mx", "Sir", "Dame"])
def test_a_leading_title_is_ignored(tmp_path, capsys, title):
    """`to: Anna Kowalski` is "Dr Anna Kowalski" (and so on for every title RULES.md lists).

    Spec silent: "Dr." with a full stop; the full stop is punctuation, so it matches too."""
    root = write_journal(tmp_path, {"delta.md": NAMES.format(
        interviewer="Mark O'Brien", thanks_to="Mark O'Brien",
        referee=f"{title} Anna Kowalski", heads_up_to="Anna Kowalski")})
    result = check(capsys, root)
    assert result.findings("JJ107") == []
    # The heads-up (08:30) came before the references were shared (09:00): JJ108(a) is clear.
    assert result.followups("JJ108") == []
    assert result.code == 0


def test_the_title_is_ignored_the_other_way_round_too(tmp_path, capsys):
    root = write_journal(tmp_path, {"delta.md": NAMES.format(
        interviewer="Mark O'Brien", thanks_to="Dr Mark O'Brien",
        referee="Anna Kowalski", heads_up_to="Prof Anna Kowalski")})
    result = check(capsys, root)
    assert result.findings("JJ107") == []
    assert result.followups("JJ104") == [] and result.followups("JJ108") == []


def test_a_different_name_still_matches_nobody(tmp_path, capsys):
    """Loose matching must not make everyone match: "Mark Brien" is not "Mark O'Brien", and
    "Anna" alone is not "Dr Anna Kowalski"."""
    root = write_journal(tmp_path, {"delta.md": NAMES.format(
        interviewer="Mark O'Brien", thanks_to="Mark Brien",
        referee="Dr Anna Kowalski", heads_up_to="Anna")})
    result = check(capsys, root)
    lines = {f["line"] for f in result.findings("JJ107")}
    assert lines == {line_of(root, "delta.md", "to: Mark Brien"),
                     line_of(root, "delta.md", "to: Anna")}
    assert all(f["severity"] == "error" for f in result.findings("JJ107"))
    assert result.titles("JJ104") == {"Send Mark O'Brien a thank-you (Delta Health NHS Trust)"}
    assert result.code == 1


PAIR = """
    ---
    company: Northwind Analytics
    role: Data Analyst
    applied: 2026-11-02
    interviews:
      - at: 2026-11-24 14:00
        stage: First interview
        with:
          - name: Tom Becker
            email: tom.becker@northwind.example
          - name: Aisha Rahman
            email: aisha.rahman@northwind.example
          - name: Jo Whitfield
            email: jo.whitfield@northwind.example
        hear_back_by: 2026-12-07
    log:
      - on: 2026-11-24 18:00
        did: thank-you
        to: {to}
    ---
"""


@pytest.mark.parametrize("to", ["Tom Becker, Aisha Rahman", "[Tom Becker, Aisha Rahman]",
                                "\n          - Tom Becker\n          - Aisha Rahman"])
def test_a_log_entry_to_two_people_counts_for_each(tmp_path, capsys, to):
    """FORMAT.md v2: `to` may name several people, as a list or "A, B": the entry then counts
    for each of them. Jo Whitfield, not named, is still owed a thank-you."""
    root = write_journal(tmp_path, {"northwind.md": PAIR.format(to=to)})
    result = check(capsys, root)
    assert result.findings("JJ107") == [] and result.findings("JJ003") == []
    assert result.titles("JJ104") == {"Send Jo Whitfield a thank-you (Northwind Analytics)"}
    [finding] = result.findings("JJ104")
    assert finding["line"] == line_of(root, "northwind.md", "- name: Jo Whitfield")
    assert result.code == 0


def test_one_wrong_name_in_a_pair_is_reported(tmp_path, capsys):
    root = write_journal(tmp_path, {"northwind.md": PAIR.format(to="Tom Becker, Jane Doe")})
    result = check(capsys, root)
    [finding] = result.findings("JJ107")
    assert "Jane Doe" in finding["message"]
    assert finding["line"] == line_of(root, "northwind.md", "to: Tom Becker, Jane Doe")
    # Tom's thanks counted all the same.
    assert result.titles("JJ104") == {"Send Aisha Rahman a thank-you (Northwind Analytics)",
                                      "Send Jo Whitfield a thank-you (Northwind Analytics)"}


def test_a_name_of_another_application_names_its_company_and_file(tmp_path, capsys):
    """JJ107 with v2 matching: "Mark OBrien" written in Northwind's log is Delta's "Mark
    O'Brien"; the message names that company and file."""
    delta = NAMES.format(interviewer="Mark O'Brien", thanks_to="Mark O'Brien",
                         referee="Dr Anna Kowalski", heads_up_to="Anna Kowalski")
    root = write_journal(tmp_path, {"delta.md": delta,
                                    "northwind.md": PAIR.format(to="Mark OBrien")})
    result = check(capsys, root)
    [finding] = result.findings("JJ107")
    assert finding["file"] == "northwind.md"
    assert "Delta Health NHS Trust" in finding["message"] and "delta.md" in finding["message"]
    assert result.code == 1


def test_contacts_written_as_one_line_are_several_people(tmp_path, capsys):
    """FORMAT.md v2: where a list of persons is expected (`with`, `contacts`), "A, B" names
    one person per part."""
    contacts = """
    ---
    company: Globex
    role: HR Partner
    applied: 2026-11-02
    contacts: Mo Green, Ann Lee
    log:
      - on: 2026-11-16
        did: chased
        to: Ann Lee
      - on: 2026-11-16
        did: linkedin
        to: Mo Green
    ---
    """
    root = write_journal(tmp_path, {"globex.md": contacts})
    result = check(capsys, root)
    assert result.findings("JJ107") == []
    [finding] = result.findings("JJ105")  # Mo Green is a contact at Globex: no offer yet
    assert finding["line"] == line_of(root, "globex.md", "to: Mo Green")
