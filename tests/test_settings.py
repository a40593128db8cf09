"""Settings read the environment through typed helpers that fail loudly."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from dinsos.env import env_bool, env_int, env_list, env_str


def test_bad_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("X_BOOL", "mungkin")
    monkeypatch.setenv("X_INT", "sepuluh")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)
    monkeypatch.delenv("X_MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured):
        env_str("X_MISSING")


def test_good_values_are_read(monkeypatch):
    monkeypatch.setenv("X_BOOL", "ya")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.id, b.id,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST") == ["a.id", "b.id"]


def test_indonesian_is_the_language_and_utc_is_stored(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert settings.USE_TZ is True


def test_a_negative_import_retention_stops_the_app():
    env = {**os.environ, "DINSOS_RETENSI_IMPOR_HARI": "-1", "DJANGO_SECRET_KEY": "x"}
    hasil = subprocess.run(
        [sys.executable, "-c", "import dinsos.settings"], env=env, capture_output=True, text=True
    )
    assert hasil.returncode != 0
    assert "DINSOS_RETENSI_IMPOR_HARI='-1' must be at least 0" in hasil.stderr
