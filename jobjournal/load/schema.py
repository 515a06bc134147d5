"""Reads one application's YAML tree into model records, checking every field.

Each problem becomes a finding (JJ002 unknown field, JJ003 invalid value, JJ004 missing field)
with the line of the node it is about; a bad value is left out of the record but never stops
the rest of the file from being read.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, tzinfo
from typing import Any

from jobjournal.core.dates import DateError, When, day_of, localize, parse_date, parse_when
from jobjournal.core.findings import Finding
from jobjournal.core.frozen import FrozenMap, KeyedValues
from jobjournal.core.model import (
    FORMAT_LABELS,
    MILESTONES,
    Application,
    Interview,
    LogEntry,
    OwnFollowUp,
    Person,
    pack_text,
    split_names,
)
from jobjournal.load.source import Map, Node, Scalar, Seq, is_null
from jobjournal.load.suggest import ACTION_WORDS, FORMAT_WORDS, hint, suggest_choice, suggest_date

TOP_KEYS = ("company", "role", *MILESTONES, "location", "salary", "source", "link", "tags",
            "recruiter", "contacts", "interviews", "references", "log", "followups", "ignore")
PERSON_KEYS = ("name", "title", "email", "phone", "linkedin", "direct")
INTERVIEW_KEYS = ("at", "minutes", "stage", "format", "where", "with", "debrief",
                  "hear_back_by", "time_off", "cancelled", "cancelled_by", "notes")
LOG_KEYS = ("on", "did", "to", "via", "note")
FOLLOWUP_KEYS = ("due", "what", "done")
ACTIONS = ("recruiter-debrief", "thank-you", "linkedin", "linkedin-withdrawn", "heads-up",
           "references-shared", "feedback-requested", "chased", "check-in", "meeting", "note")
ACTIONS_NEEDING_TO = frozenset({"thank-you", "linkedin", "linkedin-withdrawn", "heads-up",
                                "check-in", "meeting"})
FORMATS = tuple(FORMAT_LABELS)
DEBRIEFS = ("i-call", "they-call")
CANCELLED_BY = ("me", "them")
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_INTERVIEW_DEFAULT_START = time(9, 0)
# The words people write for a choice, by its allowed values (load/suggest.py).
_CHOICE_WORDS = {FORMATS: FORMAT_WORDS, ACTIONS: ACTION_WORDS}


def _shared(text: str) -> str:
    """Short text as one shared object: keys, names, companies, statuses and emails recur in
    every file, and a journal of thousands would otherwise hold thousands of copies of each
    (a pickle of the records keeps the sharing). Long text (notes) stays as it is."""
    return sys.intern(text) if len(text) <= _SHARED_MAX else text


_SHARED_MAX = 80


def _with_hint(message: str, candidates: list[str]) -> str:
    """A JJ003 message with the value meant appended, when there is a guess."""
    meant = hint(candidates)
    return f"{message}; {meant}" if meant else message


def _kind(node: Node) -> str:
    """How a wrong node is named in messages."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return f"'{node.value}'"


