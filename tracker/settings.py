"""Settings for Skin Change Tracker, driven by environment variables.

With no variables set it refuses to start unless DEBUG is on; `make run` turns DEBUG on for the
local demo. Every variable is listed in the README.
"""

import json
from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tracker.env import env, env_bool, env_int, env_list, env_secret

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret(
    "SECRET_KEY", debug=DEBUG, debug_default="insecure-local-demo-key-do-not-deploy"
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names this site answers to, separated by commas."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "tracker",
    "education",
    "monitoring",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    # Second factor (README: Security): authenticator apps (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # The client's address behind TRUSTED_PROXY_COUNT reverse proxies, before anyone reads it.
    "tracker.security.proxies.TrustedProxyMiddleware",
    # First: a request id for every log line, and one line per request (no query strings).
    "tracker.request_log.RequestLogMiddleware",
    # Privacy headers (outside whitenoise: static files too); NUL bytes or over-long values: 400.
    "tracker.security.headers.PrivacyHeadersMiddleware",
    "tracker.security.hostile_input.HostileInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every view is private unless it is marked public on purpose (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout, and the rows behind "where you are logged in".
    "tracker.security.sessions.SessionActivityMiddleware",
    # Clinicians and staff (and patients who turned it on) prove a second factor before anything.
    "tracker.security.two_factor.SecondFactorMiddleware",
    # Wrong passwords per address, per account and overall (django-axes below: per both).
    "tracker.security.rate_limits.LoginThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Login throttling; django-axes asks to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

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
            ],
        },
    },
]

# SQLite with no configuration; DATABASE_URL (postgres://...) switches to PostgreSQL.
DATA_DIR = Path(env("DATA_DIR", str(BASE_DIR / "var")))
if env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            # The server and the worker write to one file: take the write lock when a
            # transaction starts, and wait for it rather than fail with "database is locked".
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "tracker.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # ASVS 4.0.3 V2.1.1
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account from
# one address, that pair waits LOGIN_COOLOFF_MINUTES. Keyed on both, so a stranger elsewhere
# cannot lock a patient out of their own record.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "tracker.throttle.login_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Beyond axes (tracker/security/rate_limits.py): per address, per account, over the whole site.
LOGIN_ADDRESS_LIMIT = env_int("LOGIN_ADDRESS_LIMIT", 30)
LOGIN_ACCOUNT_LIMIT = env_int("LOGIN_ACCOUNT_LIMIT", 20)
LOGIN_GLOBAL_LIMIT_PER_MINUTE = env_int("LOGIN_GLOBAL_LIMIT_PER_MINUTE", 300)
# Other actions: (how many, in how many seconds), per address or per account.
RATE_LIMITS = {
    "signup": (env_int("SIGNUP_LIMIT_PER_HOUR", 10), 60 * 60),
    "password_reset": (env_int("PASSWORD_RESET_LIMIT_PER_HOUR", 10), 60 * 60),
    "invitation": (env_int("INVITATION_LIMIT_PER_DAY", 20), 24 * 60 * 60),
    "upload": (env_int("UPLOAD_LIMIT_PER_HOUR", 120), 60 * 60),
}
# Reverse proxies before the app, each appending to X-Forwarded-For (0: the header is ignored).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
]

# Uploaded photos live in private storage: there is no MEDIA_URL, and every file is served by a
# view that checks access first.
# With S3_BUCKET set they go to an S3-compatible bucket instead (tracker/storage.py): objects
# private (no ACL: the bucket's own private default), encrypted at rest, never given a URL.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
S3_BUCKET = env("S3_BUCKET")


def s3_storage_options():
    return {
        "bucket_name": env("S3_BUCKET"),
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        # Unset: boto3 finds credentials itself (instance role, AWS_* variables, profile).
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env("S3_ADDRESSING_STYLE") or None,
        "default_acl": None,
        "querystring_auth": True,  # irrelevant: url() refuses, no URL is ever built
        "file_overwrite": False,  # never replace a stored photo
        "object_parameters": {"ServerSideEncryption": env("S3_SERVER_SIDE_ENCRYPTION", "AES256")},
    }


