"""JJ003's guesses at the value meant (jobjournal/load/suggest.py), beyond the cases the v2
messages tests drive through `check`: times kept, nothing guessed where nothing fits."""

from __future__ import annotations

import pytest

from jobjournal.load.schema import ACTIONS, FORMATS
from jobjournal.load.suggest import ACTION_WORDS, FORMAT_WORDS, hint, suggest_choice, suggest_date


@pytest.mark.parametrize("written,meant", [
    ("30/10/2026", ["2026-10-30"]),
    ("12/11/2026", ["2026-11-12", "2026-12-11"]),
    ("11/30/2026", ["2026-11-30"]),  # month first only when that is the only reading
    ("2026-11-5", ["2026-11-05"]),
    ("2026/11/05", ["2026-11-05"]),
    ("30.10.2026 14.00", ["2026-10-30 14:00"]),
    ("2026-11-5 9:30", ["2026-11-05 09:30"]),
    ("5/5/2026", ["2026-05-05"]),  # both readings are the same day: said once
])
def test_dates_people_write_suggest_the_format(written, meant):
    assert suggest_date(written) == meant


@pytest.mark.parametrize("written", ["next week", "31/02/2026", "30/10/26", "2026-13-45",
                                     "30/10/2026 25:00", ""])
def test_no_date_is_guessed_where_none_fits(written):
    assert suggest_date(written) == []


@pytest.mark.parametrize("written,meant", [
    ("Microsoft Teams", "video"), ("Google Meet", "video"), ("In person", "in-person"),
    ("face-to-face", "in-person"), ("Phone call", "phone"), ("VIDEO", "video"),
])
def test_interview_formats(written, meant):
    assert suggest_choice(written, FORMATS, FORMAT_WORDS) == [meant]


@pytest.mark.parametrize("written,meant", [
    ("debrief", "recruiter-debrief"), ("thank you", "thank-you"), ("Thanks", "thank-you"),
    ("chase", "chased"), ("follow up", "chased"), ("feedback", "feedback-requested"),
    ("check in", "check-in"), ("linkedin withdrawn", "linkedin-withdrawn"),
])
def test_actions(written, meant):
    assert suggest_choice(written, ACTIONS, ACTION_WORDS) == [meant]


def test_no_guess_for_a_word_far_from_every_value():
    assert suggest_choice("carrier pigeon", FORMATS, FORMAT_WORDS) == []
    assert hint([]) == ""
    assert hint(["a", "b"]) == "did you mean 'a' or 'b'?"
