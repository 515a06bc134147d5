"""The one thing every check produces: a Finding, tied to a file and a line.

Validation code never raises on user data; it returns findings (as beancount does with its
error values) and the reporters decide how to print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, or one piece of advice, about one place in the journal."""

    rule: str  # stable id, e.g. "JJ104"
    severity: str  # error | warning | info
    file: str  # relative to the journal, POSIX separators
    line: int  # 1-based line in the file
    message: str
    application: str | None = None  # slug, when the finding concerns an application
    # The rule's name and one-line "why", and whether it is advice (not format): the checker
    # stamps them on as the finding passes, so printers and pages never look a rule up.
    # They follow from `rule`, so they take no part in comparisons.
    name: str = field(default="", compare=False)
    why: str = field(default="", compare=False)
    advice: bool = field(default=False, compare=False)

    def with_severity(self, severity: str) -> Finding:
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.rule, self.message)
