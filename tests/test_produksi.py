"""Production settings behind a TLS proxy: HSTS, https redirect, the proxy's header, deploy check."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from dinsos.env import env_header, env_networks, env_url
from layanan.checks import periksa_alamat_publik

AKAR = Path(__file__).resolve().parents[1]
URL = "https://layanan.dinsos.blitarkota.go.id"


def _lingkungan_produksi(tmp_path: Path, **tambahan: str) -> dict[str, str]:
    """What a deployment sets, and nothing of the developer's shell (no DJANGO_DEBUG)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DINSOS_", "DATABASE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="dinsos.settings",
        DINSOS_ENV_FILE="",  # a developer's .env (DJANGO_DEBUG=1) stays out
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="layanan.dinsos.blitarkota.go.id",
        DINSOS_URL_PUBLIK=URL,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DINSOS_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    env.update(tambahan)
    return env


def _seolah_collectstatic(tmp_path: Path) -> None:
    """The manifest collectstatic writes (the URLs read it at import), without its 40 s."""
    berkas = [p.relative_to(AKAR / "static").as_posix() for p in (AKAR / "static").rglob("*")]
    (tmp_path / "static").mkdir()
    manifest = {"paths": {b: b for b in berkas}, "version": "1.1", "hash": "uji"}
    (tmp_path / "static" / "staticfiles.json").write_text(json.dumps(manifest))


