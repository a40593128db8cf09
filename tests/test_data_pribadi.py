"""Retention, and a person's data produced or erased (issue 17, item 5)."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from layanan.data_pribadi.retensi import terapkan_retensi
from layanan.models import (
    AksesData,
    CatatanKeamanan,
    JenisAkses,
    JenisCatatanKeamanan,
    KontakNotifikasi,
    Pengguna,
    Pindaian,
    StatusPermohonan,
)
from tests.factories import KASUS, daftar

pytestmark = pytest.mark.django_db

NIK = KASUS["blitar"][2]


def _pindai(p, isi: bytes = b"%PDF-ktp") -> Pindaian:
    scan = Pindaian(
        kantor=p.kantor,
        permohonan=p,
        token_formulir=uuid.uuid4(),
        nama_asli="ktp saya.pdf",
        jenis_konten="application/pdf",
        ukuran=len(isi),
        diunggah_oleh=p.dibuat_oleh,
    )
    scan.berkas.save("ktp.pdf", ContentFile(isi), save=True)
    return scan


@pytest.fixture
def selesai():
    """A finished application (not accepted: documents incomplete) with a scan."""
    p = daftar("blitar", lengkap=False)
    assert p.status == StatusPermohonan.TIDAK_DITERIMA and p.selesai_pada
    return p, _pindai(p)


def test_retention_deletes_old_scans_and_access_logs_and_says_so(selesai, settings):
    p, scan = selesai
    settings.DINSOS_RETENSI_PINDAIAN_HARI = 30
    settings.DINSOS_RETENSI_LOG_AKSES_HARI = 60
    # The demo's DTKS exports are the session's (their files would not come back with the
    # rollback): out of reach here; their retention is tested with the imports.
    settings.DINSOS_RETENSI_IMPOR_HARI = 100_000
    AksesData.objects.create(permohonan=p, pengguna=p.dibuat_oleh, jenis=JenisAkses.LIHAT)
    berjalan = daftar("blitar")
    scan_berjalan = _pindai(berjalan)

    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=29))
    assert (hasil.pindaian, hasil.log_akses) == (0, 0)
    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=31))
    assert hasil.pindaian == 1 and hasil.log_akses == 0
    assert not Pindaian.objects.filter(pk=scan.pk).exists()
    assert not scan.berkas.storage.exists(scan.berkas.name)
    assert Pindaian.objects.filter(pk=scan_berjalan.pk).exists()  # still in process
    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=61))
    assert hasil.log_akses >= 1 and not AksesData.objects.filter(permohonan=p).exists()
    catatan = CatatanKeamanan.objects.filter(jenis=JenisCatatanKeamanan.RETENSI)
    assert catatan.count() == 3 and "scans 1" in catatan.order_by("pk")[1].keterangan


def _admin(username: str) -> Client:
    client = Client()
    client.force_login(Pengguna.objects.get(username=username))
    return client


URL = "/admin/data-pribadi/"


def test_the_office_produces_everything_it_holds_about_a_nik(selesai):
    p, scan = selesai
    jawab = _admin("blitar.admin").post(URL, {"nik": NIK, "aksi": "zip"})
    assert jawab["Content-Type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(jawab.content))
    assert json.loads(z.read("data/pemohon.json"))[0]["fields"]["nik"] == NIK
    assert [r["pk"] for r in json.loads(z.read("data/permohonan.json"))] == [p.pk]
    assert z.read(f"pindaian/{scan.pk}-ktp_saya.pdf") == b"%PDF-ktp"
    assert "jejak-akses.csv" in z.namelist()
    assert AksesData.objects.filter(permohonan=p, jenis=JenisAkses.EKSPOR).exists()
    assert CatatanKeamanan.objects.filter(jenis=JenisCatatanKeamanan.EKSPOR_NIK).exists()
    # Another office holds nothing of this person: its ZIP is empty of them.
    lain = zipfile.ZipFile(
        io.BytesIO(_admin("bima.admin").post(URL, {"nik": NIK, "aksi": "zip"}).content)
    )
    assert json.loads(lain.read("data/permohonan.json")) == []
    assert not [n for n in lain.namelist() if n.startswith("pindaian/")]


def test_erasure_needs_a_confirmation_and_keeps_what_the_law_requires(
    selesai, django_capture_on_commit_callbacks
):
    p, scan = selesai
    KontakNotifikasi.objects.update_or_create(
        permohonan=p, defaults={"setuju": True, "telepon": "+6281234567890"}
    )
    admin = _admin("blitar.admin")
    jawab = admin.post(URL, {"nik": NIK, "aksi": "hapus"})
    assert jawab.status_code == 200 and jawab.context["form"].errors["yakin"]
    assert Pindaian.objects.filter(pk=scan.pk).exists()

    _admin("bima.admin").post(URL, {"nik": NIK, "aksi": "hapus", "yakin": "on"})
    assert Pindaian.objects.filter(pk=scan.pk).exists()  # not theirs to erase

    with django_capture_on_commit_callbacks(execute=True):
        jawab = admin.post(URL, {"nik": NIK, "aksi": "hapus", "yakin": "on"})
    assert not scan.berkas.storage.exists(scan.berkas.name)
    hasil = jawab.context["hasil"]
    assert (hasil.pindaian, hasil.kontak) == (1, 1)
    assert not Pindaian.objects.filter(pk=scan.pk).exists()
    assert not Pindaian.history.filter(id=scan.pk).exists()
    assert not KontakNotifikasi.objects.filter(permohonan=p).exists()
    p.refresh_from_db()
    assert p.pemohon.nik == NIK and p.riwayat.exists()  # the record and its steps stay
    catatan = CatatanKeamanan.objects.get(
        jenis=JenisCatatanKeamanan.HAPUS_NIK, oleh__username="blitar.admin"
    )
    assert NIK not in catatan.keterangan and "1 scans" in catatan.keterangan
