"""The step engine on its own: a case file of the test app (tests/mesin_uji) walked through the
seed SOPs. No application, no DTKS check, no letter: what the engine does, it does for anything
built on JalanSop."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from layanan import mesin
from layanan.models import AksiLangkah, Layanan, Pengguna, PenulisTerlarang, StatusJalan
from tests.mesin_uji.models import Perkara

pytestmark = pytest.mark.django_db


def _orang(username: str) -> Pengguna:
    return Pengguna.objects.get(username=username)


def _perkara(kantor: str, kode: str, *, oleh: str) -> Perkara:
    layanan = Layanan.objects.get(kantor__kode=kantor, kode=kode)
    perkara = Perkara.objects.create(kantor=layanan.kantor, layanan=layanan, judul="Uji")
    with transaction.atomic():
        p = mesin.kunci(perkara)
        mesin.terima(subjek=p, oleh=_orang(oleh), sekarang=timezone.now())
    return p


def _kerjakan(p: Perkara, username: str, aksi: str, catatan: str = "") -> Perkara:
    return mesin.kerjakan_langkah(
        subjek=p, oleh=_orang(username), aksi=aksi, versi=p.versi, catatan=catatan
    )


def test_accepting_freezes_the_sop_records_the_loket_and_waits_for_the_next_role():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    assert p.status == StatusJalan.DITERIMA and p.tenggat is not None
    assert [s.nomor for s in mesin.potret(p).langkah] == [1, 2, 3, 4, 5]
    assert (p.langkah_nomor, p.peran_saat_ini.kode) == (3, "operator")
    assert [(r.nomor, r.aksi) for r in p.riwayat.all()] == [(1, "di_loket"), (2, "di_loket")]


def test_a_walk_goes_through_decision_signature_and_hand_over_to_its_outcome():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    p = _kerjakan(p, "solok.operator", AksiLangkah.YA)
    p = _kerjakan(p, "solok.kadin", AksiLangkah.TANDA_TANGAN)
    p = _kerjakan(p, "solok.petugas", AksiLangkah.SELESAI)
    assert (p.status, p.hasil.kode, p.langkah_nomor) == ("selesai", "selesai", None)
    assert [r.aksi for r in p.riwayat.all()][-3:] == ["ya", "tanda_tangan", "selesai"]


def test_no_ends_with_the_outcome_the_sop_names_and_needs_a_reason():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    with pytest.raises(mesin.TransisiDitolak):
        _kerjakan(p, "solok.operator", AksiLangkah.TIDAK)
    p = _kerjakan(p, "solok.operator", AksiLangkah.TIDAK, "Tidak terdaftar")
    assert (p.status, p.hasil.kode) == ("selesai", "tidak_terdaftar")


def test_only_the_role_it_waits_for_acts_and_only_on_the_state_it_saw():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    for orang in ("solok.petugas", "solok.kadin", "bima.operator"):
        with pytest.raises(mesin.TransisiDitolak):
            _kerjakan(p, orang, AksiLangkah.YA)
    lama = p.versi
    p = _kerjakan(p, "solok.operator", AksiLangkah.YA)
    with pytest.raises(mesin.SudahDikerjakan):
        mesin.kerjakan_langkah(
            subjek=p, oleh=_orang("solok.kadin"), aksi="tanda_tangan", versi=lama
        )


def test_a_paraf_chain_then_a_send_back_brings_the_same_step_round_with_a_new_token():
    p = _perkara("blitar", "kip", oleh="blitar.petugas")
    p = _kerjakan(p, "blitar.peksos", AksiLangkah.SELESAI)
    p = _kerjakan(p, "blitar.petugas", AksiLangkah.SELESAI)
    assert (p.langkah_nomor, p.paraf_ke, p.peran_saat_ini.kode) == (5, 0, "kabid")
    token_pertama = p.versi
    p = _kerjakan(p, "blitar.kabid", AksiLangkah.PARAF)
    assert (p.paraf_ke, p.peran_saat_ini.kode) == (1, "kadin")
    p = _kerjakan(p, "blitar.kadin", AksiLangkah.KEMBALI, "Perbaiki")
    assert p.riwayat.last().peran == "Kadin"
    p = _kerjakan(p, "blitar.petugas", AksiLangkah.SELESAI)
    assert (p.langkah_nomor, p.paraf_ke) == (5, 0)
    assert p.versi != token_pertama  # an old form for (5, 0) is refused
    with pytest.raises(mesin.SudahDikerjakan):
        mesin.kerjakan_langkah(
            subjek=p, oleh=_orang("blitar.kabid"), aksi="paraf", versi=token_pertama
        )


def test_initials_can_be_voided_and_start_again_with_the_reason_on_record():
    p = _perkara("blitar", "kip", oleh="blitar.petugas")
    for orang in ("blitar.peksos", "blitar.petugas"):
        p = _kerjakan(p, orang, AksiLangkah.SELESAI)
    p = _kerjakan(p, "blitar.kabid", AksiLangkah.PARAF)
    p = mesin.ulangi_paraf(subjek=p, oleh=_orang("blitar.kadin"), nomor=5, catatan="Berubah")
    assert (p.langkah_nomor, p.paraf_ke, p.peran_saat_ini.kode) == (5, 0, "kabid")
    assert (p.riwayat.last().aksi, p.riwayat.last().catatan) == ("paraf_batal", "Berubah")


def test_cancelling_is_for_the_loket_with_a_reason_and_is_on_the_record():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    with pytest.raises(mesin.TransisiDitolak):
        mesin.batalkan(subjek=p, oleh=_orang("solok.kadin"), alasan="x")
    with pytest.raises(mesin.TransisiDitolak):
        mesin.batalkan(subjek=p, oleh=_orang("solok.petugas"), alasan=" ")
    p = mesin.batalkan(subjek=p, oleh=_orang("solok.petugas"), alasan="Ditarik")
    assert (p.status, p.alasan_batal, p.langkah_nomor) == ("dibatalkan", "Ditarik", None)
    assert (p.riwayat.last().aksi, p.riwayat.last().catatan) == ("dibatalkan", "Ditarik")


def test_a_capability_adds_its_guard_and_its_effect_to_its_own_kind_of_subject():
    dicatat = []

    class KaitUji(mesin.Kait):
        untuk = Perkara

        def sebelum(self, t: mesin.Transisi) -> None:
            if t.bukti.get("setuju") != "ya":
                raise mesin.TransisiDitolak("belum setuju")

        def sesudah(self, t: mesin.Transisi) -> None:
            dicatat.append((t.langkah.nomor, t.aksi))

    from layanan.mesin import kait

    kait.daftarkan(KaitUji())
    try:
        p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
        with pytest.raises(mesin.TransisiDitolak, match="belum setuju"):
            _kerjakan(p, "solok.operator", AksiLangkah.YA)
        mesin.kerjakan_langkah(
            subjek=p,
            oleh=_orang("solok.operator"),
            aksi="ya",
            versi=p.versi,
            bukti={"setuju": "ya"},
        )
        assert dicatat == [(3, "ya")]
    finally:
        kait._KAIT[:] = [k for k in kait._KAIT if not isinstance(k, KaitUji)]


def test_the_walk_of_any_subject_is_written_by_the_engine_only():
    p = _perkara("solok", "sk-dtks", oleh="solok.petugas")
    p.langkah_nomor = 5
    with pytest.raises(PenulisTerlarang):
        p.save()
    with pytest.raises(PenulisTerlarang):
        Perkara.objects.filter(pk=p.pk).update(status="selesai")


def test_the_engine_imports_no_dtks_or_letter_code():
    import ast
    from pathlib import Path

    from layanan.models import dtks as model_dtks
    from layanan.models import surat as model_surat

    terlarang_nama = {
        n
        for m in (model_dtks, model_surat)
        for n, v in vars(m).items()
        if getattr(v, "__module__", "") == m.__name__
    }
    akar = Path(__file__).resolve().parents[1] / "layanan" / "mesin"
    for path in akar.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                modul = node.module or ""
                assert not any(k in modul for k in ("dtks", "surat", "tanda_tangan", "services")), (
                    path.name,
                    modul,
                )
                dipakai = {a.name for a in node.names} & terlarang_nama
                assert not dipakai, (path.name, dipakai)
            if isinstance(node, ast.Import):
                assert not any("dtks" in a.name or "surat" in a.name for a in node.names)
