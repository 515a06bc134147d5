"""The CalDAV server, through the `caldav` library configured explicitly.

`caldav` can find its settings on its own: `get_davclient` reads `CALDAV_*` environment
variables and its own configuration file, DNS discovery (RFC 6764) follows SRV records, and
its HTTP library reads `~/.netrc` and proxy variables. None of that is wanted here: the
client is a `DAVClient` built from our settings alone, discovery off, the session's
`trust_env` off, and the library's debug dump (which would write the Authorization header to
/tmp when `PYTHON_CALDAV_COMMDUMP` is set) switched off.

Every failure becomes a `SyncError` whose message names the server (scheme, host, port) and
what was being done, never the password; the original exception is dropped (`from None`) so
no traceback can carry it either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from jobjournal.sync.settings import Settings

if TYPE_CHECKING:
    from caldav.davclient import DAVClient

ICAL_HEADERS = {"Content-Type": "text/calendar; charset=utf-8"}


class SyncError(Exception):
    """A configuration, connection or login problem: exit code 2."""


class ConnectionLost(SyncError):
    """The server stopped answering in the middle of the writes."""


@dataclass(frozen=True)
class Resource:
    """One calendar object as listed: where, which version, what it holds."""

    href: str
    etag: str | None
    data: bytes | str | None


class Server:
    """One connection to the CalDAV server (one per thread: sessions are not shared)."""

    def __init__(self, settings: Settings, auth: Any = None) -> None:
        self.settings = settings
        try:
            self.client = _make_client(settings, auth)
        except Exception as problem:  # the library refused the settings
            raise SyncError(f"cannot set up a connection to {settings.origin}: "
                            f"{type(problem).__name__}") from None

    def worker(self) -> Server:
        """Another connection with the login already negotiated, for another thread."""
        return Server(self.settings, self.client.auth)

    def close(self) -> None:
        self.client.close()

    def find_calendar(self, name: str, create: bool) -> tuple[str | None, bool]:
        """The URL of the calendar named `name` (by display name), made when missing and
        `create`; and whether it was made."""
        with self.errors("looking for your calendars"):
            principal = self.client.principal()
            for calendar in principal.calendars():
                if calendar.get_display_name() == name:
                    return _folder(str(calendar.url)), False
            if not create:
                return None, False
        with self.errors(f"creating the calendar '{name}'"):
            made = principal.make_calendar(name=name, supported_calendar_component_set=["VEVENT"])
            return _folder(str(made.url)), True

    def list_events(self, calendar_url: str) -> list[Resource]:
        """Every event of the calendar with its ETag and data: one calendar-query REPORT.

        Built from the library's elements and read with its response parser, without
        making a library object of each event (which normalises each one, and takes a
        second per thousand events)."""
        from caldav.elements import cdav, dav
        from lxml import etree

        query = cdav.CalendarQuery() + [
            dav.Prop() + [dav.GetEtag(), cdav.CalendarData()],
            cdav.Filter() + (cdav.CompFilter(name="VCALENDAR") + cdav.CompFilter(name="VEVENT"))]
        body = etree.tostring(query.xmlelement(), encoding="utf-8", xml_declaration=True)
        with self.errors("listing the calendar's events"):
            response = self.client.report(calendar_url, body, depth=1)
            if response.status >= 400:
                raise SyncError(f"{self.settings.origin} refused to list the calendar's "
                                f"events (HTTP {response.status})")
            found = response.expand_simple_props([dav.GetEtag(), cdav.CalendarData()])
        resources = []
        for href, props in found.items():
            data = props.get(cdav.CalendarData.tag)
            if data:
                resources.append(Resource(urljoin(calendar_url, href),
                                          props.get(dav.GetEtag.tag), data))
        return resources

    def put(self, href: str, body: bytes, condition: dict[str, str]) -> tuple[int, str | None]:
        with self.errors("writing an event", lost=True):
            response = self.client.put(href, body, {**ICAL_HEADERS, **condition})
            return response.status, response.headers.get("ETag")

    def delete(self, href: str, condition: dict[str, str]) -> int:
        with self.errors("deleting an event", lost=True):
            return self.client.delete(href, condition).status

    @contextmanager
    def errors(self, doing: str, lost: bool = False) -> Iterator[None]:
        """Any failure while `doing` as a SyncError with a clear message."""
        from caldav.lib import error as dav
        from caldav.lib.http_sync import requests as http

        origin = self.settings.origin
        try:
            yield
        except SyncError:
            raise
        except dav.AuthorizationError as problem:
            status = getattr(problem, "status", None)
            if status == 403:
                message = (f"{origin} refused access while {doing} (HTTP 403): the user "
                           f"{self.settings.username} may not use it")
            else:
                message = (f"{origin} refused the login of {self.settings.username} while "
                           f"{doing}: check the user name and password (iCloud and "
                           "Fastmail need an app-specific password)")
            raise SyncError(self._clean(message)) from None
        except http.exceptions.SSLError:
            message = (f"cannot verify the TLS certificate of {origin}; if the server uses "
                       "a certificate authority of your own, set ca_bundle in the settings")
            raise SyncError(message) from None
        except http.exceptions.Timeout:
            kind = ConnectionLost if lost else SyncError
            raise kind(f"{origin} did not answer within {self.settings.timeout:g} s while "
                       f"{doing}") from None
        except (http.exceptions.ConnectionError, ConnectionError) as problem:
            kind = ConnectionLost if lost else SyncError
            raise kind(self._clean(f"cannot connect to {origin} while {doing}: "
                                   f"{_reason(problem)}")) from None
        except (dav.DAVError, http.exceptions.RequestException) as problem:
            raise SyncError(self._clean(f"{origin} failed while {doing}: "
                                        f"{_first_line(problem)}")) from None
        except Exception as problem:  # an answer the library could not make sense of
            raise SyncError(self._clean(f"{origin} gave an unexpected answer while {doing} "
                                        f"({type(problem).__name__}); is the url a CalDAV "
                                        "server?")) from None

    def _clean(self, message: str) -> str:
        """Belt and braces: a password never reaches a message, whatever a server echoes."""
        password = self.settings.password
        return message.replace(password, "********") if password else message


def _make_client(settings: Settings, auth: Any) -> DAVClient:
    from caldav.davclient import DAVClient
    from caldav.lib import error as dav

    dav.debug_dump_communication = False
    client = DAVClient(url=settings.url, username=settings.username,
                       password=settings.password, auth=auth,
                       timeout=settings.timeout,  # type: ignore[arg-type]
                       ssl_verify_cert=settings.verify, enable_rfc6764=False,
                       require_tls=True, headers={"User-Agent": "jobjournal-sync"})
    client.session.trust_env = False  # no ~/.netrc, no proxy variables
    return client


def resource_href(calendar_url: str, uid: str) -> str:
    """The URL of a new event's resource: its UID made safe for a path segment."""
    name = re.sub(r"[^A-Za-z0-9._-]", "-", uid.replace("@", "-at-"))
    return urljoin(calendar_url, f"{name}.ics")


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _reason(problem: BaseException) -> str:
    seen: BaseException | None = problem
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, ConnectionResetError):
            return "connection reset"
        text = str(seen)
        if "Name or service not known" in text or "nodename nor servname" in text:
            return "host not found"
        if "refused" in text.lower():
            return "connection refused"
        seen = seen.__cause__ or seen.__context__
    text = _first_line(problem)
    return re.sub(r"https?://\S+", "", text).strip() or type(problem).__name__


def _first_line(problem: BaseException) -> str:
    text = str(problem).strip().splitlines()
    line = text[0] if text else type(problem).__name__
    return line[:200]
