"""Runs every rule over a loaded journal and settles what the person sees.

Rules only say what they found; here the configuration and the files' `ignore` entries are
applied, severities overridden, follow-ups of closed applications lapsed, overdue follow-ups
turned into findings, and unused ignores reported (JJ007). A rule that raises becomes an
internal-error finding and the other rules still run.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from jobjournal.dates import human, is_overdue, start_of
from jobjournal.findings import SEVERITY_RANK, Finding
from jobjournal.followups import FollowUp
from jobjournal.model import Application, Journal
from jobjournal.rules import Context, Rule, all_rules, find_rule

INTERNAL_ERROR = "JJ000"


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """A finding silenced by an `ignore`, kept to show with its reason."""

    finding: Finding
    reason: str
    scope: str  # "file" or "journal"


@dataclass(frozen=True, slots=True)
class Report:
    journal: Journal
    now: datetime
    findings: tuple[Finding, ...]  # sorted by file, line, rule
    followups: tuple[FollowUp, ...]  # pending, sorted by due time
    acknowledged: tuple[Acknowledged, ...]
    internal_error: bool = False

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        if self.internal_error:
            return 2
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0

    def findings_for(self, slug: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.application == slug]

    def followups_for(self, slug: str) -> list[FollowUp]:
        return [followup for followup in self.followups if followup.application == slug]


def rule_name(rule_id: str) -> str:
    if rule_id == INTERNAL_ERROR:
        return "internal-error"
    found = find_rule(rule_id)
    return found.name if found else rule_id


def _overdue_finding(followup: FollowUp, rule: Rule, context: Context) -> Finding:
    due = human(followup.due, context.zone)
    return Finding(followup.rule, followup.severity or rule.severity, followup.file,
                   followup.line, f"{followup.problem}. To do: {followup.title} (was due {due})",
                   followup.application or None)


def _resolve_keys(keys: Iterable[str]) -> set[str]:
    found = set()
    for key in keys:
        rule = find_rule(key)
        if rule:
            found.add(rule.id)
    return found


class _Ignores:
    """Tracks which `ignore` entries silenced something, for JJ007."""

    def __init__(self, journal: Journal) -> None:
        self.journal_wide = _resolve_keys(journal.config.ignore)
        self.used: set[tuple[str, str]] = set()
        self.per_file: dict[str, dict[str, tuple[str, str, int]]] = {}
        for application in journal.applications:
            entries = {}
            for key, (reason, line) in application.ignore.items():
                rule = find_rule(key)
                if rule:
                    entries[rule.id] = (key, reason, line)
            self.per_file[application.slug] = entries

    def reason(self, rule_id: str, slug: str | None) -> tuple[str, str] | None:
        """(scope, reason) when the rule is silenced for that application."""
        if rule_id in self.journal_wide:
            return "journal", "ignored in jobjournal.toml"
        entry = self.per_file.get(slug or "", {}).get(rule_id)
        if entry is None:
            return None
        self.used.add((slug or "", rule_id))
        return "file", entry[1]


def run_checks(journal: Journal, now: datetime) -> Report:
    config = journal.config
    zone = config.zone
    context = Context(journal, now, zone, config.limits)
    ignores = _Ignores(journal)
    raw: list[Finding] = list(journal.load_findings)
    followups: list[FollowUp] = []
    internal_error = False
    rules = {rule.id: rule for rule in all_rules()}
    for rule in rules.values():
        if rule.check is None or rule.id in ignores.journal_wide:
            continue
        try:
            outputs = list(rule.check(context))
        except Exception as error:  # a broken rule must not hide the others
            internal_error = True
            where = traceback.extract_tb(error.__traceback__)[-1]
            raw.append(Finding(INTERNAL_ERROR, "error", ".", 1,
                               f"internal error in rule {rule.id} {rule.name}: "
                               f"{type(error).__name__}: {error} (at {where.filename}:"
                               f"{where.lineno}); please report it"))
            continue
        for output in outputs:
            application = journal.by_slug.get(output.application or "")
            if application and application.is_closed and not rule.applies_when_closed:
                continue  # advice owed before the closing lapses with it
            if isinstance(output, FollowUp):
                silenced = ignores.reason(rule.id, output.application or None)
                if is_overdue(output.due, now):
                    output = replace(output, overdue=True)
                    raw.append(_overdue_finding(output, rule, context))
                if not silenced:  # an ignored rule lists no follow-ups either
                    followups.append(output)
            else:
                raw.append(output)
    raw.extend(_unknown_ignores(journal))
    findings: list[Finding] = []
    acknowledged: list[Acknowledged] = []
    for finding in raw:
        silenced = ignores.reason(finding.rule, finding.application)
        if silenced and finding.rule not in ("JJ001", INTERNAL_ERROR):
            acknowledged.append(Acknowledged(finding, silenced[1], silenced[0]))
            continue
        findings.append(finding)
    findings.extend(_unused_ignores(journal, ignores))
    findings = [_with_configured_severity(f, config.severity) for f in findings]
    findings.sort(key=lambda f: f.sort_key)
    followups.sort(key=lambda f: (start_of(f.due, zone), f.application, f.id))
    return Report(journal, now, tuple(findings), tuple(followups), tuple(acknowledged),
                  internal_error)


def _with_configured_severity(finding: Finding, overrides: dict[str, str] | object) -> Finding:
    for key, severity in getattr(overrides, "items", lambda: [])():
        rule = find_rule(key)
        if rule and rule.id == finding.rule and severity in SEVERITY_RANK:
            return finding.with_severity(severity)
    return finding


def _unknown_ignores(journal: Journal) -> Iterable[Finding]:
    config = journal.config
    if config.path is not None:
        from jobjournal.config import CONFIG_NAME, line_of_value

        for key in (*config.ignore, *config.severity):
            if find_rule(key) is None:
                yield Finding("JJ003", "error", CONFIG_NAME, line_of_value(config.source, key),
                              f"[rules] names no rule '{key}'; use a rule id such as JJ110 or a "
                              "name such as day-job (see 'jobjournal rules')")
    for application in journal.applications:
        for key, (_reason, line) in application.ignore.items():
            if find_rule(key) is None:
                yield Finding("JJ003", "error", application.file, line,
                              f"ignore: '{key}' names no rule; use a rule id such as JJ110 or "
                              "a name such as day-job (see 'jobjournal rules')",
                              application.slug)


def _unused_ignores(journal: Journal, ignores: _Ignores) -> Iterable[Finding]:
    if "JJ007" in ignores.journal_wide:
        return
    for application in journal.applications:
        for rule_id, (key, _reason, line) in ignores.per_file[application.slug].items():
            if (application.slug, rule_id) in ignores.used:
                continue
            if rule_id in ignores.journal_wide:
                continue
            if _ignored_here(application, "JJ007", ignores):
                continue
            yield Finding("JJ007", "info", application.file, line,
                          f"ignore: {key} silenced nothing; remove the entry so a future "
                          "problem of that kind is shown", application.slug)


def _ignored_here(application: Application, rule_id: str, ignores: _Ignores) -> bool:
    return rule_id in ignores.per_file.get(application.slug, {})
