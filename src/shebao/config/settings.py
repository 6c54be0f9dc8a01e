"""Django settings, all taken from the environment.

Variables (docs/operations.md lists them with examples):
  SHEBAO_SECRET_KEY          required
  SHEBAO_DATA_KEYS           required; AES-256-GCM keys, "kid:base64,..." (the first encrypts)
  SHEBAO_INDEX_KEY           required; HMAC key for blind indexes (base64)
  DATABASE_URL               default sqlite:///$SHEBAO_HOME/shebao.sqlite3
  CELERY_BROKER_URL          default filesystem:// spool under $SHEBAO_HOME/broker
  SHEBAO_CACHE_URL           shared rate-limit cache (redis://…); default $SHEBAO_HOME/cache
  TRAINING_DATABASE_URL      the staff training sandbox (培训模式); default
                             $SHEBAO_HOME/training.sqlite3 beside an SQLite default, or
                             <default name>_training on the same PostgreSQL server
  SHEBAO_DEBUG, SHEBAO_ALLOWED_HOSTS, SHEBAO_SECURE (HTTPS-only cookies, HSTS), SHEBAO_DEMO
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from shebao.training.dbconfig import training_database

from . import env

BASE_DIR = Path(__file__).resolve().parent.parent
HOME = env.home()

SECRET_KEY = env.required("SHEBAO_SECRET_KEY")
DEBUG = env.flag("SHEBAO_DEBUG")
DEMO = env.flag("SHEBAO_DEMO")
ALLOWED_HOSTS = env.listing("SHEBAO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env.listing("SHEBAO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",  # bundled Swagger UI for /api/docs (the CDN page has inline script the CSP refuses)
    # domain apps (no views): rules -> domain -> interfaces
    "shebao.pii",
    "shebao.standards",
    "shebao.regions",
    "shebao.accounts",
    "shebao.registry",
    "shebao.contributions",
    "shebao.benefits",
    "shebao.ledger",
    "shebao.messaging",
    "shebao.certificates",
    "shebao.workdays",
    "shebao.applications",
    "shebao.payments",
    "shebao.appointments",
    "shebao.transfers",
    "shebao.review",
    "shebao.security",
    "shebao.demo",
    # interfaces
    "shebao.training",
    "shebao.ops",
    "shebao.portal",
    "shebao.backoffice",
    "shebao.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "shebao.ops.security_headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shebao.ops.locale.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shebao.ops.request_guard.NulCharacterGuardMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shebao.security.middleware.FreezeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shebao.training.middleware.TrainingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shebao.config.urls"
WSGI_APPLICATION = "shebao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shebao.portal.display.display",
                "shebao.backoffice.context.staff_can",
                "shebao.training.context_processors.training",
            ],
        },
    }
]

HOME.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HOME / 'shebao.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Training mode (培训模式): the same code on a sandbox database (shebao/training).
DATABASES["training"] = training_database(DATABASES["default"], HOME)
DATABASE_ROUTERS = ["shebao.training.router.TrainingRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Rate-limit counters (shebao.ops.ratelimit) must be shared by every web process: files under
# $SHEBAO_HOME/cache on one machine; Redis when SHEBAO_CACHE_URL names one (several machines).
CACHE_URL = os.environ.get("SHEBAO_CACHE_URL", "").strip()
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(HOME / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "shebao.accounts.backends.ResidentIdBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "shebao.ops.passwords.StaffMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:sign-in"
LOGIN_REDIRECT_URL = "portal:home"

# Lockouts are keyed by the blind index of what was typed, never the ID number itself.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "shebao.accounts.lockout.opaque_username"
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# One client address for lockouts, rate limits and security monitoring (shebao/client_address.py):
# the number of reverse proxies in front that append to X-Forwarded-For (0: none, REMOTE_ADDR).
SHEBAO_TRUSTED_PROXIES = int(os.environ.get("SHEBAO_TRUSTED_PROXIES", "0") or 0)
AXES_CLIENT_IP_CALLABLE = "shebao.client_address.client_address"
# What axes must never store in its lockout records (it keeps POST data otherwise).
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "code",
    "phone",
    "new_phone",
    "resident_id",
    "new_password",
    "new_password_again",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(HOME / "media")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env.flag("SHEBAO_STATIC_FINDERS", DEBUG)

SECURE = env.flag("SHEBAO_SECURE", not DEMO and not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and env.flag("SHEBAO_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"

# Personal data at rest (shebao.pii).
SHEBAO_DATA_KEYS = env.required("SHEBAO_DATA_KEYS")
SHEBAO_INDEX_KEY = env.required("SHEBAO_INDEX_KEY")

# Text messages (SMS): the demo keeps them in an outbox readable on a demo-only page; production
# names a gateway sender class and its address and token.
SHEBAO_SMS_SENDER = os.environ.get("SHEBAO_SMS_SENDER", "shebao.messaging.senders.OutboxSender")
SHEBAO_SMS_GATEWAY_URL = os.environ.get("SHEBAO_SMS_GATEWAY_URL", "")
SHEBAO_SMS_GATEWAY_TOKEN = os.environ.get("SHEBAO_SMS_GATEWAY_TOKEN", "")
# Passkeys (WebAuthn): the relying-party ID; empty means the host in use (localhost in the demo).
SHEBAO_PASSKEY_RP_ID = os.environ.get("SHEBAO_PASSKEY_RP_ID", "")

# Background jobs. The embedded default is Celery's filesystem transport: no server needed.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or "filesystem://localhost//"
BROKER_SPOOL = HOME / "broker"
CELERY_BEAT_SCHEDULE_FILE = HOME / "celerybeat-schedule"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "shebao.ops.logging.RedactPersonalData"}},
    "formatters": {"json": {"()": "shebao.ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["no_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
