"""An office administrator configures their own office only; another's is as if missing."""

import pytest
from django.urls import reverse

from layanan.models import Langkah, Layanan, Peran
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


def _changelist(client, model):
    return client.get(reverse(f"admin:layanan_{model}_changelist"))


@pytest.mark.parametrize("model", ["layanan", "peran", "pejabat", "pengguna", "kantor", "langkah"])
def test_changelists_list_only_the_own_office(admin_a, kantor_a, model):
    response = _changelist(admin_a, model)
    assert response.status_code == 200
    hasil = list(response.context["cl"].result_list)
    assert hasil
    for obj in hasil:
        kantor = getattr(obj, "kantor", None) or getattr(
            getattr(obj, "layanan", None), "kantor", obj
        )
        assert kantor == kantor_a, obj


def test_superuser_sees_every_office(superadmin):
    response = _changelist(superadmin, "layanan")
    assert {o.kantor.kode for o in response.context["cl"].result_list} == {
        "blitar",
        "bima",
        "metro",
        "solok",
        "tarakan",
    }


@pytest.mark.parametrize("model", ["layanan", "peran", "pejabat", "pengguna", "kantor", "langkah"])
def test_another_offices_object_answers_like_a_missing_one(admin_a, layanan_b, model):
    obj = {
        "layanan": layanan_b,
        "peran": layanan_b.kantor.peran.first(),
        "pejabat": layanan_b.kantor.pejabat.first(),
        "pengguna": layanan_b.kantor.pengguna.first(),
        "kantor": layanan_b.kantor,
        "langkah": layanan_b.langkah.first(),
    }[model]
    for aksi in ("change", "history", "delete"):
        milik_lain = admin_a.get(reverse(f"admin:layanan_{model}_{aksi}", args=[obj.pk]))
        tidak_ada = admin_a.get(reverse(f"admin:layanan_{model}_{aksi}", args=[999999]))
        assert milik_lain.status_code == tidak_ada.status_code, aksi
        assert milik_lain.status_code in (302, 403, 404), aksi
        if milik_lain.status_code == 302:
            assert milik_lain.url == tidak_ada.url == reverse("admin:index")


def test_the_same_page_works_for_its_own_administrator(admin_b, layanan_b):
    response = admin_b.get(reverse("admin:layanan_layanan_change", args=[layanan_b.pk]))
    assert response.status_code == 200


def test_another_office_cannot_be_changed_by_post(admin_a, layanan_b):
    admin_a.post(
        reverse("admin:layanan_layanan_change", args=[layanan_b.pk]), {"nama_singkat": "diretas"}
    )
    layanan_b.refresh_from_db()
    assert layanan_b.nama_singkat != "diretas"


def test_step_actor_choices_are_the_own_offices_roles(admin_a, layanan_a, kantor_a):
    response = admin_a.get(reverse("admin:layanan_layanan_change", args=[layanan_a.pk]))
    langkah_fs = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Langkah
    )
    pilihan = set(langkah_fs.forms[0].fields["peran"].queryset)
    assert pilihan == set(Peran.objects.filter(kantor=kantor_a))
    hasil = {kode for kode, _nama in langkah_fs.forms[0].fields["lanjut_hasil"].choices}
    assert hasil == {"", *layanan_a.hasil.values_list("kode", flat=True)}
    paraf = set(langkah_fs.forms[0].fields["paraf"].queryset)
    assert paraf == set(Peran.objects.filter(kantor=kantor_a, adalah_pemohon=False))


def test_user_role_choices_are_the_own_offices_roles(admin_a, kantor_a):
    response = admin_a.get(reverse("admin:layanan_pengguna_add"))
    pilihan = set(response.context["adminform"].form.fields["peran"].queryset)
    assert pilihan == set(Peran.objects.filter(kantor=kantor_a))


def test_new_service_lands_in_the_admins_office(admin_a, kantor_a):
    url = reverse("admin:layanan_layanan_add")
    response = admin_a.post(
        url,
        {
            **data_dari_halaman(admin_a.get(url)),  # the sections' empty tables included
            "kode": "baru",
            "nama": "Layanan Baru",
            "nama_singkat": "Baru",
            "kantor": Layanan.objects.exclude(kantor=kantor_a).first().kantor_id,
        },
    )
    assert response.status_code == 302, response.context and response.context["adminform"].errors
    assert Layanan.objects.get(kode="baru").kantor == kantor_a


def test_new_user_lands_in_the_admins_office_and_is_never_superuser(admin_a, kantor_a):
    response = admin_a.post(
        reverse("admin:layanan_pengguna_add"),
        {
            "username": "blitar.baru",
            "password1": "Rahasia-Panjang-91",
            "password2": "Rahasia-Panjang-91",
            "is_superuser": "on",
            "peran": [Peran.objects.get(kantor=kantor_a, kode="petugas").pk],
        },
    )
    assert response.status_code == 302
    from layanan.models import Pengguna

    baru = Pengguna.objects.get(username="blitar.baru")
    assert baru.kantor == kantor_a
    assert not baru.is_superuser


