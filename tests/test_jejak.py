"""Log lines: JSON with the request id, never a NIK or a secret (layanan.operasi.jejak)."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from layanan.operasi.jejak import FormatJson, SaringRahasia, id_permintaan, samarkan

NIK = "3572010101010001"


@pytest.fixture
def baris():
    """The lines the root logger writes, through the handler settings.LOGGING builds."""
    tulisan = io.StringIO()
    handler = logging.StreamHandler(tulisan)
    handler.addFilter(SaringRahasia())
    handler.setFormatter(FormatJson())
    akar = logging.getLogger()
    akar.addHandler(handler)
    tingkat = akar.level
    akar.setLevel(logging.INFO)
    yield lambda: [json.loads(b) for b in tulisan.getvalue().splitlines()]
    akar.removeHandler(handler)
    akar.setLevel(tingkat)


@pytest.mark.django_db
def test_each_response_carries_a_request_id_and_its_access_line_too(client, baris):
    response = client.get("/masuk/", HTTP_X_REQUEST_ID="proxy-4f1c2a9b")
    assert response["X-Request-ID"] == "proxy-4f1c2a9b"
    akses = [b for b in baris() if b["logger"] == "dinsos.permintaan"]
    assert akses[-1]["request_id"] == "proxy-4f1c2a9b"
    assert (akses[-1]["method"], akses[-1]["path"], akses[-1]["status"]) == ("GET", "/masuk/", 200)
    assert akses[-1]["level"] == "INFO" and "time" in akses[-1] and akses[-1]["ms"] >= 0
    baru = client.get("/masuk/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", baru)
    assert id_permintaan.get() is None  # nothing carries over to the next request


@pytest.mark.parametrize("kiriman", ["a b c d e f g h", "x" * 65, "pendek", 'a"}\n{"level":"x'])
@pytest.mark.django_db
def test_a_strange_request_id_is_replaced(client, kiriman):
    assert re.fullmatch(
        r"[0-9a-f]{32}", client.get("/masuk/", HTTP_X_REQUEST_ID=kiriman)["X-Request-ID"]
    )


def test_no_nik_and_no_secret_reaches_a_line(baris):
    token = id_permintaan.set("uji-permintaan-1")
    try:
        log = logging.getLogger("layanan.uji")
        log.warning("search %s, passphrase=%s, {'password': 'kata sandi rahasia'}", NIK, "frasa1")
        try:
            raise ValueError(f"NIK {NIK} not found; token=abc123")
        except ValueError:
            log.exception("import failed", extra={"frasa_sandi": "frasa2", "catatan": NIK})
    finally:
        id_permintaan.reset(token)
    teks = json.dumps(baris())
    for rahasia in (NIK, "frasa1", "frasa2", "kata sandi rahasia", "abc123"):
        assert rahasia not in teks
    pertama, kedua = baris()
    assert pertama["message"] == "search [NIK], passphrase=***, {'password': ***}"
    assert pertama["request_id"] == "uji-permintaan-1"
    assert kedua["frasa_sandi"] == "***" and kedua["catatan"] == "[NIK]"
    assert "ValueError: NIK [NIK] not found; token=***" in kedua["exc"]


def test_only_sixteen_digits_standing_alone_count_as_a_nik():
    assert samarkan(f"{NIK}1 {NIK[:15]} {NIK}") == f"{NIK}1 {NIK[:15]} [NIK]"


def test_a_malformed_logging_call_is_still_masked_and_never_raises(baris):
    logging.getLogger("layanan.uji").warning("NIK %s dan %s", NIK)
    assert baris()[0]["message"] == "NIK %s dan %s ('[NIK]',)"


def test_the_heartbeats_routine_lines_are_left_out_its_failures_kept(caplog):
    log = logging.getLogger("django_tasks")  # the filter comes from settings.LOGGING
    caplog.set_level(logging.INFO)
    for path in ("layanan.tasks.detak_pekerja", "layanan.tasks.impor_dtks"):
        log.info("Task id=%s path=%s state=%s", "1", path, "SUCCESSFUL")
    log.error("Task id=%s path=%s state=%s", "2", "layanan.tasks.detak_pekerja", "FAILED")
    assert [r.getMessage().split(" ", 2)[2] for r in caplog.records] == [
        "path=layanan.tasks.impor_dtks state=SUCCESSFUL",
        "path=layanan.tasks.detak_pekerja state=FAILED",
    ]
