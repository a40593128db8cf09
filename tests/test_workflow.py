"""Every seed SOP, every branch, driven through the step engine, the one writer of a walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from layanan import mesin
from layanan.dtks import services as services_dtks
from layanan.models import Permohonan, RiwayatLangkah, StatusPermohonan
from tests.factories import KASUS, daftar, jalan, pelaku, sampai_selesai, user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kantor", "terdaftar", "langkah", "hasil"),
    [
        ("blitar", True, [3, 4, 5, 5, 6], "selesai"),  # 5 twice: Kabid's paraf, Kadin's signature
        ("blitar", False, [3, 4, 5, 5, 6], "selesai"),  # a letter either way
        ("bima", True, [2, 5, 5, 6], "selesai"),
        ("bima", False, [2, 4], "dirujuk_kelurahan"),  # to the kelurahan, no letter
        ("metro", True, [2, 3, 3, 3, 4], "selesai"),  # Petugas and Kabid initial, Kadin signs
        ("solok", True, [3, 4, 5], "selesai"),
        ("solok", False, [3], "tidak_terdaftar"),
        ("tarakan", True, [3, 4, 5, 6], "selesai"),
    ],
)
def test_each_seed_sop_runs_to_its_end(kantor, terdaftar, langkah, hasil):
    p = daftar(kantor, terdaftar=terdaftar)
    assert p.alur["langkah"]  # the SOP version it follows
    assert sampai_selesai(p) == langkah
    p.refresh_from_db()
    assert p.status == StatusPermohonan.SELESAI
    assert p.hasil.kode == hasil
    assert p.riwayat.filter(aksi="di_loket").exists()  # the loket's own steps are on record


@pytest.mark.parametrize("kantor", list(KASUS))
def test_incomplete_documents_end_at_once_for_every_seed(kantor):
    p = daftar(kantor, lengkap=False)
    assert p.status == StatusPermohonan.TIDAK_DITERIMA
    assert p.hasil.kode == "tidak_lengkap"
    assert p.langkah_nomor is None


def test_a_paraf_can_send_the_draft_back_with_a_reason():
    p = daftar("tarakan")
    jalan(p)  # step 3: the analis
    p.refresh_from_db()
    assert p.langkah_nomor == 4
    with pytest.raises(mesin.TransisiDitolak):
        jalan(p, "kembali")  # no reason
    p = jalan(p, "kembali", "Uraian solusi belum jelas")
    assert p.langkah_nomor == 3
    kembali = RiwayatLangkah.objects.get(permohonan=p, aksi="kembali")
    assert kembali.catatan == "Uraian solusi belum jelas"
    assert sampai_selesai(p) == [3, 4, 5, 6]  # the round trip is on record and in the timing


def test_only_the_holder_of_the_role_acts_and_only_on_the_current_step():
    p = daftar("blitar")
    assert p.langkah_nomor == 3
    for orang in ("blitar.petugas", "blitar.kadin", "bima.operator"):
        with pytest.raises(mesin.TransisiDitolak):
            mesin.kerjakan_langkah(subjek=p, oleh=user(orang), aksi="selesai", versi=p.versi)
    with pytest.raises(mesin.SudahDikerjakan):  # a token of a state this page never showed
        mesin.kerjakan_langkah(
            subjek=p, oleh=user("blitar.peksos"), aksi="selesai", versi=p.versi + 1
        )


def test_a_step_done_by_someone_else_first_says_who():
    p = daftar("solok")
    jalan(p)
    with pytest.raises(mesin.SudahDikerjakan) as info:
        mesin.kerjakan_langkah(subjek=p, oleh=user("solok.operator"), aksi="ya", versi=p.versi)
    assert "sudah dikerjakan oleh" in str(info.value)


def test_the_dtks_decision_follows_the_check():
    p = daftar("bima", terdaftar=False)
    with pytest.raises(mesin.TransisiDitolak, match="Cek DTKS"):
        jalan(p, "ya")
    services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
    with pytest.raises(mesin.TransisiDitolak):
        jalan(p, "ya", "memaksa")
    assert jalan(p, "tidak", "Tidak ada di DTKS").langkah_nomor == 4


def test_editing_the_sop_does_not_touch_applications_under_way():
    p = daftar("blitar")
    layanan = p.layanan
    layanan.langkah.filter(nomor=4).update(kegiatan="Diubah", waktu_nilai=5)
    p.refresh_from_db()
    assert mesin.potret(p).ke(4).kegiatan.startswith("Petugas memproses")
    assert sampai_selesai(p) == [3, 4, 5, 5, 6]


@pytest.mark.parametrize("kantor", list(KASUS))
def test_the_engine_keeps_the_current_steps_time_standard_beside_the_step(kantor):
    """Inboxes read the standard from the row, not the snapshot: the engine writes it on
    entering every step and clears it when the walk ends."""
    p = daftar(kantor)
    while p.status == StatusPermohonan.DITERIMA:
        p.refresh_from_db()
        assert p.langkah_standar_menit == mesin.langkah_kini(p).menit
        p = jalan(p)
    p.refresh_from_db()
    assert (p.langkah_nomor, p.langkah_standar_menit) == (None, None)


def test_cancelling_clears_the_current_steps_time_standard():
    p = daftar("blitar")
    assert p.langkah_standar_menit is not None
    p = mesin.batalkan(subjek=p, oleh=user("blitar.petugas"), alasan="Pemohon membatalkan")
    p.refresh_from_db()
    assert p.langkah_standar_menit is None


def test_the_migration_fills_the_time_standard_of_walks_under_way():
    import importlib

    from django.apps import apps

    from layanan.models.jalan import izin_mesin

    isi = importlib.import_module("layanan.migrations.0020_isi_langkah_standar_menit").isi
    p = daftar("blitar")
    standar = p.langkah_standar_menit
    with izin_mesin():  # a row from before the column, then the data migration on it
        Permohonan.objects.filter(pk=p.pk).update(langkah_standar_menit=None)
        isi(apps, None)
    p.refresh_from_db()
    assert p.langkah_standar_menit == standar == mesin.langkah_kini(p).menit


def test_a_walk_is_written_by_the_engine_only_whatever_the_path():
    """The single-writer rule held at run time: every way around the engine fails loudly."""
    from layanan.models import PenulisTerlarang

    p = daftar("blitar")
    p.refresh_from_db()
    p.status = StatusPermohonan.SELESAI  # setattr and save()
    with pytest.raises(PenulisTerlarang):
        p.save()
    with pytest.raises(PenulisTerlarang):
        p.save(update_fields=["status"])
    with pytest.raises(PenulisTerlarang):
        Permohonan.objects.filter(pk=p.pk).update(status=StatusPermohonan.SELESAI)
    with pytest.raises(PenulisTerlarang):
        Permohonan.objects.filter(pk=p.pk).update(langkah_nomor=6, paraf_ke=0)
    with pytest.raises(PenulisTerlarang):
        Permohonan.objects.bulk_update([p], ["status"])
    baru = Permohonan(**{f.attname: getattr(p, f.attname) for f in p._meta.concrete_fields})
    baru.pk = None
    with pytest.raises(PenulisTerlarang):  # a new row cannot be born half-way
        Permohonan.objects.bulk_create([baru])
    p.refresh_from_db()
    assert (p.status, p.langkah_nomor) == ("diterima", 3)
    p.catatan_loket = "boleh"  # fields outside the walk are written as usual
    p.save()


def test_only_the_engine_takes_the_writers_permit():
    akar = Path(__file__).resolve().parents[1]
    pemakai = {
        path.relative_to(akar).as_posix()
        for folder in ("layanan", "bench", "scripts")
        for path in (akar / folder).rglob("*.py")
        if "izin_mesin" in path.read_text()
    }
    assert pemakai <= {
        "layanan/models/jalan.py",  # defines it
        "layanan/mesin/transisi.py",
        "bench/pages.py",  # bulk loader of benchmark data
        "bench/dashboard.py",  # bulk loader of benchmark data
    }
