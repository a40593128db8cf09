"""A new service built from nothing on the service's admin page: one submission with outcomes,
steps ending with those outcomes and a paraf chain; saved as a draft whatever its state; the
check beside each row; activation refused until the check passes."""

import pytest
from django.urls import reverse

from layanan.katalog.status import periksa_layanan
from layanan.models import Layanan, Peran, StatusLayanan, TemplatSurat
from layanan.selectors import layanan_loket_untuk
from tests.admin.helpers import data_dari_halaman
from tests.factories import user

pytestmark = pytest.mark.django_db
TAMBAH = reverse("admin:layanan_layanan_add")


def _ubah(layanan: Layanan) -> str:
    return reverse("admin:layanan_layanan_change", args=[layanan.pk])


def _baris(data: dict, prefix: str, i: int, **nilai) -> None:
    for kunci, v in nilai.items():
        data[f"{prefix}-{i}-{kunci}"] = v
    data[f"{prefix}-TOTAL_FORMS"] = max(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), i + 1)


def _peran(kode: str) -> int:
    return Peran.objects.get(kantor__kode="blitar", kode=kode).pk


def data_layanan_baru(client, **header) -> dict:
    """The add page as an administrator fills it: header, two outcomes, three steps."""
    data = data_dari_halaman(client.get(TAMBAH))
    data.update({"kode": "bansos", "nama": "Layanan Bantuan Sosial", "nama_singkat": "Bansos"})
    data.update(header)
    _baris(data, "kategori", 0, urutan=1, kode="lansia", nama="Lanjut usia")
    _baris(data, "berkas", 0, urutan=1, nama="Fotokopi KTP", sifat="wajib", kategori="lansia")
    _baris(data, "hasil", 0, kode="selesai", nama="Surat diserahkan", jenis="selesai")
    _baris(data, "hasil", 1, kode="ditolak", nama="Permohonan ditolak", jenis="ditolak")
    _baris(data, "langkah", 0, nomor=1, kegiatan="Petugas menerima berkas", peran=_peran("petugas"))
    data["langkah-0-jenis"] = "aksi"
    _baris(
        data,
        "langkah",
        1,
        nomor=2,
        kegiatan="Kabid memutuskan",
        peran=_peran("kabid"),
        jenis="keputusan",
        tidak_hasil="ditolak",
    )
    _baris(
        data,
        "langkah",
        2,
        nomor=3,
        kegiatan="Kadin menandatangani surat",
        peran=_peran("kadin"),
        jenis="tanda_tangan",
        paraf=[_peran("kabid")],
        lanjut_hasil="selesai",
    )
    return data


def test_a_service_is_built_whole_in_one_submission(admin_a, kantor_a):
    response = admin_a.post(TAMBAH, data_layanan_baru(admin_a))
    assert response.status_code == 302, response.context["errors"]
    layanan = Layanan.objects.get(kantor=kantor_a, kode="bansos")
    assert layanan.status == StatusLayanan.DRAF
    langkah = {s.nomor: s for s in layanan.langkah.all()}
    assert langkah[2].tidak_hasil.kode == "ditolak"
    assert langkah[3].lanjut_hasil.kode == "selesai"
    assert [p.peran.kode for p in langkah[3].paraf.all()] == ["kabid"]
    assert layanan.berkas.get().kategori == layanan.kategori.get(kode="lansia")
    # Sound but for its letter: the check names the signature step.
    assert [(m.nomor, "templat surat" in m.pesan) for m in periksa_layanan(layanan).masalah] == [
        (3, True)
    ]


def test_activation_waits_for_the_letter_then_the_loket_offers_it(admin_a, kantor_a):
    admin_a.post(TAMBAH, data_layanan_baru(admin_a))
    layanan = Layanan.objects.get(kantor=kantor_a, kode="bansos")
    data = data_dari_halaman(admin_a.get(_ubah(layanan)))
    response = admin_a.post(_ubah(layanan), {**data, "_aktifkan": "1"}, follow=True)
    pesan = [str(m) for m in response.context["messages"]]
    assert any("status tidak diubah" in p and "templat surat" in p for p in pesan), pesan
    layanan.refresh_from_db()
    assert layanan.status == StatusLayanan.DRAF
    assert layanan not in layanan_loket_untuk(user("blitar.petugas"))

    TemplatSurat.objects.create(layanan=layanan, judul="SURAT", isi="<p>{{ pemohon.nama }}</p>")
    response = admin_a.post(_ubah(layanan), {**data, "_aktifkan": "1"}, follow=True)
    layanan.refresh_from_db()
    assert layanan.status == StatusLayanan.AKTIF
    assert layanan in layanan_loket_untuk(user("blitar.petugas"))


