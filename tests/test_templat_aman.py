"""An office administrator's letter template is hostile input: it reaches only the plain data
documented for it, through the admin form, the preview and a real signed letter alike."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from layanan.models import Layanan, Pengguna, Surat, TemplatSurat
from layanan.surat.konsep import konteks_surat, render_isi, sumber_templat
from layanan.surat.pratinjau import konteks_contoh
from layanan.surat.templat_aman import TemplatTidakAman, data_polos, periksa, render_aman
from tests.admin.helpers import data_dari_halaman
from tests.factories import daftar, sampai_selesai

pytestmark = pytest.mark.django_db

# What the audit used, and its relatives: each walks from a documented root to the database.
SERANGAN = [
    "{% for u in kantor.pengguna.all %}{{ u.username }} {{ u.password }}{% endfor %}",
    "{% for e in kantor.pengguna.all.0.logentry_set.all %}"
    "{% for o in e.content_type.get_all_objects_for_this_type %}{{ o }}{% endfor %}{% endfor %}",
    "{% firstof kantor.pengguna.all.0.password 'x' %}",
    "{% with u=kantor.pengguna.all.0 %}{{ u.password }}{% endwith %}",
    "{% if pemohon.kantor.pengguna.all %}bocor{% endif %}",
    "{{ pemohon.nama|default:kantor.pengguna.all.0.password }}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    "{% include 'dokumen/surat.html' %}",
    "{{ pemohon.nama|safe }}",
    "{% autoescape off %}{{ pemohon.nama }}{% endautoescape %}",
    "{{ pemohon.nama|ljust:'999999999' }}",
    "{% lorem 999999 w %}",
    "{% for a in pemohon.nama %}{% for b in pemohon.nama %}{% for c in pemohon.nama %}"
    "{% endfor %}{% endfor %}{% endfor %}",
]


@pytest.fixture
def layanan_kip():
    return Layanan.objects.get(kantor__kode="blitar", kode="kip")


@pytest.mark.parametrize("isi", SERANGAN)
def test_the_admin_form_refuses_every_way_out(admin_a, layanan_kip, isi):
    templat = TemplatSurat.objects.filter(layanan=layanan_kip).first()
    url = reverse("admin:layanan_templatsurat_change", args=[templat.pk])
    data = data_dari_halaman(admin_a.get(url))
    response = admin_a.post(url, {**data, "isi": isi})
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["isi"]
    templat.refresh_from_db()
    assert templat.isi != isi


def test_documented_variables_pass_the_check(layanan_kip):
    for templat in TemplatSurat.objects.all():
        konteks = konteks_contoh(templat.layanan, varian=templat.varian)
        assert periksa(sumber_templat(templat), konteks) == [], templat


def test_a_hostile_template_already_stored_prints_nothing_of_the_database(layanan_kip):
    """Even a template that got past the form (an old row, a direct import) meets plain data."""
    p = daftar("blitar")
    hash_kata_sandi = Pengguna.objects.get(username="blitar.kadin").password
    konteks = konteks_surat(p, nomor="", tanggal=p.dibuat_pada.date())
    for isi in SERANGAN[:6]:
        try:
            keluar = render_isi(isi, konteks)
        except TemplatTidakAman:
            continue
        assert hash_kata_sandi not in keluar and "md5$" not in keluar and "bocor" not in keluar


def test_a_signed_letter_with_a_hostile_stored_template_leaks_nothing():
    p = daftar("solok")
    TemplatSurat.objects.filter(layanan=p.layanan).update(
        isi="<p>{{ pemohon.nama }}</p><p>{% for u in kantor.pengguna.all %}{{ u.password }}"
        "{% endfor %}{{ kantor.pengguna }}</p>"
    )
    sampai_selesai(p)
    teks = "".join(
        h.extract_text() for h in PdfReader(io.BytesIO(Surat.objects.get().berkas.read())).pages
    )
    assert p.pemohon.nama in teks
    assert "md5$" not in teks and "pengguna" not in teks.lower().replace("pengguna:", "")


def test_only_plain_data_enters_the_sandbox():
    with pytest.raises(TypeError):
        data_polos({"pemohon": Pengguna.objects.first()})
    with pytest.raises(TypeError):
        data_polos({"daftar": Pengguna.objects.all()})
    with pytest.raises(TypeError):
        data_polos({"f": print})
    polos = data_polos({"isian": {"a": "x"}, "daftar": [1, 2]})
    with pytest.raises(TypeError):
        polos["isian"]["a"] = "y"  # read-only: a template cannot change what the next one sees
    assert render_aman("{{ isian.clear }}{{ isian.a }}", {"isian": {"a": "x"}}) == "x"


def test_the_letter_number_pattern_cannot_walk_attributes(admin_a, layanan_kip):
    url = reverse("admin:layanan_layanan_change", args=[layanan_kip.pk])
    data = data_dari_halaman(admin_a.get(url))
    for pola in ("{nomor.__class__.__mro__}", "{nomor[0]}", "{tahun:>999999999}", "{rahasia}"):
        response = admin_a.post(url, {**data, "format_nomor_surat": pola})
        assert response.status_code == 200
        assert "format_nomor_surat" in response.context["adminform"].form.errors
    layanan_kip.refresh_from_db()
    assert "__" not in layanan_kip.format_nomor_surat
