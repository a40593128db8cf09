"""The service catalogue: the superuser publishes models (the five seeds by the seed loader); an
office administrator copies one into the office as a draft, the model's roles mapped to the
office's in one form, and it runs to a letter once activated."""

import pytest
from django.urls import reverse

from layanan.katalog.salin import model_terbitkan
from layanan.katalog.sop_yaml import ekspor_sop
from layanan.katalog.status import layanan_aktifkan
from layanan.models import Layanan, ModelLayanan, Peran, StatusLayanan, StatusPermohonan, Surat
from tests.factories import daftar, sampai_selesai

pytestmark = pytest.mark.django_db
DAFTAR = reverse("admin:layanan_modellayanan_changelist")


def _salin(model: ModelLayanan) -> str:
    return reverse("admin:layanan_modellayanan_salin", args=[model.pk])


def _metro() -> ModelLayanan:
    return ModelLayanan.objects.get(sumber__kantor__kode="metro", sumber__kode="kip")


def _peran(kantor: str, kode: str) -> int:
    return Peran.objects.get(kantor__kode=kantor, kode=kode).pk


def test_the_seed_services_are_the_catalogues_models():
    assert ModelLayanan.objects.count() == 5
    metro = _metro()
    assert metro.isi_yaml == ekspor_sop(metro.sumber)
    assert list(metro.peran) == ["pemohon", "petugas", "kadin", "kabid"]  # as the steps name them
    assert metro.peran["kabid"] == Peran.objects.get(kantor__kode="metro", kode="kabid").nama


def test_every_office_administrator_reads_the_catalogue_and_loket_staff_do_not(
    admin_a, admin_b, petugas_a
):
    for klien in (admin_a, admin_b):
        halaman = klien.get(DAFTAR)
        assert halaman.status_code == 200
        assert halaman.content.decode().count("Salin ke kantor saya") == 5
    assert petugas_a.get(DAFTAR).status_code == 302


def test_the_copy_form_proposes_the_offices_roles_by_code_or_name(admin_b):
    form = admin_b.get(_salin(_metro())).context["form"]
    assert form["kode"].value() == "kip"
    awal = {k: form[f"peran_{k}"].value() for k in form.kode_peran}
    assert awal["kabid"] == _peran("bima", "kabid")
    assert awal["kadin"] == _peran("bima", "kadin")
    assert awal["petugas"] is None  # Bima has no 'Petugas': the administrator chooses


def test_a_model_copied_into_another_office_runs_to_a_letter(admin_b, kantor_b):
    data = {
        "kode": "kip",
        "peran_pemohon": _peran("bima", "pemohon"),
        "peran_petugas": _peran("bima", "operator"),
        "peran_kabid": _peran("bima", "kabid"),
        "peran_kadin": _peran("bima", "kadin"),
    }
    response = admin_b.post(_salin(_metro()), data)
    salinan = Layanan.objects.get(kantor=kantor_b, kode="kip")
    assert response.status_code == 302
    assert response.url == reverse("admin:layanan_layanan_change", args=[salinan.pk])
    assert salinan.status == StatusLayanan.DRAF
    ttd = salinan.langkah.get(jenis="tanda_tangan")
    assert [p.peran.kode for p in ttd.paraf.order_by("urutan")] == ["operator", "kabid"]
    assert {t.varian for t in salinan.templat_surat.all()} == {"terdaftar", "tidak_terdaftar"}
    assert salinan.format_nomor_surat == _metro().sumber.format_nomor_surat
    assert salinan.kategori.count() == 2 and salinan.berkas.count() == 10

    layanan_aktifkan(layanan=salinan)
    p = daftar("bima", layanan=salinan, isian={"nik_anak": "5272011203150002"})
    sampai_selesai(p)
    p.refresh_from_db()
    assert p.status == StatusPermohonan.SELESAI
    assert Surat.objects.filter(permohonan=p).exists()


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"kode": "pip"}, "sudah memiliki layanan dengan kode ini"),
        ({"kode": "Bukan Kode!"}, "kode"),
        ({"peran_petugas": ""}, "pilih peran kantor anda yang bertindak sebagai petugas"),
        ({"peran_petugas": "lain"}, "pilihan"),
        ({"peran_petugas": "99999999999999999999"}, "pilihan"),
        ({"peran_kabid": "kadin", "peran_petugas": "kadin"}, "sekali"),
    ],
    ids=[
        "kode-dipakai",
        "kode-salah",
        "peran-kosong",
        "peran-kantor-lain",
        "peran-besar",
        "paraf-ganda",
    ],
)
def test_a_bad_copy_form_is_refused_with_a_reason_and_kept(admin_b, kantor_b, ubah, pesan):
    data = {
        "kode": "kip-baru",
        "peran_pemohon": _peran("bima", "pemohon"),
        "peran_petugas": _peran("bima", "operator"),
        "peran_kabid": _peran("bima", "kabid"),
        "peran_kadin": _peran("bima", "kadin"),
        **ubah,
    }
    if data["peran_petugas"] == "lain":
        data["peran_petugas"] = _peran("blitar", "petugas")
    if data.get("peran_kabid") == "kadin":
        data["peran_kabid"] = data["peran_petugas"] = _peran("bima", "kadin")
    jumlah = Layanan.objects.count()
    response = admin_b.post(_salin(_metro()), data)
    assert response.status_code == 200
    assert pesan in response.content.decode().lower(), response.content.decode()[:3000]
    assert Layanan.objects.count() == jumlah
    assert response.context["form"]["kode"].value() == data["kode"]


def test_only_the_superuser_publishes_and_changes_the_catalogue(superadmin, admin_a, layanan_a):
    ubah = reverse("admin:layanan_modellayanan_change", args=[_metro().pk])
    assert admin_a.post(ubah, {"nama": "diretas"}).status_code == 403
    assert (
        admin_a.post(
            reverse("admin:layanan_modellayanan_delete", args=[_metro().pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    daftar_layanan = reverse("admin:layanan_layanan_changelist")
    admin_a.post(
        daftar_layanan, {"action": "terbitkan_ke_katalog", "_selected_action": [layanan_a.pk]}
    )
    assert not ModelLayanan.objects.filter(nama="diretas").exists()

    Layanan.objects.filter(pk=layanan_a.pk).update(nama_publik="Rekomendasi KIP Blitar baru")
    response = superadmin.post(
        daftar_layanan, {"action": "terbitkan_ke_katalog", "_selected_action": [layanan_a.pk]}
    )
    assert response.status_code == 302
    model = ModelLayanan.objects.get(sumber=layanan_a)
    assert model.nama == "Rekomendasi KIP Blitar baru"  # published again, not twice
    assert ModelLayanan.objects.count() == 5


def test_the_superuser_has_no_office_to_copy_into(superadmin):
    assert superadmin.get(_salin(_metro())).status_code == 404
    assert "Salin ke kantor saya" not in superadmin.get(DAFTAR).content.decode()


def test_a_models_snapshot_does_not_follow_its_source_until_published_again(layanan_a):
    model = model_terbitkan(layanan=layanan_a)
    sebelum = model.isi_yaml
    layanan_a.langkah.filter(nomor=1).update(kegiatan="Diubah di Blitar")
    model.refresh_from_db()
    assert model.isi_yaml == sebelum
    assert "Diubah di Blitar" in model_terbitkan(layanan=layanan_a).isi_yaml


@pytest.mark.parametrize("nilai", ["abc", "99999999999999999999", "-1"])
def test_a_malformed_model_id_is_a_404(admin_b, nilai):
    assert admin_b.get(f"/admin/layanan/modellayanan/{nilai}/salin/").status_code == 404
