"""Settings as a table: every environment variable the web application reads.

Each :class:`Setting` has a name, a default, a parser and a line of help; ``docs/settings.md``
documents every one (a test fails otherwise). Parsing is strict: ``DEBUG=yes please`` is an
error, not ``False``. :func:`load` reads an environment mapping and returns plain values, so
it is testable without importing Django settings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = [
    "DEFAULT_SECRET_KEY",
    "SETTINGS",
    "ConfigError",
    "Setting",
    "database_config",
    "load",
    "webauthn_origins",
]

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"


class ConfigError(ValueError):
    """A setting with a value that cannot be used; the message names the variable."""


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{value!r} is not a boolean; use true/false, 1/0, yes/no or on/off")


def _non_negative_int(value: str) -> int:
    number = int(value.strip())
    if number < 0:
        raise ValueError(f"{number} must be 0 or a positive whole number")
    return number


def _positive_int(value: str) -> int:
    number = int(value.strip())
    if number <= 0:
        raise ValueError(f"{number} must be a positive whole number")
    return number


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _networks(value: str) -> list[str]:
    from backpath.web.client_address import parse_networks

    cidrs = _list(value)
    parse_networks(tuple(cidrs))  # raises ValueError naming the bad entry
    return cidrs


def _text(value: str) -> str:
    return value


def _rp_id(value: str) -> str:
    """A passkey's relying-party ID: the site's domain name (browsers refuse an IP address)."""
    from ipaddress import ip_address

    name = value.strip().lower()
    if not name or any(c in name for c in "/:@ ") or name.startswith(".") or name.endswith("."):
        raise ValueError(f"{value!r} is not a domain name (like clinic.example, no scheme/port)")
    try:
        ip_address(name)
    except ValueError:
        return name
    raise ValueError(f"{value!r} is an IP address; passkeys need a domain name (or localhost)")


def webauthn_origins(rp_id: str, origins: list[str]) -> list[str]:
    """The origins a passkey ceremony may come from: each ``https://`` (``http://`` only for
    localhost) on the RP ID or one of its subdomains. None given: ``https://<rp id>`` (and,
    for ``localhost``, the development server's ``http://localhost:8000``)."""
    if not origins:
        extra = ["http://localhost:8000"] if rp_id == "localhost" else []
        return [f"https://{rp_id}", *extra]
    for origin in origins:
        parts = urlsplit(origin)
        host = parts.hostname or ""
        secure = parts.scheme == "https" or (parts.scheme == "http" and host == "localhost")
        on_rp = host == rp_id or host.endswith(f".{rp_id}")
        if not secure or not on_rp or parts.path not in ("", "/") or parts.query:
            raise ConfigError(
                f"WEBAUTHN_ORIGINS: {origin!r} must be https://{rp_id} or a subdomain of it "
                "(scheme, host and optional port only; http:// only for localhost)"
            )
    return [o.rstrip("/") for o in origins]


def _nice_level(value: str) -> int:
    number = int(value.strip())
    if not 0 <= number <= 19:
        raise ValueError(f"{number} must be a whole number from 0 to 19")
    return number


