"""The rule registry: every rule with its stable id, name, severity and explanation.

A rule is a plain function of a Context (the journal and `now`) that yields findings and
follow-ups; adding one is writing that function with the `@rule` decorator and its texts.
Third-party packages register theirs through the entry-point group `jobjournal.rules`, whose
entry points name a module (imported for its decorators) or a Rule object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from importlib import import_module

from jobjournal.cache.memo import Memos
from jobjournal.core.dates import When
from jobjournal.core.findings import Finding
from jobjournal.core.followups import FollowUp, followup_id
from jobjournal.core.model import Application, Interview, Journal, Person

Output = Finding | FollowUp
Check = Callable[["Context"], Iterable[Output]]

_BUILTIN_MODULES = ("format", "interviews", "contacts", "search", "own")
ENTRY_POINT_GROUP = "jobjournal.rules"


@dataclass(frozen=True, slots=True)
class Context:
    journal: Journal
    now: datetime
    zone: tzinfo
    limits: Mapping[str, int]
    # What the rules remember between checks of one session; see cache.memo.Memos.
    memo: Memos = field(default_factory=Memos)

    @property
    def today(self):  # type: ignore[no-untyped-def]
        return self.now.date()


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    severity: str  # the default; config may change it
    why: str  # one line of advice, shown with findings and in the feed
    explanation: str  # a paragraph for `jobjournal rules ID` and advice.html
    example: str  # a front-matter snippet that makes the rule fire
    check: Check | None
    # Most advice lapses once an application is closed; rules about facts or the closing
    # itself keep speaking.
    applies_when_closed: bool = False
    group: str = "advice"
    # True when the rule reads the journal's applications one at a time and nothing else but
    # the configuration, so it may be run on just the applications that changed (serve does).
    per_application: bool = False
    # True for advice that pushes an application forward (chase it, prepare the interview):
    # once the search is over it lapses for the applications still live (RULES.md).
    lapses_when_search_over: bool = False


_REGISTRY: dict[str, Rule] = {}
_loaded = False


def rule(id: str, name: str, severity: str, *, why: str, explanation: str, example: str = "",
         applies_when_closed: bool = False, group: str = "advice",
         per_application: bool = False, lapses_when_search_over: bool = False
         ) -> Callable[[Check], Check]:
    """Register the decorated function as a rule."""

    def register(check: Check) -> Check:
        register_rule(Rule(id, name, severity, why, explanation.strip(), example.strip(), check,
                           applies_when_closed, group, per_application,
                           lapses_when_search_over))
        return check

    return register


def register_rule(new: Rule) -> None:
    existing = _REGISTRY.get(new.id)
    if existing and existing.check is not new.check:
        raise ValueError(f"rule id {new.id} is registered twice ({existing.name}, {new.name})")
    _REGISTRY[new.id] = new


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in _BUILTIN_MODULES:
        import_module(f"jobjournal.check.rules.{module}")
    from importlib.metadata import entry_points

    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Exception as error:  # a broken plug-in must not stop the built-in rules
            register_rule(_broken_plugin(entry.name, error))
            continue
        if isinstance(loaded, Rule):
            register_rule(loaded)


def _broken_plugin(name: str, error: Exception) -> Rule:
    def report(_context: Context) -> Iterable[Output]:
        raise RuntimeError(f"the plug-in '{name}' failed to load: {error!r}")

    return Rule(f"X-{name}", name, "error", "", "A third-party rule that failed to load.", "",
                report, True, "plugin")


def all_rules() -> list[Rule]:
    _load()
    return sorted(_REGISTRY.values(), key=lambda r: r.id)


def find_rule(key: str) -> Rule | None:
    """A rule by id (any case) or by name."""
    _load()
    key = key.strip()
    found = _REGISTRY.get(key.upper())
    if found:
        return found
    return next((r for r in _REGISTRY.values() if r.name == key.lower()), None)


def make_followup(rule_id: str, application: Application, *, subject: str, trigger: str,
                  title: str, due: When, problem: str, line: int,
                  people: tuple[Person, ...] = (), severity: str | None = None) -> FollowUp:
    """A rule's follow-up for one application; its id ignores the title and the due time."""
    return FollowUp(
        id=followup_id(application.slug, rule_id, subject, trigger),
        rule=rule_id, application=application.slug, file=application.file, line=line,
        title=title, due=due, problem=problem, people=people, severity=severity,
    )


def past_interviews(application: Application, now: datetime) -> list[Interview]:
    """Interviews that started before now and were not cancelled."""
    return [i for i in application.interviews if not i.is_cancelled and i.start < now]


def upcoming_interviews(application: Application, now: datetime) -> list[Interview]:
    return [i for i in application.interviews if not i.is_cancelled and i.start >= now]
