"""The trusted certificate authorities' page: the national superuser's alone. A CA certificate is
uploaded (file or pasted PEM) and checked; the page says what was signed under it; its trust is
withdrawn with who, when and why — never deleted."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from layanan.models import OtoritasSertifikat, Pejabat
from tests.sertifikat_uji import buat_ca, buat_penanda, der, otoritas_demo, pem

pytestmark = pytest.mark.django_db

DAFTAR = reverse("admin:layanan_otoritassertifikat_changelist")
TAMBAH = reverse("admin:layanan_otoritassertifikat_add")


def _ubah(o: OtoritasSertifikat) -> str:
    return reverse("admin:layanan_otoritassertifikat_change", args=[o.pk])


def _tarik(o: OtoritasSertifikat) -> str:
    return reverse("admin:layanan_otoritassertifikat_tarik", args=[o.pk])


def _galat(response, field: str) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["adminform"].form.errors.get(field, []))


@pytest.mark.parametrize(
    "url",
    [
        lambda o: DAFTAR,
        lambda o: TAMBAH,
        _ubah,
        lambda o: reverse("admin:layanan_otoritassertifikat_history", args=[o.pk]),
        lambda o: reverse("admin:layanan_otoritassertifikat_delete", args=[o.pk]),
    ],
)
def test_an_office_administrator_can_neither_see_nor_reach_it(admin_a, url):
    assert admin_a.get(url(otoritas_demo())).status_code == 403


def test_an_office_administrator_cannot_withdraw_or_restore_trust(admin_a):
    o = otoritas_demo()
    assert admin_a.post(_tarik(o), {"alasan": "iseng"}).status_code == 403
    pulihkan = reverse("admin:layanan_otoritassertifikat_pulihkan", args=[o.pk])
    assert admin_a.post(pulihkan).status_code == 403
    o.refresh_from_db()
    assert o.dipercaya


def test_the_admin_index_lists_it_for_the_superuser_only(admin_a, superadmin):
    assert DAFTAR not in admin_a.get(reverse("admin:index")).content.decode()
    assert DAFTAR in superadmin.get(reverse("admin:index")).content.decode()


def test_a_loket_officer_is_sent_to_log_in(petugas_a):
    response = petugas_a.get(DAFTAR)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("bentuk", ["pem-berkas", "der-berkas", "pem-teks"])
def test_the_superuser_adds_a_ca_as_pem_or_der_file_or_pasted_text(superadmin, bentuk):
    _kunci, ca = buat_ca("BSrE Uji")
    if bentuk == "pem-teks":
        data = {"nama": "BSrE", "teks_pem": pem(ca)}
    else:
        isi = der(ca) if bentuk == "der-berkas" else pem(ca).encode()
        data = {"nama": "BSrE", "berkas": SimpleUploadedFile("bsre.crt", isi)}
    response = superadmin.post(TAMBAH, data)
    assert response.status_code == 302
    o = OtoritasSertifikat.objects.get(nama="BSrE")
    assert o.sertifikat_pem == pem(ca) and len(o.sidik) == 64 and o.dipercaya
    assert o.history.get().history_user.username == "superadmin"


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (b"<html>bukan sertifikat</html>", "bukan sertifikat X.509"),
        (b"\x30\x82\x01\x00" + b"\x00" * 300, "bukan sertifikat X.509"),
        (b"-----BEGIN CERTIFICATE-----\nrusak\n-----END CERTIFICATE-----\n", "bukan sertifikat"),
        (pem(buat_penanda(buat_ca("CA Lain"))).encode(), "bukan sertifikat otoritas sertifikat"),
        (pem(buat_ca("Bukan CA", ca=False)[1]).encode(), "bukan sertifikat otoritas sertifikat"),
        (
            pem(
                buat_ca("CA Usang", mulai=dt.timedelta(days=-900), sampai=dt.timedelta(days=-2))[1]
            ).encode(),
            "kedaluwarsa pada",
        ),
        (pem(buat_ca("CA Nanti", mulai=dt.timedelta(days=30))[1]).encode(), "baru berlaku mulai"),
        ((pem(buat_ca("A")[1]) + pem(buat_ca("B")[1])).encode(), "berisi 2 sertifikat"),
        (b"-----BEGIN CERTIFICATE-----\n" + b"A" * 70_000, "jauh lebih besar"),
    ],
)
def test_hostile_or_wrong_uploads_get_a_clear_message(superadmin, isi, pesan):
    sebelum = OtoritasSertifikat.objects.count()
    response = superadmin.post(
        TAMBAH, {"nama": "Coba", "berkas": SimpleUploadedFile("ca.crt", isi)}
    )
    assert pesan in _galat(response, "berkas")
    assert OtoritasSertifikat.objects.count() == sebelum


def test_an_officials_p12_is_sent_back_to_the_officials_page(superadmin):
    from tests.test_tanda_tangan import _p12_sendiri

    response = superadmin.post(
        TAMBAH, {"nama": "Coba", "berkas": SimpleUploadedFile("ttd.p12", _p12_sendiri())}
    )
    assert "berkas PKCS#12" in _galat(response, "berkas")


def test_nothing_given_both_given_or_already_recorded(superadmin):
    assert "Unggah berkas sertifikatnya" in _galat(
        superadmin.post(TAMBAH, {"nama": "X"}), "teks_pem"
    )
    _k, ca = buat_ca("Dua Kali")
    keduanya = {"nama": "X", "teks_pem": pem(ca), "berkas": SimpleUploadedFile("a.crt", der(ca))}
    assert "jangan keduanya" in _galat(superadmin.post(TAMBAH, keduanya), "teks_pem")
    demo = otoritas_demo()
    lagi = superadmin.post(TAMBAH, {"nama": "Lagi", "teks_pem": demo.sertifikat_pem})
    assert f"sudah tercatat, sebagai {demo.nama}" in _galat(lagi, "teks_pem")


def test_its_page_shows_the_certificate_and_what_was_signed_under_it(superadmin):
    from tests.factories import daftar, sampai_selesai

    sampai_selesai(daftar("solok"))
    o = otoritas_demo()
    halaman = superadmin.get(_ubah(o)).content.decode()
    assert o.sidik[:2].upper() + ":" + o.sidik[2:4].upper() in halaman
    assert "CN=CA Demo Layanan Dinsos" in halaman
    jumlah = Pejabat.objects.filter(sertifikat_otoritas=o).count()
    assert jumlah >= 10
    assert f"{jumlah} sertifikat pejabat" in halaman
    assert f"?sertifikat_otoritas__id__exact={o.pk}" in halaman
    assert "1 surat" in halaman and "Sah: 1" in halaman
    surat = o.surat.get()
    assert reverse("layanan:verifikasi", args=[surat.token]) in halaman
    # The link to the officials' list is one the officials' page accepts.
    saring = superadmin.get(
        reverse("admin:layanan_pejabat_changelist") + f"?sertifikat_otoritas__id__exact={o.pk}"
    )
    assert saring.status_code == 200 and saring.context["cl"].result_count == jumlah
    daftar_ca = superadmin.get(DAFTAR).content.decode()
    assert "Dipercaya" in daftar_ca


def test_withdrawing_trust_keeps_the_record_with_who_when_and_why(superadmin):
    o = otoritas_demo()
    tanpa_alasan = superadmin.post(_tarik(o), {"alasan": "  "}, follow=True)
    assert "Tuliskan alasan" in tanpa_alasan.content.decode()
    o.refresh_from_db()
    assert o.dipercaya
    response = superadmin.post(_tarik(o), {"alasan": "Kunci CA bocor"}, follow=True)
    assert "telah dicabut" in response.content.decode()
    o.refresh_from_db()
    assert not o.dipercaya and o.ditarik_oleh.username == "superadmin"
    assert o.alasan_tarik == "Kunci CA bocor"
    terakhir = o.history.first()
    assert terakhir.history_change_reason == "Kepercayaan dicabut"
    assert terakhir.ditarik_pada == o.ditarik_pada
    halaman = superadmin.get(_ubah(o)).content.decode()
    assert "Dicabut pada" in halaman and "Kunci CA bocor" in halaman
    assert "Pulihkan kepercayaan" in halaman
    # No delete, not even for the superuser: what it signed keeps its record.
    hapus = reverse("admin:layanan_otoritassertifikat_delete", args=[o.pk])
    assert superadmin.get(hapus).status_code == 403
    superadmin.post(reverse("admin:layanan_otoritassertifikat_pulihkan", args=[o.pk]))
    o.refresh_from_db()
    assert o.dipercaya and o.ditarik_oleh is None
    assert o.history.count() == 3  # added, withdrawn, restored


def test_the_page_is_not_a_500_on_a_malformed_id(superadmin):
    assert superadmin.get("/admin/layanan/otoritassertifikat/abc/change/").status_code in (302, 404)
    assert superadmin.post("/admin/layanan/otoritassertifikat/abc/tarik/").status_code == 404
    assert Client().get(DAFTAR).status_code == 302
