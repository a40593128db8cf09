"""The office administrator's notification pages: their own office only, and a hostile text
refused before it is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from layanan.models import AturanNotifikasi, Peristiwa, Pesan, SaluranKantor
from layanan.notifikasi.webhook import kunci_kantor
from tests.factories import daftar
from tests.notifikasi.conftest import KONTAK_EMAIL

TAMBAH_ATURAN = reverse("admin:layanan_aturannotifikasi_add")


def _aturan(teks: str, **lain: str) -> dict[str, str]:
    return {"peristiwa": Peristiwa.DITERIMA, "aktif": "on", "subjek": "", "teks": teks, **lain}


def test_admin_adds_a_rule_for_their_office(admin_a, kantor_a, layanan_a):
    r = admin_a.post(TAMBAH_ATURAN, _aturan("Kode {{ kode }}", layanan=str(layanan_a.pk)))
    assert r.status_code == 302, r.content
    aturan = AturanNotifikasi.objects.get()
    assert (aturan.kantor, aturan.layanan) == (kantor_a, layanan_a)


@pytest.mark.parametrize(
    "teks",
    [
        "{% load static %}{% static 'x' %}",
        "{% include 'base.html' %}",
        "{{ pemohon.nik }}",
        "{{ kode|safe }}",
        "{% debug %}",
    ],
)
def test_a_hostile_text_is_refused_and_kept(admin_a, teks):
    r = admin_a.post(TAMBAH_ATURAN, _aturan(teks))
    assert r.status_code == 200
    assert r.context["adminform"].form.errors["teks"]
    assert teks.replace("'", "&#x27;") in r.content.decode()
    assert not AturanNotifikasi.objects.exists()


def test_another_offices_service_cannot_be_chosen(admin_a, layanan_b):
    r = admin_a.post(TAMBAH_ATURAN, _aturan("x", layanan=str(layanan_b.pk)))
    assert r.status_code == 200
    assert r.context["adminform"].form.errors["layanan"]


def test_one_rule_per_event_and_service(admin_a, kantor_a):
    AturanNotifikasi.objects.create(kantor=kantor_a, peristiwa=Peristiwa.DITERIMA, teks="a")
    r = admin_a.post(TAMBAH_ATURAN, _aturan("b"))
    assert r.status_code == 200
    assert r.context["adminform"].form.errors["peristiwa"]


def test_rules_and_channels_of_another_office_are_404(admin_a, admin_b, kantor_b):
    aturan = AturanNotifikasi.objects.create(
        kantor=kantor_b, peristiwa=Peristiwa.DITERIMA, teks="x"
    )
    saluran = SaluranKantor.objects.create(kantor=kantor_b, jenis="email")
    for model, obj in (("aturannotifikasi", aturan), ("salurankantor", saluran)):
        for aksi in ("change", "history", "delete"):
            milik_lain = admin_a.get(reverse(f"admin:layanan_{model}_{aksi}", args=[obj.pk]))
            tidak_ada = admin_a.get(reverse(f"admin:layanan_{model}_{aksi}", args=[999999]))
            assert milik_lain.status_code == tidak_ada.status_code, aksi
            assert milik_lain.status_code in (302, 404), aksi
        url = reverse(f"admin:layanan_{model}_change", args=[obj.pk])
        assert admin_b.get(url).status_code == 200


def test_the_outbox_is_read_only_and_scoped(admin_a, admin_b, kantor_email):
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    pesan = Pesan.objects.get(permohonan=p)
    url = reverse("admin:layanan_pesan_change", args=[pesan.pk])
    r = admin_a.get(url)
    assert r.status_code == 200
    assert p.kode_lacak in r.content.decode()
    assert admin_a.post(url, {}).status_code == 403
    assert (
        admin_b.get(url).status_code
        == admin_b.get(reverse("admin:layanan_pesan_change", args=[999999])).status_code
    )
    assert admin_a.get(reverse("admin:layanan_pesan_changelist")).status_code == 200


def test_admin_adds_a_channel(admin_a, kantor_a):
    url = reverse("admin:layanan_salurankantor_add")
    assert admin_a.post(url, {"jenis": "email", "urutan": "1", "aktif": "on"}).status_code == 302
    r = admin_a.post(url, {"jenis": "email", "urutan": "2", "aktif": "on"})
    assert r.context["adminform"].form.errors["jenis"]
    assert SaluranKantor.objects.get().kantor == kantor_a


def test_the_superuser_sets_a_token_that_is_stored_encrypted_and_never_shown(superadmin, kantor_a):
    url = reverse("admin:layanan_salurankantor_add")
    r = superadmin.post(
        url,
        {
            "kantor": str(kantor_a.pk),
            "jenis": "fonnte",
            "urutan": "1",
            "aktif": "on",
            "alamat_api": "https://api.fonnte.com",
            "token_baru": "token-rahasia-xyz",
        },
    )
    assert r.status_code == 302, r.context["adminform"].form.errors
    s = SaluranKantor.objects.get()
    assert s.rahasia and "token-rahasia-xyz" not in s.rahasia
    from layanan.notifikasi.rahasia import token

    assert token(s) == "token-rahasia-xyz"
    halaman = superadmin.get(reverse("admin:layanan_salurankantor_change", args=[s.pk]))
    assert "token-rahasia-xyz" not in halaman.content.decode()
    assert s.rahasia not in halaman.content.decode()
    # Where Fonnte posts its delivery reports: the office's keyed address.
    kunci = kunci_kantor("fonnte", kantor_a.kode)
    assert f"/notifikasi/antar/fonnte/{kantor_a.kode}/{kunci}/" in halaman.content.decode()
    # Saving again without a new token keeps it.
    data = {"kantor": str(kantor_a.pk), "jenis": "fonnte", "urutan": "2", "aktif": "on"}
    superadmin.post(reverse("admin:layanan_salurankantor_change", args=[s.pk]), data)
    s.refresh_from_db()
    assert (s.urutan, token(s)) == (2, "token-rahasia-xyz")


def test_an_office_admin_can_set_neither_address_nor_token(admin_a, kantor_a):
    url = reverse("admin:layanan_salurankantor_add")
    halaman = admin_a.get(url).content.decode()
    assert 'name="token_baru"' not in halaman and 'name="alamat_api"' not in halaman
    r = admin_a.post(
        url,
        {
            "jenis": "sms",
            "urutan": "1",
            "aktif": "on",
            "alamat_api": "http://169.254.169.254/",
            "rahasia_env": "DJANGO_SECRET_KEY",
            "token_baru": "x",
        },
    )
    assert r.status_code == 302
    s = SaluranKantor.objects.get()
    assert (s.alamat_api, s.rahasia_env, s.rahasia) == ("", "", "")


def test_a_token_variable_must_be_named_for_the_purpose(superadmin, kantor_a):
    r = superadmin.post(
        reverse("admin:layanan_salurankantor_add"),
        {
            "kantor": str(kantor_a.pk),
            "jenis": "sms",
            "urutan": "1",
            "rahasia_env": "DJANGO_SECRET_KEY",
        },
    )
    assert r.context["adminform"].form.errors["rahasia_env"]