@pytest.mark.parametrize("klien", ["petugas_a", "client"])
def test_staff_without_the_admin_flag_cannot_open_the_admin(request, klien):
    client = request.getfixturevalue(klien)
    response = client.get(reverse("admin:layanan_layanan_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_office_admin_cannot_add_or_delete_offices(admin_a, kantor_a):
    assert admin_a.get(reverse("admin:layanan_kantor_add")).status_code == 403
    assert (
        admin_a.get(reverse("admin:layanan_kantor_delete", args=[kantor_a.pk])).status_code == 403
    )


def test_a_historical_version_of_another_offices_object_is_not_shown(admin_a, layanan_b):
    versi = layanan_b.history.first()
    url = reverse("admin:layanan_layanan_simple_history", args=[layanan_b.pk, versi.history_id])
    assert admin_a.get(url).status_code == 404


def test_a_step_cannot_be_given_another_offices_role(admin_a, layanan_a, kantor_b):
    from tests.admin.helpers import data_dari_halaman

    url = reverse("admin:layanan_langkah_change", args=[layanan_a.langkah.first().pk])
    data = data_dari_halaman(admin_a.get(url))
    data["peran"] = Peran.objects.filter(kantor=kantor_b).first().pk
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["peran"]


def test_superuser_cannot_mix_offices_in_a_users_roles(superadmin, kantor_a, kantor_b):
    response = superadmin.post(
        reverse("admin:layanan_pengguna_add"),
        {
            "username": "campur",
            "password1": "Rahasia-Panjang-91",
            "password2": "Rahasia-Panjang-91",
            "kantor": kantor_a.pk,
            "peran": [Peran.objects.filter(kantor=kantor_b).first().pk],
        },
    )
    assert response.status_code == 200
    assert "milik kantor lain" in response.content.decode()


def test_an_official_cannot_be_given_another_offices_role(kantor_a, kantor_b):
    from django.core.exceptions import ValidationError

    from layanan.models import Pejabat

    pejabat = Pejabat(
        kantor=kantor_a, nama="X", jabatan="Y", peran=Peran.objects.filter(kantor=kantor_b).first()
    )
    with pytest.raises(ValidationError):
        pejabat.full_clean()


def test_office_admin_adds_a_regional_holiday_but_cannot_touch_national_days(admin_a, kantor_a):
    import datetime as dt

    from layanan.hari_kerja import isi_tahun
    from layanan.models import HariLibur

    isi_tahun(2026)
    nasional = HariLibur.objects.filter(kantor=None).first()
    response = admin_a.post(
        reverse("admin:layanan_harilibur_change", args=[nasional.pk]),
        {"tanggal": "2026-01-02", "nama": "x", "jenis": "nasional"},
    )
    assert response.status_code == 403
    admin_a.post(
        reverse("admin:layanan_harilibur_add"),
        {"tanggal": "2026-06-01", "nama": "Hari Jadi", "jenis": "daerah"},
    )
    libur = HariLibur.objects.get(nama="Hari Jadi")
    assert (libur.kantor, libur.dikonfirmasi, libur.tanggal) == (
        kantor_a,
        True,
        dt.date(2026, 6, 1),
    )


def test_letter_templates_are_checked_before_saving_and_previewed(admin_a, layanan_a, layanan_b):
    from layanan.models import TemplatSurat

    data = {
        "layanan": layanan_a.pk,
        "varian": "",
        "judul": "SURAT",
        "tembusan": "",
        "isi": "<p>{{ pemohon.nama }} {{ gaji_pemohon }}</p>",
    }
    response = admin_a.post(reverse("admin:layanan_templatsurat_add"), data)
    assert "Variabel &#x27;gaji_pemohon&#x27; tidak dikenal" in response.content.decode()
    data["isi"] = "<p>{% if pemohon.nama %}</p>"
    response = admin_a.post(reverse("admin:layanan_templatsurat_add"), data)
    assert "Kesalahan sintaks templat" in response.content.decode()
    templat = TemplatSurat.objects.get(layanan=layanan_a, varian="terdaftar")
    pdf = admin_a.get(reverse("admin:layanan_templatsurat_pratinjau", args=[templat.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    lain = TemplatSurat.objects.filter(layanan=layanan_b).first()
    assert (
        admin_a.get(reverse("admin:layanan_templatsurat_pratinjau", args=[lain.pk])).status_code
        == 404
    )


def test_a_signing_certificate_upload_is_checked_by_content(admin_a, kantor_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from layanan.models import Pejabat
    from tests.admin.helpers import data_dari_halaman

    pejabat = Pejabat.objects.filter(kantor=kantor_a).first()
    url = reverse("admin:layanan_pejabat_change", args=[pejabat.pk])
    data = data_dari_halaman(admin_a.get(url))
    data.pop("sertifikat", None)
    data["sertifikat"] = SimpleUploadedFile("ttd.p12", b"<html>bukan sertifikat</html>")
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert "bukan berkas sertifikat PKCS#12" in response.content.decode()
