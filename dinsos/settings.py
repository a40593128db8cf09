"""Settings of Layanan Dinsos; every deployment-specific value comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from dinsos.env import (
    SECRET_KEY_MISSING,
    env_bool,
    env_header,
    env_int,
    env_list,
    env_networks,
    env_str,
    env_url,
    read_env_file,
)
from dinsos.penyimpanan import penyimpanan_dari_env

BASE_DIR = Path(__file__).resolve().parent.parent
# Development settings in a .env beside manage.py (bin/run writes one), so a management command
# run on its own gets them too; DINSOS_ENV_FILE names another file ("" for none). The real
# environment always wins over the file.
read_env_file(os.environ.get("DINSOS_ENV_FILE", str(BASE_DIR / ".env")))

# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The demo/dev key only works with DEBUG on; production must set DJANGO_SECRET_KEY.
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY",
    default="dev-only-insecure-key-do-not-use-in-production" if DEBUG else None,
    missing=SECRET_KEY_MISSING,
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widget templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_bootstrap5",
    "template_partials",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Two-step login (TOTP apps, recovery codes) for signers and administrators: layanan.masuk.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "layanan",
]

MIDDLEWARE = [
    # Before everything: the request id every log line carries (layanan.operasi.jejak), then the
    # health endpoint, which a monitor reaches over plain http by the server's own address.
    "layanan.operasi.jejak.IdPermintaanMiddleware",
    "layanan.operasi.sehat.SehatMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after WhiteNoise (static files keep their caching), around everything else.
    "layanan.middleware.TanpaSimpanMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "layanan.middleware.BahasaMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, whose process_view is the first to read a request body.
    "layanan.middleware.BatasBadanMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "layanan.middleware.ZonaWaktuKantorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages (each says why it sent the user back to the login or the code page).
    "layanan.masuk.middleware.SesiDiamMiddleware",
    "layanan.masuk.middleware.DuaLangkahMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a refused login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dinsos.urls"
WSGI_APPLICATION = "dinsos.wsgi.application"
AUTH_USER_MODEL = "layanan.Pengguna"
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "layanan:setelah-masuk"  # each role lands on its own work
LOGOUT_REDIRECT_URL = "login"

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
                "django.template.context_processors.i18n",
                "layanan.context_processors.kantor",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database: SQLite by default, PostgreSQL (production, several offices) via DATABASE_URL
# ---------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes (an import, say).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif _kolam := env_int("DATABASE_POOL_MAX", 0, minimum=0):
    # Django 5.2's own pool (psycopg_pool), per process: each gunicorn worker and db_worker keeps
    # up to this many connections open and lends them out; persistent connections
    # (CONN_MAX_AGE) cannot be combined with it. docs/penyimpanan.md, "Database connections".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(env_int("DATABASE_POOL_MIN", 1, minimum=0), _kolam),
        "max_size": _kolam,
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every worker process (the public pages' rate limits count across them).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "dinsos_cache",
    }
}

# Background work (DTKS imports, large signing batches): django-tasks with its database backend; `manage.py db_worker`
# runs it (bin/run starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# ---------------------------------------------------------------------------
# Internationalisation: Indonesian UI, English can follow; UTC in the database,
# each office's own zone (WIB/WITA/WIT) on screen.
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"

# ---------------------------------------------------------------------------
# Static files and uploads
# ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic gathers the static files that WhiteNoise serves.
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Stored files (offices' logos in "default"; scans, evidence, DTKS exports, certificates, letters
# and reports in "pribadi") are never served by a URL: only views that check access hand one
# out, streamed (docs/penyimpanan.md). On this server's disk by default; in an S3-compatible
# bucket when DINSOS_S3_BUCKET is set, so any number of application servers share them.
MEDIA_ROOT = Path(env_str("DINSOS_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": penyimpanan_dari_env("", MEDIA_ROOT),
    "pribadi": penyimpanan_dari_env("pribadi", MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Widgets render with the project's templates, so templates/django/forms/widgets/ and
# templates/admin/widgets/ can give every file input our own words (partials/_pilih_berkas.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 8 * 60 * 60)  # one working day
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No CDN, no inline script: everything the browser runs comes from our own static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Behind a TLS proxy. The public address is the one every QR code and link in a document carries
# (never the request's Host header); when it is https, plain http is redirected to it.
DINSOS_URL_PUBLIK = env_url("DINSOS_URL_PUBLIK")
SECURE_SSL_REDIRECT = env_bool(
    "DJANGO_SSL_REDIRECT", default=not DEBUG and DINSOS_URL_PUBLIK.startswith("https://")
)
# HSTS is sent only over https, so it is safe on by default in production.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# The header our TLS proxy sets to "https" (e.g. X-Forwarded-Proto); the proxy must overwrite it.
if _header_tls := env_header("DJANGO_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (_header_tls, "https")

# Login throttling (django-axes): failures are counted per username AND client address, so one
# person's lockout never blocks colleagues behind the same office NAT, and guessing one
# account's password from one address stops after a few tries. Unlocking: in the admin.
AXES_FAILURE_LIMIT = env_int("DINSOS_MASUK_GAGAL_MAKS", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DINSOS_MASUK_KUNCI_MENIT", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "layanan.masuk.halaman_terkunci"
AXES_CLIENT_IP_CALLABLE = "layanan.permintaan.alamat_klien"
AXES_ENABLE_ADMIN = False  # registered on our own admin site, scoped per office
AXES_VERBOSE = False

# Sessions end after this long without a request (sliding; written at most once a minute), and
# in any case SESSION_COOKIE_AGE after login. Disabling an account or changing its roles ends
# all its sessions (layanan.masuk.sesi).
DINSOS_SESI_DIAM_MENIT = env_int("DINSOS_SESI_DIAM_MENIT", 30, minimum=1)

# Two-step login (django-otp, TOTP): when on, signers (whoever initials or signs a letter, or is
# an official) and administrators must set it up before they work; anyone who set it up is
# asked for a code at every login either way. On by default in production; off with DEBUG (the
# demo of bin/run), where it can still be set up from the account page (docs/keamanan.md).
DINSOS_WAJIB_2FA = env_bool("DINSOS_WAJIB_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env_str("DINSOS_2FA_PENERBIT", "Layanan Dinsos")

# Passwords (OWASP ASVS 2.1, NIST SP 800-63B): at least 12 characters, none from the list of
# common passwords, no forced rotation and no composition rules (docs/keamanan.md).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Log lines: JSON, one object a line, in production (DINSOS_LOG_JSON; plain text with debug), each
# with its request id; a NIK or a secret's value is masked whichever logger wrote it
# (layanan.operasi.jejak). One access line per request unless DINSOS_LOG_AKSES=0.
DINSOS_LOG_JSON = env_bool("DINSOS_LOG_JSON", default=not DEBUG)
DINSOS_LOG_AKSES = env_bool("DINSOS_LOG_AKSES", default=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "rahasia": {"()": "layanan.operasi.jejak.SaringRahasia"},
        "tanpa_detak": {"()": "layanan.operasi.jejak.TanpaDetak"},
    },
    "formatters": {
        "json": {"()": "layanan.operasi.jejak.FormatJson"},
        "teks": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["rahasia"],
            "formatter": "json" if DINSOS_LOG_JSON else "teks",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django_tasks": {"filters": ["tanpa_detak"]},
    },
}

# ---------------------------------------------------------------------------
# Layanan Dinsos
# ---------------------------------------------------------------------------
DINSOS_MAKS_UNGGAHAN_MB = env_int("DINSOS_MAKS_UNGGAHAN_MB", 5)  # per scan
# Width x height of an image scan, checked before it is decoded (a decompression bomb of a few
# hundred KB can unpack to gigabytes); a 300-dpi A3 scan is about 17 million pixels.
DINSOS_MAKS_PIKSEL_GAMBAR = env_int("DINSOS_MAKS_PIKSEL_GAMBAR", 40_000_000, minimum=1)
# Uploaded DTKS exports (every NIK of a region) are deleted this many days after their import
# ended, by `manage.py rapikan_impor_dtks` (daily); the imported rows stay.
DINSOS_RETENSI_IMPOR_HARI = env_int("DINSOS_RETENSI_IMPOR_HARI", 30, minimum=0)
# Retention of personal data (UU PDP; layanan.data_pribadi.retensi, run nightly by the worker):
# the scans of an application this many days after it finished (its letter and register stay),
# and the access logs (who read a citizen's data, successful logins) this many days old.
DINSOS_RETENSI_PINDAIAN_HARI = env_int("DINSOS_RETENSI_PINDAIAN_HARI", 365 * 2, minimum=1)
DINSOS_RETENSI_LOG_AKSES_HARI = env_int("DINSOS_RETENSI_LOG_AKSES_HARI", 365 * 2, minimum=1)
# The attachments of a complaint this many days after it was settled (its record, decision and
# answer stay: the register of complaints).
DINSOS_RETENSI_LAMPIRAN_PENGADUAN_HARI = env_int(
    "DINSOS_RETENSI_LAMPIRAN_PENGADUAN_HARI", 365 * 2, minimum=1
)
# The scans of an application from home returned as incomplete and never sent again, or whose
# contact was never confirmed, this many days after it was returned or made (layanan.daring).
DINSOS_RETENSI_DARING_HARI = env_int("DINSOS_RETENSI_DARING_HARI", 90, minimum=1)
# A batch of initials or signatures up to this many drafts runs in the request; a larger one in
# the background worker, followed on its progress page (layanan.surat.batch_latar).
DINSOS_BATCH_DALAM_PERMINTAAN = env_int("DINSOS_BATCH_DALAM_PERMINTAAN", 10, minimum=0)
# How long a queued batch's passphrase key waits in the cache for the worker, in seconds: past
# it, the batch fails without signing and asks for the passphrase again.
DINSOS_BATCH_KUNCI_DETIK = env_int("DINSOS_BATCH_KUNCI_DETIK", 300, minimum=10)
# The BSrE signing service addresses an office may choose (comma-separated base URLs): only these,
# so an office administrator cannot make the server call an internal address (layanan.models.bsre).
DINSOS_BSRE_ALAMAT = env_list("DINSOS_BSRE_ALAMAT", "")
# Public pages' rate limits (layanan.batas): per purpose, (requests, seconds) per client address.
DINSOS_BATAS_PERMINTAAN = {
    "status": (env_int("DINSOS_BATAS_STATUS_PER_MENIT", 10, minimum=1), 60),
    "verifikasi": (env_int("DINSOS_BATAS_VERIFIKASI_PER_MENIT", 20, minimum=1), 60),
    "pengaduan": (env_int("DINSOS_BATAS_PENGADUAN_PER_JAM", 5, minimum=1), 60 * 60),
    # An administrator's live letter preview (a PDF each pause in typing), per account.
    "pratinjau": (env_int("DINSOS_BATAS_PRATINJAU_PER_MENIT", 40, minimum=1), 60),
    # The satisfaction survey: a phone's answers and code look-ups per address, and a kiosk's
    # answers per kiosk (a person takes a minute or two to answer one).
    "ikm": (env_int("DINSOS_BATAS_IKM_PER_JAM", 20, minimum=1), 60 * 60),
    "ikm_kios": (env_int("DINSOS_BATAS_IKM_KIOS_PER_10_MENIT", 20, minimum=1), 10 * 60),
    # Applying from home: forms sent and scans kept per address, codes sent per phone/e-mail,
    # codes tried per address.
    "daring": (env_int("DINSOS_BATAS_DARING_PER_JAM", 30, minimum=1), 60 * 60),
    "daring_kontak": (env_int("DINSOS_BATAS_DARING_KONTAK_PER_JAM", 5, minimum=1), 60 * 60),
    "daring_kode": (env_int("DINSOS_BATAS_DARING_KODE_PER_10_MENIT", 10, minimum=1), 10 * 60),
}
# The largest request body (layanan.middleware.BatasBadanMiddleware): from someone not signed in
# per page ("" for every other page: a form), and from staff (scans, DTKS exports).
DINSOS_MAKS_BADAN_ANONIM = {
    "": env_int("DINSOS_MAKS_BADAN_ANONIM_KB", 64, minimum=1) * 1024,
    "layanan:verifikasi": env_int("DINSOS_MAKS_BADAN_VERIFIKASI_MB", 12, minimum=1) * 1024 * 1024,
    # The public complaint form carries a photo or PDF: room for one well over the scans' limit,
    # so an oversized photo gets the form's own message with everything typed kept, not a 413.
    "layanan:pengaduan-kirim": env_int("DINSOS_MAKS_BADAN_PENGADUAN_MB", 12, minimum=1)
    * 1024
    * 1024,
    # The online application's form: a few scans at once, each within DINSOS_MAKS_UNGGAHAN_MB.
    "layanan:daring-formulir": env_int("DINSOS_MAKS_BADAN_DARING_MB", 24, minimum=1) * 1024 * 1024,
}
DINSOS_MAKS_BADAN_STAF = env_int("DINSOS_MAKS_BADAN_STAF_MB", 256, minimum=1) * 1024 * 1024
# Reverse proxies of ours (addresses or CIDRs; `unix` for a local socket): only a connection from
# one of them may tell the client's address in X-Forwarded-For (layanan.permintaan.alamat_klien).
DINSOS_PROXY_TEPERCAYA = env_networks("DINSOS_PROXY_TEPERCAYA")

# ---------------------------------------------------------------------------
# Notifications (layanan.notifikasi): e-mail through any SMTP server. Without EMAIL_HOST the
# e-mail channel writes messages to the console (development).
# ---------------------------------------------------------------------------
EMAIL_HOST = env_str("DINSOS_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("DINSOS_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("DINSOS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DINSOS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DINSOS_EMAIL_STARTTLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("DINSOS_EMAIL_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = env_int("DINSOS_EMAIL_TIMEOUT_DETIK", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DINSOS_EMAIL_PENGIRIM", "layanan@localhost")
# A message whose provider stays down is tried this many times, further apart each time.
DINSOS_NOTIFIKASI_MAKS_PERCOBAAN = env_int("DINSOS_NOTIFIKASI_MAKS_PERCOBAAN", 8, minimum=1)
# Delivery reports (layanan.notifikasi.webhook). WhatsApp Cloud: the token typed in Meta's
# webhook settings, and the app secret Meta signs each report with (X-Hub-Signature-256).
# Fonnte, Wablas and SMS gateways sign nothing: their report address carries a per-office key
# derived from DINSOS_WEBHOOK_KUNCI. Without these, the reports are refused (403).
DINSOS_WA_VERIFY_TOKEN = env_str("DINSOS_WA_VERIFY_TOKEN", "")
DINSOS_WA_APP_SECRET = env_str("DINSOS_WA_APP_SECRET", "")
DINSOS_WEBHOOK_KUNCI = env_str("DINSOS_WEBHOOK_KUNCI", "")

# ---------------------------------------------------------------------------
# Production run (bin/produksi, docs/deploy.md): the health endpoint and the worker's heartbeat
# ---------------------------------------------------------------------------
# /sehat/ shows each check's detail only to `Authorization: Bearer <this>`; unset, to nobody.
DINSOS_SEHAT_TOKEN = env_str("DINSOS_SEHAT_TOKEN", "")
# The worker counts as stalled once its last heartbeat is older than this (a long DTKS import
# on the only worker delays the next beat: run two workers, or raise it).
DINSOS_SEHAT_PEKERJA_MAKS_DETIK = env_int("DINSOS_SEHAT_PEKERJA_MAKS_DETIK", 600, minimum=1)
DINSOS_SEHAT_DISK_MIN_MB = env_int("DINSOS_SEHAT_DISK_MIN_MB", 1024, minimum=0)
# A health result is reused this long per process, however often it is asked for.
DINSOS_SEHAT_SIMPAN_DETIK = env_int("DINSOS_SEHAT_SIMPAN_DETIK", 10, minimum=0)
# How often the worker beats (layanan.operasi.detak).
DINSOS_DETAK_DETIK = env_int("DINSOS_DETAK_DETIK", 60, minimum=1)
