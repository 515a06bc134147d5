"""What each front-matter key means and holds: for completion, hover and `jobjournal schema`.

The keys themselves come from the reader (jobjournal's schema module, through the engine);
this module only adds, for each key, the sentence a person reads and the kind of value the
reader accepts. A test checks that every key the reader knows has a description here.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobjournal.lsp.engine import (
    ACTIONS,
    CANCELLED_BY,
    DEBRIEFS,
    FOLLOWUP_KEYS,
    FORMATS,
    INTERVIEW_KEYS,
    LOG_KEYS,
    MILESTONES,
    PERSON_KEYS,
    TOP_KEYS,
)

# Where a mapping sits in the front matter, by the keys leading to it (list items skipped).
SECTIONS: dict[tuple[str, ...], tuple[str, ...]] = {
    (): TOP_KEYS,
    ("recruiter",): (*PERSON_KEYS, "agency"),
    ("contacts",): PERSON_KEYS,
    ("references",): (*PERSON_KEYS, "relation", "contacted"),
    ("interviews",): INTERVIEW_KEYS,
    ("interviews", "with"): PERSON_KEYS,
    ("log",): LOG_KEYS,
    ("followups",): FOLLOWUP_KEYS,
}
PEOPLE_SECTIONS = frozenset({("recruiter",), ("contacts",), ("references",),
                             ("interviews", "with")})

VIA = ("recruiter",)
BOOLEANS = ("true", "false")

ACTION_MEANINGS = {
    "recruiter-debrief": "you talked the interview over with your recruiter (`to:` optional)",
    "thank-you": "you sent a thank-you (`to:` required: the person you thanked)",
    "linkedin": "you sent a LinkedIn connection request (`to:` required)",
    "heads-up": "you warned a referee they may be called (`to:` required)",
    "references-shared": "you gave your references to the employer or recruiter",
    "feedback-requested": "you asked how it went, or why not",
    "chased": "you chased for news",
    "check-in": "you got in touch to keep the relationship warm (`to:` required)",
    "meeting": "you met someone face to face (`to:` required)",
    "note": "anything else worth a date",
}

_PERSON = {
    "name": "The person's name (required); `to:` in the log names people this way.",
    "title": "Their job title.",
    "email": "Their e-mail address; with it you count as in direct contact.",
    "phone": "Their phone number.",
    "linkedin": "Their LinkedIn profile, an http(s) address.",
    "direct": "true when you are in direct contact with them (decides how you thank them).",
    "agency": "The recruitment agency the recruiter works for.",
    "relation": "How the referee knows you (e.g. former manager).",
    "contacted": "The date the employer contacted this referee.",
}
_MILESTONE = {
    "applied": "The date you applied.",
    "offer": "The date you received an offer.",
    "signed": "The date you signed the contract; the search for this job is over.",
    "rejected": "The date they turned you down; closes the application.",
    "withdrawn": "The date you withdrew; closes the application.",
    "ghosted": "The date you gave up after silence; closes the application.",
}
DESCRIPTIONS: dict[tuple[str, ...], dict[str, str]] = {
    (): {
        "company": "The hiring company (not the agency). Required.",
        "role": "The job title. Required.",
        **_MILESTONE,
        "location": "Where the job is; free text.",
        "salary": "The salary or range; free text.",
        "source": "Where you found the job; free text.",
        "link": "The job posting, an http(s) address.",
        "tags": "Words to group applications by: a list, `[data, hybrid]`, or one word.",
        "recruiter": "The agency recruiter for this application: a name or a person with "
                     "`agency`.",
        "contacts": "Other people at the company (HR, the hiring manager): a list of people.",
        "interviews": "The interviews, past and upcoming: a list.",
        "references": "The referees you gave this employer: people with `relation` and "
                      "`contacted`.",
        "log": "What you did, oldest first: a list of entries with `on` and `did`.",
        "followups": "Your own reminders: a list of entries with `due` and `what`.",
        "ignore": "Findings you acknowledge for this file: rule id or name → your reason.",
    },
    ("recruiter",): {key: _PERSON[key] for key in (*PERSON_KEYS, "agency")},
    ("contacts",): {key: _PERSON[key] for key in PERSON_KEYS},
    ("references",): {key: _PERSON[key] for key in (*PERSON_KEYS, "relation", "contacted")},
    ("interviews",): {
        "at": "When it starts: a date-time like 2026-11-18 14:00 (or a date). Required.",
        "minutes": "How long it lasts, in minutes (default 60).",
        "stage": "Which round: \"First interview\", \"Technical\", \"Final\"…",
        "format": "in-person, video or phone.",
        "where": "An address or a link (shown in the calendar).",
        "with": "The interviewers: a list of people.",
        "debrief": "Who calls whom afterwards, agreed with the recruiter: i-call or "
                   "they-call.",
        "hear_back_by": "The date you were told to expect news.",
        "time_off": "true once leave from your current job is booked.",
        "cancelled": "The date it was cancelled.",
        "cancelled_by": "Who cancelled it: me or them.",
        "notes": "Anything about this interview.",
    },
    ("interviews", "with"): {key: _PERSON[key] for key in PERSON_KEYS},
    ("log",): {
        "on": "When you did it: a date or a date-time, not in the future. Required.",
        "did": "What you did: " + ", ".join(ACTIONS) + ". Required.",
        "to": "Whom: a person of this application, named as in this file.",
        "via": "recruiter, when the recruiter passed it on.",
        "note": "A few words about it.",
    },
    ("followups",): {
        "due": "When it is due: a date or a date-time. Required.",
        "what": "What to do. Required.",
        "done": "The date you did it; the reminder then leaves the agenda and the feed.",
    },
}

# Value kinds, as the reader parses them: text unless named here.
KINDS: dict[str, str] = {
    **{milestone: "date" for milestone in MILESTONES},
    "link": "url", "linkedin": "url", "tags": "words", "recruiter": "person",
    "contacts": "people", "references": "people", "interviews": "list", "log": "list",
    "followups": "list", "ignore": "ignore", "direct": "boolean", "contacted": "date",
    "at": "when", "minutes": "minutes", "with": "people", "hear_back_by": "date",
    "time_off": "boolean", "cancelled": "date", "on": "when", "due": "when", "done": "date",
    "format": "choice", "debrief": "choice", "cancelled_by": "choice", "did": "choice",
    "via": "choice",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "format": FORMATS, "debrief": DEBRIEFS, "cancelled_by": CANCELLED_BY, "did": ACTIONS,
    "via": VIA, "direct": BOOLEANS, "time_off": BOOLEANS,
}
REQUIRED: dict[tuple[str, ...], tuple[str, ...]] = {
    (): ("company", "role"), ("recruiter",): ("name",), ("contacts",): ("name",),
    ("references",): ("name",), ("interviews", "with"): ("name",), ("interviews",): ("at",),
    ("log",): ("on", "did"), ("followups",): ("due", "what"),
}


@dataclass(frozen=True)
class Key:
    name: str
    description: str
    kind: str


def keys_at(path: tuple[str, ...]) -> list[Key]:
    """The keys a mapping at `path` may hold, with their descriptions."""
    described = DESCRIPTIONS.get(path, {})
    return [Key(name, described.get(name, ""), KINDS.get(name, "text"))
            for name in SECTIONS.get(path, ())]


def describe(path: tuple[str, ...], key: str) -> str | None:
    return DESCRIPTIONS.get(path, {}).get(key)
