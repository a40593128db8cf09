"""`manage.py muat_katalog`: a fresh installation's catalogue, with no office loaded; each model
copies into a new office."""

import pytest
from django.core.management import call_command

from layanan.katalog.salin import model_salin
from layanan.models import Kantor, ModelLayanan, Peran, StatusLayanan

pytestmark = pytest.mark.django_db


def test_the_seed_services_become_models_without_any_office():
    # The session's demo published its own: the same models, named after the same offices.
    demo = sorted(ModelLayanan.objects.values_list("kode", "asal", "nama", "peran"))
    ModelLayanan.objects.all().delete()
    call_command("muat_katalog")
    assert sorted(ModelLayanan.objects.values_list("kode", "asal", "nama", "peran")) == demo
    metro = ModelLayanan.objects.get(asal="Dinas Sosial Kota Metro")
    assert metro.sumber is None and metro.jumlah_langkah == 4
    assert set(metro.peran) == {"pemohon", "petugas", "kadin", "kabid"}

    call_command("muat_katalog")  # again: published again, not duplicated
    assert ModelLayanan.objects.count() == 5


def test_a_model_of_the_fresh_catalogue_copies_into_a_new_office():
    ModelLayanan.objects.all().delete()
    call_command("muat_katalog")
    kantor = Kantor.objects.create(kode="baru", nama_daerah="Baru", kode_wilayah="99.99")
    peta = {
        k: Peran.objects.create(
            kantor=kantor, kode=k, nama=k.title(), adalah_pemohon=k == "pemohon"
        )
        for k in ("pemohon", "petugas", "kabid", "kadin")
    }
    layanan = model_salin(
        model=ModelLayanan.objects.get(asal__endswith="Metro"),
        kantor=kantor,
        kode="kip",
        peta_peran=peta,
    )
    assert layanan.status == StatusLayanan.DRAF
    assert layanan.langkah.count() == 4
    assert layanan.templat_surat.exists()