def _seconds(value: str) -> float:
    import math

    number = float(value.strip())
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{value!r} must be a number of seconds, 0 or more")
    return number


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        cleaned = value.strip().lower()
        if cleaned not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return cleaned

    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    parse: Callable[[str], Any]
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SECRET_KEY",
        DEFAULT_SECRET_KEY,
        _text,
        "Signs sessions and CSRF tokens. Required (non-default) when DEBUG is false.",
    ),
    Setting(
        "AUDIT_HMAC_KEY",
        "",
        _text,
        "Key of the audit trail's hash chain (HMAC-SHA256). Empty: derived from SECRET_KEY. Set "
        "it to a long random value of its own so SECRET_KEY can be rotated; keep it secret.",
    ),
    Setting("DEBUG", "false", _bool, "Development mode: detailed error pages, no HTTPS cookies."),
    Setting(
        "DATABASE_URL",
        "sqlite:///backpath.sqlite3",
        _text,
        "sqlite:///relative/or//absolute/path, or postgres://user:pass@host:port/name.",
    ),
    Setting(
        "ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        _list,
        "Comma-separated host names the site answers to.",
    ),
    Setting(
        "CSRF_TRUSTED_ORIGINS",
        "",
        _list,
        "Comma-separated origins (https://clinic.example) allowed to POST forms.",
    ),
    Setting(
        "SESSION_IDLE_SECONDS",
        "900",
        _positive_int,
        "Sign a clinician out after this many seconds without a request.",
    ),
    Setting(
        "HEP_LINK_DAYS", "42", _positive_int, "Days a patient's home-programme link stays valid."
    ),
    Setting(
        "LINK_POSTS_PER_HOUR",
        "20",
        _positive_int,
        "Posts a patient link accepts per hour, per link and per client address (more get a "
        "429 and save nothing).",
    ),
    Setting(
        "LOGIN_FAILURE_LIMIT",
        "5",
        _positive_int,
        "Failed sign-ins (per user name and address) before the account is locked.",
    ),
    Setting("LOCKOUT_MINUTES", "30", _positive_int, "Minutes a locked account stays locked."),
    Setting(
        "USER_FAILURE_LIMIT",
        "20",
        _positive_int,
        "Failed password sign-ins for one user, from any addresses, within "
        "USER_FAILURE_WINDOW_MINUTES that pause password sign-in for that user (a fixed "
        "USER_COOLOFF_MINUTES; passkeys and the user's own signed-in browsers still get in).",
    ),
    Setting(
        "USER_FAILURE_WINDOW_MINUTES",
        "60",
        _positive_int,
        "Minutes over which USER_FAILURE_LIMIT failures are counted (a sliding window).",
    ),
    Setting(
        "USER_COOLOFF_MINUTES",
        "15",
        _positive_int,
        "Minutes password sign-in stays paused for a user after USER_FAILURE_LIMIT failures; "
        "counted from the failure that started it and never extended by later ones.",
    ),
    Setting(
        "WEBAUTHN_RP_ID",
        "localhost",
        _rp_id,
        "Passkeys' relying-party ID: the site's domain name (clinic.example), never an IP "
        "address. Passkeys are bound to it: changing it means registering them again.",
    ),
    Setting(
        "WEBAUTHN_ORIGINS",
        "",
        _list,
        "Comma-separated origins passkey sign-ins may come from (https://clinic.example). "
        "Empty: https://<WEBAUTHN_RP_ID> (plus http://localhost:8000 for localhost).",
    ),
    Setting(
        "STATIC_ROOT",
        "staticfiles",
        _text,
        "Directory `collectstatic` writes to and the server serves static files from.",
    ),
    Setting("TIME_ZONE", "Europe/London", _text, "Time zone for dates shown and entered."),
    Setting("PAGE_SIZE", "25", _positive_int, "Rows per page in lists (patients, audit)."),
    Setting(
        "TASKS_BACKEND",
        "database",
        _choice("database", "redis", "immediate"),
        "Where background jobs (PDFs, emails, escalations) wait: `database` (the app's own "
        "database, no extra server), `redis` (needs REDIS_URL; for several servers) or "
        "`immediate` (run inside the request; tests and trials only).",
    ),
    Setting(
        "REDIS_URL",
        "",
        _text,
        "redis://host:port/db of the Redis server that holds the job queue when TASKS_BACKEND "
        "is `redis`.",
    ),
    Setting(
        "TASKS_WORKERS",
        "2",
        _non_negative_int,
        "Job-worker processes `backpath serve` starts beside the app (and stops with it); 0 "
        "starts none: run `backpath worker` yourself. Two, so that two clinicians' PDFs are "
        "drawn side by side, not one after the other (about 135 MB each).",
    ),
    Setting(
        "TASKS_WORKER_NICE",
        "0",
        _nice_level,
        "How much a job worker yields the CPU to the app's processes (Unix nice, 0-19). At 0 a "
        "worker competes equally (each uses at most one core); above 0, pages go first when every "
        "core is busy, and a PDF may then wait past PDF_WAIT_SECONDS and answer 'being prepared'.",
    ),
    Setting(
        "TASKS_POLL_SECONDS",
        "0.05",
        _seconds,
        "How often an idle database worker looks for new jobs (a PDF request waits for the "
        "worker, so this is part of its time; one small query each time).",
    ),
    Setting(
        "JOB_ATTEMPTS",
        "5",
        _positive_int,
        "Tries a failing job gets before it is marked failed (shown to clinic admins under "
        "Users → Background jobs).",
    ),
    Setting(
        "JOB_RETRY_SECONDS",
        "30",
        _seconds,
        "Wait before a failed job's first retry; each further retry waits twice as long.",
    ),
    Setting(
        "PDF_WAIT_SECONDS",
        "10",
        _seconds,
        "How long a PDF request waits for the worker to draw it; after that the page says the "
        "PDF is being prepared and to refresh.",
    ),
    Setting(
        "ESCALATION_CHECK_SECONDS",
        "300",
        _seconds,
        "How often the worker looks for red reports unacknowledged for over a working day.",
    ),
    Setting(
        "REMINDER_CHECK_SECONDS",
        "60",
        _seconds,
        "How often the worker sends the patients' exercise reminders that are due (0: never).",
    ),
    Setting(
        "REMINDER_LATE_SECONDS",
        "3600",
        _seconds,
        "How late a reminder may still be sent (after a worker was down); older ones are skipped.",
    ),
    Setting(
        "REMINDER_SMS_BACKEND",
        "",
        _text,
        "Key of a registered SMS backend for reminders; empty: email only (none is shipped).",
    ),
    Setting(
        "SITE_URL",
        "http://127.0.0.1:8000",
        _text,
        "The site's address as clinicians reach it, for links in emails.",
    ),
    Setting(
        "EMERGENCY_NUMBER",
        "999",
        _text,
        "Local emergency telephone number shown to patients until a clinic sets its own "
        "(e.g. 999, 112, 000, 911).",
    ),
    Setting(
        "EMAIL_HOST",
        "",
        _text,
        "SMTP server that sends notification emails; empty: emails are written to the server "
        "log instead.",
    ),
    Setting("EMAIL_PORT", "25", _positive_int, "SMTP server port (587 with STARTTLS, 465 TLS)."),
    Setting("EMAIL_HOST_USER", "", _text, "SMTP user name (empty: no authentication)."),
    Setting("EMAIL_HOST_PASSWORD", "", _text, "SMTP password."),
    Setting("EMAIL_USE_TLS", "false", _bool, "STARTTLS on the SMTP connection (port 587)."),
    Setting("EMAIL_USE_SSL", "false", _bool, "Implicit TLS on the SMTP connection (port 465)."),
    Setting(
        "DEFAULT_FROM_EMAIL",
        "backpath@localhost",
        _text,
        "Sender address of notification emails.",
    ),
    Setting(
        "BEHIND_PROXY",
        "false",
        _bool,
        "Behind a TLS-terminating reverse proxy: trust X-Forwarded-Proto (HTTPS) and read the "
        "client's address from X-Forwarded-For, right to left, past the TRUSTED_PROXIES. "
        "Never set it otherwise.",
    ),
    Setting(
        "WEBHOOK_ALLOW_PRIVATE",
        "false",
        _bool,
        "Let webhooks be delivered to plain-HTTP, loopback and private-network addresses (a "
        "receiver inside the clinic's own network, or tests); off, only public HTTPS receivers.",
    ),
    Setting(
        "DEV_COMMANDS",
        "false",
        _bool,
        "Install the development-only management commands (`seed_bench`, benchmark data with a "
        "published password) even with DEBUG false; never in production.",
    ),
    Setting(
        "SSL_REDIRECT",
        "true",
        _bool,
        "With DEBUG false: redirect every plain-HTTP request to HTTPS (behind a proxy, as told by "
        "its X-Forwarded-Proto). Set false only where TLS cannot reach the app at all.",
    ),
    Setting(
        "HSTS_SECONDS",
        "31536000",
        _non_negative_int,
        "With DEBUG false: Strict-Transport-Security max-age, with includeSubDomains and preload "
        "(browsers then refuse plain HTTP to the site); 0 sends no such header.",
    ),
    Setting(
        "TRUSTED_PROXIES",
        "127.0.0.1/32,::1/128",
        _networks,
        "Comma-separated addresses or networks (CIDR) of your own proxies, used when "
        "BEHIND_PROXY is true: X-Forwarded-For hops from them are skipped, and the first hop "
        "that is not one of them is the client (sign-in lockouts and the audit trail use it).",
    ),
)


