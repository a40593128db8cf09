"""The readiness page: everything between an office and its first valid letter, each finding
linked to the page that fixes it; an office sees only itself, the superuser every office."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from layanan.hari_kerja import isi_tahun
from layanan.katalog.kesiapan import periksa_kesiapan
from layanan.models import (
    HariLibur,
    JenisAdapter,
    Layanan,
    Pejabat,
    PengaturanDtks,
    Pengguna,
    Peran,
    TemplatSurat,
)

pytestmark = pytest.mark.django_db
URL = reverse("admin:siap-melayani")


def _siapkan(kantor) -> None:
    """What the seed data leaves for its administrator: a logo and the calendar."""
    type(kantor).objects.filter(pk=kantor.pk).update(logo="logo/blitar.png")
    tahun = timezone.localdate().year
    for t in (tahun, tahun + 1):
        isi_tahun(t)
        HariLibur.objects.create(
            tanggal=f"{t}-04-01", nama="Hari Jadi Kota", jenis="daerah", kantor=kantor
        )


def _wajib(kantor) -> list[str]:
    kantor.refresh_from_db()
    return [t.pesan for t in periksa_kesiapan(kantor) if t.wajib]


def test_a_prepared_seed_office_is_ready_and_says_so(admin_a, kantor_a):
    _siapkan(kantor_a)
    assert _wajib(kantor_a) == []
    halaman = admin_a.get(URL).content.decode()
    assert "Siap melayani: tidak ada lagi yang menghalangi" in halaman
    assert "Sebagian hari libur nasional" in halaman  # unconfirmed: worth a look, not a block


def test_each_missing_piece_is_named_with_the_page_that_fixes_it(admin_a, kantor_a):
    _siapkan(kantor_a)
    kip = Layanan.objects.get(kantor=kantor_a, kode="kip")
    kadin = Pejabat.objects.get(kantor=kantor_a, peran__kode="kadin")
    Pejabat.objects.filter(pk=kadin.pk).update(sertifikat="")
    TemplatSurat.objects.filter(layanan=kip, hasil__isnull=True).delete()
    Layanan.objects.filter(pk=kip.pk).update(format_nomor_surat="")
    kabid = Peran.objects.get(kantor=kantor_a, kode="kabid")
    for u in Pengguna.objects.filter(peran=kabid):
        u.peran.remove(kabid)
    PengaturanDtks.objects.filter(kantor=kantor_a).update(adapter=JenisAdapter.HTTP, sumber=None)
    type(kantor_a).objects.filter(pk=kantor_a.pk).update(logo="")

    halaman = admin_a.get(URL).content.decode()
    for pesan, tautan in [
        (
            "belum memiliki sertifikat tanda tangan",
            reverse("admin:layanan_pejabat_change", args=[kadin.pk]),
        ),
        (
            "tetapi layanan ini belum memiliki templat surat",
            reverse("admin:layanan_layanan_change", args=[kip.pk]),
        ),
        (
            "belum memiliki format nomor surat",
            reverse("admin:layanan_layanan_change", args=[kip.pk]),
        ),
        (
            f"Belum ada pengguna aktif dengan peran {kabid.nama}",
            reverse("admin:layanan_pengguna_add"),
        ),
        (
            "tidak lagi ditawarkan",
            reverse("admin:layanan_pengaturandtks_change", args=[kantor_a.pengaturan_dtks.pk]),
        ),
        (
            "Kop surat belum lengkap: logo",
            reverse("admin:layanan_kantor_change", args=[kantor_a.pk]),
        ),
    ]:
        assert pesan in halaman, pesan
        assert f'href="{tautan}"' in halaman.replace("&amp;", "&"), tautan
    assert "Belum siap" in halaman


def test_an_office_sees_only_itself(admin_a, kantor_b):
    halaman = admin_a.get(URL, {"kantor": kantor_b.kode}).content.decode()
    assert "Blitar" in halaman and "Bima" not in halaman


def test_a_loket_officer_has_no_readiness_page(petugas_a):
    assert petugas_a.get(URL).status_code in (302, 403)


def test_the_superuser_sees_every_office_and_one_at_a_time(superadmin, kantor_b):
    semua = superadmin.get(URL).content.decode()
    for kode in ("blitar", "bima", "metro", "solok", "tarakan"):
        assert f"?kantor={kode}" in semua
    assert "Bima" in superadmin.get(URL, {"kantor": kantor_b.kode}).content.decode()
    assert superadmin.get(URL, {"kantor": "tidak-ada"}).status_code == 404


def test_only_the_superuser_fills_the_national_calendar_and_only_this_or_next_year(
    superadmin, admin_a
):
    tahun = timezone.localdate().year
    assert admin_a.post(URL, {"isi_libur": tahun}).status_code == 403
    assert not HariLibur.objects.filter(kantor=None, tanggal__year=tahun).exists()
    assert superadmin.post(URL, {"isi_libur": tahun + 5}).status_code == 404
    assert superadmin.post(URL, {"isi_libur": "x"}).status_code == 404
    jawab = superadmin.post(URL, {"isi_libur": tahun}, follow=True)
    assert jawab.status_code == 200
    assert HariLibur.objects.filter(kantor=None, tanggal__year=tahun).exists()
    assert f"Isi hari libur nasional {tahun} dari" not in jawab.content.decode()


def test_a_certificate_no_trusted_authority_vouches_for_is_named(admin_a, kantor_a):
    from layanan.surat.tanda_tangan.otoritas import otoritas_tarik
    from tests.sertifikat_uji import otoritas_demo

    _siapkan(kantor_a)
    otoritas_tarik(
        otoritas=otoritas_demo(), oleh=Pengguna.objects.get(username="superadmin"), alasan="x"
    )
    kadin = Pejabat.objects.get(kantor=kantor_a, peran__kode="kadin")
    halaman = admin_a.get(URL).content.decode()
    assert "tidak dapat dipakai menandatangani" in halaman and "mencabut kepercayaannya" in halaman
    tautan = reverse("admin:layanan_pejabat_change", args=[kadin.pk])
    assert f'href="{tautan}"' in halaman