def test_a_draft_saves_a_broken_flow_and_shows_each_problem_in_its_row(admin_a, kantor_a):
    data = data_layanan_baru(admin_a, tanpa_surat="on")
    data["langkah-2-lanjut_hasil"] = ""  # the last step leads nowhere
    data["langkah-0-paraf"] = [_peran("kabid")]  # initials on a step that is no signature
    response = admin_a.post(TAMBAH, data)
    assert response.status_code == 302, response.context["errors"]
    layanan = Layanan.objects.get(kantor=kantor_a, kode="bansos")
    halaman = admin_a.get(_ubah(layanan))
    fs = next(
        i.formset for i in halaman.context["inline_admin_formsets"] if i.formset.prefix == "langkah"
    )
    per_nomor = {f.instance.nomor: getattr(f, "masalah_alur", []) for f in fs.forms}
    assert any("paraf" in p for p in per_nomor[1]), per_nomor
    assert per_nomor[2] == []
    assert any("langkah terakhir" in p for p in per_nomor[3]), per_nomor
    isi = halaman.content.decode()
    assert 'href="#langkah-nomor-3"' in isi and 'id="langkah-nomor-3"' in isi


def test_an_outcome_renamed_in_the_same_submission_keeps_its_steps(admin_a, layanan_a):
    data = data_dari_halaman(admin_a.get(_ubah(layanan_a)))
    i = next(k for k, v in data.items() if k.startswith("hasil-") and v == "selesai")
    data[i] = "surat_diserahkan"  # the steps still send the old code, as the page showed it
    response = admin_a.post(_ubah(layanan_a), data)
    assert response.status_code == 302, response.context["errors"]
    assert layanan_a.langkah.get(nomor=6).lanjut_hasil.kode == "surat_diserahkan"


def test_the_paraf_chain_is_edited_in_the_step_table(admin_a, layanan_a):
    data = data_dari_halaman(admin_a.get(_ubah(layanan_a)))
    ttd = next(k for k, v in data.items() if k.endswith("-nomor") and v == 5).removesuffix("nomor")
    assert data[ttd + "paraf"] == [_peran("kabid")]
    data[ttd + "paraf"] = [_peran("peksos"), _peran("kabid")]
    response = admin_a.post(_ubah(layanan_a), data)
    assert response.status_code == 302, response.context["errors"]
    paraf = layanan_a.langkah.get(nomor=5).paraf.order_by("urutan")
    # Kabid keeps its place; the role added follows it.
    assert [p.peran.kode for p in paraf] == ["kabid", "peksos"]


def test_an_active_service_refuses_initials_on_a_step_that_is_no_signature(admin_a, layanan_a):
    data = data_dari_halaman(admin_a.get(_ubah(layanan_a)))
    data[
        next(k for k, v in data.items() if k.endswith("-nomor") and v == 1).removesuffix("nomor")
        + "paraf"
    ] = [_peran("kabid")]
    response = admin_a.post(_ubah(layanan_a), data)
    assert response.status_code == 200
    assert "hanya langkah tanda tangan" in response.content.decode()
    assert not layanan_a.langkah.get(nomor=1).paraf.exists()


@pytest.mark.parametrize(
    ("kunci", "nilai"),
    [
        ("paraf", "role-of-another-office"),
        ("lanjut_hasil", "selesai-kantor-lain"),
        ("peran", "x"),
        ("nomor", "-3"),
        ("paraf", "99999999999999999999"),
        ("peran", "99999999999999999999"),
        ("lanjut_hasil", ["selesai", "tidak_lengkap"]),
    ],
)
def test_hostile_values_in_the_step_table_are_refused_without_a_500(
    admin_a, layanan_a, kunci, nilai
):
    data = data_dari_halaman(admin_a.get(_ubah(layanan_a)))
    if nilai == "role-of-another-office":
        nilai = Peran.objects.get(kantor__kode="bima", kode="kabid").pk
    data["langkah-0-" + kunci] = nilai
    response = admin_a.post(_ubah(layanan_a), data)
    assert response.status_code == 200
    assert response.context["errors"]
