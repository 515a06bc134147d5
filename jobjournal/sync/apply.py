"""Carrying out a plan: conditional writes, a few at a time.

Every write is conditional, so nothing made or changed by someone else between the listing
and the write is lost: a new event is PUT with `If-None-Match: *`, an update and a delete
carry `If-Match` with the ETag listed. A 412 (the event changed on another device in the
meantime) is reported and the event kept; `force` drops the conditions on updates and
deletes. A delete answered 404 is already done.

Writes run on a few threads, each with its own connection. When the server stops answering,
no further write is started: the calendar is left part-way, which the next sync repairs
(it lists again and does what is left).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

from jobjournal.sync.client import ConnectionLost, Server
from jobjournal.sync.plan import Change

WORKERS = 4

Status = Literal["done", "conflict", "failed", "not started"]

@dataclass(frozen=True)
class Outcome:
    change: Change
    status: Status
    detail: str = ""
    etag: str | None = None  # of the version written, when the server says

def apply_plan(changes: Sequence[Change], server: Server, *, force: bool = False,
               workers: int = WORKERS, progress: Callable[[Outcome], None] | None = None,
               ) -> tuple[list[Outcome], ConnectionLost | None]:
    """Each change's outcome, in the order given, and the connection failure if any.
    `progress` sees each outcome as soon as it and those before it are known."""
    if not changes:
        return [], None
    stop = threading.Event()
    lost: list[ConnectionLost] = []
    local = threading.local()
    connections: list[Server] = []
    lock = threading.Lock()

    def connection() -> Server:
        if not hasattr(local, "server"):
            local.server = server.worker()
            with lock:
                connections.append(local.server)
        return local.server

    def run(change: Change) -> Outcome:
        if stop.is_set():
            return Outcome(change, "not started")
        try:
            return _one(change, connection(), force)
        except ConnectionLost as problem:
            with lock:
                lost.append(problem)
            stop.set()
            return Outcome(change, "failed", "the server stopped answering")

    outcomes: list[Outcome] = []

    def collect(results: Iterable[Outcome]) -> None:
        for outcome in results:
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)

    try:
        if workers <= 1 or len(changes) == 1:
            local.server = server
            collect(run(change) for change in changes)
        else:
            with ThreadPoolExecutor(max_workers=min(workers, len(changes))) as pool:
                try:
                    collect(pool.map(run, changes))
                except BaseException:  # Ctrl-C: finish the writes in flight, start no more
                    stop.set()
                    raise
    finally:
        for opened in connections:
            opened.close()
    return outcomes, (lost[0] if lost else None)

def _one(change: Change, server: Server, force: bool) -> Outcome:
    if change.kind == "delete":
        status = server.delete(change.href, _condition(change, force))
        if status in (200, 204, 404):
            return Outcome(change, "done")
        return _refused(change, status)
    assert change.body is not None
    condition = {"If-None-Match": "*"} if change.kind == "create" else _condition(change, force)
    status, etag = server.put(change.href, change.body, condition)
    if status in (200, 201, 204):
        return Outcome(change, "done", etag=etag)
    return _refused(change, status)

def _condition(change: Change, force: bool) -> dict[str, str]:
    if force or not change.etag or change.etag.startswith("W/"):
        return {}  # a weak ETag never matches If-Match: the write is unconditional
    return {"If-Match": change.etag}

def _refused(change: Change, status: int) -> Outcome:
    if status == 412:
        if change.kind == "create":
            return Outcome(change, "conflict", "an event with this name appeared meanwhile")
        return Outcome(change, "conflict", "changed in the calendar meanwhile; kept")
    return Outcome(change, "failed", f"the server answered {status}{_meaning(status)}")

def _meaning(status: int) -> str:
    names: dict[int, str] = {400: "Bad Request", 403: "Forbidden", 404: "Not Found",
                             409: "Conflict", 413: "Payload Too Large",
                             415: "Unsupported Media Type", 500: "Internal Server Error",
                             502: "Bad Gateway", 503: "Service Unavailable",
                             507: "Insufficient Storage"}
    return f" {names[status]}" if status in names else ""
