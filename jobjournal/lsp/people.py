"""People across the journal: who they are, where they appear, when you last wrote to them.

Feeds hover on a name, go to definition (every place the person is written down) and find
references (those places plus every log entry addressed to them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobjournal.lsp.engine import Application, Journal, Person, fold_name, human
from jobjournal.lsp.textpos import Cursor

PEOPLE_KEYS = frozenset({"recruiter", "contacts", "with", "references"})
_FLOW_ITEM = re.compile(r"[^,\[\]]+")


@dataclass(frozen=True)
class Place:
    application: Application
    part: str  # recruiter, contact, interviewer, reference, or "log" for a `to:`
    person: Person | None
    line: int  # 1-based


def name_at(cursor: Cursor, character: int) -> str | None:
    """The person's name the cursor is on, if it is on one."""
    line = cursor.line
    if character < line.value_column and not cursor.in_list_item:
        return None
    if cursor.key == "to" or (cursor.key == "name" and cursor.path and
                              cursor.path[-1] in PEOPLE_KEYS):
        return _clean(line.value)
    if cursor.key in PEOPLE_KEYS and line.value.strip():
        value = line.value
        if value.lstrip().startswith("["):
            for match in _FLOW_ITEM.finditer(value):
                if (line.value_column + match.start() <= character
                        <= line.value_column + match.end()):
                    return _clean(match.group())
            return None
        return _clean(value)
    if cursor.in_list_item and cursor.path and cursor.path[-1] in PEOPLE_KEYS:
        return _clean(line.value)
    return None


def _clean(text: str) -> str | None:
    text = text.split(" #")[0].strip().strip("'\"").strip()
    return text or None


def places(journal: Journal, name: str, with_log: bool) -> list[Place]:
    key = fold_name(name)
    found: list[Place] = []
    for application in journal.applications:
        for part, person in application.people():
            if person.key == key:
                found.append(Place(application, part, person, person.line_of("name")))
        if with_log:
            for entry in application.log:
                if entry.to and fold_name(entry.to) == key:
                    found.append(Place(application, "log", None, entry.line_of("to")))
    return found


def describe(journal: Journal, name: str) -> str | None:
    """Markdown for hover: who they are, where they appear, the last contact."""
    everywhere = places(journal, name, with_log=True)
    if not everywhere:
        return None
    written = [place for place in everywhere if place.person is not None]
    person = written[0].person if written else None
    title = f"**{person.name if person else name}**"
    details = [value for value in (person.title if person else None,
                                   person.agency if person else None) if value]
    lines = [title + (f" — {', '.join(details)}" if details else "")]
    seen: set[tuple[str, str]] = set()
    for place in written:
        if (place.application.slug, place.part) in seen:
            continue
        seen.add((place.application.slug, place.part))
        company = place.application.company or place.application.slug
        role = f" ({place.application.role})" if place.application.role else ""
        lines.append(f"- {place.part} at {company}{role} — `{place.application.file}`, "
                     f"{place.application.status}")
    last = None
    key = fold_name(name)
    zone = journal.config.zone
    for application in journal.applications:
        for entry in application.log:
            if entry.to and fold_name(entry.to) == key:
                when = human(entry.on, zone)
                moment = entry.on.isoformat()
                if last is None or moment > last[0]:
                    last = (moment, f"{entry.did} on {when} (`{application.file}`)")
    lines.append(f"\nLast contact: {last[1]}" if last else "\nNo contact logged yet.")
    return "\n".join(lines)
