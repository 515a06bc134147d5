"""Drafts of the emails the advice asks for: a thank-you, a chase, a heads-up to a referee…

Each follow-up that is an email to write maps, by its rule, to a kind of draft; the draft's
text is a theme template (`emails/<kind>.txt`: a `Subject:` line, a blank line, the body) that
a journal's `templates/emails/` overrides, filled in with what the journal knows (names, role,
company, stage, the day of the interview, the agency). Each leaves one marked place, `[…]`,
for the specific thing the person remembers. Used by `jobjournal draft` and the dashboard's
"Draft email" links.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from jobjournal.cache.memo import remembered
from jobjournal.core.config import Config
from jobjournal.core.files import Stamp, file_stamp, files_under
from jobjournal.core.followups import FollowUp, followup_id
from jobjournal.core.model import Application, Interview, Journal, Person, fold_name

KINDS = ("thank-you", "thank-you-via-recruiter", "chase", "referee-heads-up",
         "referee-thank-you", "feedback-request", "thank-you-after-rejection", "withdraw",
         "check-in")
MARK = "[…]"
_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "miss"})


class DraftProblem(Exception):
    """No draft can be made as asked; str() says why and what to type instead."""


@dataclass(frozen=True)
class Draft:
    kind: str
    to: Person  # who the email goes to
    about: Person | None  # the interviewer a recruiter is asked to thank, for that kind
    subject: str
    body: str
    followup: FollowUp | None = None

    @property
    def address(self) -> str:
        return self.to.email or ""

    def as_text(self) -> str:
        if self.to.line == _NOBODY:
            to = f"{self.to.name} (nobody there is in the journal: add a contact)"
        elif self.to.email:
            to = f"{self.to.name} <{self.to.email}>"
        else:
            to = f"{self.to.name} (no email address in the journal)"
        return f"To: {to}\nSubject: {self.subject}\n\n{self.body}"

    def mailto(self) -> str:
        """A mailto: link with the subject and body filled in, percent-encoded (line breaks
        as CRLF, as RFC 6068 asks)."""
        body = self.body.replace("\r\n", "\n").replace("\n", "\r\n")
        return (f"mailto:{quote(self.address, safe='@')}?subject={quote(self.subject, safe='')}"
                f"&body={quote(body, safe='')}")


def kind_of(followup: FollowUp, application: Application | None) -> str | None:
    """The kind of email a follow-up asks for, by its rule; None when it is no email."""
    rule = followup.rule
    slug = followup.application
    if rule == "JJ104":
        recruiter = application.recruiter if application else None
        via = len(followup.people) > 1 and recruiter is not None \
            and followup.people[0].key == recruiter.key
        return "thank-you-via-recruiter" if via else "thank-you"
    if rule in ("JJ103", "JJ114"):
        return "chase"
    if rule == "JJ108":
        reference = followup.people[0] if followup.people else None
        if reference and followup.id == followup_id(slug, "JJ108", reference.name, "heads-up"):
            return "referee-heads-up"
        return "referee-thank-you"
    if rule == "JJ111":
        feedback = followup.id == followup_id(slug, "JJ111", "feedback", "feedback")
        return "feedback-request" if feedback else "thank-you-after-rejection"
    if rule == "JJ112":
        return "check-in"
    if rule == "JJ115":  # withdraw-politely, once a contract is signed elsewhere
        return "withdraw"
    return None


def first_name(name: str) -> str:
    words = [word for word in name.replace(".", " ").split()]
    while len(words) > 1 and words[0].casefold() in _TITLES:
        words = words[1:]
    return words[0] if words else name


def _long_day(value: date | datetime, zone: tzinfo) -> str:
    day = value.astimezone(zone).date() if isinstance(value, datetime) else value
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"


def _interview_with(application: Application, person: Person | None,
                    now: datetime) -> Interview | None:
    """The latest past interview (with `person`, when given and they were on a panel)."""
    past = [i for i in application.interviews if not i.is_cancelled and i.start <= now]
    if person is not None:
        theirs = [i for i in past if any(p.key == person.key for p in i.with_)]
        past = theirs or past
    return max(past, key=lambda i: i.start) if past else None


def _folders(root: Path, config: Config) -> list[Path]:
    """Where `emails/<kind>.txt` is looked for: the journal's templates/, the chosen theme
    (its templates/ and the theme folder itself), the default theme."""
    from jobjournal.core.themes import default_theme, theme_folder

    folders = [root / "templates"]
    chosen = theme_folder(root, config.theme)
    if chosen is not None:
        folders += [chosen / "templates", chosen]
    return [*folders, default_theme()]


class Drafter:
    """Makes drafts for one journal, its templates compiled once."""

    def __init__(self, root: Path, config: Config, now: datetime,
                 journal: Journal | None = None) -> None:
        from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

        self.journal = journal  # to find a follow-up's application when not given

        loaders = [FileSystemLoader(str(f)) for f in _folders(root, config)]
        self.env = Environment(loader=ChoiceLoader(loaders), autoescape=False,
                               undefined=StrictUndefined, keep_trailing_newline=True,
                               trim_blocks=True, lstrip_blocks=True)
        self.now = now
        self.zone = config.zone

    @classmethod
    def of(cls, journal: Journal, now: datetime) -> Drafter:
        return cls(journal.root, journal.config, now, journal)

    def for_followup(self, followup: FollowUp, application: Application | None = None
                     ) -> Draft | None:
        """The draft a follow-up asks for, or None when it is no email or has nobody to write
        to."""
        if application is None and self.journal is not None:
            application = self.journal.application(followup.application)
        kind = kind_of(followup, application)
        if kind is None or application is None:
            return None
        to = followup.people[0] if followup.people else None
        about = followup.people[1] if kind == "thank-you-via-recruiter" and \
            len(followup.people) > 1 else None
        if to is None:
            to = default_person(application, kind)
        if to is None and kind in ("chase", "withdraw", "feedback-request"):
            to = hiring_team(application)  # nobody by name: the company itself
        if to is None:
            return None
        return self.make(application, kind, to, about, followup)

    def make(self, application: Application, kind: str, to: Person,
             about: Person | None = None, followup: FollowUp | None = None) -> Draft:
        if kind not in KINDS:
            raise DraftProblem(f"no kind of draft '{kind}'; the kinds are {', '.join(KINDS)}")
        interview = None
        if kind != "check-in" and not (kind == "chase" and followup is not None
                                       and followup.rule == "JJ114"):
            interview = _interview_with(application, about or to, self.now)
        facts = self._facts(application, to, about, interview)
        from jinja2 import TemplateError

        name = f"emails/{kind}.txt"
        try:
            text = self.env.get_template(name).render(facts)
        except TemplateError as problem:
            where = getattr(problem, "filename", None) or name
            line = getattr(problem, "lineno", None)
            raise DraftProblem(f"{where}{f':{line}' if line else ''}: {problem}") from None
        subject, body = _split(text, name)
        return Draft(kind, to, about, subject, body, followup)

    def _facts(self, application: Application, to: Person, about: Person | None,
               interview: Interview | None) -> dict[str, object]:
        recruiter = application.recruiter
        applied = application.milestones.get("applied")
        return {
            "name": to.name, "title": to.title,
            "first_name": "Hiring Team" if to.line == _NOBODY else first_name(to.name),
            "person": to, "about": _Named(about) if about else None,
            "company": application.company or application.slug,
            "role": application.role or "open",
            "agency": (recruiter.agency if recruiter else None) or to.agency,
            "recruiter": recruiter.name if recruiter else None,
            "interview": interview,
            "stage": (interview.stage if interview and interview.stage else "interview"),
            "interview_day": _long_day(interview.start, self.zone) if interview else None,
            "applied_day": _long_day(applied, self.zone) if applied else "",
            "contacted_day": _long_day(to.contacted, self.zone) if to.contacted else None,
            "relation": to.relation,
        }


@dataclass(frozen=True)
class _Named:
    """A person as templates use them: name and first name."""

    person: Person

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def first_name(self) -> str:
        return first_name(self.person.name)


def _split(text: str, name: str) -> tuple[str, str]:
    lines = text.lstrip("\n").split("\n")
    if not lines or not lines[0].lower().startswith("subject:"):
        raise DraftProblem(f"{name}: the first line must be 'Subject: ...'")
    subject = lines[0].split(":", 1)[1].strip()
    body = "\n".join(lines[1:]).strip("\n") + "\n"
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    return subject, body


_NOBODY = -1  # the line of the stand-in for a company whose people the journal lacks


def hiring_team(application: Application) -> Person:
    """Whom to address when the journal names nobody at the company."""
    return Person(f"The hiring team at {application.company or application.slug}", _NOBODY)


def default_person(application: Application, kind: str) -> Person | None:
    """Whom a kind of email goes to when nobody was named."""
    recruiter = application.recruiter
    contact = next(iter(application.contacts), None)
    if kind in ("referee-heads-up", "referee-thank-you"):
        return application.references[0] if len(application.references) == 1 else None
    if kind in ("thank-you",):
        people = application.interviewers()
        return people[0] if len(people) == 1 else None
    if kind in ("check-in", "thank-you-after-rejection", "thank-you-via-recruiter"):
        return recruiter
    return recruiter or contact or next(iter(application.interviewers()), None)


def owed(drafter: Drafter, followups: Iterable[FollowUp], person: Person | None = None
         ) -> list[Draft]:
    """Drafts for the follow-ups that are emails (to `person`, when given)."""
    drafts = []
    for followup in followups:
        if person is not None and not any(p.key == person.key for p in followup.people):
            continue
        draft = drafter.for_followup(followup)
        if draft is not None:
            drafts.append(draft)
    return drafts


# -- the dashboard's "Draft email" links ---------------------------------------------------------

class KeptLinks(Protocol):
    """Where a build keeps the links it drafted, for the next build (cache/renders.py)."""

    def link(self, key: str, make: Callable[[], str]) -> str: ...


class DraftLinks:
    """`links(followup, application)`: the mailto: link drafting the email a follow-up asks
    for, or "" when it is no email or the address is unknown. Each link is remembered per
    follow-up object while the templates (their files' sizes and times) and `now` are the
    same, so `serve` drafts again only what an edit touched. A build also keeps them between
    runs (`keep_in`), by what a draft is made of."""

    def __init__(self, journal: Journal, now: datetime) -> None:
        key = (journal.root, journal.config, _signature(journal.root, journal.config), now)
        global _last_key
        if key == _last_key:
            key = _last_key  # the same object: the memo's comparisons are then immediate
        _last_key = key
        self.key = key
        self.signatures = journal.signatures
        self._kept: KeptLinks | None = None
        self._kept_base = b""
        self._past: dict[str, tuple[Application, tuple[bool, ...]]] = {}  # by file, once

    def keep_in(self, kept: KeptLinks) -> None:
        """Keep the links in `kept` between builds: each by the digest of all a draft reads
        (the templates, the configuration, the day, the application's file as read and which
        of its date-times are past, the follow-up), so an edit drafts only what it touched."""
        root, config, templates, now = self.key
        self._kept = kept
        self._kept_base = hashlib.sha256(repr((root, config, templates, now.date(),
                                               now.tzinfo)).encode("utf-8", "surrogatepass")
                                         ).digest()

    def __call__(self, followup: FollowUp, application: Application | None) -> str:
        signature = (self.signatures.get(application.file) if application is not None
                     else None)
        if self._kept is None or application is None or signature is None:
            return _link(followup, application, self.key)
        # The draft's interview is the latest one already begun: which have is the clock's
        # (worked out once per application, for all its follow-ups).
        known = self._past.get(application.file)
        if known is None or known[0] is not application:
            known = (application, application.ahead_of(self.key[3]))
            self._past[application.file] = known
        past = known[1]
        digest = hashlib.sha256(self._kept_base)
        digest.update(repr((application.file, signature, past, followup)).encode(
            "utf-8", "surrogatepass"))
        return self._kept.link(digest.hexdigest(),
                               lambda: _link(followup, application, self.key))


_last_key: tuple[object, ...] | None = None
_drafter: tuple[tuple[object, ...], Drafter] | None = None


def _signature(root: Path, config: Config) -> tuple[tuple[str, Stamp | None], ...]:
    """Every file the email templates could load (one may include or extend any file of
    their folders), the journal's and the chosen theme's, by path and stamp (the default
    theme's change only with the tool)."""
    return tuple((path, file_stamp(path))
                 for path in sorted(files_under(_folders(root, config)[:-1])))


@remembered
def _link(followup: FollowUp, application: Application | None, key: tuple[object, ...]) -> str:
    global _drafter
    if _drafter is None or _drafter[0] is not key:
        root, config, _files, now = key
        _drafter = (key, Drafter(root, config, now))  # type: ignore[arg-type]
    try:
        draft = _drafter[1].for_followup(followup, application)
    except DraftProblem:  # a broken email template: `jobjournal draft` says what is wrong
        return ""
    return draft.mailto() if draft is not None and draft.address else ""


__all__ = ["KINDS", "MARK", "Draft", "DraftLinks", "DraftProblem", "Drafter", "default_person",
           "first_name", "fold_name", "kind_of", "owed"]
