"""Finding an application from what a person types at the terminal.

`jobjournal log northwind thank-you` should just work: a slug matches exactly, otherwise a slug
or company by case-insensitive prefix. Commands that change a file insist on exactly one match
and list the candidates otherwise; `show` is a search, so it takes a substring of a company, a
person's name or a slug and may return several.
"""

from __future__ import annotations

from jobjournal.core.model import Application, Journal, fold_name, fold_text


class LookupProblem(Exception):
    """No application, or more than one, matches; str() says which and what to type."""

    def __init__(self, message: str, candidates: tuple[Application, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


def _query(text: str) -> str:
    """What a person typed, minus what tab completion of a file name adds."""
    text = text.strip()
    if text.startswith("./"):
        text = text[2:]
    if text.lower().endswith(".md"):
        text = text[:-3]
    return text


def describe(application: Application) -> str:
    """One line naming an application in lists of candidates."""
    from jobjournal.check.reporters import printable

    company = application.company or "(no company)"
    role = application.role or "(no role)"
    return printable(f"{application.slug}  {company} — {role} ({application.status})")


def _candidates_text(found: list[Application]) -> str:
    return "".join(f"\n  {describe(application)}" for application in found)


def resolve(journal: Journal, text: str) -> Application:
    """The one application `text` names: a slug exactly; else the one whose slug, file name
    or company equals it, ignoring case; else a unique prefix of one of those."""
    query = _query(text)
    if not query:
        raise LookupProblem("name an application: its file name, or the start of its company")
    exact = journal.application(query)
    if exact is not None:
        return exact
    key = fold_text(query)
    exactly, found = [], []
    for application in journal.applications:
        slug = application.slug.casefold()
        names = (slug, slug.rsplit("/", 1)[-1], fold_text(application.company or ""))
        if key in names:
            exactly.append(application)
        if any(name and name.startswith(key) for name in names):
            found.append(application)
    # 'globex' names Globex itself, even when 'Globex Logistics' is in the journal too.
    if len(exactly) == 1:
        return exactly[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise LookupProblem(
            f"no application matches '{text}'; give the start of its company or file name "
            "('jobjournal show' searches more widely, 'ls' lists the files)")
    raise LookupProblem(f"'{text}' matches {len(found)} applications; give more of the name, "
                        f"or the file name:{_candidates_text(found)}", tuple(found))


def search(journal: Journal, text: str) -> list[Application]:
    """Applications whose company, slug or one of whose people contains `text`
    (case-insensitive), an exact slug first."""
    query = _query(text)
    key, person_key = fold_text(query), fold_name(query)
    if not key:
        return []
    found = []
    for application in journal.applications:
        haystacks = [application.slug.casefold(), fold_text(application.company or "")]
        if any(key in haystack for haystack in haystacks) or (person_key and any(
                person_key in person.key for _part, person in application.people())):
            found.append(application)
    found.sort(key=lambda application: application.slug != query)
    return found


__all__ = ["LookupProblem", "describe", "resolve", "search"]