def load(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Parse every setting from ``environ`` (default ``os.environ``); refuse unsafe production."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name, setting.default)
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise ConfigError(f"{setting.name}: {exc}") from None
    if not values["DEBUG"]:
        _check_secret_key(values["SECRET_KEY"])
    values["DATABASE"] = database_config(values["DATABASE_URL"])
    values["WEBAUTHN_ORIGINS"] = webauthn_origins(
        values["WEBAUTHN_RP_ID"], values["WEBAUTHN_ORIGINS"]
    )
    if values["TASKS_BACKEND"] == "redis" and not values["REDIS_URL"]:
        raise ConfigError("TASKS_BACKEND: redis needs REDIS_URL (redis://host:port/db)")
    if values["EMAIL_USE_TLS"] and values["EMAIL_USE_SSL"]:
        raise ConfigError("EMAIL_USE_TLS: set EMAIL_USE_TLS or EMAIL_USE_SSL, not both")
    return values


MIN_SECRET_KEY_LENGTH = 50  # as Django's own deploy check (security.W009)
MIN_SECRET_KEY_CHARACTERS = 5


def _check_secret_key(key: str) -> None:
    """Production refuses the default, a short or a low-entropy secret key."""
    how = "set SECRET_KEY to a long random value (or DEBUG=true for development)"
    if key in (DEFAULT_SECRET_KEY, ""):
        problem = "refusing to start with the default secret key while DEBUG is false"
    elif len(key) < MIN_SECRET_KEY_LENGTH or key.startswith("django-insecure"):
        problem = f"refusing a key shorter than {MIN_SECRET_KEY_LENGTH} characters"
    elif len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        problem = f"refusing a key of fewer than {MIN_SECRET_KEY_CHARACTERS} distinct characters"
    else:
        return
    raise ConfigError(f"SECRET_KEY: {problem}; {how}")


def database_config(url: str, base: Path | None = None) -> dict[str, Any]:
    """A Django ``DATABASES['default']`` entry from a ``sqlite://`` or ``postgres://`` URL."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)[1:] if parts.path.startswith("/") else parts.path
        name = path or "backpath.sqlite3"
        if name != ":memory:" and not Path(name).is_absolute():
            name = str((base or Path.cwd()) / name)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000",
            },
        }
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ConfigError(
        f"DATABASE_URL: scheme {parts.scheme!r} is not supported; use sqlite or postgres"
    )
