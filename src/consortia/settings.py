"""One settings module, configured by environment variables.

Production needs only DATABASE_URL, SECRET_KEY and the e-mail settings; everything else has a
default that suits the demo. Each helper fails loudly on a value it cannot read.
"""

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.getenv(name, default).split(",") if part.strip()]


DATA_DIR = Path(os.getenv("CONSORTIA_DATA_DIR", Path.cwd() / "data")).resolve()


def read_or_create_secret_key() -> str:
    """The demo keeps a generated key in the data folder so sessions survive a restart."""
    if key := os.getenv("SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = read_or_create_secret_key()
DEBUG = envbool("DEBUG", "false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")
# Links in e-mails (reminders) are absolute: this is where people reach the site.
CONSORTIA_BASE_URL = os.getenv("CONSORTIA_BASE_URL", SITE_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    "consortia.accounts.orcid_login",
    "consortia.accounts",
    "consortia.audit",
    "consortia.directory",
    "consortia.onboarding",
    "consortia.staffing",
    "consortia.billing",
    "consortia.support",
    "consortia.integrations",
    "django_tasks",
    "django_tasks_db",
]

# Background work (daily reminders) runs through Django's task API on the database backend;
# `consortia worker` executes it. Several workers may run against PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The local hour (TIME_ZONE) at which the daily overdue-item reminders go out.
CONSORTIA_REMINDER_HOUR = envint("CONSORTIA_REMINDER_HOUR", "7")
if not 0 <= CONSORTIA_REMINDER_HOUR <= 23:
    raise ImproperlyConfigured(f"CONSORTIA_REMINDER_HOUR must be 0 to 23, not {CONSORTIA_REMINDER_HOUR}")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "consortia.accounts.middleware.RequireStaffTwoFactorMiddleware",
]

ROOT_URLCONF = "consortia.urls"
WSGI_APPLICATION = "consortia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortia.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{DATA_DIR / 'consortia.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "60"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; IMMEDIATE avoids "database is locked"
    # on write transactions that start with a read.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: e-mail is the sign-in name; accounts are created by consortium admins or by
# import, never by open sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "consortia.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "consortia.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Consortia"
# Staff roles must have two-factor sign-in when this is on (it is off in the demo so its
# printed passwords work straight away).
CONSORTIA_REQUIRE_STAFF_MFA = envbool("CONSORTIA_REQUIRE_STAFF_MFA", "false")

# ORCID: sandbox or production. The base URLs exist as settings so tests can point them at a
# fake server on 127.0.0.1.
ORCID_ENVIRONMENT = os.getenv("ORCID_ENVIRONMENT", "sandbox")
if ORCID_ENVIRONMENT not in {"sandbox", "production"}:
    raise ImproperlyConfigured(f"ORCID_ENVIRONMENT must be sandbox or production, not {ORCID_ENVIRONMENT!r}")
_ORCID_DOMAIN = "sandbox.orcid.org" if ORCID_ENVIRONMENT == "sandbox" else "orcid.org"
ORCID_BASE_URL = os.getenv("ORCID_BASE_URL", f"https://{_ORCID_DOMAIN}")
ORCID_PUBLIC_API_URL = os.getenv("ORCID_PUBLIC_API_URL", f"https://pub.{_ORCID_DOMAIN}/v3.0")
ORCID_API_TIMEOUT = envint("ORCID_API_TIMEOUT", "10")
ORCID_API_RETRIES = envint("ORCID_API_RETRIES", "3")
ORCID_CLIENT_ID = os.getenv("ORCID_CLIENT_ID", "")
ORCID_CLIENT_SECRET = os.getenv("ORCID_CLIENT_SECRET", "")
SOCIALACCOUNT_PROVIDERS = {
    "orcid": {
        "SCOPE": ["/authenticate"],
        **(
            {"APPS": [{"client_id": ORCID_CLIENT_ID, "secret": ORCID_CLIENT_SECRET, "key": ""}]}
            if ORCID_CLIENT_ID
            else {}
        ),
    }
}

EMAIL_BACKEND = os.getenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Consortia <consortia@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Lists show this many rows a page unless asked otherwise (and never more than the maximum).
PAGE_SIZE = 25
MAX_PAGE_SIZE = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# WhiteNoise serves from the app folders (USE_FINDERS) until collectstatic fills STATIC_ROOT;
# its warning about the empty folder is noise in the demo and the tests.
warnings.filterwarnings("ignore", message="No directory at")