SERIALIZATION_MODULES = {"jsonl": "tracker.exact_jsonl"}  # backups keep microseconds
STORAGES = {
    "default": (
        {"BACKEND": "tracker.storage.PrivateS3Storage", "OPTIONS": s3_storage_options()}
        if S3_BUCKET
        else {
            "BACKEND": "tracker.storage.PrivateFileStorage",
            # Readable by the app's own user only.
            "OPTIONS": {
                "location": MEDIA_ROOT,
                "base_url": None,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# In DEBUG (local demo) whitenoise serves straight from the app and package folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: the console by default; SMTP when EMAIL_HOST is set.
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Skin Change Tracker <no-reply@localhost>")

# The throttles' counts: this process's memory, or Redis shared by all processes (REDIS_URL).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if (REDIS_URL := env("REDIS_URL"))
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Background work: django-tasks with its database backend (no extra server); `manage.py
# run_worker` runs the tasks and the schedule (README: Background work).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A failed send is tried again after 1, 5, 25, 125 minutes (then given up and logged).
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)
MAIL_RETRY_MINUTES = env_int("MAIL_RETRY_MINUTES", 1)
# Local hours (TIME_ZONE) at which the worker runs the daily rules and the clinicians' digest.
DAILY_RULES_HOUR = env_int("DAILY_RULES_HOUR", 2)
DIGEST_HOUR = env_int("DIGEST_HOUR", 8)
# Triage and the admin warn when the daily rules have not succeeded for this long.
RULES_STALE_HOURS = env_int("RULES_STALE_HOURS", 36)
# While an area has an open concern, reminders come at least this often (days): "weekly for an
# area under watch" (issue 15).
WATCH_EVERY_DAYS = env_int("WATCH_EVERY_DAYS", 7)
# A missed reminder is nudged once, this many days later.
REMINDER_NUDGE_DAYS = env_int("REMINDER_NUDGE_DAYS", 3)
# Days before the next appointment (in the profile) that the patient is reminded to prepare.
VISIT_REMINDER_DAYS = env_int("VISIT_REMINDER_DAYS", 2)
# Web Push reminders to the installed app: on only when both keys are set (`manage.py
# make_vapid_keys` prints a pair). VAPID_SUBJECT is how a push service can reach you.
VAPID_PUBLIC_KEY = env("VAPID_PUBLIC_KEY")
VAPID_PRIVATE_KEY = env("VAPID_PRIVATE_KEY")
VAPID_SUBJECT = env("VAPID_SUBJECT")
if bool(VAPID_PUBLIC_KEY) != bool(VAPID_PRIVATE_KEY) or (VAPID_PUBLIC_KEY and not VAPID_SUBJECT):
    raise ImproperlyConfigured(
        "Web Push needs VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT (mailto:you@...) "
        "together; leave all three empty to turn it off."
    )

# Cookies and transport. Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=true.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
# Idle timeout, shorter for clinicians and staff who reach many records (ASVS 4.0.3 V3.3.2).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_IDLE_MINUTES_CLINICIAN = env_int("SESSION_IDLE_MINUTES_CLINICIAN", 15)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers often probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"

# Second factor (django-otp): the name authenticator apps show; recovery codes (each works once).
OTP_TOTP_ISSUER = env("OTP_ISSUER", "Skin Change Tracker")
RECOVERY_CODES = 10
# Passkeys (django-otp-webauthn), a second step only; on https or http://localhost (the demo).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
PASSKEY_ORIGIN = SITE_URL.rstrip("/")
if not PASSKEY_ORIGIN.startswith(("https://", "http://localhost")):
    PASSKEY_ORIGIN = "http://localhost:8000"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [PASSKEY_ORIGIN]
OTP_WEBAUTHN_RP_ID = PASSKEY_ORIGIN.split("//", 1)[1].split(":")[0]

# The access log keeps its rows (pseudonymised once a person deletes their account) this many
# days; only rows older than that can be removed, by the database's own rule.
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 8 * 365)

# Content Security Policy (django-csp): only the app's own files; no inline scripts anywhere.
# Bootstrap's CSS draws a few icons as data: SVG images. The one inline <style> (the summary's
# page footer) carries a nonce. Responses that set their own policy (photos) keep it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # blob: previews of the photos chosen on the entry form, before they are sent.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"

# Logs hold no health data. One line per request (tracker/request_log.py: request id, method, URL
# pattern, status, duration; never a query string), as JSON lines or plain text (LOG_FORMAT).
LOG_FORMAT = env("LOG_FORMAT", "plain" if DEBUG else "json")
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tracker.log_format.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "tracker.log_format.JsonFormatter"},
        "plain": {"()": "tracker.log_format.PlainFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        # django-axes names the account in its warnings; an email address is personal data.
        "axes": {"level": "ERROR"},
        "tracker.requests": {"level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING"},
        # runserver's own lines carry query strings; the request lines above replace them.
        "django.server": {"level": "ERROR"},
    },
}

# Error reporting (optional): set SENTRY_DSN to send errors to Sentry, personal data off
# (tracker/error_reporting.py).
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from tracker import error_reporting

    error_reporting.init(
        SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT"), release=env("SENTRY_RELEASE")
    )

# /healthz: the worker's heartbeat is "stale" (and the answer 503) after this many minutes.
WORKER_STALE_MINUTES = env_int("WORKER_STALE_MINUTES", 5)

# Photo upload limits (see tracker/imaging.py).
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_MB", 25) * 1024 * 1024
PHOTO_MAX_PER_ENTRY = env_int("PHOTO_MAX_PER_ENTRY", 6)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_MEGAPIXELS", 50) * 1_000_000
# Photos kept across a validation error (tracker/staging.py) are deleted after this many hours.
STAGED_PHOTO_HOURS = env_int("STAGED_PHOTO_HOURS", 24)
# Django buffers the whole request before the view runs; allow a full entry of photos.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Monitoring rule thresholds: overrides of the defaults in monitoring/rules/thresholds.py, as a JSON
# object in the environment, e.g. MONITORING_THRESHOLDS='{"growth_mm": 3}'. README "Monitoring"
# lists them.
try:
    MONITORING_THRESHOLDS = json.loads(env("MONITORING_THRESHOLDS", "{}"))
except ValueError:
    raise ImproperlyConfigured("MONITORING_THRESHOLDS must be a JSON object.") from None

# Care team: how many days an invitation link works (single use either way).
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)
