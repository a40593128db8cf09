"""The signer is told why they cannot sign before typing a passphrase: where a signing form would
be (the signature step, the batch, a replacement), a certificate that is missing, out of date or
not chaining to an authority trusted now shows the reason and no passphrase field; sending the
application back stays possible."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from layanan import mesin
from layanan.models import AksiLangkah, Pejabat, Permohonan, Surat
from layanan.surat.tanda_tangan.otoritas import otoritas_tarik
from tests.factories import daftar, jalan, sampai_selesai, user
from tests.sertifikat_uji import buat_ca, buat_penanda, otoritas_demo, pasang_rantai, percayai
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db

FRASA = 'name="frasa_sandi"'


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()


def _di_tanda_tangan(kantor: str = "solok") -> Permohonan:
    p = daftar(kantor)
    while AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p):
        p = jalan(p)
    return p


def _kadin() -> Pejabat:
    return Pejabat.objects.get(kantor__kode="solok", peran__kode="kadin")


def _tanpa_sertifikat(kadin: Pejabat) -> None:
    Pejabat.objects.filter(pk=kadin.pk).update(sertifikat="", sertifikat_pem="")


def _kedaluwarsa(kadin: Pejabat) -> None:
    ca = percayai()
    lama = buat_penanda(ca, mulai=dt.timedelta(days=-400), sampai=dt.timedelta(days=-2))
    pasang_rantai(kadin, lama, ca[1])


def _belum_berlaku(kadin: Pejabat) -> None:
    ca = percayai()
    pasang_rantai(kadin, buat_penanda(ca, mulai=dt.timedelta(days=5)), ca[1])


def _ca_sendiri(kadin: Pejabat) -> None:
    ca = buat_ca("CA Buatan Sendiri")
    pasang_rantai(kadin, buat_penanda(ca), ca[1])


def _ca_ditarik(kadin: Pejabat) -> None:
    otoritas_tarik(otoritas=otoritas_demo(), oleh=user("superadmin"), alasan="Kunci bocor")


def _tanpa_akun(kadin: Pejabat) -> None:
    Pejabat.objects.filter(pk=kadin.pk).update(pengguna=None)


KASUS = [
    (_tanpa_sertifikat, "belum memiliki sertifikat tanda tangan"),
    (_kedaluwarsa, "sudah kedaluwarsa: berlaku sampai"),
    (_belum_berlaku, "belum berlaku: baru berlaku mulai"),
    (_ca_sendiri, "tidak diterbitkan oleh otoritas sertifikat yang dipercaya"),
    (_ca_ditarik, "administrator nasional mencabut kepercayaannya"),
    (_tanpa_akun, "belum terhubung ke data pejabat"),
]


def test_a_signer_who_can_sign_gets_the_passphrase_field():
    p = _di_tanda_tangan()
    halaman = _masuk("solok.kadin").get(reverse("layanan:permohonan-detail", args=[p.pk]))
    teks = halaman.content.decode()
    assert FRASA in teks and "tidak-bisa-tanda-tangan" not in teks


@pytest.mark.parametrize(("ubah", "alasan"), KASUS)
def test_the_step_says_why_and_offers_no_passphrase(ubah, alasan):
    p = _di_tanda_tangan()
    ubah(_kadin())
    teks = _masuk("solok.kadin").get(reverse("layanan:permohonan-detail", args=[p.pk]))
    teks = teks.content.decode()
    assert 'id="tidak-bisa-tanda-tangan"' in teks and alasan in teks
    assert FRASA not in teks and "Tandatangani surat" not in teks


@pytest.mark.parametrize(("ubah", "alasan"), KASUS[:5])
def test_the_batch_says_why_and_leaves_the_letters_out(ubah, alasan):
    _di_tanda_tangan()
    ubah(_kadin())
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    baca = kadin.get(reverse("layanan:batch-baca", args=[0])).content.decode()
    assert alasan in baca
    kadin.post(reverse("layanan:batch-pilih", args=[0]), {"sertakan": "1"})
    ringkasan = kadin.get(reverse("layanan:batch-selesai")).content.decode()
    assert alasan in ringkasan and "Belum dapat ditandatangani" in ringkasan
    assert FRASA not in ringkasan and 'id="form-proses-batch"' not in ringkasan
    # A POST made anyway signs nothing.
    kadin.post(reverse("layanan:batch-selesai"), {"frasa_sandi": "apa saja"})
    assert not Surat.objects.exists()


def test_a_replacement_is_not_offered_while_the_certificate_cannot_sign():
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:surat-cabut", args=[p.pk, surat.pk]), {"alasan": "Salah nama"})
    teks = kadin.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert f'id="frasa-ganti-{surat.pk}"' in teks
    _ca_sendiri(_kadin())
    teks = kadin.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert f'id="frasa-ganti-{surat.pk}"' not in teks
    assert f'id="tidak-bisa-ganti-{surat.pk}"' in teks and "tidak diterbitkan oleh" in teks


def test_where_the_sop_sends_back_the_signer_still_can(pengguna):
    # Blitar: the Kadin may send the draft back to be corrected.
    p = _di_tanda_tangan("blitar")
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    _tanpa_sertifikat(kadin)
    klien = _masuk(kadin.pengguna.username)
    teks = klien.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert FRASA not in teks and 'value="kembali"' in teks
    assert "Anda tetap dapat mengembalikan permohonan" in teks
    klien.post(
        reverse("layanan:kerjakan-langkah", args=[p.pk]),
        {"aksi": "kembali", "versi": p.versi, "catatan": "Nama anak salah"},
    )
    p.refresh_from_db()
    assert AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p)
