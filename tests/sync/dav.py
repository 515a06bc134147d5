"""An independent CalDAV reader and writer for the tests: plain HTTP with `requests`.

The sync code is never used to check the sync: calendars are found with PROPFIND, events
read with a calendar-query REPORT, and "another device" writes with a plain PUT.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin
from xml.etree import ElementTree

import icalendar
import requests

from .radicale_server import PASSWORD, USER

NS = {"d": "DAV:", "c": "urn:ietf:params:xml:ns:caldav"}
AUTH = (USER, PASSWORD)
HTTP = requests.Session()
HTTP.trust_env = False  # the tests set proxy variables to prove sync ignores them

PROPFIND = """<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><d:resourcetype/></d:prop></d:propfind>"""

QUERY = """<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"/></c:filter>
</c:calendar-query>"""


@dataclass(frozen=True)
class Stored:
    href: str
    etag: str
    calendar: icalendar.Calendar

    @property
    def event(self) -> icalendar.Event:
        (event,) = self.calendar.walk("VEVENT")
        return event

    @property
    def uid(self) -> str:
        return str(self.event["UID"])


def calendars(base: str) -> dict[str, str]:
    """Display name → URL of the user's calendars."""
    home = urljoin(base, f"/{USER}/")
    response = HTTP.request("PROPFIND", home, data=PROPFIND, auth=AUTH,
                                headers={"Depth": "1", "Content-Type": "text/xml"}, timeout=10)
    assert response.status_code == 207, response.text
    found = {}
    for item in ElementTree.fromstring(response.content).findall("d:response", NS):
        if item.find(".//d:resourcetype/c:calendar", NS) is None:
            continue
        name = item.findtext(".//d:displayname", "", NS)
        found[name] = urljoin(base, item.findtext("d:href", "", NS))
    return found


def events(url: str) -> dict[str, Stored]:
    """UID → stored event of the calendar at `url`."""
    response = HTTP.request("REPORT", url, data=QUERY, auth=AUTH,
                                headers={"Depth": "1", "Content-Type": "text/xml"}, timeout=30)
    assert response.status_code == 207, response.text
    found = {}
    for item in ElementTree.fromstring(response.content).findall("d:response", NS):
        data = item.findtext(".//c:calendar-data", None, NS)
        if data is None:
            continue
        stored = Stored(urljoin(url, item.findtext("d:href", "", NS)),
                        item.findtext(".//d:getetag", "", NS),
                        icalendar.Calendar.from_ical(data))
        found[stored.uid] = stored
    return found


def put(url: str, body: bytes, headers: dict[str, str] | None = None) -> int:
    response = HTTP.put(url, data=body, auth=AUTH, timeout=10, headers={
        "Content-Type": "text/calendar; charset=utf-8", **(headers or {})})
    return response.status_code


def foreign_event(uid: str, summary: str) -> bytes:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261120T090000Z\r\nDTSTART;VALUE=DATE:20261201\r\n"
            f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
