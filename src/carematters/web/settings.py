"""Django settings for the carematters web app, every value from the environment.

Documented in docs/web.md. Production needs CAREMATTERS_SECRET_KEY (or _FILE) and
CAREMATTERS_ALLOWED_HOSTS; the demo command sets its own safe-for-a-laptop values.
"""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from carematters.web.env import (
    database_from_url,
    envbool,
    envint,
    envlist,
    envsecret,
    envstr,
)

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parents[2]

DEBUG = envbool("CAREMATTERS_DEBUG", False)
SECRET_KEY = envsecret("CAREMATTERS_SECRET_KEY", "insecure-dev-only-key" if DEBUG else None)
# Keyed hash for analysts' pseudonymised extracts (DSPT: the key lives outside the database).
PSEUDONYM_KEY = envsecret("CAREMATTERS_PSEUDONYM_KEY", SECRET_KEY)
ALLOWED_HOSTS = envlist("CAREMATTERS_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "carematters.web.accounts",
    "carematters.web.children",
    "carematters.web.grip",
    "carematters.web.planning",
    "carematters.web.performance",
    "carematters.web.voice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "carematters.web.accounts.middleware.AuditContextMiddleware",
    "carematters.web.accounts.middleware.LoginRequiredMiddleware",
    "carematters.web.accounts.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carematters.web.urls"
WSGI_APPLICATION = "carematters.web.wsgi.application"

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
                "csp.context_processors.nonce",
                "carematters.web.accounts.context.site",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": database_from_url(
        envstr("DATABASE_URL", f"sqlite:///{REPO_DIR / 'carematters.sqlite3'}"),
        BASE_DIR,
    )
}
# Keep database connections between requests (a new PostgreSQL connection per page costs more
# than the page's queries); checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = envint("CAREMATTERS_DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "carematters.web.accounts.backends.UserWithAuthorityBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# ASVS 6.2.1/6.2.9: at least 12 characters, long passphrases allowed; no forced rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Staff must prove a second factor (TOTP) before seeing anything (ASVS 6.3.3). The demo switches
# this off so that people can click around without an authenticator app.
REQUIRE_OTP = envbool("CAREMATTERS_REQUIRE_OTP", True)
OTP_TOTP_ISSUER = envstr("CAREMATTERS_AUTHORITY_NAME", "carematters")

# django-axes: lock a username from an address after 5 failures for 30 minutes (ASVS 6.3.1).
AXES_FAILURE_LIMIT = envint("CAREMATTERS_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Sessions: 30 minutes idle, 10 hours absolute (ASVS 7.3.1/7.3.2), in the database so that an
# administrator can end them.
SESSION_COOKIE_AGE = envint("CAREMATTERS_SESSION_IDLE_SECONDS", 30 * 60)
# The idle expiry moves on at most once a minute (LoginRequiredMiddleware), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = envint("CAREMATTERS_SESSION_REFRESH_SECONDS", 60)
SESSION_ABSOLUTE_SECONDS = envint("CAREMATTERS_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Cookies: Secure, HttpOnly, SameSite and the __Host- prefix (ASVS 3.3). The demo serves plain
# HTTP on the loopback address and turns SECURE_COOKIES off.
SECURE_COOKIES = envbool("CAREMATTERS_SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-session" if SECURE_COOKIES else "session"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = envlist("CAREMATTERS_CSRF_TRUSTED_ORIGINS", [])

SECURE_SSL_REDIRECT = envbool("CAREMATTERS_SSL_REDIRECT", SECURE_COOKIES)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("CAREMATTERS_HSTS_SECONDS", 31536000 if SECURE_COOKIES else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
# Preloading HSTS binds the council's whole domain; that is the council's decision, not ours.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("CAREMATTERS_BEHIND_PROXY", False) else None
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("CAREMATTERS_STATIC_ROOT", str(REPO_DIR / "out" / "static")))
NODE_MODULES = Path(envstr("CAREMATTERS_NODE_MODULES", str(REPO_DIR / "node_modules")))
STATICFILES_DIRS = [
    ("govuk-frontend", NODE_MODULES / "govuk-frontend"),
    ("build", BASE_DIR / "static_build"),
]
# Hashed, immutable file names; a template naming a missing asset fails loudly (web.md §3.5).
STATIC_MANIFEST = envbool("CAREMATTERS_STATIC_MANIFEST", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

AUTHORITY_NAME = envstr("CAREMATTERS_AUTHORITY_NAME", "")
SERVICE_NAME = "Children in care"
# Published tables suppress counts of 1 to 5 (DESIGN.md, DfE convention "c").
SUPPRESS_AT_OR_BELOW = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "carematters.audit": {
            "handlers": ["console"], "level": envstr("CAREMATTERS_AUDIT_LOG_LEVEL", "INFO"),
        },
        "django": {"handlers": ["console"], "level": envstr("CAREMATTERS_LOG_LEVEL", "WARNING")},
    },
}
