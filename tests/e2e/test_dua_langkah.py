"""Two-step login in the browser, by keyboard: a signer sets up the app (QR code), keeps the
recovery codes, and at the next login gives a code (axe checks each page at both widths)."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from layanan.demo import KATA_SANDI_DEMO
from tests.e2e.conftest import ARTEFAK


def _kode(geser: int = 0) -> str:
    perangkat = TOTPDevice.objects.get(user__username="blitar.kadin")
    totp = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits)
    totp.time = time.time() + geser * perangkat.step
    return f"{totp.token():06d}"


def _masuk(page: Page, situs: str) -> None:
    page.goto(f"{situs}/masuk/")
    page.get_by_label("Nama pengguna").fill("blitar.kadin")
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.keyboard.press("Enter")


def test_a_signer_sets_up_two_step_login_and_uses_it(page: Page, situs, settings):
    settings.DINSOS_WAJIB_2FA = True
    _masuk(page, situs)
    expect(page.get_by_role("heading", name="Pasang verifikasi dua langkah")).to_be_visible()
    expect(page.get_by_role("img", name="Kode QR")).to_be_visible()
    page.screenshot(path=ARTEFAK / "dua-langkah-pasang.png", full_page=True)
    page.get_by_label("Kode").fill(_kode())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Verifikasi dua langkah aktif")).to_be_visible()
    assert page.locator(".kode-cadangan li").count() == 10
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=ARTEFAK / "dua-langkah-kode-390.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 768})
    lanjut = page.get_by_role("link", name="Sudah saya simpan: lanjutkan")
    lanjut.focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Keluar").first.click()

    _masuk(page, situs)
    expect(page.get_by_role("heading", name="Masukkan kode dari aplikasi Anda")).to_be_visible()
    page.screenshot(path=ARTEFAK / "dua-langkah-verifikasi.png", full_page=True)
    page.get_by_label("Kode").fill(_kode(1))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Masukkan kode dari aplikasi Anda")).to_have_count(0)
    expect(page.get_by_role("link", name="Verifikasi dua langkah")).to_be_visible()
    page.get_by_role("button", name="Keluar").first.click()

    # The administrator's pages of this issue: a person's data, and the security log that
    # shows the set-up above.
    settings.DINSOS_WAJIB_2FA = False
    page.goto(f"{situs}/admin/login/")
    page.get_by_label("Nama pengguna").fill("blitar.admin")
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{situs}/admin/")
    page.goto(f"{situs}/admin/data-pribadi/")
    page.get_by_label("NIK").fill("3572010501890001")
    tombol = page.get_by_role("button", name="Hapus")
    tombol.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Centang kotak")
    page.goto(f"{situs}/admin/layanan/catatankeamanan/")
    expect(page.get_by_role("cell", name="Verifikasi dua langkah dipasang")).to_be_visible()
