"""Which export a table is, recognised by its headers, and which column holds what.

Known: LinkedIn's `Job Applications.csv`, Huntr's and Simplify's CSV exports, and hand-made
sheets whose headers use the usual words in any case and order. Each becomes a `Format`: the
column of each field, the cell texts that mean "empty", the status words and what milestone
each means, and any fixed date order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What a row can say, in the order the starter mapping lists them.
FIELDS = ("company", "role", "applied", "status", "status_date", "link", "recruiter", "agency",
          "location", "salary", "source", "notes")
DATE_FIELDS = ("applied", "status_date")
MILESTONES = ("applied", "offer", "signed", "rejected", "withdrawn", "ghosted")

EMPTY = frozenset({"-", "--", "n/a", "na", "none", "null", "nil", "—", "–"})

# Status words (folded) -> milestone, or "" for a status that is no milestone.
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("applied", "application submitted", "submitted", "sent", "applied for"),
                    "applied"),
    **dict.fromkeys(("offer", "offered", "offer received", "offer made"), "offer"),
    **dict.fromkeys(("signed", "accepted", "hired", "offer accepted", "accepted offer",
                     "contract signed"), "signed"),
    **dict.fromkeys(("rejected", "rejection", "not selected", "unsuccessful", "turned down",
                     "declined by employer", "no offer"), "rejected"),
    **dict.fromkeys(("withdrawn", "withdrew", "withdraw", "i withdrew"), "withdrawn"),
    **dict.fromkeys(("ghosted", "no response", "no reply", "no answer"), "ghosted"),
    **dict.fromkeys(("wishlist", "saved", "bookmarked", "to apply", "considering", "interested",
                     "interview", "interviews", "interviewing", "screen", "screening",
                     "phone screen", "assessment", "in progress"), ""),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organisation", "organization",
                "organisation name", "organization name", "firm"),
    "role": ("role", "position", "job title", "title", "job", "job role", "position title"),
    "applied": ("applied", "date applied", "application date", "applied on", "applied date",
                "date of application"),
    "status": ("status", "stage", "application status", "current status"),
    "status_date": ("status date", "updated", "last updated", "date updated", "updated on",
                    "stage date", "last update"),
    "link": ("link", "url", "job url", "job link", "posting", "posting url", "advert",
             "job posting"),
    "recruiter": ("recruiter", "contact", "recruiter name", "contact name"),
    "agency": ("agency", "recruitment agency", "recruiter agency"),
    "location": ("location", "place", "city"),
    "salary": ("salary", "pay", "compensation", "salary range"),
    "source": ("source", "found via", "found on", "via"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}


def fold(header: str) -> str:
    """'Job URL ' -> 'job url': case, punctuation and spacing do not matter in headers."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.casefold()).split())


@dataclass(frozen=True)
class Format:
    name: str
    columns: dict[str, str]  # field -> header, as written in the file
    empty: frozenset[str] = EMPTY
    statuses: dict[str, str] = field(default_factory=lambda: dict(STATUS_WORDS))
    date_order: dict[str, str] = field(default_factory=dict)  # field -> "dmy" | "mdy"
    source: str | None = None  # `source:` for every row, when the export says it
    questions: str | None = None  # LinkedIn's questions-and-answers column
    status_label: str | None = None  # what the notes call the status (default: its header)


def _find(headers: tuple[str, ...], *names: str) -> str | None:
    wanted = [fold(name) for name in names]
    for name in wanted:
        for header in headers:
            if fold(header) == name:
                return header
    return None


def _has(headers: tuple[str, ...], *names: str) -> bool:
    return all(_find(headers, name) for name in names)


def _columns(headers: tuple[str, ...], pairs: dict[str, str]) -> dict[str, str]:
    found = {}
    for key, name in pairs.items():
        header = _find(headers, name)
        if header is not None:
            found[key] = header
    return found


def recognise(headers: tuple[str, ...]) -> Format | None:
    """The format of a table with these headers, or None when nobody would know."""
    if _has(headers, "Application Date", "Company Name", "Job Title", "Job Url"):
        return Format("LinkedIn job applications", _columns(headers, {
            "applied": "Application Date", "company": "Company Name", "role": "Job Title",
            "link": "Job Url"}), date_order={"applied": "mdy"}, source="LinkedIn",
            questions=_find(headers, "Question And Answers", "Questions And Answers"))
    if _has(headers, "id", "createdAt", "title", "lastMovedAt", "listName", "companyName"):
        return Format("Huntr", _columns(headers, {
            "company": "companyName", "role": "title", "status": "listName",
            "status_date": "lastMovedAt", "link": "url", "location": "location",
            "salary": "salary"}), status_label="Huntr list")
    if _has(headers, "Job Title", "Company Name", "Job URL", "Applied Date", "Status",
            "Status Date"):
        return Format("Simplify", _columns(headers, {
            "role": "Job Title", "company": "Company Name", "link": "Job URL",
            "applied": "Applied Date", "status": "Status", "status_date": "Status Date",
            "location": "Location", "salary": "Salary"}))
    columns = guess_columns(headers)
    if "company" in columns and "role" in columns:
        return Format("spreadsheet", columns)
    return None


def guess_columns(headers: tuple[str, ...]) -> dict[str, str]:
    """Each field's column in a hand-made sheet, by the usual header words."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for key, names in SYNONYMS.items():
        for name in names:
            header = _find(tuple(h for h in headers if h not in taken), name)
            if header is not None:
                found[key] = header
                taken.add(header)
                break
    return found
