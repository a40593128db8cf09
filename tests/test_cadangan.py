"""Backup and restore (issue 17, item 4): the restore drill, and the encryption's refusals."""

from __future__ import annotations

import hashlib
import io
import uuid

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import call_command
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
from layanan.demo import muat_demo
from layanan.models import Pindaian, RekapLangkahBulan, RekapPermohonanBulan, Surat
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


def test_the_restore_drill(transactional_db, tmp_path):
    muat_demo()
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
    # Numbering goes on: the next letter of the office and year takes the next number.
    berikut = daftar("blitar")
    sampai_selesai(berikut)
    urutan = sorted(
        Surat.objects.filter(kantor=surat.kantor, tahun=surat.tahun).values_list(
            "urutan", flat=True
        )
    )
    assert urutan == list(range(1, len(urutan) + 1)) and len(urutan) == 2
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
