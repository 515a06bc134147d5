"""Runs every rule over a loaded journal and settles what the person sees.

Rules only say what they found; here the configuration and the files' `ignore` entries are
applied, severities overridden, follow-ups of closed applications lapsed, overdue follow-ups
turned into findings, and unused ignores reported (JJ007). A rule that raises becomes an
internal-error finding and the other rules still run.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from itertools import chain
from operator import itemgetter
from typing import TypeVar

from jobjournal.cache.memo import Memos
from jobjournal.check.registry import Context, Rule, all_rules, find_rule
from jobjournal.check.rules.search import searched_out
from jobjournal.core.dates import human, is_overdue, start_of
from jobjournal.core.findings import SEVERITY_RANK, Finding
from jobjournal.core.followups import OWN_RULE, FollowUp
from jobjournal.core.frozen import FrozenMap
from jobjournal.core.model import Application, Journal

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
    # When follow-ups left out because their rule is ignored there fall due: each then
    # shows as an acknowledged finding, so what the report says changes at those moments.
    silenced_dues: tuple[datetime, ...] = ()

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


_Output = TypeVar("_Output", Finding, FollowUp)


def _label(rule_id: str) -> tuple[str, str, bool]:
    """(name, why, is advice) of a rule id, for stamping on its findings and follow-ups."""
    if rule_id == INTERNAL_ERROR:
        return "internal-error", "", False
    found = find_rule(rule_id)
    return (found.name, found.why, found.group == "advice") if found else (rule_id, "", False)


def labelled(output: _Output) -> _Output:
    """The finding or follow-up with its rule's name and why on it."""
    name, why, advice = _label(output.rule)
    if isinstance(output, Finding):
        return replace(output, name=name, why=why, advice=advice)
    return replace(output, name=name, why=why)


def _overdue_finding(followup: FollowUp, rule: Rule, context: Context) -> Finding:
    due = human(followup.due, context.zone)
    # The clock never makes an error: a finding that exists only because time passed is at
    # most a warning (configuration may still raise it; that is the person's choice).
    severity = followup.severity or rule.severity
    if SEVERITY_RANK[severity] < SEVERITY_RANK["warning"]:
        severity = "warning"
    return Finding(followup.rule, severity, followup.file, followup.line,
                   f"{followup.problem}. To do: {followup.title} (was due {due})",
                   followup.application or None)


def _on_a_workday(followup: FollowUp, journal: Journal) -> FollowUp:
    """A follow-up due on a date that falls on a weekend day is due on the next workday.
    Follow-ups with a time keep it; your own reminders keep the date you wrote."""
    due = followup.due
    if isinstance(due, datetime) or followup.rule == OWN_RULE:
        return followup
    moved = journal.config.workday(due)
    return followup if moved == due else replace(followup, due=moved)


def _resolve_keys(keys: Iterable[str]) -> set[str]:
    found = set()
    for key in keys:
        rule = find_rule(key)
        if rule:
            found.add(rule.id)
    return found


class _Ignores:
    """Which rules each file's `ignore` (and jobjournal.toml) silences."""

    def __init__(self, journal: Journal) -> None:
        self.journal_wide = _resolve_keys(journal.config.ignore)
        self.per_file: dict[str, dict[str, tuple[str, str, int]]] = {}
        for application in journal.applications:
            if not application.ignore:
                continue
            entries = {}
            for key, (reason, line) in application.ignore.items():
                rule = find_rule(key)
                if rule:
                    entries[rule.id] = (key, reason, line)
            self.per_file[application.slug] = entries

    def reason(self, rule_id: str, slug: str | None,
               used: set[tuple[str, str]]) -> tuple[str, str] | None:
        """(scope, reason) when the rule is silenced for that application; a file's entry
        that silences something is added to `used`, for JJ007."""
        if rule_id in self.journal_wide:
            return "journal", "ignored in jobjournal.toml"
        entry = self.per_file.get(slug or "", {}).get(rule_id)
        if entry is None:
            return None
        used.add((slug or "", rule_id))
        return "file", entry[1]


@dataclass(slots=True)
class _Settled:
    """The settled outputs of one application's per-application rules (or of everything
    else): what the person sees, what was acknowledged, and which ignores were used."""

    findings: list[Finding] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    acknowledged: list[Acknowledged] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)
    silenced_dues: list[datetime] = field(default_factory=list)  # see Report
    # Each with its sort key, computed once and kept with the memo: sorting the whole
    # journal's thousands then costs no Python call per item.
    keyed_findings: list[tuple[tuple[str, int, str, str], Finding]] = field(default_factory=list)
    keyed_followups: list[tuple[tuple[datetime, str, str], FollowUp]] = field(
        default_factory=list)

    def seal(self, zone: tzinfo) -> _Settled:
        self.keyed_findings = [(f.sort_key, f) for f in self.findings]
        self.keyed_followups = [((start_of(f.due, zone), f.application, f.id), f)
                                for f in self.followups]
        return self


