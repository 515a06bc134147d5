"""Finding the person a command names (`log --to`), the way the rules find people.

At the terminal a person types "mark obrien", "Anna Kowalski" for "Dr Anna Kowalski", or
just "Jo". The comparison itself is the rules' own (`fold_name`: case, white space, a leading
title, punctuation); on top of it a command accepts a unique start of a name, and when a
start fits several people it lists them instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobjournal.core.model import fold_name, split_names

if TYPE_CHECKING:
    from jobjournal.core.model import Application, Person


class NoSuchPerson(LookupError):
    """Nobody of the application fits the name."""


class AmbiguousPerson(LookupError):
    """Several people fit the name; `candidates` lists them, in the file's order."""

    def __init__(self, name: str, candidates: list[Person]) -> None:
        super().__init__(name)
        self.candidates = candidates


def everyone(application: Application) -> list[Person]:
    """Each person of the application once (the same name is the same person), file order."""
    found: dict[str, Person] = {}
    for _part, person in application.people():
        found.setdefault(person.key, person)
    return list(found.values())


def parts_of(application: Application, person: Person) -> list[str]:
    """The parts a person has in the application: "recruiter", "interviewer", ..."""
    parts = (part for part, other in application.people() if other.key == person.key)
    return list(dict.fromkeys(parts))


def split_people(text: str) -> list[str]:
    """`--to "Tom Hughes, Kai Nakamura"` names two people, as `to:` does in the file."""
    return list(split_names(text))


def match_person(name: str, people: Iterable[Person]) -> Person:
    """The one person `name` means: the same name as the rules match it; else the one whose
    name starts with it (whole words first: "Jo" is Jo Whitfield, not Joanna Hill); else the
    one with a word of the name starting with it ("Whitfield"). Raises NoSuchPerson or
    AmbiguousPerson."""
    key = fold_name(name)
    pool = list(people)
    if not key:
        raise NoSuchPerson(name)
    tiers = (
        lambda person: person.key == key,
        lambda person: person.key.startswith(key + " "),
        lambda person: person.key.startswith(key),
        lambda person: any(word.startswith(key) for word in person.key.split()),
    )
    for fits in tiers:
        found = [person for person in pool if fits(person)]
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousPerson(name, found)
    raise NoSuchPerson(name)


__all__ = ["AmbiguousPerson", "NoSuchPerson", "everyone", "match_person", "parts_of",
           "split_people"]
