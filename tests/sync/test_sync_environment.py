"""The caldav client takes nothing from the environment but our own settings: no proxy
variables, no ~/.netrc, no CALDAV_* variables, no debug dump of the traffic."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from . import dav
from .conftest import Syncer
from .radicale_server import PASSWORD, USER, Radicale


def test_proxies_netrc_and_caldav_variables_are_ignored(
        radicale: Radicale, syncer: Syncer, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens: would fail
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password netrc-wrong\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("CALDAV_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("CALDAV_PASSWORD", "caldav-env-wrong")
    monkeypatch.setenv("PYTHON_CALDAV_COMMDUMP", "1")
    dumps_before = set(Path(tempfile.gettempdir()).glob("caldavcomm*"))

    result = syncer.sync()
    assert result.code == 0, result.err
    assert syncer.calendar in dav.calendars(radicale.url)
    assert set(Path(tempfile.gettempdir()).glob("caldavcomm*")) == dumps_before, \
        "no dump of the traffic (with the Authorization header) in /tmp"


def test_plain_http_to_another_machine_is_refused_before_any_request(
        syncer: Syncer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBJOURNAL_CALDAV_URL", "http://calendar.invalid/dav/")
    result = syncer.sync()
    assert result.code == 2
    assert "plain http:// would send your password unencrypted" in result.err
    assert PASSWORD not in result.err