class CheckMemo:
    """What `serve` keeps between checks. A per-application rule reads one application (and
    the configuration) at a time, so its settled outputs stand while that application's
    object (the loader returns the same one for an unchanged file), `now` and the
    configuration are the same; only changed applications are checked again. Rules about
    the journal as a whole always run."""

    def __init__(self) -> None:
        self.key: tuple[datetime, object, frozenset[str]] | None = None
        self.entries: dict[str, tuple[Application, _Settled]] = {}
        self.rechecked = 0  # applications checked again by the last run, for tests and stats
        self.memos = Memos()  # what the rules remember between checks of this session
        # How each journal-wide rule output was settled, with the application it was settled
        # for: it stands while `key` and that application object are the same, and the very
        # objects it made are shown again, so whatever `serve` derived from them and keeps by
        # identity (a view, a drafted email, a rendered row) stands too.
        self.settling: dict[tuple[str, object], tuple[Application | None, _Settled]] = {}


class _Settler:
    """Turns rule outputs into findings and follow-ups the way the configuration says."""

    def __init__(self, journal: Journal, now: datetime, context: Context,
                 searched_out: frozenset[str]) -> None:
        self.journal = journal
        self.now = now
        self.context = context
        self.ignores = _Ignores(journal)
        self.severity = journal.config.severity
        self.searched_out = searched_out

    def output(self, output: Finding | FollowUp, rule: Rule, into: _Settled) -> None:
        application = self.journal.by_slug.get(output.application or "")
        if application and application.is_closed and not rule.applies_when_closed:
            return  # advice owed before the closing lapses with it
        if rule.lapses_when_search_over and application and application.slug in \
                self.searched_out:
            return  # its search is over: nothing pushes it forward any more
        if isinstance(output, FollowUp):
            output = _on_a_workday(output, self.journal)
            if is_overdue(output.due, self.now):
                output = replace(output, overdue=True)
                self.finding(_overdue_finding(output, rule, self.context), into)
            # An ignored rule lists no follow-ups either.
            if not self.ignores.reason(rule.id, output.application or None, into.used):
                into.followups.append(labelled(output))
            elif isinstance(output.due, datetime) and not output.overdue:
                into.silenced_dues.append(output.due)
        else:
            self.finding(output, into)

    def finding(self, finding: Finding, into: _Settled) -> None:
        finding = labelled(finding)
        silenced = self.ignores.reason(finding.rule, finding.application, into.used)
        if silenced and finding.rule not in ("JJ001", INTERNAL_ERROR):
            into.acknowledged.append(Acknowledged(finding, silenced[1], silenced[0]))
        else:
            into.findings.append(_with_configured_severity(finding, self.severity))


def _settle_remembered(settler: _Settler, output: Finding | FollowUp, rule: Rule,
                       whole: _Settled,
                       last: dict[tuple[str, object], tuple[Application | None, _Settled]],
                       now: dict[tuple[str, object], tuple[Application | None, _Settled]]
                       ) -> None:
    """`settler.output` for a journal-wide rule's output, or what it gave last time for an
    equal output of the same application object (journal-wide rules make their outputs
    again on every run, and settling thousands costs `serve` more than the rules do)."""
    application = settler.journal.by_slug.get(output.application or "")
    key = (rule.id, output)
    try:
        found = last.get(key)
    except TypeError:  # an output that cannot be hashed is settled every time
        settler.output(output, rule, whole)
        return
    if found is None or found[0] is not application:
        part = _Settled()
        settler.output(output, rule, part)
        found = (application, part)
    now[key] = found
    part = found[1]
    whole.findings.extend(part.findings)
    whole.followups.extend(part.followups)
    whole.acknowledged.extend(part.acknowledged)
    whole.used |= part.used
    whole.silenced_dues.extend(part.silenced_dues)


