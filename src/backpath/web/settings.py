"""Django settings for backpath, read from the environment through :mod:`backpath.web.config`.

Nothing is configured by editing this file: every knob is a row of ``config.SETTINGS`` and is
documented in ``docs/settings.md``.
"""

from __future__ import annotations

from pathlib import Path

from backpath.web.config import load

_ENV = load()
BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY: str = _ENV["SECRET_KEY"]
AUDIT_HMAC_KEY: str = _ENV["AUDIT_HMAC_KEY"]
DEBUG: bool = _ENV["DEBUG"]
ALLOWED_HOSTS: list[str] = _ENV["ALLOWED_HOSTS"]
CSRF_TRUSTED_ORIGINS: list[str] = _ENV["CSRF_TRUSTED_ORIGINS"]
DATABASES = {"default": _ENV["DATABASE"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "backpath.web.clinics",
    "backpath.web.audit",
    "backpath.web.patients",
    "backpath.web.assessments",
    "backpath.web.plans",
    "backpath.web.followups",
    "backpath.web.programmes",
    "backpath.web.questionnaires",
    "backpath.web.exercises",
    "backpath.web.drafts",
    "backpath.web.analytics",
    "backpath.web.camera",
    "ninja",  # its Swagger UI from our static files, not a CDN
    "backpath.web.api",
    "django_tasks",
    "django_tasks_db",
    "backpath.web.jobs",
    "backpath.web.inbox",
    "backpath.web.reminders",
    "backpath.web.demo",
]
DEV_COMMANDS: bool = _ENV["DEV_COMMANDS"] or DEBUG
if DEV_COMMANDS:  # seed_bench and friends: never installed in production
    INSTALLED_APPS.append("backpath.web.demo.bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backpath.web.clinics.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "backpath.web.clinics.middleware.NoStoreMiddleware",
    "backpath.web.clinics.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "backpath.web.clinics.middleware.IdleTimeoutMiddleware",
    "backpath.web.clinics.middleware.MFARequiredMiddleware",
    "backpath.web.clinics.middleware.PasswordChangeRequiredMiddleware",
    "backpath.web.clinics.middleware.FriendlyNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "backpath.web.urls"
WSGI_APPLICATION = "backpath.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "backpath.web.clinics.context.clinic",
            ]
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "backpath.web.clinics.mfa_guard.UserCooloffBackend",
    "django.contrib.auth.backends.ModelBackend",
    "django_otp_webauthn.backends.WebAuthnBackend",  # sign-in with a passkey
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "backpath.web.clinics.passwords.GuessablePasswordValidator"},
]
OTP_TOTP_ISSUER = "backpath"
# Passkeys (django-otp-webauthn): bound to the site's domain; ceremonies only from its origins.
OTP_WEBAUTHN_RP_ID: str = _ENV["WEBAUTHN_RP_ID"]
OTP_WEBAUTHN_RP_NAME = "backpath"
OTP_WEBAUTHN_ALLOWED_ORIGINS: list[str] = _ENV["WEBAUTHN_ORIGINS"]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "patients:list"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT: int = _ENV["LOGIN_FAILURE_LIMIT"]
AXES_COOLOFF_TIME = _ENV["LOCKOUT_MINUTES"] / 60  # hours
# Locked per (user name, client address): guesses from one address never lock the user out
# everywhere, and failures during a lockout do not restart its cool-off.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "backpath.web.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "backpath/locked.html"
# Across addresses: USER_FAILURE_LIMIT failures for one user in a sliding window pause password
# sign-in for that user for a fixed time (clinics/mfa_guard.py; passkeys are not paused).
USER_FAILURE_LIMIT: int = _ENV["USER_FAILURE_LIMIT"]
USER_FAILURE_WINDOW_MINUTES: int = _ENV["USER_FAILURE_WINDOW_MINUTES"]
USER_COOLOFF_MINUTES: int = _ENV["USER_COOLOFF_MINUTES"]

SESSION_IDLE_SECONDS: int = _ENV["SESSION_IDLE_SECONDS"]
SESSION_COOKIE_AGE = 12 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT: bool = _ENV["SSL_REDIRECT"] and not DEBUG
SECURE_HSTS_SECONDS: int = 0 if DEBUG else _ENV["HSTS_SECONDS"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

BEHIND_PROXY: bool = _ENV["BEHIND_PROXY"]
TRUSTED_PROXIES: list[str] = _ENV["TRUSTED_PROXIES"]
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

HEP_LINK_DAYS: int = _ENV["HEP_LINK_DAYS"]
LINK_POSTS_PER_HOUR: int = _ENV["LINK_POSTS_PER_HOUR"]
WEBHOOK_ALLOW_PRIVATE: bool = _ENV["WEBHOOK_ALLOW_PRIVATE"]
PAGE_SIZE: int = _ENV["PAGE_SIZE"]

# Background jobs: Django's tasks framework (the django-tasks backport). The database backend
# needs no extra server; Redis (RQ, through django-rq) for several servers; see docs/settings.md.
TASKS_BACKEND_KIND: str = _ENV["TASKS_BACKEND"]
REDIS_URL: str = _ENV["REDIS_URL"]
TASKS_WORKERS: int = _ENV["TASKS_WORKERS"]
TASKS_WORKER_NICE: int = _ENV["TASKS_WORKER_NICE"]
TASKS_POLL_SECONDS: float = _ENV["TASKS_POLL_SECONDS"]
JOB_ATTEMPTS: int = _ENV["JOB_ATTEMPTS"]
JOB_RETRY_SECONDS: float = _ENV["JOB_RETRY_SECONDS"]
PDF_WAIT_SECONDS: float = _ENV["PDF_WAIT_SECONDS"]
ESCALATION_CHECK_SECONDS: float = _ENV["ESCALATION_CHECK_SECONDS"]
REMINDER_CHECK_SECONDS: float = _ENV["REMINDER_CHECK_SECONDS"]
REMINDER_LATE_SECONDS: float = _ENV["REMINDER_LATE_SECONDS"]
REMINDER_SMS_BACKEND: str = _ENV["REMINDER_SMS_BACKEND"]
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "redis": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND_KIND],
        "QUEUES": ["default"],
    }
}
if TASKS_BACKEND_KIND == "redis":
    INSTALLED_APPS.append("django_rq")
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}
# Drawn PDFs are shared between the server and the worker processes: a database cache table
# (``createcachetable``, run by ``backpath serve`` and the test runner).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "backpath_shared_cache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

SITE_URL: str = _ENV["SITE_URL"].rstrip("/")
EMERGENCY_NUMBER: str = _ENV["EMERGENCY_NUMBER"]
EMAIL_HOST: str = _ENV["EMAIL_HOST"]
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT: int = _ENV["EMAIL_PORT"]
EMAIL_HOST_USER: str = _ENV["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD: str = _ENV["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS: bool = _ENV["EMAIL_USE_TLS"]
EMAIL_USE_SSL: bool = _ENV["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL: str = _ENV["DEFAULT_FROM_EMAIL"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE: str = _ENV["TIME_ZONE"]
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(_ENV["STATIC_ROOT"]).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"link_tokens": {"()": "backpath.web.programmes.redact.RedactLinkTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["link_tokens"]}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}
