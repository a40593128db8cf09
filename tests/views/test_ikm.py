"""The satisfaction survey's pages: a citizen answers once per application from the receipt's
link; the kiosk answers without a login until it is revoked, and cannot flood; staff enter paper
forms (logged with who) and read their own office's results only; the public page shows
nothing personal; bad input is refused in words, never a 500."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from layanan.ikm import services
from layanan.ikm.selectors import token_tautan
from layanan.models import JawabanIkm, KodeIkmTerpakai, RencanaTindakLanjut, SaluranIkm
from tests.factories import daftar, sampai_selesai, user
from tests.pdf_arsip import jenis_struktur, masalah_arsip

ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts"  # as the browser tests' own
UNSUR_BLITAR = [f"u{i}" for i in range(1, 10)] + ["antrean"]  # Blitar asks about its queue too


@pytest.fixture(autouse=True)
def _batas_bersih(db):
    cache.clear()  # the survey's rate limits count across tests


def _isian(nilai: int = 3, tanpa: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    data = {f"unsur_{k}": str(nilai) for k in UNSUR_BLITAR if k not in tanpa} | {
        "umur": "34",
        "jenis_kelamin": "P",
        "pendidikan": "sma",
        "pekerjaan": "rumah_tangga",
    }
    return data | extra


def _jawaban(kantor, saluran=None):
    qs = JawabanIkm.objects.filter(kantor=kantor)
    return qs.filter(saluran=saluran) if saluran else qs


def test_a_citizen_answers_once_per_application_from_the_receipts_link(kantor_a):
    p = daftar("blitar")
    warga = Client()
    url = f"/ikm/t/{token_tautan(p)}/"
    halaman = warga.get(url)
    assert halaman.status_code == 200 and p.layanan.nama_tampil in halaman.content.decode()
    kirim = warga.post(url, _isian(saran="Ruang tunggu panas."))
    assert kirim.status_code == 302 and kirim["Location"] == "/ikm/terima-kasih/"
    jawaban = _jawaban(kantor_a, SaluranIkm.TAUTAN).get()
    assert jawaban.layanan == p.layanan and jawaban.nilai.count() == 10
    # Nothing in the answer leads back to the application: no time of day, no key of it.
    assert {f.name for f in JawabanIkm._meta.get_fields()}.isdisjoint({"permohonan", "pemohon"})
    assert KodeIkmTerpakai.objects.count() == 1
    assert KodeIkmTerpakai.objects.get().sidik == services.sidik_permohonan(p)  # a keyed hash
    # The same application again: "already answered", nothing kept.
    lagi = Client().post(url, _isian())
    assert lagi.status_code == 409 and "sudah diisi" in lagi.content.decode()
    assert Client().get(url).status_code == 409
    assert _jawaban(kantor_a).count() == 1


def test_the_tracking_code_typed_leads_to_the_questionnaire(kantor_a):
    p = daftar("blitar")
    jawab = Client().post("/ikm/", {"kode": p.kode_lacak.lower().replace("-", "")})
    assert jawab.status_code == 302 and jawab["Location"] == f"/ikm/t/{token_tautan(p)}/"
    salah = Client().post("/ikm/", {"kode": "ABCD-EFGH-JKMN"})
    assert salah.status_code == 400 and "Tidak ada permohonan" in salah.content.decode()


@pytest.mark.parametrize("token", ["abc", "1:forged", "x" * 300, "MTIz:1t:AAAA"])
def test_a_forged_link_is_a_clear_404(db, token):
    jawab = Client().get(f"/ikm/t/{token}/")
    assert jawab.status_code == 404 and "Tautan survei tidak berlaku" in jawab.content.decode()


def test_a_half_filled_questionnaire_names_what_is_missing_and_keeps_the_rest(kantor_a):
    p = daftar("blitar")
    jawab = Client().post(f"/ikm/t/{token_tautan(p)}/", _isian(4, tanpa=("u8", "u9", "antrean")))
    isi = jawab.content.decode()
    assert jawab.status_code == 400
    assert (
        "Belum dijawab: Penanganan pengaduan, saran, dan masukan, Sarana dan prasarana, "
        "Ketertiban antrean" in isi
    )
    assert 'id="id_unsur_u1_3"' in isi and "checked" in isi  # answered ones stay chosen
    assert not _jawaban(kantor_a).exists() and not KodeIkmTerpakai.objects.exists()


@pytest.mark.parametrize(
    "salah",
    [
        {"unsur_u1": "9"},
        {"unsur_u1": "abc"},
        {"umur": "abc"},
        {"umur": "99999999999999999999999"},
        {"jenis_kelamin": "X"},
        {"saran": "a" * 5000},
    ],
)
def test_bad_answers_are_refused_in_words(kantor_a, salah):
    p = daftar("blitar")
    jawab = Client().post(f"/ikm/t/{token_tautan(p)}/", _isian() | salah)
    assert jawab.status_code == 400 and "ringkasan-kesalahan" in jawab.content.decode()
    assert not _jawaban(kantor_a).exists()


# ---------------------------------------------------------------------------
# The kiosk
# ---------------------------------------------------------------------------
def _kios(kantor):
    kios, token = services.kios_buat(kantor=kantor, nama="Tablet uji", oleh=user("blitar.admin"))
    tablet = Client()
    pasang = tablet.post("/ikm/kios/pasang/", {"token": token})
    assert pasang.status_code == 302 and pasang["Location"] == "/ikm/kios/"
    return kios, token, tablet


def test_the_kiosk_takes_answers_without_login_and_starts_over(kantor_a, layanan_a):
    kios, token, tablet = _kios(kantor_a)
    assert kios.sidik != token and len(kios.sidik) == 64  # only the hash is kept
    assert tablet.get("/ikm/kios/").status_code == 200
    jawab = tablet.post("/ikm/kios/", _isian(layanan=str(layanan_a.pk)))
    assert jawab["Location"] == "/ikm/kios/terima-kasih/"
    terima = tablet.get("/ikm/kios/terima-kasih/").content.decode()
    assert 'id="ikm-kembali"' in terima and 'data-url="/ikm/kios/"' in terima
    assert _jawaban(kantor_a, SaluranIkm.KIOS).get().kios == kios


def test_a_kiosk_without_a_service_named_is_refused(kantor_a):
    _kios_obj, _token, tablet = _kios(kantor_a)
    jawab = tablet.post("/ikm/kios/", _isian())
    assert jawab.status_code == 400 and not _jawaban(kantor_a).exists()


def test_a_revoked_kiosk_is_refused(kantor_a, layanan_a):
    kios, token, tablet = _kios(kantor_a)
    services.kios_cabut(kios=kios, oleh=user("blitar.admin"))
    assert tablet.get("/ikm/kios/").status_code == 403
    jawab = tablet.post("/ikm/kios/", _isian(layanan=str(layanan_a.pk)))
    assert jawab.status_code == 403 and "dicabut" in jawab.content.decode()
    assert not _jawaban(kantor_a).exists()
    pasang = Client().post("/ikm/kios/pasang/", {"token": token})
    assert pasang.status_code == 400 and "Kios ini sudah dicabut" in pasang.content.decode()


def test_a_browser_without_a_kiosk_token_is_sent_to_set_up(db):
    assert Client().get("/ikm/kios/")["Location"] == "/ikm/kios/pasang/"
    tablet = Client()
    tablet.cookies["ikm_kios"] = "bukan-token"
    assert tablet.get("/ikm/kios/")["Location"] == "/ikm/kios/pasang/"
    assert Client().post("/ikm/kios/pasang/", {"token": "x"}).status_code == 400


@override_settings(DINSOS_BATAS_PERMINTAAN={"ikm": (20, 3600), "ikm_kios": (2, 600)})
def test_a_kiosk_cannot_flood(kantor_a, layanan_a):
    _kios_obj, _token, tablet = _kios(kantor_a)
    for _ in range(2):
        assert tablet.post("/ikm/kios/", _isian(layanan=str(layanan_a.pk))).status_code == 302
    jawab = tablet.post("/ikm/kios/", _isian(layanan=str(layanan_a.pk)))
    assert jawab.status_code == 429 and jawab["Retry-After"]
    assert _jawaban(kantor_a).count() == 2


# ---------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------
def test_a_paper_form_is_kept_with_who_entered_it(kantor_a, petugas_a, layanan_a):
    kemarin = timezone.localdate() - dt.timedelta(days=1)
    data = _isian(layanan=str(layanan_a.pk), tanggal=kemarin.strftime("%d/%m/%Y"))
    jawab = petugas_a.post("/ikm/staf/kertas/", data)
    assert jawab.status_code == 302
    jawaban = _jawaban(kantor_a, SaluranIkm.KERTAS).get()
    assert jawaban.dicatat_oleh == user("blitar.petugas") and jawaban.dicatat_pada is not None
    assert jawaban.tanggal == kemarin


def test_a_paper_form_dated_in_the_future_is_refused(kantor_a, petugas_a, layanan_a):
    besok = timezone.localdate() + dt.timedelta(days=2)
    data = _isian(layanan=str(layanan_a.pk), tanggal=besok.strftime("%d/%m/%Y"))
    jawab = petugas_a.post("/ikm/staf/kertas/", data)
    assert jawab.status_code == 400 and "belum tiba" in jawab.content.decode()


def test_results_are_the_users_own_office_and_role(kantor_a, petugas_a, admin_b, layanan_a):
    services.jawaban_simpan(
        kantor=kantor_a,
        isian=services.Isian(
            umur=30,
            jenis_kelamin="L",
            pendidikan="s1",
            pekerjaan="swasta",
            nilai=dict.fromkeys(UNSUR_BLITAR, 2),
            saran="Saran rahasia Blitar",
            layanan=layanan_a,
        ),
        saluran=SaluranIkm.KERTAS,
        oleh=user("blitar.petugas"),
    )
    sendiri = petugas_a.get("/ikm/staf/")
    assert sendiri.status_code == 200 and "Saran rahasia Blitar" in sendiri.content.decode()
    asing = admin_b.get("/ikm/staf/")  # Bima's administrator reads Bima's survey, not Blitar's
    assert asing.status_code == 200 and "Saran rahasia Blitar" not in asing.content.decode()
    peksos = Client()
    peksos.force_login(user("blitar.peksos"))  # no role that runs the survey
    assert peksos.get("/ikm/staf/").status_code == 404
    assert peksos.get("/ikm/staf/kertas/").status_code == 404
    assert Client().get("/ikm/staf/").status_code == 302  # to the login
    # The public page: the index, never a suggestion.
    tahun = timezone.localdate().year
    publik = Client().get(f"/ikm/hasil/blitar/{tahun}/").content.decode()
    assert "Saran rahasia Blitar" not in publik and "Survei Kepuasan" in publik


def test_a_follow_up_plan_is_written_for_a_weak_element(kantor_a, petugas_a):
    tahun = timezone.localdate().year
    data = {
        "periode": str(tahun),
        "unsur": "u3",
        "u3-unsur": "u3",
        "u3-kegiatan": "Papan alur di loket.",
        "u3-waktu": "Januari",
        "u3-penanggung_jawab": "Kabid",
    }
    assert petugas_a.post("/ikm/staf/rtl/", data).status_code == 302
    rtl = RencanaTindakLanjut.objects.get(kantor=kantor_a, periode=str(tahun), unsur="u3")
    assert rtl.diubah_oleh == user("blitar.petugas")
    kosong = petugas_a.post("/ikm/staf/rtl/", {**data, "u3-kegiatan": ""})
    assert kosong.status_code == 302  # back to the page with the message; nothing changed
    rtl.refresh_from_db()
    assert rtl.kegiatan == "Papan alur di loket."
    assert petugas_a.post("/ikm/staf/rtl/", {**data, "periode": "2026-x"}).status_code == 404


@pytest.mark.parametrize(
    "alamat",
    [
        "/ikm/staf/?periode=abc&layanan=99999999999999999999999",
        "/ikm/staf/?periode=2026-tw9&layanan=-1",
        "/ikm/staf/laporan.pdf?periode=%00",
    ],
)
def test_bad_parameters_fall_back_never_a_500(petugas_a, alamat):
    assert petugas_a.get(alamat).status_code == 200


@pytest.mark.parametrize("alamat", ["/ikm/hasil/blitar/2026-s3/", "/ikm/hasil/tiada/2026/"])
def test_a_missing_public_page_is_a_404(db, alamat):
    assert Client().get(alamat).status_code == 404


def test_the_public_page_says_when_the_sample_is_too_small(kantor_a):
    p = daftar("blitar")
    sampai_selesai(p)  # one settled application: the table asks for one answer
    tahun = timezone.localdate().year
    isi = Client().get(f"/ikm/hasil/blitar/{tahun}/").content.decode()
    assert "Sampel belum cukup untuk dipublikasikan" in isi


def _teks_pdf(isi: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=isi, capture_output=True, check=True
    ).stdout.decode()


def test_the_report_and_the_receipt_and_the_slip(kantor_a, petugas_a, layanan_a):
    services.jawaban_simpan(
        kantor=kantor_a,
        isian=services.Isian(
            umur=30,
            jenis_kelamin="L",
            pendidikan="s1",
            pekerjaan="swasta",
            nilai=dict.fromkeys(UNSUR_BLITAR, 4),
            layanan=layanan_a,
        ),
        saluran=SaluranIkm.KERTAS,
        oleh=user("blitar.petugas"),
    )
    laporan = petugas_a.get(f"/ikm/staf/laporan.pdf?periode={timezone.localdate().year}")
    assert laporan["Content-Type"] == "application/pdf"
    teks = _teks_pdf(laporan.content)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in teks and "100,00" in teks
    assert "Drs. Hendro Wicaksono" in teks  # Blitar's Kadin signs
    p = daftar("blitar")
    tanda_terima = petugas_a.get(f"/permohonan/{p.pk}/tanda-terima.pdf")
    assert "Bagaimana pelayanan kami?" in _teks_pdf(tanda_terima.content)
    kartu = petugas_a.get(f"/permohonan/{p.pk}/survei.pdf")
    assert "Bagaimana pelayanan kami?" in _teks_pdf(kartu.content)
    # Archival and tagged like every document the product issues (tests/test_pdf_arsip.py).
    for isi in (laporan.content, kartu.content):
        assert masalah_arsip(isi) == []
    assert "/Table" in jenis_struktur(laporan.content)
    ARTEFAK.mkdir(exist_ok=True)  # for a person to look at (pdftoppm -png)
    for nama, isi in [("laporan", laporan), ("tanda-terima", tanda_terima), ("kartu", kartu)]:
        (ARTEFAK / f"ikm-{nama}.pdf").write_bytes(isi.content)
