"""A service's status: only an active one takes applications; withdrawing stops the loket and lets
applications under way finish on their frozen SOP; back to draft only once none is under way."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from layanan import mesin
from layanan.demo import FIXTURES
from layanan.katalog import status
from layanan.models import Layanan, StatusLayanan, StatusPermohonan
from layanan.selectors import layanan_loket_untuk
from tests.factories import daftar, sampai_selesai, user

pytestmark = pytest.mark.django_db


def test_the_seed_services_are_active_and_pass_the_check():
    for layanan in Layanan.objects.all():
        assert layanan.status == StatusLayanan.AKTIF
        assert status.periksa_layanan(layanan).masalah == []


def test_a_withdrawn_service_leaves_the_loket_and_its_applications_finish(layanan_a, petugas_a):
    p = daftar("blitar")
    status.layanan_tarik(layanan=layanan_a)
    assert layanan_a not in layanan_loket_untuk(user("blitar.petugas"))
    assert petugas_a.get(reverse("layanan:permohonan-baru", args=["kip"])).status_code == 404
    with pytest.raises(mesin.TransisiDitolak):
        daftar("blitar")
    sampai_selesai(p)
    p.refresh_from_db()
    assert p.status == StatusPermohonan.SELESAI


def test_back_to_draft_waits_until_no_application_is_under_way(layanan_a):
    p = daftar("blitar")
    status.layanan_tarik(layanan=layanan_a)
    with pytest.raises(status.StatusDitolak) as info:
        status.layanan_jadikan_draf(layanan=layanan_a)
    assert "masih berjalan: 1" in str(info.value)
    sampai_selesai(p)
    status.layanan_jadikan_draf(layanan=layanan_a)
    layanan_a.refresh_from_db()
    assert layanan_a.status == StatusLayanan.DRAF
    assert layanan_a.history.first().status == StatusLayanan.DRAF  # on the record


def test_editing_an_active_service_leaves_a_running_application_on_its_sop(layanan_a):
    p = daftar("blitar")
    sebelum = p.alur
    layanan_a.langkah.filter(nomor=3).update(kegiatan="Diubah")
    p.refresh_from_db()
    assert p.alur == sebelum
    assert mesin.potret(p).ke(3).kegiatan != "Diubah"


@pytest.mark.parametrize(
    ("ubah", "dari"),
    [
        (status.layanan_tarik, StatusLayanan.DRAF),
        (status.layanan_aktifkan, StatusLayanan.AKTIF),
        (status.layanan_jadikan_draf, StatusLayanan.DRAF),
    ],
)
def test_a_change_to_where_it_already_is_is_refused(layanan_a, ubah, dari):
    Layanan.objects.filter(pk=layanan_a.pk).update(status=dari)
    with pytest.raises(status.StatusDitolak):
        ubah(layanan=layanan_a)


def test_the_loket_view_offers_only_active_services(petugas_a, layanan_a):
    Layanan.objects.filter(pk=layanan_a.pk).update(status=StatusLayanan.DRAF)
    assert petugas_a.get(reverse("layanan:permohonan-baru", args=["kip"])).status_code == 404
    Layanan.objects.filter(pk=layanan_a.pk).update(status=StatusLayanan.AKTIF)
    assert petugas_a.get(reverse("layanan:permohonan-baru", args=["kip"])).status_code == 200


def test_withdraw_and_back_to_draft_from_the_admin(admin_a, layanan_a):
    from tests.admin.helpers import data_dari_halaman

    url = reverse("admin:layanan_layanan_change", args=[layanan_a.pk])
    data = data_dari_halaman(admin_a.get(url))
    response = admin_a.post(url, {**data, "_tarik": "1"}, follow=True)
    assert "Layanan ditarik" in response.content.decode()
    layanan_a.refresh_from_db()
    assert layanan_a.status == StatusLayanan.DITARIK
    response = admin_a.post(url, {**data, "_draf": "1"}, follow=True)
    layanan_a.refresh_from_db()
    assert layanan_a.status == StatusLayanan.DRAF
    assert "Status: Draf" in response.content.decode()
    daftar_url = reverse("admin:layanan_layanan_changelist")
    assert "siap" in admin_a.get(daftar_url).content.decode()


def test_sop_import_command_imports_a_draft_and_activates_on_request(kantor_a, tmp_path):
    import yaml

    from layanan.katalog.sop_yaml import sop_ke_data

    berkas = FIXTURES / "sop" / "metro-kip.yaml"
    call_command("sop", "import", "--kantor", "blitar", "--kode", "kip-metro", str(berkas))
    assert Layanan.objects.get(kantor=kantor_a, kode="kip-metro").status == StatusLayanan.DRAF
    out = StringIO()
    call_command(
        "sop",
        "import",
        "--kantor",
        "blitar",
        "--kode",
        "kip-metro",
        "--aktifkan",
        str(berkas),
        stdout=out,
    )
    assert Layanan.objects.get(kantor=kantor_a, kode="kip-metro").status == StatusLayanan.AKTIF
    # A file without its letter is imported, as a draft that says why it is not activated.
    data = sop_ke_data(Layanan.objects.get(kantor=kantor_a, kode="kip-metro"))
    del data["surat"]["templat"]
    tanpa = tmp_path / "tanpa-surat.yaml"
    tanpa.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command(
            "sop", "import", "--kantor", "blitar", "--kode", "kip-lain", "--aktifkan", str(tanpa)
        )
    assert "templat surat" in str(info.value)
    assert Layanan.objects.get(kantor=kantor_a, kode="kip-lain").status == StatusLayanan.DRAF


def test_readiness_names_a_draft_and_honours_a_service_without_a_letter(kantor_a, layanan_a):
    from layanan.katalog.kesiapan import periksa_kesiapan
    from layanan.models import TemplatSurat

    TemplatSurat.objects.filter(layanan=layanan_a, hasil=None).delete()
    Layanan.objects.filter(pk=layanan_a.pk).update(tanpa_surat=True, status=StatusLayanan.DRAF)
    temuan = [t for t in periksa_kesiapan(kantor_a) if layanan_a.nama_singkat in t.pesan]
    assert [(t.wajib, "draf" in t.pesan) for t in temuan] == [(False, True)]
    Layanan.objects.filter(pk=layanan_a.pk).update(status=StatusLayanan.DITARIK)
    assert not [t for t in periksa_kesiapan(kantor_a) if layanan_a.nama_singkat in t.pesan]
