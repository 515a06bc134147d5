"""Format rules JJ001–JJ007: is the journal readable and consistent?

JJ001–JJ004 are found while loading (the loader knows the lines); JJ007 is found by the checker
once every other rule has run. They are registered here so that `ignore`, severities and the
catalogue treat them like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from jobjournal.check.registry import Context, rule
from jobjournal.core.dates import day_of, human
from jobjournal.core.findings import Finding
from jobjournal.core.model import CLOSINGS, Application, fold_text

_LOADER_RULES = (
    ("JJ001", "front-matter", "error", "The tool can only read what is between the --- lines.",
     "The file must be UTF-8 and start with a '---' line, YAML fields, and a closing '---'. "
     "The YAML must parse and be a mapping. The file still appears in every output, flagged, "
     "so nothing is lost while you repair it.",
     "company: \"Northwind\n role: Analyst   # unclosed quote"),
    ("JJ002", "unknown-field", "warning", "A misspelt key is silently lost advice.",
     "Every key must be one the format defines, at every depth. The message suggests the "
     "closest known key. 'status' is derived from the milestones and never written.",
     "recuiter:\n  name: Priya Shah"),
    ("JJ003", "invalid-value", "error", "A value the tool cannot understand cannot help you.",
     "A value has the wrong type or form: an impossible date, an unknown 'did', 'format', "
     "'debrief' or 'cancelled_by', a link that is not http(s), an 'ignore' naming no rule.",
     "applied: 2026-02-30"),
    ("JJ004", "missing-field", "error", "Without these the application cannot be told apart.",
     "'company' and 'role' are required, and so are an interview's 'at', a log entry's 'on' "
     "and 'did', a follow-up's 'due' and 'what', a person's 'name' and an ignore's reason.",
     "company: Northwind Analytics\n# role: is missing"),
)

for _id, _name, _severity, _why, _explanation, _example in _LOADER_RULES:
    rule(_id, _name, _severity, why=_why, explanation=_explanation, example=_example,
         applies_when_closed=True, group="format")(lambda _context: ())


def _milestone_order(application: Application) -> Iterator[tuple[str, str]]:
    """(key, problem) for milestones out of order."""
    m = application.milestones
    if "applied" in m and "offer" in m and m["applied"] > m["offer"]:
        yield "applied", f"you applied ({m['applied']}) after the offer ({m['offer']})"
    if "signed" in m and "offer" in m and m["signed"] < m["offer"]:
        yield "signed", f"signed ({m['signed']}) before the offer ({m['offer']})"
    for closing in ("rejected", "withdrawn", "ghosted", "signed"):
        if closing in m and "applied" in m and m[closing] < m["applied"]:
            yield closing, f"{closing} ({m[closing]}) before you applied ({m['applied']})"


@rule("JJ005", "timeline", "error", per_application=True, applies_when_closed=True, group="format",
      why="Dates out of order make every reminder wrong.",
      explanation="""
Milestones must be in order (applied before offer, offer before signed, nothing closes before
you applied), an application closes only once (one of signed, rejected, withdrawn, ghosted),
nothing you did is dated in the future, and a cancelled interview says when it was cancelled.
""", example="applied: 2026-10-28\noffer: 2026-10-20")
def timeline(context: Context) -> Iterator[Finding]:
    now = context.now
    for application in context.journal.applications:
        def found(line: int, message: str, app: Application = application) -> Finding:
            return Finding("JJ005", "error", app.file, line, message, app.slug)

        for key, problem in _milestone_order(application):
            yield found(application.line_of(key), f"milestones out of order: {problem}; "
                                                  "correct the dates")
        closings = [key for key in CLOSINGS if key in application.milestones]
        if len(closings) > 1:
            yield found(application.line_of(closings[1]),
                        f"the application is closed more than once ({', '.join(closings)}); "
                        "keep only the milestone that really ended it")
        for key, day in application.milestones.items():
            if day > now.date():
                yield found(application.line_of(key), f"'{key}' is in the future ({day}); "
                                                      "write milestones once they happen")
        for entry in application.log:
            if day_of(entry.on, context.zone) > now.date():
                yield found(entry.line_of("on"), f"log entry '{entry.did}' is dated in the "
                                                 f"future ({human(entry.on, context.zone)}); "
                                                 "log what you did once you did it; use "
                                                 "'followups' for plans")
        for followup in application.followups:
            if followup.done and followup.done > now.date():
                yield found(followup.line_of("done"), f"follow-up '{followup.what}' is marked "
                                                      f"done in the future ({followup.done})")
        for interview in application.interviews:
            if interview.cancelled_by and interview.cancelled is None:
                yield found(interview.line_of("cancelled_by"),
                            f"{interview.label()} has 'cancelled_by: {interview.cancelled_by}' "
                            "but no 'cancelled:' date; add the date it was cancelled")


@rule("JJ006", "duplicate-application", "warning", applies_when_closed=True, group="format",
      why="Two files for one job split its history and double its reminders.",
      explanation="""
Two live applications have the same company and role (compared without regard to case or
spacing). Merge them into one file, or close the older one.
""", example="# a.md and b.md both say:\ncompany: Northwind Analytics\nrole: Data Analyst")
def duplicate_application(context: Context) -> Iterator[Finding]:
    first: dict[tuple[str, str], Application] = {}
    for application in context.journal.applications:
        if not (application.is_live and application.company and application.role):
            continue
        key = context.memo.identity(_job_key)(application)
        if key in first:
            other = first[key]
            yield Finding("JJ006", "warning", application.file, application.line_of("company"),
                          f"{application.company} — {application.role} is also live in "
                          f"{other.file}; merge the two files or close one", application.slug)
        else:
            first[key] = application


def _job_key(application: Application) -> tuple[str, str]:
    return fold_text(application.company or ""), fold_text(application.role or "")


rule("JJ007", "unused-ignore", "info", applies_when_closed=True, group="format",
     why="A stale acknowledgement hides the next real problem.",
     explanation="""
An entry of a file's 'ignore' silenced nothing: the rule no longer fires there. Remove the
entry so that a future problem of that kind is shown.
""", example="ignore:\n  JJ110: Interview is on my day off   # but no JJ110 fires")(
    lambda _context: ())
