"""The admin of complaint handling: an office administrator configures their own office's
settings, kinds and categories; another office's are as if missing; a forwarding letter body
outside the sandbox and a code used twice are refused with a message, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from layanan.demo import KATA_SANDI_DEMO
from layanan.models import JenisPengaduan, KategoriPengaduan, PengaturanPengaduan, Pengguna
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


def _admin(username: str) -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


@pytest.mark.parametrize("model", ["pengaturanpengaduan", "jenispengaduan", "kategoripengaduan"])
def test_an_office_administrator_sees_only_their_offices_complaint_configuration(model):
    metro = _admin("metro.admin")
    hasil = list(metro.get(reverse(f"admin:layanan_{model}_changelist")).context["cl"].result_list)
    assert hasil and {o.kantor.kode for o in hasil} == {"metro"}
    lain = (
        {
            "pengaturanpengaduan": PengaturanPengaduan,
            "jenispengaduan": JenisPengaduan,
            "kategoripengaduan": KategoriPengaduan,
        }[model]
        .objects.filter(kantor__kode="tarakan")
        .first()
    )
    for aksi in ("change", "history", "delete"):
        milik_lain = metro.get(reverse(f"admin:layanan_{model}_{aksi}", args=[lain.pk]))
        tidak_ada = metro.get(reverse(f"admin:layanan_{model}_{aksi}", args=[999999]))
        assert milik_lain.status_code == tidak_ada.status_code, aksi
        assert milik_lain.status_code in (302, 404), aksi
        if milik_lain.status_code == 302:
            assert milik_lain.url == tidak_ada.url == reverse("admin:index")


def test_a_forwarding_letter_body_outside_the_sandbox_is_refused_with_the_reason():
    metro = _admin("metro.admin")
    atur = PengaturanPengaduan.objects.get(kantor__kode="metro")
    url = reverse("admin:layanan_pengaturanpengaduan_change", args=[atur.pk])
    data = data_dari_halaman(metro.get(url))
    jawab = metro.post(url, {**data, "isi_penerusan": "{% load static %}{{ pengaduan.pelapor }}"})
    assert jawab.status_code == 200 and "load" in jawab.content.decode()
    jawab = metro.post(
        url, {**data, "isi_penerusan": "<p>{{ pengaduan.nomor }} untuk {{ tujuan }}</p>"}
    )
    assert jawab.status_code == 302
    atur.refresh_from_db()
    assert "{{ tujuan }}" in atur.isi_penerusan


def test_an_office_has_one_settings_row_and_codes_are_unique_per_office():
    metro = _admin("metro.admin")
    assert metro.get(reverse("admin:layanan_pengaturanpengaduan_add")).status_code == 403
    url = reverse("admin:layanan_jenispengaduan_add")
    jawab = metro.post(url, {"kode": "saran", "nama": "Saran lagi", "urutan": 9, "aktif": "on"})
    assert jawab.status_code == 200 and "kode ini" in jawab.content.decode()
    jawab = metro.post(url, {"kode": "apresiasi", "nama": "Apresiasi", "urutan": 9, "aktif": "on"})
    assert jawab.status_code == 302
    assert JenisPengaduan.objects.get(kode="apresiasi").kantor.kode == "metro"


def test_a_category_has_two_levels_and_its_parent_is_its_own_offices():
    metro = _admin("metro.admin")
    url = reverse("admin:layanan_kategoripengaduan_add")
    form = metro.get(url).context["adminform"].form
    induk = form.fields["induk"].queryset
    assert induk.exists() and not induk.exclude(kantor__kode="metro", induk=None).exists()
    anak = KategoriPengaduan.objects.get(kantor__kode="metro", kode="bpnt-pin")
    jawab = metro.post(url, {"kode": "cucu", "nama": "Cucu", "urutan": 1, "induk": anak.pk})
    assert jawab.status_code == 200 and not KategoriPengaduan.objects.filter(kode="cucu").exists()


def test_the_data_trail_of_a_nik_shows_reads_of_complaints_about_their_applications():
    from layanan.models import AksesPengaduan
    from tests.factories import daftar
    from tests.test_pengaduan import aduan
    from tests.views.test_pengaduan import masuk

    permohonan = daftar("metro")
    nik = permohonan.pemohon.nik
    p = aduan(rujukan=permohonan.nomor_registrasi)
    lain = aduan(uraian="Tentang hal lain.")  # names no application: not this person's trail
    assert p.permohonan_terkait == permohonan
    petugas = masuk("metro.petugas")
    petugas.get(reverse("layanan:pengaduan-detail", args=[p.pk]))
    petugas.post(reverse("layanan:pengaduan-identitas", args=[p.pk]))
    petugas.get(reverse("layanan:pengaduan-detail", args=[lain.pk]))
    assert AksesPengaduan.objects.filter(pengaduan=p).count() == 2

    metro = _admin("metro.admin")
    jejak = metro.post(reverse("admin:jejak-akses"), {"nik": nik}).context["jejak"]
    aduan_saja = [j for j in jejak if p.nomor in j.permohonan]
    assert {j.apa for j in aduan_saja} == {
        "Melihat pengaduan",
        "Melihat identitas pelapor",
    }, [j.apa for j in jejak]
    assert all(j.siapa == str(Pengguna.objects.get(username="metro.petugas")) for j in aduan_saja)
    assert not [j for j in jejak if lain.nomor in j.permohonan]
    csv = metro.post(reverse("admin:jejak-akses"), {"nik": nik, "format": "csv"})
    assert p.nomor in csv.content.decode("utf-8-sig")
    tarakan = _admin("tarakan.admin").post(reverse("admin:jejak-akses"), {"nik": nik})
    assert tarakan.context["jejak"] == []  # another office's trail is not theirs to see


def test_an_office_beginning_to_receive_complaints_starts_with_the_default_kinds_and_categories():
    from layanan.models import Layanan, Peran

    blitar = _admin("blitar.admin")
    url = reverse("admin:layanan_pengaturanpengaduan_add")
    data = data_dari_halaman(blitar.get(url))
    data.update(
        layanan=Layanan.objects.filter(kantor__kode="blitar").first().pk,
        peran_pimpinan=Peran.objects.get(kantor__kode="blitar", kode="kadin").pk,
    )
    jawab = blitar.post(url, data)
    assert jawab.status_code == 302, jawab.context["adminform"].form.errors
    jenis = JenisPengaduan.objects.filter(kantor__kode="blitar")
    assert list(jenis.values_list("kode", flat=True)) == [
        "pengaduan",
        "saran",
        "masukan",
        "informasi",
    ]
    kategori = KategoriPengaduan.objects.filter(kantor__kode="blitar")
    induk = {k.kode: k for k in kategori if k.induk_id is None}
    assert set(induk) == {
        "kualitas-layanan",
        "perilaku-petugas",
        "data-dtks",
        "bpnt",
        "ahli-waris",
        "lainnya",
    }
    assert induk["perilaku-petugas"].tentang_petugas and induk["bpnt"].batas_hari_kerja == 5
    pin = kategori.get(kode="bpnt-pin")
    assert (pin.induk.kode, pin.batas_berlaku, pin.peran) == ("bpnt", 5, None)
    assert all(k.history.exists() for k in kategori)
    # An office that has set up its own keeps them: Metro's are untouched by the defaults.
    from layanan.pengaduan.bawaan import pengaduan_isi_bawaan

    metro = PengaturanPengaduan.objects.get(kantor__kode="metro").kantor
    sebelum = list(KategoriPengaduan.objects.filter(kantor=metro).values_list("pk", "nama"))
    assert not pengaduan_isi_bawaan(kantor=metro)
    assert list(KategoriPengaduan.objects.filter(kantor=metro).values_list("pk", "nama")) == sebelum
