"""A correction after a send-back, in the browser: the Kadin sends a draft back with a reason, the
petugas corrects the field it names, sees the corrected draft and the change on the timeline."""

import io

from django.urls import reverse
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai
from tests.factories import daftar, jalan


def test_the_petugas_corrects_a_field_after_the_kadin_sends_the_draft_back(browser: Browser, situs):
    p = daftar("blitar")
    while p.langkah_nomor != 5:  # the draft waits for the Kabid's initials, then the Kadin
        p = jalan(p)
    detail = situs + reverse("layanan:permohonan-detail", args=[p.pk])

    kabid = _sebagai(browser, situs, "blitar.kabid")
    kabid.goto(detail)
    kabid.get_by_role("button", name="Paraf").click()
    expect(kabid.locator(".alert").first).to_be_visible()
    kabid.close()

    kadin = _sebagai(browser, situs, "blitar.kadin")
    kadin.goto(detail)
    kadin.get_by_label("Catatan (wajib untuk TIDAK dan pengembalian)").fill(
        "Nama sekolah salah: SDN 2 Blitar"
    )
    kadin.get_by_role("button", name="Dikembalikan untuk diperbaiki").click()
    expect(kadin.locator(".alert").first).to_contain_text("dikembalikan")
    kadin.close()

    petugas = _sebagai(browser, situs, "blitar.petugas")
    petugas.goto(detail)
    expect(petugas.locator("#riwayat")).to_contain_text("Nama sekolah salah: SDN 2 Blitar")
    petugas.get_by_role("link", name="Koreksi data permohonan").click()
    expect(petugas.get_by_role("heading", level=1)).to_contain_text("Koreksi data")
    assert _pelanggaran(petugas) == []
    petugas.locator("[name=isian_nama_sekolah]").fill("SDN 2 Blitar")
    petugas.get_by_label("Alasan koreksi (disimpan bersama permohonan)").fill(
        "Salah tulis nama sekolah"
    )
    petugas.get_by_role("button", name="Simpan koreksi").click()

    riwayat = petugas.locator("#riwayat")
    expect(riwayat).to_contain_text("Salah tulis nama sekolah")
    expect(riwayat).to_contain_text("SDN 1 → SDN 2 Blitar")
    petugas.screenshot(path=ARTEFAK / "koreksi-riwayat.png", full_page=True)
    konsep = petugas.request.get(situs + reverse("layanan:surat-konsep", args=[p.pk]))
    assert konsep.headers["content-type"] == "application/pdf"
    teks = " ".join(h.extract_text() for h in PdfReader(io.BytesIO(konsep.body())).pages)
    assert "SDN 2 Blitar" in " ".join(teks.split())
