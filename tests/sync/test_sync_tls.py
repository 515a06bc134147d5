"""https: the certificate is always checked; a CA of one's own is given in the settings.
Also the settings file end to end: url, user, password command, ca_bundle."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest
import trustme

from . import dav
from .conftest import Syncer
from .radicale_server import PASSWORD, USER, Radicale


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Radicale]:
    """This module's server speaks https with a certificate from a CA of its own."""
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    issued = ca.issue_cert("127.0.0.1")
    issued.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
    issued.private_key_pem.write_to_path(str(folder / "key.pem"))
    server = Radicale(folder / "radicale",
                      tls=(folder / "cert.pem", folder / "key.pem", folder / "ca.pem"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _settings(syncer: Syncer, radicale: Radicale, monkeypatch: pytest.MonkeyPatch,
              extra: str = "") -> None:
    for name in ("JOBJOURNAL_CALDAV_URL", "JOBJOURNAL_CALDAV_USERNAME",
                 "JOBJOURNAL_CALDAV_PASSWORD"):
        monkeypatch.delenv(name)
    folder = syncer.journal.parent / "config" / "jobjournal"
    folder.mkdir(parents=True)
    command = [sys.executable, "-c", f"print({PASSWORD!r})"]
    (folder / "config.toml").write_text(
        f'[caldav]\nurl = "{radicale.url}"\nusername = "{USER}"\n'
        f"password_command = {json.dumps(command)}\n" + extra)


def test_an_unknown_certificate_authority_is_refused(radicale: Radicale, syncer: Syncer,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _settings(syncer, radicale, monkeypatch)
    result = syncer.sync()
    assert result.code == 2
    assert result.err == (f"jobjournal: cannot verify the TLS certificate of "
                          f"{radicale.url[:-1]}; if the server uses a certificate authority "
                          "of your own, set ca_bundle in the settings\n")
    assert PASSWORD not in result.err


def test_with_its_ca_bundle_the_sync_works(radicale: Radicale, syncer: Syncer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _settings(syncer, radicale, monkeypatch, f'ca_bundle = "{radicale.verify}"\n')
    result = syncer.sync()
    assert result.code == 0, result.err
    assert result.lines[-1].startswith(f"{len(syncer.feed())} created")
    response = dav.HTTP.request("PROPFIND", f"{radicale.url}{USER}/", auth=dav.AUTH,
                                headers={"Depth": "1"}, verify=radicale.verify, timeout=10)
    assert response.status_code == 207 and syncer.calendar in response.text
