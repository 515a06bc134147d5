"""Where `jobjournal sync` finds the server, the login and the password.

Never in the journal or its repository (a journal is often pushed to a forge): in
`$XDG_CONFIG_HOME/jobjournal/config.toml` (`~/.config/...` by default), table `[caldav]`:

    [caldav]
    url = "https://cloud.example.net/remote.php/dav"
    username = "anna"
    calendar = "Job search follow-ups"       # optional; --calendar overrides it
    password_command = ["pass", "show", "caldav"]
    ca_bundle = "/etc/ssl/my-ca.pem"          # optional: a CA of your own
    timeout = 30                               # optional, seconds

The environment variables JOBJOURNAL_CALDAV_URL, JOBJOURNAL_CALDAV_USERNAME and
JOBJOURNAL_CALDAV_PASSWORD override the file. Without a password from either, the system
keyring is asked (service `jobjournal-caldav`, the user name) when the optional `keyring`
package is installed. The password is never read from the command line (other users see
command lines) and never printed: `Settings` leaves it out of its repr.

Plain `http://` is accepted only to a loopback address (a server on this machine); anything
else must be `https://`, and its certificate is always verified.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import subprocess
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_CALENDAR = "Job search follow-ups"
KEYRING_SERVICE = "jobjournal-caldav"
DEFAULT_TIMEOUT = 30.0
_KEYS = {"url", "username", "calendar", "password_command", "ca_bundle", "timeout"}


class SettingsError(Exception):
    """Missing or unusable settings: exit code 2, with a message naming the file."""


@dataclass(frozen=True)
class Settings:
    url: str
    username: str
    password: str = field(repr=False)
    calendar: str = DEFAULT_CALENDAR
    ca_bundle: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def origin(self) -> str:
        """The server's scheme, host and port: what messages name."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def verify(self) -> bool | str:
        return self.ca_bundle or True


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "jobjournal" / "config.toml"


def load_settings(calendar: str | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    """The settings from the file and the environment; `calendar` from --calendar wins."""
    env = os.environ if env is None else env
    path = config_path(env)
    table = _read_table(path)
    where = f"{path} [caldav]"
    url = env.get("JOBJOURNAL_CALDAV_URL") or _text(table, "url", where)
    username = env.get("JOBJOURNAL_CALDAV_USERNAME") or _text(table, "username", where)
    if not url:
        raise SettingsError(f"no CalDAV server: set url in {where}, or "
                            "JOBJOURNAL_CALDAV_URL (see docs/calendar.md)")
    if not username:
        raise SettingsError(f"no user name: set username in {where}, or "
                            "JOBJOURNAL_CALDAV_USERNAME")
    check_url(url, where)
    name = calendar or _text(table, "calendar", where) or DEFAULT_CALENDAR
    if not name.strip():
        raise SettingsError("the calendar's name is empty")
    ca_bundle = _text(table, "ca_bundle", where)
    if ca_bundle:
        ca_bundle = str(Path(ca_bundle).expanduser())
        if not Path(ca_bundle).is_file():
            raise SettingsError(f"{where}: ca_bundle {ca_bundle}: no such file")
    timeout = table.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise SettingsError(f"{where}: timeout must be a number of seconds above 0")
    password = env.get("JOBJOURNAL_CALDAV_PASSWORD") or _password(table, where, url, username)
    return Settings(url=url, username=username, password=password, calendar=name.strip(),
                    ca_bundle=ca_bundle or None, timeout=float(timeout))


def check_url(url: str, where: str) -> None:
    """Refuse what would leak the password: plain http beyond this machine, a login in the
    URL itself (it would end up in messages and shell history)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises on a malformed port
    except ValueError:
        raise SettingsError(f"{where}: url is not a valid URL") from None
    if parts.username is not None or parts.password is not None:
        raise SettingsError(f"{where}: the url must not contain a user name or password; "
                            "use username and password_command")
    if parts.scheme not in ("https", "http") or not host:
        raise SettingsError(f"{where}: url must start with https:// and name a server")
    if parts.scheme == "http" and not _loopback(host):
        raise SettingsError(f"{where}: plain http:// would send your password unencrypted; "
                            f"use https:// (http is accepted only for this machine)")


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_table(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as problem:
        reason = getattr(problem, "strerror", None) or problem
        raise SettingsError(f"{path}: cannot read it: {reason}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise SettingsError(f"{path}: not valid TOML: {problem}") from None
    table = document.get("caldav", {})
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: caldav must be a table, [caldav]")
    if "password" in document or "password" in table:
        raise SettingsError(f"{path}: no password in the file; use password_command")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise SettingsError(f"{path} [caldav]: unknown setting {unknown[0]!r} (known: "
                            f"{', '.join(sorted(_KEYS))})")
    return table


def _text(table: Mapping[str, object], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise SettingsError(f"{where}: {key} must be a string")
    return value.strip()


def _password(table: Mapping[str, object], where: str, url: str, username: str) -> str:
    command = table.get("password_command")
    if command is not None:
        return _run_password_command(command, where)
    from_keyring = _keyring_password(username)
    if from_keyring:
        return from_keyring
    raise SettingsError(f"no password: set password_command in {where} (for example "
                        '["pass", "show", "caldav"]), store it in the system keyring '
                        f"(service {KEYRING_SERVICE}, user {username}), or set "
                        "JOBJOURNAL_CALDAV_PASSWORD")


def _run_password_command(command: object, where: str) -> str:
    if isinstance(command, str):
        argv = shlex.split(command)
    elif isinstance(command, list) and all(isinstance(part, str) for part in command):
        argv = list(command)
    else:
        raise SettingsError(f"{where}: password_command must be a list of strings")
    if not argv:
        raise SettingsError(f"{where}: password_command is empty")
    try:
        # stdin and stderr stay the terminal's, so `pass` or gpg can ask for a passphrase.
        done = subprocess.run(argv, stdout=subprocess.PIPE, timeout=120, check=False)
    except FileNotFoundError:
        raise SettingsError(f"{where}: password_command: {argv[0]}: command not found") from None
    except (OSError, subprocess.TimeoutExpired) as problem:
        raise SettingsError(f"{where}: password_command {argv[0]} failed: "
                            f"{type(problem).__name__}") from None
    if done.returncode != 0:
        raise SettingsError(f"{where}: password_command {argv[0]} failed "
                            f"(exit status {done.returncode})")
    # The first line, as `pass` stores it; the rest may be notes.
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise SettingsError(f"{where}: password_command {argv[0]} printed no password")
    return password


def _keyring_password(username: str) -> str | None:
    try:
        import keyring  # optional: only when the person installed it
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, username) or None
    except Exception:  # no usable backend (a headless machine): as if absent
        return None
