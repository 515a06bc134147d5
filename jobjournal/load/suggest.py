"""What a person most likely meant by a value the format does not accept (JJ003).

A message that only says "not a date" leaves the person to work out the fix; one that says
"did you mean '2026-10-30'?" hands it over. The guesses here are deliberately plain: the usual
ways people write dates (day/month/year, missing zero padding), the words people use for an
interview's format (Zoom, office, call), and the closest action for `did:`. Each function
returns the candidates, best first, or nothing when there is no sensible guess; `hint` turns
them into the message's tail.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date

# The words people write for an interview's `format`, folded (see `_fold`).
FORMAT_WORDS: Mapping[str, str] = {
    **dict.fromkeys(("zoom", "teams", "msteams", "microsoftteams", "meet", "googlemeet",
                     "hangouts", "skype", "webex", "video", "videocall", "online", "remote",
                     "virtual", "facetime", "whereby", "jitsi"), "video"),
    **dict.fromkeys(("onsite", "office", "inoffice", "atoffice", "theoffice", "inperson",
                     "person", "facetoface", "f2f", "site", "oncampus", "campus", "onpremises",
                     "premises", "assessmentcentre", "assessmentcenter"), "in-person"),
    **dict.fromkeys(("call", "phonecall", "telephone", "tel", "telephonecall", "mobile",
                     "ring", "phonescreen", "voice"), "phone"),
}

# The words people write for `did:` instead of an action, folded.
ACTION_WORDS: Mapping[str, str] = {
    **dict.fromkeys(("debrief", "debriefed", "recruiterdebrief", "debriefrecruiter",
                     "debriefcall", "debriefwithrecruiter"), "recruiter-debrief"),
    **dict.fromkeys(("thanks", "thank", "thanked", "thankyounote", "thankyouemail",
                     "thankyoumail", "thankyouletter"), "thank-you"),
    **dict.fromkeys(("linkedinrequest", "linkedinconnect", "connect", "connected",
                     "connectionrequest"), "linkedin"),
    **dict.fromkeys(("linkedinwithdraw", "withdrewlinkedin", "linkedinwithdrew",
                     "withdrawlinkedin", "linkedinretracted"), "linkedin-withdrawn"),
    **dict.fromkeys(("headsup", "warnedreferee", "warnedreference", "refereewarned"),
                    "heads-up"),
    **dict.fromkeys(("references", "referencesgiven", "referencessent", "sharedreferences",
                     "referees", "refereesshared"), "references-shared"),
    **dict.fromkeys(("feedback", "askedforfeedback", "feedbackrequest", "requestedfeedback"),
                    "feedback-requested"),
    **dict.fromkeys(("chase", "chasing", "followup", "followedup", "nudge", "nudged"),
                    "chased"),
    **dict.fromkeys(("checkin", "checkedin", "catchup", "caughtup", "keepintouch"),
                    "check-in"),
    **dict.fromkeys(("met", "meet", "coffee", "lunch"), "meeting"),
    **dict.fromkeys(("notes", "comment", "memo"), "note"),
}

_NUMBERS = re.compile(r"^\s*(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})\s*(?:[T ]\s*(.*))?$")
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$")


def _fold(text: str) -> str:
    """Lower case, letters and digits only: "Microsoft Teams" and "ms-teams" compare alike."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clock(text: str | None) -> str | None:
    """'14:00', '9:30', '14.00' as HH:MM; '' when there is no time; None when unreadable."""
    if not text:
        return ""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def suggest_date(text: str) -> list[str]:
    """The dates `text` most likely means, as the format writes them.

    `30/10/2026` → `2026-10-30`; `12/11/2026` → both `2026-11-12` and `2026-12-11` (day first,
    the reading of most of the world, then month first); `2026-11-5` → `2026-11-05`;
    `2026/11/05 14:00` → `2026-11-05 14:00`. Two-digit years are not guessed at.
    """
    match = _NUMBERS.match(text)
    if not match:
        return []
    first, second, third, rest = match.groups()
    clock = _clock(rest)
    if clock is None:
        return []
    days: list[date | None] = []
    if len(first) == 4:  # year first: 2026-11-5, 2026/11/05
        days.append(_day(int(first), int(second), int(third)))
    elif len(third) == 4:  # year last: 30/10/2026, 10/30/2026, 12/11/2026
        year, a, b = int(third), int(first), int(second)
        days += [_day(year, b, a), _day(year, a, b)]  # day first, then month first
    found = list(dict.fromkeys(day for day in days if day is not None))
    written = [day.isoformat() + (f" {clock}" if clock else "") for day in found]
    return [value for value in written if value != text.strip()]


def suggest_choice(text: str, allowed: Iterable[str], words: Mapping[str, str] | None = None
                   ) -> list[str]:
    """The allowed value `text` most likely means: a known word for it (`Zoom` → `video`),
    the same value written differently (`Video`, `thank you`), an allowed value containing it
    or contained in it (`debrief` → `recruiter-debrief`), else the closest spelling."""
    options = list(allowed)
    key = _fold(text)
    if not key:
        return []
    by_fold = {_fold(option): option for option in options}
    if key in by_fold:
        return [by_fold[key]]
    if words and key in words and words[key] in options:
        return [words[key]]
    if len(key) >= 4:
        containing = [option for folded, option in by_fold.items()
                      if key in folded or folded in key]
        if len(containing) == 1:
            return containing
    close = difflib.get_close_matches(key, list(by_fold), n=1, cutoff=0.6)
    if close:
        return [by_fold[close[0]]]
    if words:
        near = difflib.get_close_matches(key, list(words), n=1, cutoff=0.8)
        if near and words[near[0]] in options:
            return [words[near[0]]]
    return []


def hint(candidates: list[str]) -> str:
    """"did you mean '2026-11-12' or '2026-12-11'?", or "" when there is no guess."""
    if not candidates:
        return ""
    quoted = [f"'{value}'" for value in candidates]
    return f"did you mean {' or '.join(quoted)}?"


__all__ = ["ACTION_WORDS", "FORMAT_WORDS", "hint", "suggest_choice", "suggest_date"]