def _run_rule(rule: Rule, context: Context) -> tuple[list[Finding | FollowUp], Finding | None]:
    """The rule's outputs, or the internal-error finding it raised instead."""
    try:
        return list(rule.check(context)), None  # type: ignore[misc]
    except Exception as error:  # a broken rule must not hide the others
        where = traceback.extract_tb(error.__traceback__)[-1]
        return [], Finding(INTERNAL_ERROR, "error", ".", 1,
                           f"internal error in rule {rule.id} {rule.name}: "
                           f"{type(error).__name__}: {error} (at {where.filename}:"
                           f"{where.lineno}); please report it")


def run_checks(journal: Journal, now: datetime, memo: CheckMemo | None = None) -> Report:
    """Every rule over the journal, settled. With a `memo` kept between calls, the
    per-application rules run only for applications that changed since the last call."""
    config = journal.config
    memo = memo if memo is not None else CheckMemo()
    context = Context(journal, now, config.zone, config.limits, memo.memos)
    over = searched_out(journal, context.today, config.zone, memo.memos)
    settler = _Settler(journal, now, context, over)
    if memo.key != (now, config, over):
        memo.key, memo.entries, memo.settling = (now, config, over), {}, {}
    settling: dict[tuple[str, object], tuple[Application | None, _Settled]] = {}
    changed = [a for a in journal.applications
               if (entry := memo.entries.get(a.slug)) is None or entry[0] is not a]
    memo.rechecked = len(changed)
    settled = {a.slug: _Settled() for a in changed}
    if len(changed) == len(journal.applications):
        changed_context = context
    else:
        only_changed = Journal(journal.root, config, tuple(changed),
                               by_slug=FrozenMap({a.slug: a for a in changed}))
        changed_context = Context(only_changed, now, config.zone, config.limits, memo.memos)
    whole = _Settled()  # everything not kept per application
    for finding in journal.load_findings:
        settler.finding(finding, whole)
    failed = False
    for rule in all_rules():
        if rule.check is None or rule.id in settler.ignores.journal_wide:
            continue
        outputs, error = _run_rule(rule, changed_context if rule.per_application else context)
        if error is not None:
            whole.findings.append(labelled(error))
            failed = True
            continue
        for output in outputs:
            into = settled.get(output.application or "") if rule.per_application else None
            if into is not None:
                settler.output(output, rule, into)
            else:
                _settle_remembered(settler, output, rule, whole, memo.settling, settling)
    for finding in _unknown_ignores(journal):
        settler.finding(finding, whole)
    for part in settled.values():
        part.seal(config.zone)
    if not failed:  # a failed rule left gaps: check those applications again next time
        memo.settling = settling
        kept = {a.slug: (a, settled[a.slug]) for a in changed}
        memo.entries = {a.slug: kept.get(a.slug) or memo.entries[a.slug]
                        for a in journal.applications}
    parts = [whole, *(settled[a.slug] if a.slug in settled else memo.entries[a.slug][1]
                      for a in journal.applications)]
    used = set().union(*(part.used for part in parts))
    whole.findings.extend(_with_configured_severity(labelled(f), config.severity)
                          for f in _unused_ignores(journal, settler.ignores, used))
    whole.seal(config.zone)
    # Flattened, sorted and unwrapped without a Python call per item: thousands of them.
    first, second = itemgetter(0), itemgetter(1)
    findings = list(chain.from_iterable(part.keyed_findings for part in parts))
    findings.sort(key=first)
    followups = list(chain.from_iterable(part.keyed_followups for part in parts))
    followups.sort(key=first)
    acknowledged = sorted(chain.from_iterable(part.acknowledged for part in parts),
                          key=lambda a: a.finding.sort_key)
    return Report(journal, now, tuple(map(second, findings)), tuple(map(second, followups)),
                  tuple(acknowledged), failed,
                  tuple(chain.from_iterable(part.silenced_dues for part in parts)))


def _with_configured_severity(finding: Finding, overrides: dict[str, str] | object) -> Finding:
    for key, severity in getattr(overrides, "items", lambda: [])():
        rule = find_rule(key)
        if rule and rule.id == finding.rule and severity in SEVERITY_RANK:
            return finding.with_severity(severity)
    return finding


def _unknown_ignores(journal: Journal) -> Iterable[Finding]:
    config = journal.config
    if config.path is not None:
        from jobjournal.core.config import CONFIG_NAME, line_of_value

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


def _unused_ignores(journal: Journal, ignores: _Ignores,
                    used: set[tuple[str, str]]) -> Iterable[Finding]:
    if "JJ007" in ignores.journal_wide:
        return
    for application in journal.applications:
        for rule_id, (key, _reason, line) in ignores.per_file.get(application.slug,
                                                                   {}).items():
            if (application.slug, rule_id) in used:
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
