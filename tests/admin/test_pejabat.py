"""The official (Pejabat) form: its role and user account are chosen among the official's own
office's, each labelled with its office; the server refuses another office's, whatever is sent."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from layanan.models import Pejabat, Pengguna, Peran
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db

TAMBAH = reverse("admin:layanan_pejabat_add")


def _opsi(html: str, nama: str) -> list[tuple[str, str, str]]:
    """(value, data-kantor, label) of each option of the select `nama`."""
    pilih = re.search(rf'<select name="{nama}"[^>]*>(.*?)</select>', html, re.S)
    assert pilih, nama
    return re.findall(
        r'<option value="(\d+)"[^>]*?data-kantor="(\d+)"[^>]*>([^<]*)</option>', pilih.group(1)
    )


def _baru(kantor, peran, **lain) -> dict:
    return {
        "kantor": kantor.pk,
        "nama": "Dra. Siti Aminah",
        "jabatan": "Sekretaris",
        "peran": peran.pk,
        "aktif": "on",
        **lain,
    }


def test_the_superuser_sees_every_offices_roles_grouped_and_labelled(superadmin):
    html = superadmin.get(TAMBAH).content.decode()
    assert '<label for="id_peran">' in html
    assert re.search(r'<select name="peran"[^>]*data-kantor-dari="kantor"', html)
    opsi = _opsi(html, "peran")
    assert len(opsi) == Peran.objects.filter(adalah_pemohon=False).count()
    for nilai, kantor_id, label in opsi:
        peran = Peran.objects.select_related("kantor").get(pk=nilai)
        assert kantor_id == str(peran.kantor_id)
        assert html_lib.unescape(label) == f"{peran.nama} · {peran.kantor}"
    kelompok = re.findall(
        r'<optgroup label="([^"]+)"', html.split('name="peran"')[1].split("</select>")[0]
    )
    assert len(kelompok) == len(set(kelompok)) == Peran.objects.values("kantor").distinct().count()
    assert not Peran.objects.filter(pk__in=[n for n, _k, _l in opsi], adalah_pemohon=True)


def test_an_office_administrator_sees_only_their_offices_roles(admin_a, kantor_a):
    pejabat = Pejabat.objects.filter(kantor=kantor_a).first()
    html = admin_a.get(reverse("admin:layanan_pejabat_change", args=[pejabat.pk])).content.decode()
    opsi = _opsi(html, "peran")
    assert {int(n) for n, _k, _l in opsi} == set(
        Peran.objects.filter(kantor=kantor_a, adalah_pemohon=False).values_list("pk", flat=True)
    )
    assert all(label.endswith(f" · {kantor_a}") for _n, _k, label in opsi)
    akun = _opsi(html, "pengguna")
    assert {int(n) for n, _k, _l in akun} == set(
        Pengguna.objects.filter(kantor=kantor_a).values_list("pk", flat=True)
    )


def test_the_superuser_cannot_give_an_official_another_offices_role(superadmin, kantor_a, kantor_b):
    lain = Peran.objects.filter(kantor=kantor_b, adalah_pemohon=False).first()
    response = superadmin.post(TAMBAH, _baru(kantor_a, lain))
    assert response.status_code == 200
    assert f"Pilih peran dari kantor pejabat itu sendiri ({kantor_a})." in response.content.decode()
    assert not Pejabat.objects.filter(nama="Dra. Siti Aminah").exists()
    sendiri = Peran.objects.filter(kantor=kantor_a, kode="kabid").get()
    response = superadmin.post(TAMBAH, _baru(kantor_a, sendiri))
    assert response.status_code == 302
    assert Pejabat.objects.get(nama="Dra. Siti Aminah").peran == sendiri


def test_moving_an_official_to_another_office_needs_a_role_of_that_office(superadmin, kantor_b):
    pejabat = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kabid")
    url = reverse("admin:layanan_pejabat_change", args=[pejabat.pk])
    data = data_dari_halaman(superadmin.get(url))
    data.pop("sertifikat", None)
    data["kantor"] = kantor_b.pk
    data.pop("pengguna", None)
    response = superadmin.post(url, data)
    assert response.status_code == 200
    assert "Pilih peran dari kantor pejabat itu sendiri" in response.content.decode()
    pejabat.refresh_from_db()
    assert pejabat.kantor.kode == "blitar"


def test_the_superuser_cannot_link_another_offices_account(superadmin, kantor_a):
    peran = Peran.objects.get(kantor=kantor_a, kode="kabid")
    akun_lain = Pengguna.objects.get(username="bima.admin")
    response = superadmin.post(TAMBAH, _baru(kantor_a, peran, pengguna=akun_lain.pk))
    assert response.status_code == 200
    assert "Pilih akun pengguna dari kantor pejabat itu sendiri" in response.content.decode()


def test_an_office_administrator_cannot_send_another_offices_role(admin_a, kantor_a, kantor_b):
    pejabat = Pejabat.objects.get(kantor=kantor_a, peran__kode="kabid")
    url = reverse("admin:layanan_pejabat_change", args=[pejabat.pk])
    data = data_dari_halaman(admin_a.get(url))
    data.pop("sertifikat", None)
    data["peran"] = Peran.objects.filter(kantor=kantor_b).first().pk
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["peran"]
    pejabat.refresh_from_db()
    assert pejabat.peran.kantor_id == kantor_a.pk


def test_the_superusers_user_form_labels_each_role_with_its_office(superadmin):
    halaman = superadmin.get(reverse("admin:layanan_pengguna_add")).content.decode()
    kadin_blitar = Peran.objects.get(kantor__kode="blitar", kode="kadin")
    assert (
        f'<option value="{kadin_blitar.pk}">{kadin_blitar.nama} · Dinas Sosial Kota Blitar</option>'
        in halaman
    )


def test_the_certificate_passphrase_never_reaches_an_error_report(admin_a):
    jawab = admin_a.post(reverse("admin:layanan_pejabat_add"), {"frasa_sandi_periksa": "rahasia"})
    assert "frasa_sandi_periksa" in jawab.wsgi_request.sensitive_post_parameters
