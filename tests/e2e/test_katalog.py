"""An office administrator copies a model service from the catalogue into the office, choosing by
keyboard the one role the office names differently; the catalogue and the copy form pass
axe-core at 1366 and 390 px."""

from playwright.sync_api import Page, expect

from layanan.models import Layanan, StatusLayanan
from tests.e2e.test_admin_sop import _masuk
from tests.e2e.test_layanan_baru import Hitung, _axe


def test_an_administrator_copies_a_model_into_the_office(page: Page, situs):
    _masuk(page, situs, "bima.admin")
    h = Hitung(page)
    h.n = 3  # name, password, button
    h.buka(f"{situs}/admin/layanan/layanan/")
    h.klik(page.get_by_role("link", name="Salin dari katalog"))
    expect(page.get_by_role("heading", name="Katalog layanan", exact=True)).to_be_visible()
    ditemukan = _axe(page, "katalog")

    h.klik(page.get_by_role("link", name="Salin ke kantor saya Rekomendasi Kepesertaan Kartu"))
    expect(page.get_by_label("Kode layanan baru")).to_have_value("kip")
    ditemukan |= _axe(page, "katalog-salin")
    # Bima has no 'Petugas Pelayanan': the administrator picks its operator, by keyboard
    # (typing on the list selects "Operator Layanan"); the other roles match by code.
    petugas = page.get_by_label("Petugas Pelayanan (petugas)")
    expect(petugas).to_have_value("")
    h.tekan(petugas, "O")
    expect(petugas.locator("option:checked")).to_have_text("Operator Layanan")
    h.tekan(page.get_by_role("button", name="Salin ke kantor saya"), "Enter")

    expect(page.locator(".messagelist")).to_contain_text("disalin ke kantor Anda sebagai draf")
    expect(page.locator("#judul-status")).to_have_text("Status: Draf")
    layanan = Layanan.objects.get(kantor__kode="bima", kode="kip")
    assert layanan.status == StatusLayanan.DRAF
    assert layanan.langkah.get(nomor=2).peran.kantor.kode == "bima"
    print(f"\nBrowser actions to copy a model into the office: {h.n}")
    assert ditemukan == {}


def test_the_other_pages_of_services_and_the_catalogue_pass_axe(page: Page, situs):
    """The services' list (status, check, catalogue link), a step's own page (its paraf table),
    the YAML import, and a model's page as an office administrator and as the superuser read it."""
    from layanan.models import Langkah, ModelLayanan

    langkah = Langkah.objects.get(layanan__kantor__kode="blitar", layanan__kode="kip", nomor=5)
    model = ModelLayanan.objects.get(sumber__kantor__kode="metro")
    halaman = {
        "blitar.admin": [
            "/admin/layanan/layanan/",
            f"/admin/layanan/langkah/{langkah.pk}/change/",
            "/admin/layanan/layanan/impor-yaml/",
            f"/admin/layanan/modellayanan/{model.pk}/change/",
        ],
        "superadmin": [
            "/admin/layanan/layanan/",
            "/admin/layanan/modellayanan/",
            f"/admin/layanan/modellayanan/{model.pk}/change/",
        ],
    }
    ditemukan = {}
    for akun, daftar in halaman.items():
        page.context.clear_cookies()
        _masuk(page, situs, akun)
        for alamat in daftar:
            page.goto(situs + alamat)
            nama = akun + alamat.replace("/", "-")
            ditemukan |= _axe(page, nama)
    assert ditemukan == {}
