"""Test settings: only what tests need differs from production settings."""

import os
import tempfile

os.environ["DINSOS_ENV_FILE"] = ""  # a developer's .env (DJANGO_DEBUG, DATABASE_URL) stays out
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DINSOS_MEDIA_ROOT", tempfile.mkdtemp(prefix="dinsos-test-media-"))
# The test client's own host, as in production the public address of the deployment.
os.environ.setdefault("DINSOS_URL_PUBLIK", "http://testserver")
# Delivery reports' secrets (tests/notifikasi/penyedia_palsu.py signs with the same).
os.environ.setdefault("DINSOS_WA_VERIFY_TOKEN", "verifikasi-uji")
os.environ.setdefault("DINSOS_WA_APP_SECRET", "rahasia-aplikasi-uji")
os.environ.setdefault("DINSOS_WEBHOOK_KUNCI", "kunci-webhook-uji")

from dinsos.settings import *  # noqa: F403
from dinsos.settings import STORAGES

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False  # the test client speaks http
# Django's Client.login authenticates without a request, which django-axes refuses; the tests of
# login throttling turn it on themselves (tests/test_masuk.py).
AXES_ENABLED = False
# Tests log in with Client.login: two-step login is enforced only in the tests of it
# (tests/test_dua_langkah.py), as DINSOS_WAJIB_2FA is in production.
DINSOS_WAJIB_2FA = False
# Serve static files from the app folders without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# The step engine's own tests walk a subject of their own (tests/mesin_uji): not an application.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.mesin_uji"]  # noqa: F405
DINSOS_SEHAT_SIMPAN_DETIK = 0  # every health request checks afresh
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # SQLite's test databases (one per worker) are built from the models, as Django does with
    # MIGRATE off, instead of replaying every migration (minutes on two cores); the month totals'
    # triggers are put in after it, as after every migrate (layanan.dasbor.pemicu.pastikan).
    # PostgreSQL's test database (bin/test's second phase) is migrated, as production is.
    DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}  # noqa: F405
