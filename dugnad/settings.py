"""Dugnad settings. Everything that differs between machines comes from the environment.

Variables (all optional in development):
  DEBUG                 "1"/"true" turns on debug; off by default (production-safe default).
  SECRET_KEY            required when DEBUG is off.
  ALLOWED_HOSTS         comma separated; default "127.0.0.1,localhost" in debug.
  DATABASE_URL          e.g. postgres://user@host:5432/dugnad; default SQLite in var/dugnad.sqlite3.
  DATABASE_PREPARE_THRESHOLD  PostgreSQL: runs of a statement on a connection before it is
                        prepared; 5 (empty: never, for a pooler that cannot keep them).
  REDIS_URL             cache, sessions and rate limits in Redis; default local memory cache.
                        Required with more than one worker process (check --deploy says so).
  PUBLIC_PAGE_CACHE_SECONDS  the longest an anonymous page is served from the cache; 300.
  PUBLIC_PAGE_MISS_LIMIT     misses one client address may cause a minute; 120 (0: off).
  PUBLIC_PAGE_LOCAL_BYTES    memory each worker keeps large public pages in; 16 MiB (0: off).
  MUNICIPALITY_MEMO_SECONDS  how long a worker keeps the host-to-municipality map; 10.
  EMAIL_URL-like parts  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
                        EMAIL_USE_TLS, DEFAULT_FROM_EMAIL; console backend when EMAIL_HOST is unset.
  SITE_URL              the public address, for links in emails.
  DEMO_MODE             "1" enables the demo logins and waives two-factor for demo staff.
  OIDC_*                OpenID Connect (ID-porten), off unless OIDC_CLIENT_ID is set.
  TASKS_BACKEND         "immediate" (default) or "database" (production, with a worker).
  MEDIA_ROOT            where uploads are kept; never under a public static path.
  TRUSTED_PROXIES       comma separated addresses or networks (CIDR) of our own reverse proxies;
                        only from these is X-Forwarded-For believed. Default: none.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
DEMO_MODE = env_bool("DEMO_MODE", default=DEBUG)
TESTING = env_bool("DUGNAD_TESTING") or "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-" + "x" * 40

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG or TESTING else ""
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first: their templates (allauth layout overrides) and translations win.
    "dugnad.core.apps.CoreConfig",
    "dugnad.accounts.apps.AccountsConfig",
    "dugnad.organisations.apps.OrganisationsConfig",
    "dugnad.activities.apps.ActivitiesConfig",
    "dugnad.premises.apps.PremisesConfig",
    "dugnad.grants.apps.GrantsConfig",
    "dugnad.volunteering.apps.VolunteeringConfig",
    "dugnad.culture_school.apps.CultureSchoolConfig",
    "dugnad.initiatives.apps.InitiativesConfig",
    "dugnad.plans.apps.PlansConfig",
    "dugnad.talent.apps.TalentConfig",
    "dugnad.participation.apps.ParticipationConfig",
    "dugnad.core.admin_site.DugnadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ninja",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dugnad.core.middleware.MunicipalityMiddleware",
    "dugnad.core.middleware.AccessMiddleware",
    "dugnad.core.middleware.ParameterMiddleware",
    "dugnad.core.middleware.NotAllowedMiddleware",
    "dugnad.core.privacy.PersonalDataAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "dugnad.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "dugnad.core.submit.SubmitOnceMiddleware",
]

ROOT_URLCONF = "dugnad.urls"
WSGI_APPLICATION = "dugnad.wsgi.application"
ASGI_APPLICATION = "dugnad.asgi.application"

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
                "dugnad.core.context_processors.site",
            ],
            # {% submit_once %} in every form that writes, without a {% load %}.
            "builtins": ["dugnad.core.submit"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'dugnad.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so check-then-insert
    # actions (bookings, sign-ups) cannot interleave on SQLite; WAL lets readers go on.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL and a statement run five times on a connection is
    # prepared: PostgreSQL then plans it once, not on every run. Planning the calendar's
    # seven-table query took 2 ms against 0.7 ms to run it (docs/performance.md). A pooler in
    # transaction mode that cannot keep prepared statements needs DATABASE_PREPARE_THRESHOLD
    # set empty.
    threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": int(threshold) if threshold else None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dugnad",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Opening the link in the same browser logs the person in and returns them to the page they
# came from (the `next` they signed up with), not to the login page.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Dugnad] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The login policy (dugnad/accounts/login_policy.py): the client address and the lock-out key
# that the web login and the API token share.
ACCOUNT_ADAPTER = "dugnad.accounts.login_policy.LoginPolicyAccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dugnad"
# Municipal staff must enrol TOTP in production; the demo (and the test suite) waive it.
DUGNAD_REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", default=not (DEMO_MODE or TESTING))

SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "idporten"),
                "name": os.environ.get("OIDC_NAME", "ID-porten"),
                "client_id": OIDC_CLIENT_ID,
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ.get("OIDC_SERVER_URL", ""),
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_post"
                    ),
                    "scope": env_list("OIDC_SCOPES", "openid,profile"),
                },
            }
        ]
    }

# The client's address for rate limits (login_policy.client_ip): REMOTE_ADDR, unless the peer is
# one of these proxies. allauth's ALLAUTH_TRUSTED_PROXY_COUNT stays 0: its adapter asks our
# function instead. django-ninja's own NUM_PROXIES is 0 so that no throttle reads the raw header.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
NINJA_NUM_PROXIES = 0

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
# Scripts that are right-to-left are added here with their catalogues (Arabic later).
LOCALE_PATHS = [BASE_DIR / "dugnad" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    (
        "vendor/designsystemet",
        BASE_DIR / "node_modules" / "@digdir" / "designsystemet-css" / "dist",
    ),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads live outside the static tree and are served through views that check rights.
# Outside production, WhiteNoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email ----------------------------------------------------------------------------------
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    # In demo mode the site keeps what it sends and shows it at /demo/epost/ (core.mail).
    EMAIL_BACKEND = (
        "dugnad.core.mail.DemoMailboxBackend"
        if DEMO_MODE
        else "django.core.mail.backends.console.EmailBackend"
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dugnad <ikke-svar@dugnad.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if os.environ.get("TASKS_BACKEND") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Dugnad ---------------------------------------------------------------------------------
# Absolute links in emails (invitations, receipts, cancel links) start with this.
DUGNAD_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Participants' personal data is anonymised this many days after an event.
DUGNAD_SIGNUP_RETENTION_DAYS = int(os.environ.get("SIGNUP_RETENTION_DAYS", "90"))
# How long an anonymous visitor's public page may be served from the cache at most. Changes to
# the data empty it at once (dugnad/core/caching.py); the limit is for what the clock changes:
# a sign-up that opens, an event that has passed. 0 turns the page cache off. Off in tests,
# where on_commit callbacks do not run: tests of the cache turn it on themselves.
PUBLIC_PAGE_CACHE_SECONDS = int(
    os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "0" if TESTING else "300")
)
# Pages at least this large (the full calendar feed) are also kept in each worker's memory, up
# to PUBLIC_PAGE_LOCAL_BYTES in all: a hit then reads only the data's versions from the cache.
PUBLIC_PAGE_LOCAL_MIN_BYTES = int(os.environ.get("PUBLIC_PAGE_LOCAL_MIN_BYTES", str(64 * 1024)))
PUBLIC_PAGE_LOCAL_BYTES = int(os.environ.get("PUBLIC_PAGE_LOCAL_BYTES", str(16 * 1024 * 1024)))
# How many uncached public pages (misses: the expensive renders) one client address may cause per
# minute before it gets the previous copy or 429 with Retry-After; hits are never limited. 0 is
# no limit (tests, and the benchmark's miss phases, which come from one address on purpose).
PUBLIC_PAGE_MISS_LIMIT = int(os.environ.get("PUBLIC_PAGE_MISS_LIMIT", "0" if TESTING else "120"))
# How long a worker keeps the map of host names to municipalities in its own memory (a change
# reaches other workers within this many seconds; core.queries.municipality_for_host).
MUNICIPALITY_MEMO_SECONDS = int(
    os.environ.get("MUNICIPALITY_MEMO_SECONDS", "0" if TESTING else "10")
)
# Volunteering: value of an hour for the annual report (øre), how long a police certificate
# record is valid, and how late before a shift a volunteer may drop or swap it.
VOLUNTEERING_HOURLY_VALUE_ORE = int(os.environ.get("VOLUNTEERING_HOURLY_VALUE_ORE", "50000"))
VOLUNTEERING_CERTIFICATE_VALID_DAYS = int(
    os.environ.get("VOLUNTEERING_CERTIFICATE_VALID_DAYS", "1095")
)
VOLUNTEERING_DROP_DEADLINE_HOURS = int(os.environ.get("VOLUNTEERING_DROP_DEADLINE_HOURS", "24"))
DUGNAD_MUNICIPALITY_NUMBER = os.environ.get("MUNICIPALITY_NUMBER", "3218")
# The right-hand side of iCalendar UIDs (core.ical.uid_domain); empty: "<number>.dugnad".
DUGNAD_ICAL_UID_DOMAIN = os.environ.get("ICAL_UID_DOMAIN", "")
FORM_RENDERER = "dugnad.core.forms.DesignSystemRenderer"
DUGNAD_PAGE_SIZE = 20
# Every API list pages with core.api.Pagination: limit 1-100 (default 20) and offset.
NINJA_PAGINATION_CLASS = "dugnad.core.api.Pagination"
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100
