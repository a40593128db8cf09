"""Issue 15's Done-when, one story: an application accepted and its letter signed (in the
browser) each put a message in the outbox; the worker delivers both to a loopback WhatsApp
Cloud API; Meta's signed webhook marks them delivered; the application's page says so. Then the
provider is down: nothing is lost, and after it recovers nothing goes twice. A refused message
lands on the office's failure list, noted by keyboard; the citizen stops the messages from the
status page."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Browser, expect

from layanan import mesin
from layanan.demo import FRASA_TTD_DEMO
from layanan.models import (
    AksiLangkah,
    JenisSaluran,
    Kantor,
    KontakNotifikasi,
    Pesan,
    SaluranKantor,
    StatusPesan,
)
from layanan.notifikasi.kirim import kirim_antrean
from layanan.notifikasi.rahasia import sandikan
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_alur import _sebagai
from tests.factories import daftar, jalan
from tests.notifikasi.penyedia_palsu import (
    NOMOR_ID,
    TOKEN,
    ServerPenyedia,
    kirim_laporan,
    laporan_whatsapp,
    tanda,
)

KONTAK = {"notif_setuju": "on", "notif_telepon": "0812-3456-7890"}


def test_messages_are_delivered_reported_and_shown_and_an_outage_loses_nothing(
    browser: Browser, situs
):
    with ServerPenyedia() as wa:
        SaluranKantor.objects.create(
            kantor=Kantor.objects.get(kode="blitar"),
            jenis=JenisSaluran.WHATSAPP_CLOUD,
            alamat_api=f"{wa.url}/v21.0",
            pengirim=NOMOR_ID,
            rahasia=sandikan(TOKEN),
        )
        p = daftar("blitar", kontak=KONTAK)  # accepted at the loket: one message queued
        while AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p):
            p = jalan(p)
        page = _sebagai(browser, situs, "blitar.kadin")
        page.goto(f"{situs}/permohonan/{p.pk}/")
        page.get_by_label("Frasa sandi sertifikat tanda tangan Anda").fill(FRASA_TTD_DEMO)
        page.locator("#langkah-saat-ini").get_by_role(
            "button", name="Tanda tangani surat", exact=True
        ).click()
        page.wait_for_load_state("networkidle")
        assert list(Pesan.objects.filter(permohonan=p).values_list("peristiwa", flat=True)) == [
            "surat_siap",
            "diterima",
        ]

        assert kirim_antrean().terkirim == 2
        webhook = f"{situs}/notifikasi/antar/whatsapp/"
        for wamid in ("wamid.1", "wamid.2"):
            badan = laporan_whatsapp(wamid, "delivered")
            headers = {"Content-Type": "application/json", "X-Hub-Signature-256": tanda(badan)}
            assert kirim_laporan(webhook, badan, headers) == 200
        page.goto(f"{situs}/permohonan/{p.pk}/")
        pesan = page.locator("#pesan-notifikasi li[data-antar='delivered']")
        expect(pesan).to_have_count(2)
        expect(pesan.first).to_contain_text("WhatsApp Cloud API")
        page.screenshot(path=ARTEFAK / "notifikasi-permohonan.png", full_page=True)

        # The provider is down: the message waits; back up, it goes once.
        wa.mode = "down"
        lain = daftar("blitar", kontak=KONTAK)
        assert kirim_antrean().diulang == 1
        wa.mode = "ok"
        Pesan.objects.filter(permohonan=lain).update(kirim_setelah=timezone.now())
        assert kirim_antrean().terkirim == 1
        assert kirim_antrean().terkirim == 0
        assert len(wa.diterima) == 3  # each message reached the provider exactly once

        # A refusal: on the office's failure list, noted by keyboard.
        wa.mode = "tolak"
        ditolak = daftar("blitar", kontak=KONTAK)
        assert kirim_antrean().gagal == 1
        page.goto(f"{situs}/notifikasi/gagal/")
        baris = page.locator(f"#pesan-{Pesan.objects.get(permohonan=ditolak).pk}")
        baris.locator("summary").focus()
        page.keyboard.press("Enter")
        baris.get_by_label("Apa yang dilakukan sebagai gantinya").fill("Ditelepon")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator(".alert-success")).to_be_visible()
        assert Pesan.objects.get(permohonan=ditolak).catatan == "Ditelepon"
        page.close()

    # The citizen stops the messages with the tracking code.
    warga = browser.new_page(viewport={"width": 390, "height": 800}, locale="id-ID")
    warga.goto(f"{situs}/status/")
    warga.get_by_label("Kode lacak pada tanda terima Anda").fill(p.kode_lacak)
    warga.get_by_role("button", name="Tampilkan status").click()
    warga.get_by_role("button", name="Hentikan pesan").click()
    warga.get_by_role("button", name="Ya, hentikan pesan").click()
    expect(warga.locator(".alert-success")).to_be_visible()
    assert KontakNotifikasi.objects.get(permohonan=p).berhenti_pada is not None
    assert not Pesan.objects.filter(permohonan=p, status=StatusPesan.ANTRE).exists()
    warga.close()
