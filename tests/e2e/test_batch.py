"""The Kadin signs a day's letters in one batch: reads each draft in the reader with the keyboard,
types the passphrase once, and every letter is signed under its own number."""

from playwright.sync_api import Browser, expect

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai
from tests.factories import daftar, jalan

JUMLAH = 10


def test_the_kadin_signs_ten_letters_with_one_passphrase(browser: Browser, situs):
    for _ in range(JUMLAH):
        p = daftar("solok")
        while p.langkah_nomor != 4:
            p = jalan(p)
    page = _sebagai(browser, situs, "solok.kadin")
    page.get_by_role("link", name="Tugas saya").click()
    page.get_by_role("button", name="Semua yang menunggu paraf atau tanda tangan saya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Konsep 1 dari {JUMLAH}")
    assert _pelanggaran(page) == []
    page.screenshot(path=ARTEFAK / "batch-pembaca.png")
    for i in range(JUMLAH):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Konsep {i + 1} dari")
        page.keyboard.press("Enter")  # the focused button: include, and on to the next
    expect(page.get_by_role("heading", level=1)).to_have_text("Ringkasan kumpulan")
    page.get_by_label(
        "Frasa sandi sertifikat tanda tangan Anda (sekali untuk seluruh kumpulan)"
    ).fill(FRASA_TTD_DEMO)
    page.get_by_role("button", name=f"Proses {JUMLAH} konsep").click()
    expect(page.locator("#hasil-batch .list-group-item-success")).to_have_count(JUMLAH)
    page.screenshot(path=ARTEFAK / "batch-hasil.png", full_page=True)
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == list(range(1, JUMLAH + 1))
    page.close()
