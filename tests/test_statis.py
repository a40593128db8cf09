"""bin/produksi's preparation runs collectstatic only when the static sources changed."""

from __future__ import annotations

import os
import time

import pytest

from layanan.operasi.statis import CAP, kumpulkan_bila_berubah


@pytest.fixture
def sumber(settings, tmp_path):
    """The project's static files and one of this test's own, collected under tmp_path, by the
    production storage (hashed names, a manifest)."""
    ekstra = tmp_path / "ekstra"
    (ekstra / "css").mkdir(parents=True)
    (ekstra / "css" / "uji-statis.css").write_text("a {}")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, ekstra]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    return ekstra / "css" / "uji-statis.css"


def test_collectstatic_runs_only_when_the_sources_changed(sumber, settings):
    akar = settings.STATIC_ROOT
    assert kumpulkan_bila_berubah() is True  # nothing collected yet
    assert (akar / "staticfiles.json").is_file() and (akar / "css" / "uji-statis.css").is_file()
    assert kumpulkan_bila_berubah() is False  # a restart: the same sources
    # An upgrade changed a file; its time older than the collected copy's (a release unpacked
    # with its archive's times), which collectstatic alone would skip.
    sumber.write_text("b {}")
    os.utime(sumber, (time.time() - 3600,) * 2)
    assert kumpulkan_bila_berubah() is True
    assert (akar / "css" / "uji-statis.css").read_text() == "b {}"
    assert kumpulkan_bila_berubah() is False
    (akar / "staticfiles.json").unlink()  # the collection damaged: collected again
    assert kumpulkan_bila_berubah() is True and (akar / "staticfiles.json").is_file()
    (akar / CAP).unlink()  # no record of what was collected: collected again
    assert kumpulkan_bila_berubah() is True
