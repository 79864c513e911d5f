"""Golden Thread settings.

Every value comes from the environment and has a default that works on a fresh machine:
SQLite, tasks run in-process, e-mail to the console. Set DATABASE_URL and CELERY_BROKER_URL
for PostgreSQL and Redis. DJANGO_ENV=production refuses to start without SECRET_KEY,
ALLOWED_HOSTS and SITE_URL, and turns on the deployment protections (`manage.py check
--deploy` is clean).
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = os.getenv("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = os.getenv("SECRET_KEY", "")
if PRODUCTION and not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. In production set SECRET_KEY to a long random value "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
if not SECRET_KEY:
    # Development only: a fixed key so sessions survive restarts of `make run`.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105  # nosec B105

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. In production list the host names this site answers to, "
        "comma-separated (e.g. ALLOWED_HOSTS=performance.example-council.gov.uk)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "plans",
    "indicators",
    "actions",
    "finance",
    "reporting",
    "dashboards",
    "people",
    "api",
]
if not PRODUCTION:
    # The benchmark and the load test: development, tests and CI only.
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",  # django-csp, PDFs left out
    # /healthz for the container's local probe: before the host check (CommonMiddleware),
    # and exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT).
    "core.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in pages and downloads are never kept by the browser or a proxy (shared PCs).
    "core.middleware.NoStoreWhenSignedInMiddleware",
    "core.middleware.NulInAddressMiddleware",  # a NUL in a GET value: 400, not a DB error
    # Every view needs a login unless it is marked @login_not_required (secure by default).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Partner organisations' staff open only the pages made for them (core.access).
    "core.middleware.PartnerScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # Figures, people and labels written one way everywhere (|figure, |person...).
            "builtins": ["indicators.templatetags.formatting"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# Default database engine is SQLite, so a fresh clone runs with nothing else installed.
if DATABASE_URL := os.getenv("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            # Reconnect after a database restart without restarting the app.
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.getenv("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Passwords (refused when OIDC_LOCAL_PASSWORDS is off and single sign-on is on).
    "core.sso.PasswordBackend",
    # Single sign-on through OpenID Connect; answers nothing until OIDC_* is configured.
    "core.sso.CouncilOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on through OpenID Connect (docs/sso.md). Off unless the client id and the
# provider's endpoints are all set; the demo and `make run` keep local passwords.
OIDC_RP_CLIENT_ID = os.getenv("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.getenv("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.getenv("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.getenv("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.getenv("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.getenv("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.getenv("OIDC_OP_LOGOUT_ENDPOINT", "")
_OIDC_REQUIRED = {
    "OIDC_RP_CLIENT_ID": OIDC_RP_CLIENT_ID,
    "OIDC_RP_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
    "OIDC_OP_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
    "OIDC_OP_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
    "OIDC_OP_USER_ENDPOINT": OIDC_OP_USER_ENDPOINT,
    "OIDC_OP_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
}
if any(_OIDC_REQUIRED.values()) and not all(_OIDC_REQUIRED.values()):
    _missing = ", ".join(name for name, value in _OIDC_REQUIRED.items() if not value)
    raise ImproperlyConfigured(f"Single sign-on is half configured: set {_missing} too.")
OIDC_RP_SIGN_ALGO = os.getenv("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.getenv("OIDC_RP_SCOPES", "openid email profile")
OIDC_EMAIL_CLAIM = os.getenv("OIDC_EMAIL_CLAIM", "email")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
# Match the token's signing key by its id ("kid"), as Entra ID, Google and Keycloak send it.
OIDC_VERIFY_KID = env_bool("OIDC_VERIFY_KID", True)
OIDC_PROVIDER_NAME = os.getenv("OIDC_PROVIDER_NAME", "your council account")
# Accounts for people not imported beforehand: off, so only known staff get in (with no role).
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
# With single sign-on on, whether the sign-in page still takes passwords.
OIDC_LOCAL_PASSWORDS = env_bool("OIDC_LOCAL_PASSWORDS", True)
# Whom a refused person should ask, shown on the refusal page.
OIDC_ACCESS_CONTACT = os.getenv(
    "OIDC_ACCESS_CONTACT", "the council's administrators of this site (the performance team)"
)
OIDC_STORE_ID_TOKEN = True  # kept for the provider's sign-out (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"

# Login throttling (django-axes): lock an account/IP pair after repeated failures.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic target; in development static files are served from the finders instead.
STATIC_ROOT = os.getenv("STATIC_ROOT") or (str(BASE_DIR / "staticfiles") if PRODUCTION else None)
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from npm at install time and is served as our own static file.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "media"))

# Uploads are bounded: spreadsheets of figures, never large files.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# Rows read from one spreadsheet upload or import (a year of every PI's monthly figures is
# about 3,600); reading stops there, so a huge file costs a bounded time and memory.
MAX_UPLOAD_ROWS = env_int("MAX_UPLOAD_ROWS", 5000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # a month's entry form for 600 PIs

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Inputs and text areas written in Python, the same markup as Django's widget templates.
FORM_RENDERER = "core.renderers.FastInputRenderer"

# The cache shared by every worker (assessments: indicators.cached). With CACHE_URL (or
# REDIS_URL) it is Redis, so all gunicorn workers share one copy; otherwise local memory per
# process, which is all the embedded (SQLite) mode needs. A Redis outage costs time, not
# pages: indicators.cached computes afresh when the cache does not answer.
CACHE_URL = os.getenv("CACHE_URL") or os.getenv("REDIS_URL") or ""
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "gt",
            # Fail within a second when Redis is unreachable rather than hold the page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// URL (or unset for local memory).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker configured, tasks run in-process (eagerly), so `make run` needs nothing.
CELERY_BROKER_URL = os.getenv("CELERY_BROKER_URL") or os.getenv("REDIS_URL") or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL.startswith("memory://")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.getenv("CELERY_RESULT_BACKEND") or (
    None if CELERY_TASK_ALWAYS_EAGER else CELERY_BROKER_URL
)
# Nobody reads most task results (packs and reminders record their outcome in the database),
# and a task that keeps its result makes queueing it wait on the result store: with Redis
# down that held a click for 20 s and then failed. Tasks whose results are read say so.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process holding more than this (KiB) after a task is replaced by a fresh one (a
# safety net: a layout gives its memory back, reporting.pdf; replacing a process costs about
# 2.5 s before its next task).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 450_000)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
# The soft limit lets a task record why it stopped before the hard limit kills it.
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - min(60, CELERY_TASK_TIME_LIMIT // 4)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A pack weighing more than this (reporting.assembly.report_weight, about 30 s of layout) is
# laid out in at most PACK_PARTS parts, a task each, on as many workers as there are.
PACK_PARTS_ABOVE = env_int("PACK_PARTS_ABOVE", 300_000)
PACK_PARTS = env_int("PACK_PARTS", 8)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message taken by a worker that disappears (killed, machine lost) goes back on the
    # queue after this long. It must exceed the time limit, or a slow task would run twice.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 2),
    # When Redis is down or unreachable, queueing fails within seconds instead of holding a
    # page until the operating system gives up on the connection.
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # The reporting cycle: generate what falls due, e-mail links, remind PI owners.
    "reporting-daily-cycle": {
        "task": "reporting.tasks.daily_cycle_task",
        "schedule": crontab(hour=6, minute=30),
    },
    # Submitted figures reach their verifiers as one e-mail a day, not one each.
    "reporting-verification-digest": {
        "task": "reporting.tasks.verification_digest_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Packs that could not be queued (broker down) or whose worker was lost go through.
    "reporting-recover-packs": {
        "task": "reporting.tasks.recover_packs_task",
        "schedule": env_int("PACK_RECOVERY_SECONDS", 60),
    },
    # Chasing reminders the queue could not take when they were asked for.
    "indicators-pending-reminders": {
        "task": "indicators.tasks.send_pending_reminders_task",
        "schedule": 300,
    },
    # E-mails of returned figures the queue could not take when the figure was returned.
    "indicators-pending-return-notices": {
        "task": "indicators.tasks.send_pending_return_notices_task",
        "schedule": 300,
    },
}

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "performance@example.invalid")
# The council's address for this site, for the links in e-mails and calendar feeds (which
# have no request to take it from): core.links.absolute_url joins it to a path.
SITE_URL = os.getenv("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "SITE_URL is not set. In production set SITE_URL to the address people use for this "
        "site, with its scheme (e.g. SITE_URL=https://performance.example-council.gov.uk); "
        "e-mails and calendar feeds link to it."
    )

# The password of the demo accounts made by `manage.py seed_demo` (local use only).
DEMO_PASSWORD = os.getenv("DEMO_PASSWORD", "golden-thread-demo")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Scripts and styles come from our own static files only: no inline script, no style
# attribute or <style> block (htmx's indicator styles are in app.css; see base.html).
# Bootstrap's CSS draws its icons (menu, select arrows, checks) from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container's probe speaks plain HTTP
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every layout step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The API (api/, docs/api.md): personal tokens, read-only unless made to submit figures,
# throttled per token; the signed-in session works too (browsable docs, CSRF enforced).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Forms are read too, only so that a forged cross-site form post meets the CSRF check
    # (403) rather than a parse error; figures come as JSON.
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_THROTTLE_RATE = os.getenv("API_THROTTLE_RATE", "600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Golden Thread API",
    "DESCRIPTION": "Read what the pages show and submit figures; see docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_links",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "plans.choices.PlanStatus",
        "ActionStatusEnum": "actions.choices.ActionStatus",
        "RiskStatusEnum": "actions.choices.RiskStatus",
        "PackStatusEnum": "reporting.choices.PackStatus",
    },
}
