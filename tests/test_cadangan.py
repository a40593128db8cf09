"""Backup and restore (issue 17, item 4): the restore drill, and the encryption's refusals."""

from __future__ import annotations

import hashlib
import io
import uuid

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from layanan.cadangan.isi import model_dicadangkan
from layanan.cadangan.sandi import (
    POTONGAN,
    PembacaSandi,
    PenulisSandi,
    SandiGagal,
    baca_kunci,
    kunci_baru,
)
from layanan.cadangan.services import CadanganGagal, cadangan_buat, cadangan_pulihkan
from layanan.models import Permohonan, Pindaian, RekapLangkahBulan, RekapPermohonanBulan, Surat
from tests.demo_cepat import demo_segar
from tests.factories import daftar, sampai_selesai

KUNCI = baca_kunci(kunci_baru())


def _sandikan(isi: bytes, kunci: bytes = KUNCI) -> bytes:
    keluar = io.BytesIO()
    penulis = PenulisSandi(keluar, kunci)
    penulis.write(isi)
    penulis.close()
    return keluar.getvalue()


def _buka(sandi: bytes, kunci: bytes = KUNCI) -> bytes:
    return PembacaSandi(io.BytesIO(sandi), kunci).read()


def test_the_encryption_round_trips_across_chunks_and_refuses_tampering():
    isi = bytes(range(256)) * (POTONGAN // 256 * 2 + 3)
    sandi = _sandikan(isi)
    assert _buka(sandi) == isi and isi[:4096] not in sandi
    with pytest.raises(SandiGagal):
        _buka(sandi, baca_kunci(kunci_baru()))
    diubah = bytearray(sandi)
    diubah[len(sandi) // 2] ^= 1
    with pytest.raises(SandiGagal):
        _buka(bytes(diubah))
    with pytest.raises(SandiGagal):  # cut at a chunk's end: the last chunk is missing
        _buka(sandi[: 8 + 16 + 4 + POTONGAN + 16])
    with pytest.raises(SandiGagal):
        baca_kunci("pendek")


def _jumlah_baris() -> dict[str, int]:
    jumlah = {m._meta.label_lower: m._base_manager.count() for m in model_dicadangkan()}
    # The month totals are not backed up: the restore counts them again from the rows.
    for rekap in (RekapPermohonanBulan, RekapLangkahBulan):
        jumlah[rekap._meta.label_lower] = sorted(
            # (rows the triggers brought down to zero are not counted again: not a difference)
            rekap.objects.filter(n__gt=0).values_list(*[f.attname for f in rekap._meta.fields][1:])
        )
    return jumlah


def _kosongkan() -> None:
    """An empty deployment: a migrated database without rows, and without the files this test
    stored (the demo's own files, shared with other test processes, stay: a restore keeps a
    file already there with the backup's very content)."""
    for berkas in [s.berkas for s in Surat.objects.all()] + [
        s.berkas for s in Pindaian.objects.all()
    ]:
        berkas.storage.delete(berkas.name)
    call_command("flush", interactive=False, verbosity=0)


def _urutan_sesudah_pulih() -> list[str]:
    """PostgreSQL: every restored table whose id comes from a sequence, whose sequence would
    hand out an id already used (rows are restored with their own ids; the sequence must be
    set past them, or the next insert collides)."""
    if connection.vendor != "postgresql":
        return []  # SQLite's AUTOINCREMENT follows the largest id inserted by itself
    bentrok = []
    with connection.cursor() as c:
        for model in model_dicadangkan():
            pk = model._meta.pk
            if not isinstance(pk, models.AutoField):
                continue
            terbesar = model._base_manager.aggregate(m=models.Max("pk"))["m"]
            if terbesar is None:
                continue
            c.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, pk.column])
            (urutan,) = c.fetchone()
            # (a sequence's name from the catalogue, not input)
            c.execute(f"SELECT last_value, is_called FROM {urutan}")
            terakhir, dipakai = c.fetchone()
            if (terakhir + 1 if dipakai else terakhir) <= terbesar:
                bentrok.append(model._meta.label_lower)
    return bentrok


