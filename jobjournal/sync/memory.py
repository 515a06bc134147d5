"""What the last sync wrote, by resource and ETag, so the next one need not read it again.

An ETag names one version of a resource: when the calendar lists a resource with the very
ETag our write got back, it still holds exactly what we wrote, so there is no need to parse
it to learn its UID, its feed digest or whether someone edited it. Parsing a thousand events
takes seconds; a sync with nothing new should take about one.

This is only a cache: a resource it does not know, or whose ETag differs, is read and parsed
in full, which gives the same answer. It lives in jobjournal's cache folder (outside the
journal), one small JSON file per calendar, and is replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jobjournal.sync.feed_events import atomic_write

VERSION = 1


@dataclass(frozen=True)
class Known:
    """A resource as we wrote it."""

    etag: str
    uid: str
    stored: str
    summary: str
    day: date


def memory_file(cache_root: Path | None, origin: str, username: str,
                calendar_url: str) -> Path | None:
    if cache_root is None:
        return None
    key = hashlib.sha256(f"{origin}\x1f{username}\x1f{calendar_url}".encode()).hexdigest()
    return cache_root / "sync" / f"{key[:24]}.json"


def recall(path: Path | None) -> dict[str, Known]:
    """href → what we wrote there; empty when there is no usable memory."""
    if path is None:
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("version") != VERSION:
            return {}
        return {href: Known(etag, uid, stored, summary, date.fromisoformat(day))
                for href, (etag, uid, stored, summary, day) in document["known"].items()}
    except Exception:  # missing, truncated or foreign: read the calendar in full instead
        return {}


def remember(path: Path | None, known: dict[str, Known]) -> None:
    if path is None:
        return
    document = {"version": VERSION, "known": {
        href: [k.etag, k.uid, k.stored, k.summary, k.day.isoformat()]
        for href, k in sorted(known.items())}}
    try:
        atomic_write(path, json.dumps(document).encode())
    except OSError:
        pass  # a read-only or full disk only costs speed next time
