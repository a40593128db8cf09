"""The health endpoint (/sehat/, /sehat/web/) and the worker's heartbeat behind it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layanan.operasi import detak
from layanan.tasks import detak_pekerja

pytestmark = pytest.mark.django_db
TOKEN = "token-pemantau-uji-123"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.DINSOS_SEHAT_TOKEN = TOKEN


def _detak(detik_lalu: float, status: str = "SUCCESSFUL") -> DBTaskResult:
    waktu = timezone.now() - dt.timedelta(seconds=detik_lalu)
    return DBTaskResult.objects.create(
        task_path=detak.TUGAS,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=waktu,
        started_at=waktu,
        finished_at=waktu,
    )


def _rinci(client, path: str = "/sehat/", **extra):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **extra)


def test_all_well_is_200_and_only_the_token_sees_the_detail(client):
    _detak(5)
    response = client.get("/sehat/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "checks" not in client.get("/sehat/", HTTP_AUTHORIZATION="Bearer salah").json()
    isi = _rinci(client).json()
    assert set(isi["checks"]) == {"database", "storage", "worker", "disk"}
    assert all(satu["ok"] for satu in isi["checks"].values())
    assert 4 <= isi["checks"]["worker"]["heartbeat_age_s"] <= 30
    assert isi["checks"]["disk"]["free_mb"]["tmp"] > 0


def test_without_a_token_configured_nobody_sees_the_detail(client, settings):
    settings.DINSOS_SEHAT_TOKEN = ""
    _detak(5)
    assert client.get("/sehat/", HTTP_AUTHORIZATION="Bearer ").json() == {"status": "ok"}


def test_a_stale_or_missing_heartbeat_fails_the_full_check_not_the_web_one(client, settings):
    settings.DINSOS_SEHAT_PEKERJA_MAKS_DETIK = 600
    response = _rinci(client)
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "heartbeat_age_s": None,
        "ms": response.json()["checks"]["worker"]["ms"],
    }
    assert client.get("/sehat/web/").status_code == 200  # this server can still serve
    _detak(700)
    _detak(900)
    response = _rinci(client)
    assert response.status_code == 503
    assert 700 <= response.json()["checks"]["worker"]["heartbeat_age_s"] < 760


def test_a_database_down_is_503_without_its_error_text(client, monkeypatch):
    _detak(5)

    def tolak(self, *args, **kwargs):
        raise OperationalError('connection to server at "10.1.2.3" failed: password for "dinsos"')

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", tolak)
    response = _rinci(client)
    assert response.status_code == 503
    isi = response.json()["checks"]
    assert isi["database"]["error"] == "OperationalError"
    assert "10.1.2.3" not in response.content.decode()
    assert client.get("/sehat/web/").json() == {"status": "fail"}


def test_a_storage_that_cannot_write_is_503(client, settings, tmp_path):
    _detak(5)
    (tmp_path / "berkas").write_text("bukan folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "berkas" / "media")},
        },
    }
    response = _rinci(client, "/sehat/web/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_the_storage_check_leaves_nothing_behind(client, settings):
    _detak(5)
    assert _rinci(client).status_code == 200
    from django.core.files.storage import default_storage

    assert default_storage.listdir("sehat")[1] == []


def test_a_full_disk_is_503(client, settings):
    _detak(5)
    settings.DINSOS_SEHAT_DISK_MIN_MB = 10**12
    response = _rinci(client)
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_a_monitor_reaches_it_over_http_by_the_servers_address(client, settings):
    """Before the https redirect and ALLOWED_HOSTS, and never rate-limited or cached by a
    browser; anything but GET/HEAD is refused."""
    _detak(5)
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["layanan.dinsos.go.id"]
    for _ in range(30):
        assert client.get("/sehat/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/masuk/", HTTP_HOST="10.0.0.7:8000").status_code == 400
    assert client.post("/sehat/").status_code == 405


def test_a_result_is_reused_for_a_few_seconds(client, settings, monkeypatch):
    from layanan.operasi import sehat

    settings.DINSOS_SEHAT_SIMPAN_DETIK = 60
    monkeypatch.setattr(sehat, "_terakhir", {})
    _detak(5)
    tulis = []
    asli = sehat.PEMERIKSAAN["storage"]
    monkeypatch.setitem(sehat.PEMERIKSAAN, "storage", lambda: tulis.append(1) or asli())
    for _ in range(5):
        assert client.get("/sehat/").status_code == 200
    assert tulis == [1]


def test_the_heartbeat_queues_its_next_beat_once_and_keeps_one_finished_run():
    for detik in (300, 200, 100):
        _detak(detik)
    detak_pekerja.call()
    detak_pekerja.call()
    menunggu = DBTaskResult.objects.filter(task_path=detak.TUGAS, status="READY")
    assert menunggu.count() == 1
    jeda = menunggu.get().run_after - timezone.now()
    assert dt.timedelta(seconds=50) < jeda <= dt.timedelta(seconds=60)
    selesai = DBTaskResult.objects.filter(task_path=detak.TUGAS, status="SUCCESSFUL")
    assert [
        round((timezone.now() - w).total_seconds())
        for w in selesai.values_list("finished_at", flat=True)
    ] == [100]
    assert detak.jadwalkan(detak_pekerja, sekarang=True) is False  # one chain only
