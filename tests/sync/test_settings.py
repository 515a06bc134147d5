"""Where sync's settings come from, and what is refused (no server needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jobjournal.sync.settings import DEFAULT_CALENDAR, SettingsError, load_settings

BASE = {"JOBJOURNAL_CALDAV_URL": "https://dav.example.net/", "JOBJOURNAL_CALDAV_USERNAME": "a",
        "JOBJOURNAL_CALDAV_PASSWORD": "pw-123"}


def _config(tmp_path: Path, text: str) -> dict[str, str]:
    folder = tmp_path / "xdg" / "jobjournal"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(text)
    return {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}


def test_the_file_under_xdg_config_home_with_a_password_command(tmp_path: Path) -> None:
    env = _config(tmp_path, f"""
[caldav]
url = "https://cloud.example.net/remote.php/dav"
username = "anna"
calendar = "Jobs"
password_command = ["{sys.executable}", "-c", "print('s3cret pass'); print('notes')"]
timeout = 12
""")
    settings = load_settings(env=env)
    assert (settings.url, settings.username, settings.calendar, settings.timeout) == (
        "https://cloud.example.net/remote.php/dav", "anna", "Jobs", 12.0)
    assert settings.password == "s3cret pass", "the first line, as pass stores it"
    assert "s3cret" not in repr(settings)
    assert settings.verify is True
    assert load_settings("Other", env=env).calendar == "Other", "--calendar wins"


def test_environment_variables_override_the_file(tmp_path: Path) -> None:
    env = _config(tmp_path, '[caldav]\nurl = "https://a.example/"\nusername = "file"\n'
                            'password_command = ["false"]\n')
    settings = load_settings(env={**env, **BASE})
    assert (settings.url, settings.username, settings.password) == (
        "https://dav.example.net/", "a", "pw-123")
    assert settings.calendar == DEFAULT_CALENDAR


@pytest.mark.parametrize(("url", "allowed"), [
    ("http://127.0.0.1:5232/", True), ("http://localhost/dav", True), ("http://[::1]:80/", True),
    ("http://cloud.example.net/", False), ("http://10.0.0.2/", False), ("ftp://x.example/", False),
    ("https://anna:pw@cloud.example.net/", False), ("https://cloud.example.net:99999/", False),
])
def test_plain_http_only_to_this_machine_and_no_login_in_the_url(url: str, allowed: bool) -> None:
    env = {**BASE, "JOBJOURNAL_CALDAV_URL": url}
    if allowed:
        assert load_settings(env=env).url == url
    else:
        with pytest.raises(SettingsError) as raised:
            load_settings(env=env)
        assert ":pw@" not in str(raised.value)


def test_problems_name_the_file_and_line(tmp_path: Path) -> None:
    env = _config(tmp_path, '[caldav]\nurl = "https://a.example/"\nusername = anna\n')
    with pytest.raises(SettingsError, match=r"config\.toml: not valid TOML: .*line 3"):
        load_settings(env=env)


@pytest.mark.parametrize(("text", "message"), [
    ('[caldav]\nurl = "https://a.example/"\nusername = "a"\npassword = "x"\n',
     "no password in the file; use password_command"),
    ('[caldav]\nurl = "https://a.example/"\nusername = "a"\npasword_command = []\n',
     "unknown setting 'pasword_command'"),
    ('[caldav]\nurl = "https://a.example/"\nusername = "a"\n'
     'password_command = ["no-such-command-xyz"]\n', "no-such-command-xyz: command not found"),
    ('[caldav]\nurl = "https://a.example/"\nusername = "a"\npassword_command = ["false"]\n',
     "password_command false failed (exit status 1)"),
    ('[caldav]\nurl = "https://a.example/"\nusername = "a"\nca_bundle = "/no/such.pem"\n'
     'password_command = ["true"]\n', "ca_bundle /no/such.pem: no such file"),
    ('[caldav]\nusername = "a"\n', "no CalDAV server: set url in"),
])
def test_unusable_settings_are_explained(tmp_path: Path, text: str, message: str) -> None:
    env = _config(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        load_settings(env=env)
    assert message in str(raised.value)
    assert "config.toml" in str(raised.value)


def test_no_password_anywhere_says_where_to_put_one(tmp_path: Path) -> None:
    env = _config(tmp_path, '[caldav]\nurl = "https://a.example/"\nusername = "a"\n')
    with pytest.raises(SettingsError, match="no password: set password_command in .*config.toml"):
        load_settings(env=env)
