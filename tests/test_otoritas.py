"""What trusting a certificate authority does, and what withdrawing it does: every check that
makes a letter believable reads the authorities trusted now."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from weasyprint import HTML

from layanan import mesin
from layanan.demo import FRASA_TTD_DEMO
from layanan.models import AksiLangkah, OtoritasSertifikat, Pejabat, PenghitungNomor, Surat
from layanan.surat.konsep import sidik_surat
from layanan.surat.services import surat_tandatangani
from layanan.surat.tanda_tangan import HasilPeriksa, TandaTanganGagal
from layanan.surat.tanda_tangan.lokal import PenandaLokal
from layanan.surat.tanda_tangan.otoritas import otoritas_pulihkan, otoritas_tarik
from layanan.surat.tanda_tangan.sertifikat import alasan_tidak_siap
from tests.factories import daftar, jalan, pelaku, sampai_selesai, user
from tests.sertifikat_uji import otoritas_demo

pytestmark = pytest.mark.django_db

DICABUT = "tidak lagi dipercaya sistem ini: administrator nasional mencabut kepercayaannya"


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()  # the verification page's rate limit counts across tests


def _tarik_demo() -> OtoritasSertifikat:
    o = otoritas_demo()
    otoritas_tarik(otoritas=o, oleh=user("superadmin"), alasan="Kunci bocor")
    o.refresh_from_db()
    return o


def _kadin_solok() -> Pejabat:
    return Pejabat.objects.get(kantor__kode="solok", peran__kode="kadin")


def test_signing_records_the_authority_it_chained_to():
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    assert surat.otoritas == otoritas_demo()
    assert _kadin_solok().sertifikat_otoritas == otoritas_demo()  # checked at upload (demo)


def test_a_withdrawn_authority_makes_nothing_valid_from_then_on():
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    url = reverse("layanan:verifikasi", args=[surat.token])
    assert "diterbitkan dan ditandatangani di sini, dan sah" in Client().get(url).content.decode()
    o = _tarik_demo()
    # The public page tells the truth: intact, but its authority is no longer trusted, since when.
    halaman = Client().get(url).content.decode()
    assert "diterbitkan dan ditandatangani di sini, dan sah" not in halaman
    assert "otoritas-ditarik" in halaman and o.nama in halaman
    # The signer is told before typing a passphrase, and signing itself refuses.
    kadin = _kadin_solok()
    assert DICABUT in alasan_tidak_siap(kadin)
    with pytest.raises(TandaTanganGagal, match="mencabut kepercayaannya"):
        PenandaLokal().tandatangani(
            HTML(string="<p>Surat</p>").write_pdf(), pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO
        )
    # A mistaken withdrawal undone: valid again.
    otoritas_pulihkan(otoritas=o, oleh=user("superadmin"))
    assert alasan_tidak_siap(kadin) == ""
    assert "diterbitkan dan ditandatangani di sini, dan sah" in Client().get(url).content.decode()


def test_an_upload_chaining_to_a_withdrawn_authority_is_refused_saying_so(admin_a):
    from tests.test_tanda_tangan import _ca_demo, _p12_sendiri, _unggah

    ca = _ca_demo()
    otoritas_tarik(
        otoritas=OtoritasSertifikat.objects.get(nama="CA Uji Terpercaya"),
        oleh=user("superadmin"),
        alasan="Salah unggah",
    )
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    response = _unggah(admin_a, kadin, _p12_sendiri(ca=ca))
    galat = " ".join(response.context["adminform"].form.errors["sertifikat"])
    assert "CA Uji Terpercaya" in galat and "mencabut kepercayaannya" in galat


def test_an_accepted_upload_keeps_the_public_chain_and_its_authority(admin_a):
    from tests.test_tanda_tangan import _ca_demo, _p12_sendiri, _unggah

    ca = _ca_demo()
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    assert _unggah(admin_a, kadin, _p12_sendiri(ca=ca)).status_code == 302
    kadin.refresh_from_db()
    assert kadin.sertifikat_pem.count("BEGIN CERTIFICATE") == 2  # the signer, then its CA
    assert "PRIVATE KEY" not in kadin.sertifikat_pem
    assert kadin.sertifikat_otoritas.nama == "CA Uji Terpercaya"
    assert alasan_tidak_siap(kadin) == ""


class _PenandaTakSah(PenandaLokal):
    """Signs, but what it signed would not validate (a chain broken after signing)."""

    def periksa(self, pdf: bytes, *, pada=None) -> HasilPeriksa:
        return HasilPeriksa(True, False, True)


def test_a_letter_that_would_not_validate_is_never_issued():
    p = daftar("solok")
    while AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p):
        p = jalan(p)
    sebelum = list(
        PenghitungNomor.objects.filter(kantor=p.kantor).values_list("terakhir", flat=True)
    )
    with pytest.raises(TandaTanganGagal, match="tidak sah terhadap otoritas sertifikat"):
        surat_tandatangani(
            permohonan=p,
            oleh=pelaku(p),
            frasa_sandi=FRASA_TTD_DEMO,
            url_verifikasi="http://testserver/v/{token}/",
            versi=p.versi,
            sidik_konsep=sidik_surat(p),
            penanda=_PenandaTakSah(),
        )
    assert not Surat.objects.filter(permohonan=p).exists()
    sesudah = list(
        PenghitungNomor.objects.filter(kantor=p.kantor).values_list("terakhir", flat=True)
    )
    assert sesudah == sebelum  # no number taken: the sequence keeps no gap


def test_a_letter_signed_here_is_checked_from_the_signers_record_as_a_reader_checks_it():
    """The signer checks its own fresh output without parsing it back (bench/letters.py), and
    says what a fresh reader (the public page) says of the same bytes."""
    kadin = _kadin_solok()
    pdf = HTML(string="<h1>SURAT</h1>").write_pdf()
    penanda = PenandaLokal()
    isi = penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)
    sendiri, pembaca = penanda.periksa(isi), PenandaLokal().periksa(isi)
    assert sendiri == pembaca
    assert sendiri.sah and sendiri.otoritas == otoritas_demo()
    # Only its own bytes: one byte changed is read back and found broken.
    rusak = bytearray(penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO))
    rusak[len(pdf) // 2] ^= 0x01
    assert not penanda.periksa(bytes(rusak)).utuh


def test_trust_withdrawn_in_the_middle_of_a_batch_stops_the_next_letter():
    """The signer opened its certificate once for the batch; the trust of its authority is
    asked again for every letter, so a withdrawal between two letters is not missed."""
    kadin = _kadin_solok()
    pdf = HTML(string="<h1>SURAT</h1>").write_pdf()
    penanda = PenandaLokal()
    assert penanda.periksa(penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)).sah
    kedua = penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)
    _tarik_demo()
    hasil = penanda.periksa(kedua)
    assert hasil.utuh and not hasil.sah
    assert hasil.sah == PenandaLokal().periksa(kedua).sah


def test_the_migration_fills_each_authoritys_fingerprint():
    migrasi = importlib.import_module("layanan.migrations.0030_isi_sidik_otoritas")
    o = otoritas_demo()
    sidik = o.sidik
    OtoritasSertifikat.objects.filter(pk=o.pk).update(sidik="")
    migrasi.isi_sidik(apps, None)
    o.refresh_from_db()
    assert o.sidik == sidik


def test_earlier_letters_and_officials_are_completed_from_the_signatures():
    from django.core.management import call_command

    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    kadin = _kadin_solok()
    rantai = kadin.sertifikat_pem
    # As an upgrade finds them: nothing recorded of the authority or the chain.
    Surat.objects.filter(pk=surat.pk).update(otoritas=None)
    Pejabat.objects.filter(pk=kadin.pk).update(sertifikat_pem="", sertifikat_otoritas=None)
    call_command("lengkapi_otoritas", stdout=__import__("io").StringIO())
    surat.refresh_from_db()
    kadin.refresh_from_db()
    assert surat.otoritas == otoritas_demo()
    assert kadin.sertifikat_otoritas == otoritas_demo()
    assert (
        kadin.sertifikat_pem.split("-----END CERTIFICATE-----")[0]
        == rantai.split("-----END CERTIFICATE-----")[0]
    )
    assert alasan_tidak_siap(kadin) == ""


def test_a_letter_stays_valid_after_its_signers_certificate_expires(monkeypatch):
    """Validated as of its signing, as our record says: twenty years on, the official's
    certificate long expired, the stored letter is still valid; a stranger's file is judged
    as of now."""
    import datetime as dt

    from layanan.surat.tanda_tangan import lokal

    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    url = reverse("layanan:verifikasi", args=[surat.token])
    nanti = dt.datetime.now(dt.UTC) + dt.timedelta(days=20 * 365)
    monkeypatch.setattr(lokal, "sekarang", lambda: nanti)
    isi = surat.berkas.read()
    assert not PenandaLokal().periksa(isi).sah  # as of now: the certificate has expired
    assert PenandaLokal().periksa(isi, pada=surat.ditandatangani_pada).sah
    halaman = Client().get(url).content.decode()
    assert "diterbitkan dan ditandatangani di sini, dan sah" in halaman