class ApplicationReader:
    """Turns the tree of one file into an Application plus findings."""

    def __init__(self, file: str, slug: str, zone: tzinfo, offset: int = 0) -> None:
        self.offset = offset  # lines of the file before the front matter text
        self.file = file
        self.slug = slug
        self.zone = zone
        self.findings: list[Finding] = []
        self.missing_required = False

    def at(self, node: Node) -> int:
        """The file line of a node."""
        return self.offset + node.start_mark.line + 1

    # -- reporting -------------------------------------------------------------------------
    def _report(self, rule: str, severity: str, line: int, message: str) -> None:
        self.findings.append(Finding(rule, severity, self.file, line, message, self.slug))

    def invalid(self, node: Node, message: str) -> None:
        self._report("JJ003", "error", self.at(node), message)

    def missing(self, line: int, message: str) -> None:
        self._report("JJ004", "error", line, message)

    # -- generic readers -------------------------------------------------------------------
    def entries(self, node: Map, known: tuple[str, ...], where: str) -> dict[str, tuple[Node, int]]:
        """Known keys of a mapping -> (value node, key line); reports unknown and repeated keys."""
        found: dict[str, tuple[Node, int]] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, Scalar):
                self._report("JJ002", "warning", self.at(key_node),
                             f"{where}: a key must be a plain word, not {_kind(key_node)}")
                continue
            key = _shared(key_node.value)
            if key in found:
                self.invalid(key_node, f"{where}: '{key}' is given twice (first at line "
                                       f"{found[key][1]}); keep one, the later one is used")
            if key in known:
                found[key] = (value, self.at(key_node))
                continue
            self._report("JJ002", "warning", self.at(key_node), self._unknown_message(key, known,
                                                                                  where))
        return found

    @staticmethod
    def _unknown_message(key: str, known: tuple[str, ...], where: str) -> str:
        if key == "status" and where == "front matter":
            return ("'status' is not written: it is derived from the milestones. Write the "
                    "milestone with its date instead, e.g. 'applied: 2026-10-28', 'offer:', "
                    "'signed:', 'rejected:', 'withdrawn:' or 'ghosted:'")
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return f"unknown key '{key}' in {where}; {hint}"

    def text(self, node: Node, what: str) -> str | None:
        if isinstance(node, Scalar):
            if is_null(node):
                return None
            value = node.value.strip()
            return _shared(value) if value else None
        self.invalid(node, f"{what} must be text, not {_kind(node)}")
        return None

    def date(self, node: Node, what: str) -> date | None:
        value = self.when(node, what)
        return None if value is None else day_of(value, self.zone)

    def when(self, node: Node, what: str) -> When | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return parse_when(text, self.zone)
        except DateError as error:
            self.invalid(node, _with_hint(f"{what}: {error}", suggest_date(text)))
            return None

    def boolean(self, node: Node, what: str) -> bool | None:
        text = self.text(node, what)
        if text is None:
            return None
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        self.invalid(node, f"{what} must be true or false, not '{text}'")
        return None

    def choice(self, node: Node, what: str, allowed: tuple[str, ...]) -> str | None:
        text = self.text(node, what)
        if text is None or text in allowed:
            return text
        words = _CHOICE_WORDS.get(allowed)
        meant = hint(suggest_choice(text, allowed, words))
        self.invalid(node, f"{what} '{text}' is not known; {meant + ' ' if meant else ''}"
                           f"use one of: {', '.join(allowed)}")
        return None

    def url(self, node: Node, what: str) -> str | None:
        text = self.text(node, what)
        if text is None or _URL.match(text):
            return text
        self.invalid(node, f"{what} '{text}' is not a web address; only http:// and https:// "
                           "links are accepted")
        return None

    def items(self, node: Node, what: str, single_ok: bool = False) -> tuple[Node, ...]:
        if isinstance(node, Seq):
            return tuple(node.value)
        if isinstance(node, Scalar) and is_null(node):
            return ()
        if single_ok:
            return (node,)
        self.invalid(node, f"{what} must be a list (lines starting with '- '), not "
                           f"{_kind(node)}")
        return ()

    def mapping(self, node: Node, what: str) -> Map | None:
        if isinstance(node, Map):
            return node
        if isinstance(node, Scalar) and is_null(node):
            return None
        self.invalid(node, f"{what} must be a mapping of 'key: value' lines, not {_kind(node)}")
        return None

    def fields(self, node: Map, known: tuple[str, ...], where: str,
               readers: dict[str, Callable[[Node, str], Any]]) -> tuple[dict[str, Any],
                                                                       dict[str, int]]:
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key, (value, line) in self.entries(node, known, where).items():
            lines[key] = line
            reader = readers.get(key, self.text)
            parsed = reader(value, f"{where}: {key}")
            if parsed is not None:
                values[key] = parsed
        return values, lines

    # -- records ---------------------------------------------------------------------------
    def person(self, node: Node, where: str, extra: dict[str, Callable[[Node, str], Any]]
               | None = None) -> Person | None:
        if isinstance(node, Scalar):
            name = self.text(node, where)
            if name is None:
                self.missing(self.at(node), f"{where}: a person needs a name")
            return Person(name=name, line=self.at(node)) if name else None
        mapping = self.mapping(node, where)
        if mapping is None:
            return None
        readers: dict[str, Callable[[Node, str], Any]] = {
            "linkedin": self.url, "direct": self.boolean, **(extra or {})}
        values, lines = self.fields(mapping, PERSON_KEYS + tuple(extra or ()), where, readers)
        if "name" not in values:
            self.missing(self.at(mapping), f"{where}: a person needs a 'name:'")
            return None
        return Person(line=self.at(mapping), lines=KeyedValues(lines), **values)

    def people(self, node: Node, where: str, extra: dict[str, Callable[[Node, str], Any]]
               | None = None) -> tuple[Person, ...]:
        found: list[Person] = []
        for i, item in enumerate(self.items(node, where, single_ok=True), 1):
            person = self.person(item, f"{where}[{i}]", extra)
            if person is None:
                continue
            if isinstance(item, Scalar):  # "Tom Hughes, Kai Nakamura" names two people
                found.extend(replace(person, name=name) for name in split_names(person.name))
            else:
                found.append(person)
        return tuple(found)

    def names(self, node: Node, what: str) -> str | None:
        """`to:` as one name, "A, B", or a list of names: kept as written, a list joined
        with ", " (the log entry then counts for each of them)."""
        if not isinstance(node, Seq):
            return self.text(node, what)
        names = [self.text(item, f"{what}[{i}]") for i, item in enumerate(node.value, 1)]
        joined = ", ".join(name for name in names if name)
        return joined or None

    def interview(self, node: Node, index: int) -> Interview | None:
        where = f"interviews[{index}]"
        mapping = self.mapping(node, where)
        if mapping is None:
            return None
        readers: dict[str, Callable[[Node, str], Any]] = {
            "at": self.when, "minutes": self.minutes,
            "format": lambda n, w: self.choice(n, w, FORMATS),
            "with": lambda n, w: self.people(n, w),
            "debrief": lambda n, w: self.choice(n, w, DEBRIEFS),
            "hear_back_by": self.date, "time_off": self.boolean, "cancelled": self.date,
            "cancelled_by": lambda n, w: self.choice(n, w, CANCELLED_BY),
        }
        values, lines = self.fields(mapping, INTERVIEW_KEYS, where, readers)
        at = values.pop("at", None)
        if at is None:
            if "at" not in lines:
                self.missing(self.at(mapping), f"{where}: an interview needs 'at:' (its date and "
                                           "time, e.g. 2026-11-18 14:00)")
            return None
        has_time = isinstance(at, datetime)
        if not has_time:
            at = localize(datetime.combine(at, _INTERVIEW_DEFAULT_START), self.zone)
        values["with_"] = values.pop("with", ())
        values["time_off"] = bool(values.get("time_off", False))
        return Interview(index=index, line=self.at(mapping), at=at, has_time=has_time,
                         lines=KeyedValues(lines), **values)

    def minutes(self, node: Node, what: str) -> int | None:
        text = self.text(node, what)
        if text is None:
            return None
        if text.isdigit() and 0 < int(text) <= 24 * 60:
            return int(text)
        self.invalid(node, f"{what} must be a whole number of minutes (1 to 1440), not '{text}'")
        return None

    def log_entry(self, node: Node, index: int) -> LogEntry | None:
        where = f"log[{index}]"
        mapping = self.mapping(node, where)
        if mapping is None:
            return None
        readers: dict[str, Callable[[Node, str], Any]] = {
            "on": self.when, "did": self.action, "to": self.names,
            "via": lambda n, w: self.choice(n, w, ("recruiter",)),
        }
        values, lines = self.fields(mapping, LOG_KEYS, where, readers)
        for key, example in (("on", "on: 2026-11-18 15:10"), ("did", "did: thank-you")):
            if key not in lines:
                self.missing(self.at(mapping), f"{where}: a log entry needs '{key}:' ({example})")
        if "on" not in values or "did" not in values:
            return None
        if values["did"] in ACTIONS_NEEDING_TO and "to" not in values:
            self.missing(lines["did"], f"{where}: '{values['did']}' needs 'to:' naming the "
                                       "person, as written in this file")
        return LogEntry(index=index, line=self.at(mapping), lines=KeyedValues(lines), **values)

    def action(self, node: Node, what: str) -> str | None:
        text = self.text(node, what)
        if text in MILESTONES:
            self.invalid(node, f"{what}: '{text}' is a milestone, not an action; write "
                               f"'{text}: 2026-10-28' (its date) at the top level instead")
            return None
        return self.choice(node, what, ACTIONS)

    def own_followup(self, node: Node, index: int) -> OwnFollowUp | None:
        where = f"followups[{index}]"
        mapping = self.mapping(node, where)
        if mapping is None:
            return None
        values, lines = self.fields(mapping, FOLLOWUP_KEYS, where,
                                    {"due": self.when, "done": self.date})
        for key, example in (("due", "due: 2026-11-26"), ("what", "what: Send the sample")):
            if key not in lines:
                self.missing(self.at(mapping), f"{where}: a follow-up needs '{key}:' ({example})")
        if "due" not in values or "what" not in values:
            return None
        return OwnFollowUp(index=index, line=self.at(mapping), lines=KeyedValues(lines),
                           **values)

    def ignores(self, node: Node) -> dict[str, tuple[str, int]]:
        mapping = self.mapping(node, "ignore")
        if mapping is None:
            return {}
        found: dict[str, tuple[str, int]] = {}
        for key_node, value in mapping.value:
            if not isinstance(key_node, Scalar) or not key_node.value.strip():
                self.invalid(key_node, "ignore: each key must be a rule id or name, e.g. JJ110")
                continue
            reason = self.text(value, f"ignore: {key_node.value}")
            if not reason:
                self.missing(self.at(key_node), f"ignore: {key_node.value} needs a reason, e.g. "
                                            f"'{key_node.value}: Interview is on my day off'")
                continue
            found[key_node.value.strip()] = (reason, self.at(key_node))
        return found

    # -- the whole file --------------------------------------------------------------------
    def application(self, root: Node | None, line: int, notes: str, notes_line: int
                    ) -> Application:
        base = {"slug": self.slug, "file": self.file, "line": line,
                "packed_notes": pack_text(notes),
                "notes_line": notes_line}
        if root is None or not isinstance(root, Map):
            what = "empty" if root is None else f"{_kind(root)}, not a mapping"
            self._report("JJ001", "error", self.at(root) if root is not None else line,
                         f"the front matter is {what}; write one 'key: value' per line, "
                         "starting with 'company:' and 'role:'")
            return Application(needs_repair=True, **base)
        entries = self.entries(root, TOP_KEYS, "front matter")
        values: dict[str, Any] = {}
        milestones: dict[str, date] = {}
        lines = {key: key_line for key, (_node, key_line) in entries.items()}
        for key, (node, _key_line) in entries.items():
            if key in MILESTONES:
                day = self.date(node, key)
                if day is not None:
                    milestones[key] = day
            elif key == "link":
                values["link"] = self.url(node, key)
            elif key == "tags":
                values["tags"] = tuple(t for t in (self.text(n, "tags") for n in
                                                   self.items(node, key, single_ok=True)) if t)
            elif key == "recruiter":
                values["recruiter"] = self.person(node, key, {"agency": self.text})
            elif key == "contacts":
                values["contacts"] = self.people(node, key)
            elif key == "references":
                values["references"] = self.people(node, key, {"relation": self.text,
                                                               "contacted": self.date})
            elif key == "interviews":
                values["interviews"] = self._list(node, key, self.interview)
            elif key == "log":
                values["log"] = self._list(node, key, self.log_entry)
            elif key == "followups":
                values["followups"] = self._list(node, key, self.own_followup)
            elif key == "ignore":
                values["ignore"] = FrozenMap(self.ignores(node))
            else:
                values[key] = self.text(node, key)
        for required in ("company", "role"):
            if not values.get(required):
                self.missing_required = True
                at = lines.get(required, line)
                self.missing(at, f"'{required}' is missing; add '{required}: …' to the front "
                                 "matter")
        # RULES.md: a file with JJ001 or JJ004 anywhere is marked as needing repair.
        needs_repair = self.missing_required or any(
            finding.rule in ("JJ001", "JJ004") for finding in self.findings)
        return Application(milestones=KeyedValues(milestones), lines=KeyedValues(lines),
                           needs_repair=needs_repair, **base, **values)

    def _list(self, node: Node, key: str, read: Callable[[Node, int], Any]) -> tuple[Any, ...]:
        found = (read(item, index) for index, item in enumerate(self.items(node, key), 1))
        return tuple(record for record in found if record is not None)


__all__ = ["ApplicationReader", "ACTIONS", "TOP_KEYS", "parse_date"]
