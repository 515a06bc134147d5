"""Deciding what an import writes: never a file that exists, never a row already there.

A row is already in the journal when an application has the same link, or the same company,
role and applied date (compared as `check` compares names); a second row of the same export
for the same job counts the same way. New files are named like `jobjournal new` names them,
with `-2`, `-3`… when the name is taken. Before anything is written, every planned file is
read back and checked; one `check` would find a format problem in is skipped, not written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from jobjournal.importer.convert import Candidate, Skipped, convert
from jobjournal.importer.dates import decide_order
from jobjournal.importer.formats import DATE_FIELDS, Format
from jobjournal.importer.journal import Existing, fold_name, format_problems, slugify
from jobjournal.importer.tables import Row, Table

MAX_SLUG = 120


@dataclass(frozen=True)
class Planned:
    candidate: Candidate
    file: str  # relative to the journal


@dataclass(frozen=True)
class AlreadyThere:
    row: Row
    file: str  # the application it is already in
    why: str


@dataclass
class Plan:
    table: Table
    form: Format
    writes: list[Planned] = field(default_factory=list)
    already: list[AlreadyThere] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def column_orders(table: Table, form: Format, given: str | None) -> dict[str, str | None]:
    """Each date field's day/month order. Raises AmbiguousColumn or MixedColumn."""
    orders: dict[str, str | None] = {}
    for key in DATE_FIELDS:
        header = form.columns.get(key)
        if header is None or header not in table.headers:
            continue
        index = table.headers.index(header)
        cells = [(str(row.cells[index]).strip(), f"line {row.line}") for row in table.rows
                 if index < len(row.cells) and isinstance(row.cells[index], str)
                 and row.cells[index].strip()]
        orders[key] = decide_order(header, cells, given or form.date_order.get(key))
    return orders


def _link_key(link: str) -> str:
    link = link.strip().rstrip("/")
    scheme, _, rest = link.partition("://")
    host, _, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path}"


def _job_key(company: str, role: str, applied: date | None) -> tuple[str, str, date | None]:
    return fold_name(company), fold_name(role), applied


def _same_job(applied: date | None, link: str | None, their_link: str | None) -> bool:
    """Same company and role (and applied date): the same job, unless neither says when it
    was applied for and their links differ (two postings kept on a wishlist)."""
    return applied is not None or not (link and their_link and link != their_link)


def make_plan(table: Table, form: Format, existing: Existing, given_order: str | None,
              imported_from: str) -> Plan:
    orders = column_orders(table, form, given_order)
    plan = Plan(table, form)
    links: dict[str, str] = {}
    jobs: dict[tuple[str, str, date | None], tuple[str, str | None]] = {}  # -> file, link
    taken: set[str] = set()
    for application in existing.journal.applications:
        taken.add(application.file.casefold())
        if application.link:
            links.setdefault(_link_key(application.link), application.file)
        if application.company and application.role:
            jobs.setdefault(_job_key(application.company, application.role,
                                     application.milestones.get("applied")),
                            (application.file, _link_key(application.link)
                             if application.link else None))
    root = existing.journal.root
    for row in table.rows:
        made = convert(row, table.headers, form, orders, existing.today, imported_from)
        if isinstance(made, Skipped):
            plan.skipped.append(made)
            continue
        link_key = _link_key(made.link) if made.link else None
        job_key = _job_key(made.company, made.role, made.applied)
        if link_key and link_key in links:
            plan.already.append(AlreadyThere(row, links[link_key], "same link"))
            continue
        if job_key in jobs and _same_job(made.applied, link_key, jobs[job_key][1]):
            plan.already.append(AlreadyThere(row, jobs[job_key][0],
                                             "same company, role and applied date"))
            continue
        file = _free_name(made.company, made.role, taken, root)
        taken.add(file.casefold())
        if link_key:
            links[link_key] = file
        jobs.setdefault(job_key, (file, link_key))
        plan.writes.append(Planned(made, file))
    _drop_unreadable(plan, existing)
    return plan


def _free_name(company: str, role: str, taken: set[str], root) -> str:  # type: ignore[no-untyped-def]
    base = slugify(company, role)[:MAX_SLUG].rstrip("-")
    number = 1
    while True:
        name = f"{base}.md" if number == 1 else f"{base}-{number}.md"
        if name.casefold() not in taken and not (root / name).exists():
            return name
        number += 1


def _drop_unreadable(plan: Plan, existing: Existing) -> None:
    problems = format_problems(existing, {p.file: p.candidate.text for p in plan.writes})
    kept = []
    for planned in plan.writes:
        found = problems.get(planned.file)
        if found:
            plan.skipped.append(Skipped(planned.candidate.row,
                                        "the file would not pass 'check': " + "; ".join(found)))
        else:
            kept.append(planned)
    plan.writes = kept
