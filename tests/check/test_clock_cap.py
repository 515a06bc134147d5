"""The clock never makes an error (RULES.md v2): a finding that exists only because a follow-up
fell overdue is at most a warning, whatever the rule's default; a follow-up's own lower severity
is kept; configuration may still raise it (the person's choice). No built-in rule has an error
follow-up, so a rule is registered here as a plug-in would be."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from jobjournal.check import registry
from jobjournal.check.registry import Context, Output, Rule, make_followup

RULE_ID = "X-CLOCK"


def _overdue(context: Context) -> Iterator[Output]:
    for application in context.journal.applications:
        yield make_followup(RULE_ID, application, subject="a", trigger="error",
                            title="Error by default", due=date(2026, 11, 20), line=1,
                            problem="the error-severity rule's follow-up is overdue")
        yield make_followup(RULE_ID, application, subject="b", trigger="info",
                            title="Info by choice", due=date(2026, 11, 20), line=2,
                            problem="the info follow-up is overdue", severity="info")


@pytest.fixture(autouse=True)
def _plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    registry.all_rules()  # load the built-in rules first
    monkeypatch.setitem(registry._REGISTRY, RULE_ID, Rule(  # as a plug-in would
        RULE_ID, "clock-test", "error", "Testing the clock.", "", "", _overdue))


APPLICATION = "---\ncompany: Northwind\nrole: Analyst\napplied: 2026-11-02\n---\n"


def test_an_overdue_follow_up_of_an_error_rule_is_a_warning(journal):  # type: ignore[no-untyped-def]
    journal.write("a.md", APPLICATION)
    found = {f.message.split(".")[0]: f.severity for f in journal.findings(RULE_ID)}
    assert found == {"the error-severity rule's follow-up is overdue": "warning",
                     "the info follow-up is overdue": "info"}
    assert journal.report is not None and journal.report.exit_code() == 0


def test_configuration_may_raise_it_again(journal):  # type: ignore[no-untyped-def]
    journal.config(f'timezone = "Europe/London"\n[rules.severity]\n"{RULE_ID}" = "error"\n')
    journal.write("a.md", APPLICATION)
    assert {f.severity for f in journal.findings(RULE_ID)} == {"error"}
