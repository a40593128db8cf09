"""Applying from home (issue 21) and the retention and a person's data: a returned application
never fixed is closed with its scans, and the per-NIK copy and erasure hold online ones."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layanan.data_pribadi.retensi import terapkan_retensi
from layanan.models import (
    AksesData,
    CatatanKeamanan,
    JenisAkses,
    JenisCatatanKeamanan,
    JenisSaluran,
    Layanan,
    PermohonanDaring,
    Pindaian,
    SaluranKantor,
    StatusDaring,
)
from tests.views.test_daring import NIK, _kirim, _url, data_daring

pytestmark = pytest.mark.django_db
URL_DATA = "/admin/data-pribadi/"


@pytest.fixture(autouse=True)
def _bersih():
    cache.clear()  # the rate limits count in the shared cache
    yield
    cache.clear()


@pytest.fixture
def kip(layanan_a: Layanan) -> Layanan:
    Layanan.objects.filter(pk=layanan_a.pk).update(terima_daring=True)
    SaluranKantor.objects.get_or_create(kantor=layanan_a.kantor, jenis=JenisSaluran.LOG)
    layanan_a.refresh_from_db()
    return layanan_a


def _kembalikan(petugas, d: PermohonanDaring) -> PermohonanDaring:
    r = petugas.post(reverse("layanan:daring-putuskan", args=[d.pk]), {"aksi": "tidak_lengkap"})
    assert r.status_code in (200, 302)
    d.refresh_from_db()
    assert d.status == StatusDaring.DIKEMBALIKAN
    return d


def test_a_returned_application_never_fixed_is_closed_and_the_nik_may_apply_again(
    kip, petugas_a, settings
):
    settings.DINSOS_RETENSI_DARING_HARI = 30
    settings.DINSOS_RETENSI_IMPOR_HARI = 100_000  # the session's DTKS exports: out of reach
    client = Client()
    d = _kembalikan(petugas_a, _kirim(client, kip))
    terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=29))
    d.refresh_from_db()
    assert d.status == StatusDaring.DIKEMBALIKAN

    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=31))
    d.refresh_from_db()
    assert d.status == StatusDaring.KEDALUWARSA and hasil.daring_kedaluwarsa == 1
    assert not Pindaian.objects.filter(token_formulir=d.token).exists()
    catatan = CatatanKeamanan.objects.filter(jenis=JenisCatatanKeamanan.RETENSI).latest("pk")
    assert "returned online applications closed 1 (>30 d)" in catatan.keterangan

    r = Client().post(reverse("layanan:status"), {"kode": d.kode_lacak})
    teks = r.content.decode()
    assert "not completed in time" in teks or "tidak dilengkapi" in teks
    assert _url(kip) in teks
    # The same browser opens a new form, not the closed one; the NIK applies again.
    assert client.get(_url(kip)).status_code == 200
    baru = _kirim(client, kip)
    assert baru.pk != d.pk and baru.status == StatusDaring.MENUNGGU and baru.nik == d.nik


def test_a_persons_copy_and_erasure_hold_their_online_applications(
    kip, petugas_a, admin_a, django_capture_on_commit_callbacks
):
    dikembalikan = _kembalikan(petugas_a, _kirim(Client(), kip))
    PermohonanDaring.objects.filter(pk=dikembalikan.pk).update(status=StatusDaring.KEDALUWARSA)
    petugas_a.get(reverse("layanan:daring-periksa", args=[dikembalikan.pk]))
    Client().post(_url(kip), data_daring(kip))  # another browser, its code never confirmed
    belum = PermohonanDaring.objects.get(status=StatusDaring.KODE)
    AksesData.objects.create(
        daring=belum, pengguna=dikembalikan.akses.first().pengguna, jenis="lihat"
    )
    scan_belum = list(Pindaian.objects.filter(token_formulir=belum.token))
    assert scan_belum

    z = zipfile.ZipFile(io.BytesIO(admin_a.post(URL_DATA, {"nik": NIK, "aksi": "zip"}).content))
    daring = {
        r["fields"]["kode_lacak"]: r["fields"] for r in json.loads(z.read("data/daring.json"))
    }
    assert set(daring) == {dikembalikan.kode_lacak, belum.kode_lacak}
    assert daring[belum.kode_lacak]["isian"]["nama"] == "Budi Santoso"
    assert daring[belum.kode_lacak]["telepon"] == belum.telepon
    assert "token" not in daring[belum.kode_lacak] and "kode_hash" not in daring[belum.kode_lacak]
    assert f"pindaian/{scan_belum[0].pk}-{scan_belum[0].nama_asli}" in z.namelist()
    assert dikembalikan.kode_lacak in z.read("jejak-akses.csv").decode()
    assert AksesData.objects.filter(daring=belum, jenis=JenisAkses.EKSPOR).exists()

    with django_capture_on_commit_callbacks(execute=True):
        r = admin_a.post(URL_DATA, {"nik": NIK, "aksi": "hapus", "yakin": "on"})
    assert r.context["hasil"].daring == 1
    # Never registered: gone wholly, its scans' files and its access rows with it.
    assert not PermohonanDaring.objects.filter(pk=belum.pk).exists()
    assert not AksesData.objects.filter(daring_id=belum.pk).exists()
    assert not any(s.berkas.storage.exists(s.berkas.name) for s in scan_belum)
    assert not Pindaian.history.filter(id__in=[s.pk for s in scan_belum]).exists()
    # Returned (a decision on the record): kept with the record, its contact gone.
    dikembalikan.refresh_from_db()
    assert (dikembalikan.telepon, dikembalikan.email) == ("", "")
    assert dikembalikan.isian["nama"] == "Budi Santoso" and dikembalikan.akses.exists()


def test_erasure_keeps_an_online_application_in_process(kip, admin_a):
    menunggu = _kirim(Client(), kip)
    r = admin_a.post(URL_DATA, {"nik": NIK, "aksi": "hapus", "yakin": "on"})
    assert (r.context["hasil"].daring, r.context["hasil"].daring_berjalan) == (0, 1)
    menunggu.refresh_from_db()
    assert menunggu.telepon and Pindaian.objects.filter(token_formulir=menunggu.token).exists()
