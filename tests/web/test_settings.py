"""Settings are a documented table, parsed strictly, with safe production defaults."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

from backpath.web.config import DEFAULT_SECRET_KEY, SETTINGS, ConfigError, database_config, load

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "settings.md"
STRONG_KEY = "0Yq3-vT9pLr8Wm2xKc7NbZ4aHs6Jd1Fg5Ue0Io9Py3Rt8Ew2Qz7Xc4Vb6Nm1"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOCS.read_text(), re.M))
    assert {s.name for s in SETTINGS} <= documented


def test_no_undocumented_setting_is_described() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOCS.read_text(), re.M))
    assert documented <= {s.name for s in SETTINGS}


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load({"DEBUG": "false"})


def test_production_refuses_an_empty_secret_key() -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load({"DEBUG": "false", "SECRET_KEY": ""})


@pytest.mark.parametrize(
    "key",
    ["abc", "x" * 49, "ab" * 40, "django-insecure-" + STRONG_KEY, "abcd" * 20],
)
def test_production_refuses_a_short_or_low_entropy_secret_key(key: str) -> None:
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load({"DEBUG": "false", "SECRET_KEY": key})


def test_production_accepts_a_long_random_secret_key() -> None:
    assert load({"DEBUG": "false", "SECRET_KEY": STRONG_KEY})["SECRET_KEY"] == STRONG_KEY


def test_check_deploy_with_production_settings_prints_no_warnings(tmp_path: pathlib.Path) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "backpath.web.settings",
        "SECRET_KEY": STRONG_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "ALLOWED_HOSTS": "clinic.example",
        "BEHIND_PROXY": "true",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout


def test_development_may_use_the_default_secret_key() -> None:
    assert load({"DEBUG": "true"})["SECRET_KEY"] == DEFAULT_SECRET_KEY


def test_it_rejects_a_vague_boolean() -> None:
    with pytest.raises(ConfigError, match="DEBUG"):
        load({"DEBUG": "maybe", "SECRET_KEY": STRONG_KEY})


def test_it_rejects_a_non_positive_idle_timeout() -> None:
    with pytest.raises(ConfigError, match="SESSION_IDLE_SECONDS"):
        load({"SECRET_KEY": STRONG_KEY, "SESSION_IDLE_SECONDS": "0"})


def test_sqlite_is_the_default_database_in_wal_mode() -> None:
    db = load({"SECRET_KEY": STRONG_KEY})["DATABASE"]
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_postgres_urls_are_understood() -> None:
    db = database_config("postgres://clinic:s%40cret@db.example:5433/backpath")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql",
        "backpath",
        "clinic",
        "s@cret",
        "db.example",
        "5433",
    )


def test_absolute_sqlite_paths_stay_absolute() -> None:
    assert database_config("sqlite:////var/lib/backpath/db.sqlite3")["NAME"] == (
        "/var/lib/backpath/db.sqlite3"
    )


def test_unknown_database_schemes_are_refused() -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database_config("mysql://x@y/z")


@pytest.mark.parametrize("command", ["backpath serve", "backpath demo", "backpath manage"])
def test_every_web_command_is_documented(command: str) -> None:
    assert command in DOCS.read_text()


SECURITY = DOCS.parent / "security.md"


@pytest.mark.parametrize(
    "name",
    [
        "BEHIND_PROXY",
        "TRUSTED_PROXIES",
        "SSL_REDIRECT",
        "HSTS_SECONDS",
        "AUDIT_HMAC_KEY",
        "LINK_POSTS_PER_HOUR",
        "DEV_COMMANDS",
        "manage backup",
        "manage restore",
        "manage verify_audit",
        "/mfa/setup/",
    ],
)
def test_the_security_page_explains(name: str) -> None:
    assert name in SECURITY.read_text()


def test_the_readme_links_the_security_page() -> None:
    assert "docs/security.md" in (DOCS.parents[1] / "README.md").read_text()


def test_passkeys_need_a_domain_name_not_an_ip_address() -> None:
    from backpath.web.config import ConfigError, load

    with pytest.raises(ConfigError, match=r"WEBAUTHN_RP_ID: '10\.1\.2\.3' is an IP address"):
        load({"DEBUG": "true", "WEBAUTHN_RP_ID": "10.1.2.3"})
    with pytest.raises(ConfigError, match=r"WEBAUTHN_RP_ID: 'https://clinic\.example'"):
        load({"DEBUG": "true", "WEBAUTHN_RP_ID": "https://clinic.example"})


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "http://clinic.example", "https://clinic.example/login", "junk"],
)
def test_a_passkey_origin_off_the_rp_id_or_without_https_is_refused(origin: str) -> None:
    from backpath.web.config import ConfigError, load

    env = {"DEBUG": "true", "WEBAUTHN_RP_ID": "clinic.example", "WEBAUTHN_ORIGINS": origin}
    with pytest.raises(ConfigError, match="WEBAUTHN_ORIGINS"):
        load(env)


def test_passkey_origins_default_to_https_on_the_rp_id() -> None:
    from backpath.web.config import load

    env = {"DEBUG": "true", "WEBAUTHN_RP_ID": "Clinic.Example"}
    assert load(env)["WEBAUTHN_ORIGINS"] == ["https://clinic.example"]
    many = {**env, "WEBAUTHN_ORIGINS": "https://clinic.example,https://north.clinic.example:8443"}
    assert load(many)["WEBAUTHN_ORIGINS"][1] == "https://north.clinic.example:8443"


@pytest.mark.parametrize("value", ["-1", "20", "low"])
def test_the_worker_nice_level_is_a_unix_nice_from_0_to_19(value: str) -> None:
    with pytest.raises(ConfigError, match="TASKS_WORKER_NICE"):
        load({"DEBUG": "true", "TASKS_WORKER_NICE": value})


def test_the_worker_shares_the_cpu_equally_unless_told_to_yield() -> None:
    assert load({"DEBUG": "true"})["TASKS_WORKER_NICE"] == 0
    assert load({"DEBUG": "true", "TASKS_WORKER_NICE": "10"})["TASKS_WORKER_NICE"] == 10
