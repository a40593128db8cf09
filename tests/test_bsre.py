"""BSrE signing against a faithful fake of the service (v1 and v2) on loopback: a letter signed
through it validates against the root the superuser trusts, and every failure of the service is
a clear message with no number taken, nothing stored, and the passphrase nowhere."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from layanan import mesin
from layanan.models import (
    AksiLangkah,
    OtoritasSertifikat,
    Pejabat,
    PengaturanBsre,
    PenghitungNomor,
    Surat,
)
from layanan.surat.konsep import sidik_surat
from layanan.surat.services import (
    alasan_tidak_bisa_menandatangani,
    penanda_bawaan,
    surat_tandatangani,
)
from layanan.surat.tanda_tangan import TandaTanganGagal
from layanan.surat.tanda_tangan.bsre import KAKI, PenandaBsre
from layanan.surat.tanda_tangan.lokal import periksa_penuh
from layanan.surat.tanda_tangan.otoritas import otoritas_tambah
from tests.bsre_palsu import BsrePalsu
from tests.factories import daftar, jalan, pelaku

pytestmark = pytest.mark.django_db

NIK = "3572010101700001"
FRASA = "frasa-bsre-rahasia-9137"


@pytest.fixture
def palsu():
    bsre = BsrePalsu().mulai()
    yield bsre
    bsre.berhenti()


@pytest.fixture(params=["v1", "v2"])
def bsre(request, palsu, settings, monkeypatch):
    """The Blitar office signing through the fake, whose root the superuser trusts."""
    cache.clear()
    settings.DINSOS_BSRE_ALAMAT = [palsu.url]
    monkeypatch.setenv("DINSOS_BSRE_PENGGUNA", palsu.pengguna_api)
    monkeypatch.setenv("DINSOS_BSRE_SANDI", palsu.sandi_api)
    otoritas_tambah(nama="Root BSrE Uji", sertifikat=palsu.otoritas.sertifikat, oleh=None)
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    kadin.nik = NIK
    kadin.save(update_fields=["nik"])
    palsu.daftar(NIK, FRASA, nama=kadin.nama)
    PengaturanBsre.objects.create(
        kantor=kadin.kantor, aktif=True, versi=request.param, alamat=palsu.url, batas_waktu=20
    )
    return palsu


def _lambat(palsu):
    palsu.gangguan, palsu.lambat_detik = "lambat", 4
    PengaturanBsre.objects.update(batas_waktu=2)


def _di_ttd():
    p = daftar("blitar")
    while AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p):
        p = jalan(p)
    return p


def _tandatangani(p, frasa=FRASA):
    return surat_tandatangani(
        permohonan=p,
        oleh=pelaku(p),
        frasa_sandi=frasa,
        url_verifikasi="http://testserver/v/{token}/",
        versi=p.versi,
        sidik_konsep=sidik_surat(p),
    )


def _nomor(p):
    return list(PenghitungNomor.objects.filter(kantor=p.kantor).values_list("terakhir", flat=True))


def test_a_letter_signed_through_bsre_validates_against_the_trusted_root(bsre):
    p = _di_ttd()
    assert isinstance(penanda_bawaan(p.kantor_id), PenandaBsre)
    surat = _tandatangani(p)
    with surat.berkas.open("rb") as f:
        isi = f.read()
    hasil = periksa_penuh(isi)
    assert hasil.sah and hasil.otoritas.nama == "Root BSrE Uji"
    assert hasil.penandatangan.startswith(surat.pejabat.nama)
    panggilan = [r for r in bsre.permintaan if "sign" in r["jalur"]]
    assert len(panggilan) == 1
    terkirim = panggilan[0].get("medan") or panggilan[0]["json"]["signatureProperties"][0]
    assert terkirim["tag_koordinat"] == "^"
    rusak = bytearray(isi)
    rusak[len(isi) // 3] ^= 0x01
    assert not periksa_penuh(bytes(rusak)).sah


def test_the_letter_carries_the_bsre_footer_our_qr_and_bsres_stamp_on_the_tag(bsre):
    surat = _tandatangani(_di_ttd())
    with surat.berkas.open("rb") as f:
        pdf = PdfReader(io.BytesIO(f.read()))
    teks = " ".join(h.extract_text() for h in pdf.pages).replace("\n", " ")
    assert KAKI.split(" (BSrE)")[0][:60] in teks
    assert f"/v/{surat.token}/" in teks  # the address our QR leads to
    anot = [a.get_object() for h in pdf.pages for a in (h.get("/Annots") or [])]
    ttd = [a for a in anot if a.get("/FT") == "/Sig"]
    assert ttd and float(ttd[0]["/Rect"][2]) - float(ttd[0]["/Rect"][0]) == pytest.approx(150, 1)


@pytest.mark.parametrize(
    ("status", "kata"),
    [
        ("EXPIRED", "kedaluwarsa"),
        ("SUSPEND", "dibekukan"),
        ("REVOKE", "dicabut"),
        ("NOT_REGISTERED", "tidak terdaftar"),
        ("NO_CERTIFICATE", "belum memiliki sertifikat"),
        ("WAITING_FOR_VERIFICATION", "verifikasi"),
        ("RENEW", "diperbarui"),
        ("NEW", "belum selesai"),
    ],
)
def test_a_status_other_than_issue_is_explained_before_the_passphrase(bsre, status, kata):
    p = _di_ttd()
    if status == "NOT_REGISTERED":
        del bsre.akun[NIK]
    else:
        bsre.akun[NIK].status = status
    alasan = alasan_tidak_bisa_menandatangani(oleh=pelaku(p), kantor_id=p.kantor_id)
    assert kata in alasan.lower()


def test_an_issued_certificate_lets_the_form_open(bsre):
    p = _di_ttd()
    assert alasan_tidak_bisa_menandatangani(oleh=pelaku(p), kantor_id=p.kantor_id) == ""


def test_an_official_without_nik_is_told_before_any_call(bsre):
    p = _di_ttd()
    Pejabat.objects.filter(nik=NIK).update(nik="")
    alasan = alasan_tidak_bisa_menandatangani(oleh=pelaku(p), kantor_id=p.kantor_id)
    assert "NIK" in alasan
    assert not bsre.permintaan


@pytest.mark.parametrize(
    ("siapkan", "kata"),
    [
        (lambda b: None, "frasa sandi salah"),  # the wrong passphrase below
        (lambda b: b.akun.pop(NIK), "tidak terdaftar"),
        (_lambat, "tidak menjawab"),
        (lambda b: setattr(b, "gangguan", "500"), "500"),
        (lambda b: setattr(b, "gangguan", "502"), "502"),
        (lambda b: setattr(b, "gangguan", "tanpa_tanda"), "tidak ditandatangani secara sah"),
        (lambda b: setattr(b, "gangguan", "ubah"), "kembali dari bsre"),
        (lambda b: setattr(b, "gangguan", "dokumen_lain"), "bukan surat yang dikirim"),
        (lambda b: setattr(b, "gangguan", "alih"), "302"),
        (lambda b: setattr(b, "gangguan", "sampah"), "tidak dapat dibaca"),
        (lambda b: setattr(b, "sandi_api", "lain"), "kredensial"),
        (lambda b: b.berhenti(), "tidak dapat dihubungi"),
    ],
)
def test_every_failure_is_told_and_leaves_nothing(bsre, siapkan, kata, caplog):
    p = _di_ttd()
    sebelum = _nomor(p)
    siapkan(bsre)
    frasa = "frasa-salah-5521" if kata == "frasa sandi salah" else FRASA
    caplog.set_level(logging.DEBUG)
    with pytest.raises(TandaTanganGagal) as galat:
        _tandatangani(p, frasa)
    assert kata in str(galat.value).lower()
    assert not Surat.objects.filter(permohonan=p).exists()
    assert _nomor(p) == sebelum
    p.refresh_from_db()
    assert AksiLangkah.TANDA_TANGAN in mesin.pilihan_langkah(p)  # the signer can retry
    assert frasa not in caplog.text and frasa not in str(galat.value)


def test_every_call_is_logged_without_the_passphrase(bsre, caplog):
    caplog.set_level(logging.DEBUG)
    _tandatangani(_di_ttd())
    catatan = [r.getMessage() for r in caplog.records if r.name.endswith("bsre")]
    assert any("sign/pdf" in c and "200" in c for c in catatan)
    assert FRASA not in caplog.text
    assert NIK not in caplog.text  # the NIK only by its last digits


def test_a_wrong_passphrase_is_not_sent_again_in_the_same_batch(bsre):
    penanda = penanda_bawaan(Pejabat.objects.get(nik=NIK).kantor_id)
    kadin = Pejabat.objects.get(nik=NIK)
    for _ in range(2):
        with pytest.raises(TandaTanganGagal, match="salah"):
            penanda.tandatangani(b"%PDF-1.7 ^", pejabat=kadin, frasa_sandi="salah")
    assert len([r for r in bsre.permintaan if "sign" in r["jalur"]]) == 1


def test_an_address_the_operator_did_not_allow_is_never_called(bsre, settings):
    p = _di_ttd()
    settings.DINSOS_BSRE_ALAMAT = ["https://esign.example.go.id"]
    with pytest.raises(TandaTanganGagal, match="Alamat BSrE"):
        _tandatangani(p)
    assert not bsre.permintaan


def test_the_fake_refuses_a_tag_longer_than_one_character(palsu):
    from weasyprint import HTML

    palsu.daftar(NIK, FRASA)
    pdf = HTML(string="<p>## tanda</p>").write_pdf()
    kode, isi = palsu.tandatangani(
        pdf, NIK, FRASA, {"visible": True, "tag": "##", "lebar": 100, "tinggi": 40, "gambar": b"x"}
    )
    assert kode == 400 and "1 karakter" in isi["error"]


def test_a_batch_signs_each_letter_with_its_own_call(bsre):
    from layanan.surat.batch import ButirBatch, proses_batch

    semua = [_di_ttd(), _di_ttd()]
    hasil = proses_batch(
        butir=[ButirBatch(p, p.versi, sidik_surat(p)) for p in semua],
        oleh=pelaku(semua[0]),
        frasa_sandi=FRASA,
        url_verifikasi="http://testserver/v/{token}/",
    )
    assert [h.berhasil for h in hasil] == [True, True], [h.pesan for h in hasil]
    assert len([r for r in bsre.permintaan if "sign" in r["jalur"]]) == 2
    for surat in Surat.objects.filter(permohonan__in=semua):
        with surat.berkas.open("rb") as f:
            assert periksa_penuh(f.read()).sah


def test_the_demo_command_points_an_office_at_the_fake(settings, monkeypatch):
    from django.core.management import call_command

    import layanan.management.commands.bsre_palsu as perintah

    def berhenti(_detik):
        raise KeyboardInterrupt

    settings.DEBUG = True
    monkeypatch.setattr(perintah.time, "sleep", berhenti)
    call_command("bsre_palsu", "--kantor", "blitar", "--port", "0")
    pengaturan = PengaturanBsre.objects.get(kantor__kode="blitar")
    assert pengaturan.aktif and pengaturan.alamat.startswith("http://127.0.0.1:")
    assert OtoritasSertifikat.objects.filter(nama=perintah.NAMA_AKAR).exists()
    assert all(len(p.nik) == 16 for p in Pejabat.objects.filter(kantor__kode="blitar", aktif=True))
