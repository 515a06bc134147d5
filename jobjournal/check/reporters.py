"""Printing findings, kept apart from the checks (as pyflakes keeps its reporter).

Three formats: `text` (one line per finding, the way compilers print, so editors can jump to
it; colour on a terminal unless NO_COLOR is set), `json` (the contract of RULES.md) and
`github` (workflow annotations).
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import TextIO

from jobjournal.check.checker import Report
from jobjournal.core.findings import Finding

_COLOURS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}
# What a terminal acts on instead of showing: C0 controls (line breaks too: one finding, one
# line), DEL, C1 controls, Unicode line separators, and the bidi overrides and isolates that
# reorder a line on screen.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Journal text made safe to print: a value pasted into a file (`"\\e[2J"` in YAML is an
    escape character) is shown as `\\x1b`, never obeyed by the terminal."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100
                       else f"\\u{ord(m[0]):04x}", text)


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m" if colour else text


def as_json(report: Report) -> str:
    data = {
        "findings": [
            {"rule": f.rule, "name": f.name, "severity": f.severity, "file": f.file,
             "line": f.line, "message": f.message}
            for f in report.findings
        ],
        "followups": [followup.as_json() for followup in report.followups],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(report: Report) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for f in report.findings:
        title = _github_escape(f"{f.rule} {f.name}", True)
        file = _github_escape(printable(f.file), True)
        lines.append(f"::{level[f.severity]} file={file},line={f.line},title={title}::"
                     f"{_github_escape(printable(f.message))}")
    return "".join(line + "\n" for line in lines)


def text_line(finding: Finding, colour: bool) -> str:
    where = paint(f"{printable(finding.file)}:{finding.line}:", "bold", colour)
    severity = paint(finding.severity, finding.severity, colour)
    return (f"{where} {severity} {finding.rule} {finding.name} "
            f"{printable(finding.message)}")


def summary(report: Report) -> str:
    counts = [(report.count(s), s) for s in ("error", "warning", "info")]
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for n, s in counts]
    applications = len(report.journal.applications)
    overdue = sum(1 for f in report.followups if f.overdue)
    pending = len(report.followups) - overdue
    return (f"{', '.join(parts)} in {applications} application{'s' if applications != 1 else ''}"
            f"; {overdue} follow-up{'s' if overdue != 1 else ''} overdue, {pending} coming up")


def as_text(report: Report, colour: bool) -> str:
    out = []
    for finding in report.findings:
        out.append(text_line(finding, colour))
        if finding.why and finding.advice:
            out.append(paint(f"    why: {finding.why}", "dim", colour))
    if report.findings:
        out.append("")
    out.append(summary(report))
    return "\n".join(out) + "\n"


def format_report(report: Report, fmt: str, colour: bool) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "github":
        return as_github(report)
    return as_text(report, colour)


def write_report(report: Report, fmt: str, stream: TextIO | None = None) -> None:
    # Looked up at call time: a default bound at import would keep a replaced stdout.
    stream = stream if stream is not None else sys.stdout
    stream.write(format_report(report, fmt, use_colour(stream)))
