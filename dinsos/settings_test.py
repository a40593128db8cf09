"""Test settings: only what tests need differs from production settings."""

import os
import tempfile

os.environ["DINSOS_ENV_FILE"] = ""  # a developer's .env (DJANGO_DEBUG, DATABASE_URL) stays out
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("DINSOS_MEDIA_ROOT", tempfile.mkdtemp(prefix="dinsos-test-media-"))

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
# Django's Client.login authenticates without a request, which django-axes refuses; the tests of
# login throttling turn it on themselves (tests/test_masuk.py).
AXES_ENABLED = False
# Serve static files from the app folders without a collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