def _jalankan(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=AKAR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    _seolah_collectstatic(tmp_path)
    hasil = _jalankan(
        _lingkungan_produksi(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "no issues" in hasil.stdout


def _pengaturan(tmp_path: Path, **env: str) -> dict:
    kode = (
        "import json, dinsos.settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None)]))"
    )
    hasil = _jalankan(_lingkungan_produksi(tmp_path, **env), "-c", kode)
    assert hasil.returncode == 0, hasil.stderr
    redirect, hsts, header = json.loads(hasil.stdout)
    return {"redirect": redirect, "hsts": hsts, "header": header}


def test_production_defaults_and_the_proxys_header(tmp_path):
    assert _pengaturan(tmp_path) == {"redirect": True, "hsts": 31536000, "header": None}
    assert _pengaturan(tmp_path, DJANGO_PROXY_SSL_HEADER="X-Forwarded-Proto")["header"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]
    assert _pengaturan(tmp_path, DJANGO_SSL_REDIRECT="0", DJANGO_HSTS_SECONDS="0") == {
        "redirect": False,
        "hsts": 0,
        "header": None,
    }
    # A plain-http deployment (an intranet, a benchmark) is not redirected to https.
    assert _pengaturan(tmp_path, DINSOS_URL_PUBLIK="")["redirect"] is False


@pytest.mark.parametrize(
    ("fungsi", "nilai"),
    [
        (env_url, "layanan.dinsos.go.id"),
        (env_url, "https://layanan.dinsos.go.id/sub/"),
        (env_url, "ftp://layanan.dinsos.go.id"),
        (env_networks, "10.0.0.0/33"),
        (env_networks, "proxy.lokal"),
        (env_header, "X Forwarded Proto"),
    ],
)
def test_bad_values_stop_the_app(monkeypatch, fungsi, nilai):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("X_NILAI", nilai)
    with pytest.raises(ImproperlyConfigured):
        fungsi("X_NILAI")


def test_good_values_are_read(monkeypatch):
    monkeypatch.setenv("X_URL", "https://layanan.dinsos.go.id/")
    monkeypatch.setenv("X_NET", "10.0.0.0/8, 192.168.1.5, unix")
    monkeypatch.setenv("X_HEADER", "X-Forwarded-Proto")
    assert env_url("X_URL") == "https://layanan.dinsos.go.id"
    assert env_networks("X_NET") == ["10.0.0.0/8", "192.168.1.5", "unix"]
    assert env_header("X_HEADER") == "HTTP_X_FORWARDED_PROTO"


@pytest.mark.django_db
def test_https_responses_carry_hsts(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_behind_the_tls_proxy_http_is_redirected_and_https_is_served(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def test_the_deploy_check_names_a_missing_or_plain_public_address(settings):
    settings.DINSOS_URL_PUBLIK = ""
    assert [p.id for p in periksa_alamat_publik()] == ["layanan.W001"]
    settings.DINSOS_URL_PUBLIK = "http://layanan.dinsos.go.id"
    assert [p.id for p in periksa_alamat_publik()] == ["layanan.W002"]


def test_the_deploy_check_warns_of_a_redirect_loop_behind_a_proxy(settings):
    settings.DINSOS_URL_PUBLIK = URL
    settings.DINSOS_PROXY_TEPERCAYA = ["10.9.0.1"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    assert [p.id for p in periksa_alamat_publik()] == ["layanan.W003"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert periksa_alamat_publik() == []


def _port_bebas() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _minta(port: int, path: str, **header: str) -> tuple[int, dict[str, str], bytes]:
    import urllib.error
    import urllib.request

    permintaan = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=header)
    try:
        with urllib.request.urlopen(permintaan, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as galat:
        return galat.code, dict(galat.headers), galat.read()


def test_bin_produksi_serves_with_gunicorn_and_its_worker_and_logs_json(tmp_path):
    """The production command end to end: prepare, gunicorn serving a page and WhiteNoise the
    static files, the worker beating (the health endpoint says so), JSON log lines without a
    NIK, and a clean stop. Migrations and collectstatic are skipped for speed (a minute each
    here): the test migrates only the worker's table and writes the manifest itself."""
    import signal
    import time

    _seolah_collectstatic(tmp_path)
    (tmp_path / "static" / "css").mkdir()
    (tmp_path / "static" / "css" / "uji.css").write_text("body { margin: 0; }")
    port = _port_bebas()
    env = _lingkungan_produksi(
        tmp_path,
        DINSOS_PYTHON=sys.executable,
        DINSOS_COLLECTSTATIC="0",
        DINSOS_MIGRASI="0",
        DINSOS_BIND=f"127.0.0.1:{port}",
        DINSOS_GUNICORN_WORKERS="1",
        DINSOS_SEHAT_TOKEN="token-uji-produksi",
        DJANGO_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    hasil = _jalankan(env, "manage.py", "migrate", "django_tasks_database", "-v0")
    assert hasil.returncode == 0, hasil.stderr
    log = tmp_path / "produksi.log"
    with open(log, "w") as keluaran:
        proses = subprocess.Popen(
            [str(AKAR / "bin" / "produksi")],
            cwd=AKAR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=keluaran,
            text=True,
            start_new_session=True,
        )
    try:
        batas = time.monotonic() + 120
        sehat = (0, {}, b"")
        while time.monotonic() < batas and sehat[0] != 200:
            time.sleep(0.5)
            try:
                sehat = _minta(port, "/sehat/", Authorization="Bearer token-uji-produksi")
            except OSError:
                continue
        assert sehat[0] == 200, (sehat, log.read_text())
        assert json.loads(sehat[2])["checks"]["worker"]["ok"] is True

        https = {"Host": "layanan.dinsos.blitarkota.go.id", "X-Forwarded-Proto": "https"}
        status, header, isi = _minta(port, "/masuk/", **https, **{"X-Request-ID": "uji-1234567"})
        assert status == 200 and b"<form" in isi
        assert header["X-Request-ID"] == "uji-1234567"
        assert _minta(port, "/static/css/uji.css", **https)[0] == 200
        assert _minta(port, "/3572010101010001/", **https)[0] == 404
    finally:
        proses.send_signal(signal.SIGTERM)  # as systemd's KillMode=mixed: the script stops both
        try:
            keluaran_std, _ = proses.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proses.pid, signal.SIGKILL)
            raise
    assert proses.returncode == 0, log.read_text()
    assert "System check identified no issues" in keluaran_std
    baris = [json.loads(b) for b in log.read_text().splitlines()]  # every stderr line is JSON
    akses = [b for b in baris if b.get("request_id") == "uji-1234567"]
    assert akses and akses[0]["path"] == "/masuk/"
    # Django's own "Not Found" line, written after the middleware returned, has the id too.
    tidak_ada = [b for b in baris if b["message"] == "Not Found: /[NIK]/"]
    assert tidak_ada[0]["logger"] == "django.request" and tidak_ada[0]["request_id"]
    assert {"gunicorn.error", "django_tasks_db", "dinsos.permintaan"} <= {
        b["logger"] for b in baris
    }
    assert "3572010101010001" not in log.read_text()
