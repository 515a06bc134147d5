"""Quick fixes as plain text edits, recomputed from the document and the latest check.

Helix and Neovim do not run client-side commands, so every fix is a WorkspaceEdit the client
applies as it is. A fix does what the finding asks: log the action a follow-up wants, rename
a misspelt key, use the suggested value, close an application, mark a reminder done, or
acknowledge the finding with an `ignore:` entry whose reason is left to write.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lsprotocol import types as lsp

from jobjournal.lsp.engine import MILESTONES, Application, Finding
from jobjournal.lsp.text import Text
from jobjournal.lsp.textpos import front_matter_end, parse_line

IGNORE_REASON = '"TODO: say why this does not apply"'
_UNKNOWN_KEY = re.compile(r"unknown key '([^']+)' in .*; did you mean '([^']+)'\?")
_UNKNOWN_VALUE = re.compile(r"'([^']+)' is not known; did you mean '([^']+)'\?")
_PLAIN = re.compile(r"^[A-Za-z0-9À-ɏ][\w .'()&,/-]*$")
# Rules whose fix closes the application with a milestone.
_CLOSING = {"JJ114": "ghosted", "JJ115": "withdrawn"}


@dataclass(frozen=True)
class Pending:
    """An overdue follow-up behind a finding: what it asks and of whom."""

    rule: str
    title: str
    problem: str
    people: tuple[str, ...]


def scalar(text: str) -> str:
    return text if _PLAIN.match(text) and not text.endswith(":") else json.dumps(text)


class Fixer:
    def __init__(self, text: Text, application: Application, now: datetime) -> None:
        self.text = text
        self.application = application
        self.now = now
        self.end = front_matter_end(text.lines)

    # -- the fixes ------------------------------------------------------------------------
    def fixes(self, finding: Finding, pending: Pending | None
              ) -> list[tuple[str, list[lsp.TextEdit]]]:
        """(title, edits) for each fix of one finding."""
        if self.end is None or finding.rule in ("JJ000", "JJ001"):
            return []
        found: list[tuple[str, list[lsp.TextEdit] | None]] = []
        rule = finding.rule
        if pending is not None:
            for did, to, via in _actions(pending):
                found.append((_log_title(did, to, via), self.log_entry(did, to, via)))
        elif rule == "JJ112" and self.application.recruiter:
            name = self.application.recruiter.name
            found.append((_log_title("linkedin", name, None),
                          self.log_entry("linkedin", name, None)))
        if rule in _CLOSING:
            key = _CLOSING[rule]
            found.append((f"Close it: {key}: {self.today}", self.milestone(key)))
        if rule == "JJ102":
            for who in ("they-call", "i-call"):
                found.append((f"Agreed: debrief: {who}",
                              self.interview_key(finding.line, "debrief", who)))
        if rule == "JJ110":
            found.append(("Time off booked: time_off: true",
                          self.interview_key(finding.line, "time_off", "true")))
        if rule == "JJ113":
            found.append((f"Mark it done: done: {self.today}", self.done(finding.line)))
        if rule == "JJ002" and (match := _UNKNOWN_KEY.search(finding.message)):
            found.append((f"Rename '{match[1]}' to '{match[2]}'",
                          self.replace_on_line(finding.line, match[1] + ":", match[2] + ":")))
        if rule == "JJ003" and (match := _UNKNOWN_VALUE.search(finding.message)):
            found.append((f"Use '{match[2]}'", self.replace_value(finding.line, match[1],
                                                                  match[2])))
        if rule == "JJ007":
            found.append(("Remove the unused ignore entry", self.delete_line(finding.line)))
        elif finding.application:
            found.append((f"Acknowledge it: ignore {rule} (write the reason)",
                          self.ignore(rule)))
        return [(title, edits) for title, edits in found if edits]

    @property
    def today(self) -> str:
        return self.now.date().isoformat()

    def log_entry(self, did: str, to: str | None, via: str | None) -> list[lsp.TextEdit] | None:
        fields = [("did", did)] + ([("to", scalar(to))] if to else []) + (
            [("via", via)] if via else [])
        return self.append_item("log", [("on", self.now.strftime("%Y-%m-%d %H:%M")),
                                        *fields])

    def append_item(self, key: str, fields: list[tuple[str, str]]) -> list[lsp.TextEdit] | None:
        """A new item at the end of the top-level list `key`, written as its items are."""
        assert self.end is not None
        header_line = self.application.lines.get(key)
        if header_line is None:
            body = _item(fields, 2)
            return [self.text.insert(self.end, f"{key}:\n{body}")]
        index = header_line - 1
        header = parse_line(self.text.line(index))
        value = header.value.split(" #")[0].strip()
        if value and value != "[]":
            return None  # a flow list: left to the person
        last, dash = self._block(index, header.column)
        if dash is None:
            dash = header.column + 2
        edits = [self.text.insert(last + 1, _item(fields, dash))]
        if value == "[]":
            edits.append(lsp.TextEdit(range=self.text.range(index, 0, len(self.text.line(index))),
                                      new_text=f"{key}:"))
        return edits

    def _block(self, index: int, column: int) -> tuple[int, int | None]:
        """The last line of the block under the key on line `index`, and its items' dash
        column."""
        assert self.end is not None
        last, dash = index, None
        for below in range(index + 1, self.end):
            line = parse_line(self.text.line(below))
            if line.blank and not line.dash:
                continue
            if line.indent > column or (line.dash and line.indent == column):
                last = below
                if line.dash and dash is None:
                    dash = line.indent
                continue
            break
        return last, dash

    def milestone(self, key: str) -> list[lsp.TextEdit] | None:
        if key in self.application.lines:
            return None
        lines = [self.application.lines[m] for m in MILESTONES if m in self.application.lines]
        after = max(lines) if lines else self.application.lines.get("role", 1)
        return [self.text.insert(after, f"{key}: {self.today}")]

    def interview_key(self, line: int, key: str, value: str) -> list[lsp.TextEdit] | None:
        interview = next((i for i in self.application.interviews if i.line == line), None)
        if interview is None or key in interview.lines:
            return None
        return self._add_key(interview.lines, key, value)

    def done(self, line: int) -> list[lsp.TextEdit] | None:
        own = next((f for f in self.application.followups if f.line == line), None)
        if own is None or "done" in own.lines:
            return None
        return self._add_key(own.lines, "done", self.today)

    def _add_key(self, lines: dict[str, int] | object, key: str, value: str
                 ) -> list[lsp.TextEdit] | None:
        keyed = dict(lines)  # type: ignore[call-overload]
        if not keyed:
            return None
        first = parse_line(self.text.line(min(keyed.values()) - 1))
        last = max(keyed.values()) - 1
        # The end of the last key's value (a nested list, say), then the new key.
        end, _dash = self._block(last, parse_line(self.text.line(last)).column)
        return [self.text.insert(end + 1, f"{' ' * first.column}{key}: {value}")]

    def replace_on_line(self, line: int, old: str, new: str) -> list[lsp.TextEdit] | None:
        text = self.text.line(line - 1)
        at = text.find(old)
        if at < 0:
            return None
        return [lsp.TextEdit(range=self.text.range(line - 1, at, at + len(old)), new_text=new)]

    def replace_value(self, line: int, old: str, new: str) -> list[lsp.TextEdit] | None:
        parsed = parse_line(self.text.line(line - 1))
        text = self.text.line(line - 1)
        at = text.find(old, parsed.value_column if parsed.key else 0)
        if at < 0:
            return None
        return [lsp.TextEdit(range=self.text.range(line - 1, at, at + len(old)), new_text=new)]

    def delete_line(self, line: int) -> list[lsp.TextEdit]:
        start = lsp.Position(line=line - 1, character=0)
        end = lsp.Position(line=line, character=0)
        return [lsp.TextEdit(range=lsp.Range(start=start, end=end), new_text="")]

    def ignore(self, rule: str) -> list[lsp.TextEdit] | None:
        assert self.end is not None
        if rule in self.application.ignore:
            return None
        header_line = self.application.lines.get("ignore")
        if header_line is None:
            return [self.text.insert(self.end, f"ignore:\n  {rule}: {IGNORE_REASON}")]
        index = header_line - 1
        header = parse_line(self.text.line(index))
        value = header.value.split(" #")[0].strip()
        if value and value != "{}":
            return None
        last, _dash = self._block(index, header.column)
        column = header.column + 2
        if last > index:
            column = parse_line(self.text.line(last)).column
        edits = [self.text.insert(last + 1, f"{' ' * column}{rule}: {IGNORE_REASON}")]
        if value == "{}":
            edits.append(lsp.TextEdit(range=self.text.range(index, 0, len(self.text.line(index))),
                                      new_text="ignore:"))
        return edits


def _item(fields: list[tuple[str, str]], dash: int) -> str:
    lines = []
    for number, (key, value) in enumerate(fields):
        lead = " " * dash + "- " if number == 0 else " " * (dash + 2)
        lines.append(f"{lead}{key}: {value}")
    return "\n".join(lines)


def _log_title(did: str, to: str | None, via: str | None) -> str:
    whom = f" to {to}" if to else ""
    how = " via the recruiter" if via else ""
    return f"Log it: did: {did}{whom}{how}"


def _actions(pending: Pending) -> list[tuple[str, str | None, str | None]]:
    """(did, to, via) of the log entry that settles an overdue follow-up."""
    first = pending.people[0] if pending.people else None
    rule, title = pending.rule, pending.title
    if rule == "JJ101":
        return [("recruiter-debrief", first, None)]
    if rule in ("JJ103", "JJ114"):
        return [("chased", first, None)]
    if rule == "JJ104":
        via = "recruiter" if len(pending.people) > 1 else None
        return [("thank-you", pending.people[-1], via)] if pending.people else []
    if rule == "JJ108":
        return [("thank-you" if title.startswith("Thank") else "heads-up", first, None)]
    if rule == "JJ111":
        if "feedback" in pending.problem:
            return [("feedback-requested", first, None)]
        return [("thank-you", first, None)]
    if rule == "JJ112":
        return [("check-in", first, None)]
    return []


def code_actions(text: Text, application: Application, now: datetime,
                 findings: list[tuple[Finding, Pending | None]],
                 diagnostic: Callable[[Finding], lsp.Diagnostic]) -> list[lsp.CodeAction]:
    fixer = Fixer(text, application, now)
    actions: list[lsp.CodeAction] = []
    for finding, pending in findings:
        for number, (title, edits) in enumerate(fixer.fixes(finding, pending)):
            actions.append(lsp.CodeAction(
                title=title, kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic(finding)], is_preferred=number == 0 or None,
                edit=lsp.WorkspaceEdit(changes={text.uri: edits})))
    return actions