def _tanpa_celah(model, kolom: str, **saring) -> list[int]:
    return sorted(model.objects.filter(**saring).values_list(kolom, flat=True))


# On SQLite in the first phase of bin/test, on PostgreSQL (production) in the second.
@pytest.mark.parametrize(
    "basisdata", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def test_the_restore_drill(basisdata, transactional_db, tmp_path):
    assert connection.vendor == basisdata
    demo_segar()
    p = daftar("blitar")
    pindaian = Pindaian(
        kantor=p.kantor,
        permohonan=p,
        token_formulir=uuid.uuid4(),
        nama_asli="ktp.pdf",
        jenis_konten="application/pdf",
        ukuran=9,
        diunggah_oleh=p.dibuat_oleh,
    )
    pindaian.berkas.save("ktp.pdf", ContentFile(b"%PDF-scan"), save=True)
    sampai_selesai(p)
    surat = Surat.objects.get()
    sebelum = _jumlah_baris()
    ringkasan = cadangan_buat(tujuan=tmp_path, kunci=KUNCI)
    # A file named by a row but gone from the storage would be reported (ringkasan.hilang).
    assert ringkasan.berkas >= 2
    # Nothing personal is readable in the backup.
    for berkas in ringkasan.folder.rglob("*"):
        assert not berkas.is_file() or b"Warga Uji" not in berkas.read_bytes()

    _kosongkan()
    assert not Surat.objects.exists() and not surat.berkas.storage.exists(surat.berkas.name)
    with pytest.raises(SandiGagal):
        cadangan_pulihkan(sumber=ringkasan.folder, kunci=baca_kunci(kunci_baru()))
    cadangan_pulihkan(sumber=ringkasan.folder, kunci=KUNCI)

    sesudah = _jumlah_baris()
    sesudah["layanan.catatankeamanan"] -= 1  # the restore's own line in the security log
    assert sesudah == sebelum
    for s in Surat.objects.all():
        with s.berkas.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == s.sha256
    halaman = Client().get(reverse("layanan:verifikasi", args=[surat.token]))
    assert halaman.context["tersimpan"].sah and not halaman.context["dicabut"]
    with Pindaian.objects.get().berkas.open("rb") as f:
        assert f.read() == b"%PDF-scan"
    # Every sequence is past the restored ids (PostgreSQL), so new rows of every kind go in:
    # an application, its history and trail, a scan, a letter, log lines (the restore's own).
    assert _urutan_sesudah_pulih() == []
    registrasi = _tanpa_celah(Permohonan, "urutan_registrasi", kantor=p.kantor)
    berikut = daftar("blitar")
    Pindaian.objects.create(
        kantor=p.kantor,
        permohonan=berikut,
        token_formulir=uuid.uuid4(),
        nama_asli="kk.pdf",
        jenis_konten="application/pdf",
        ukuran=0,
        diunggah_oleh=p.dibuat_oleh,
    )
    sampai_selesai(berikut)
    # Numbering goes on: the next registration and letter of the office and year take the
    # next numbers, without a gap or a duplicate.
    assert _tanpa_celah(Permohonan, "urutan_registrasi", kantor=p.kantor) == [
        *registrasi,
        registrasi[-1] + 1,
    ]
    urutan = _tanpa_celah(Surat, "urutan", kantor=surat.kantor, tahun=surat.tahun)
    assert urutan == [1, 2]
    # A second restore into a deployment that is no longer empty is refused.
    with pytest.raises(CadanganGagal):
        cadangan_pulihkan(sumber=ringkasan.folder, kunci=KUNCI)


def test_the_commands_need_the_key(tmp_path, monkeypatch, capsys):
    from django.core.management.base import CommandError

    monkeypatch.delenv("DINSOS_CADANGAN_KUNCI", raising=False)
    with pytest.raises(CommandError, match="DINSOS_CADANGAN_KUNCI"):
        call_command("cadangkan", str(tmp_path))
    call_command("cadangkan", "--kunci-baru")
    assert len(baca_kunci(capsys.readouterr().out)) == 32
    assert apps.get_model("layanan.surat") in model_dicadangkan()
