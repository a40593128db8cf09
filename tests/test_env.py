"""A development .env read at start-up, under the real environment; the missing key says what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dinsos.env import SECRET_KEY_MISSING, read_env_file

AKAR = Path(__file__).resolve().parents[1]
CETAK = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.DINSOS_MAKS_UNGGAHAN_MB, s.DINSOS_RETENSI_IMPOR_HARI, s.LANGUAGE_CODE)"
)


def _settings_di(proyek: Path, **tambahan: str) -> subprocess.CompletedProcess:
    """Load dinsos.settings from a copy of the project package in `proyek` (so BASE_DIR is
    there), with nothing of the developer's shell that a .env could set."""
    shutil.copytree(
        AKAR / "dinsos", proyek / "dinsos", ignore=shutil.ignore_patterns("__pycache__")
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DINSOS_", "DATABASE"))
    }
    env.update(DJANGO_SETTINGS_MODULE="dinsos.settings", **tambahan)
    return subprocess.run(
        [sys.executable, "-c", CETAK], cwd=proyek, env=env, capture_output=True, text=True
    )


def test_the_settings_read_dot_env_beside_manage_py_without_overriding_the_environment(tmp_path):
    (tmp_path / ".env").write_text(
        "# development\n"
        "\n"
        "DJANGO_DEBUG=1\n"
        "export DINSOS_MAKS_UNGGAHAN_MB = 7\n"
        "DINSOS_RETENSI_IMPOR_HARI='3'\n"
    )
    hasil = _settings_di(tmp_path, DINSOS_MAKS_UNGGAHAN_MB="9")
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split() == ["True", "9", "3", "id"]  # the environment wins


def test_without_a_secret_key_the_error_says_how_to_get_a_development_setup(tmp_path):
    hasil = _settings_di(tmp_path)
    assert hasil.returncode != 0
    assert SECRET_KEY_MISSING in hasil.stderr


def test_the_missing_key_message_names_the_variable_the_dot_env_and_the_readme():
    assert "set DJANGO_SECRET_KEY" in SECRET_KEY_MISSING
    assert "DJANGO_DEBUG=1 in .env" in SECRET_KEY_MISSING
    assert "README" in SECRET_KEY_MISSING


def test_dinsos_env_file_names_another_file_or_none(tmp_path):
    lain = tmp_path / "dinsos.env"
    lain.write_text("DJANGO_DEBUG=1\n")
    (tmp_path / ".env").write_text("DJANGO_DEBUG=0\nDJANGO_SECRET_KEY=x\n")
    hasil = _settings_di(tmp_path / "a", DINSOS_ENV_FILE=str(lain))
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.split()[0] == "True"
    hasil = _settings_di(tmp_path / "b", DINSOS_ENV_FILE="")
    assert SECRET_KEY_MISSING in hasil.stderr


def test_a_malformed_line_stops_without_showing_its_value_and_sets_nothing(tmp_path):
    berkas = tmp_path / ".env"
    berkas.write_text("DINSOS_UJI_ENV=1\nDJANGO_SECRET_KEY rahasia-sekali\n")
    with pytest.raises(ImproperlyConfigured, match="line 2") as galat:
        read_env_file(str(berkas))
    assert "rahasia" not in str(galat.value)
    assert "DINSOS_UJI_ENV" not in os.environ


def test_tests_never_read_a_developers_dot_env():
    assert os.environ["DINSOS_ENV_FILE"] == ""  # dinsos/settings_test.py


def test_dot_env_is_never_committed():
    hasil = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=AKAR, check=False)
    assert hasil.returncode == 0
