"""The keyboard alone, and at every stop the focused element in sight (issue "Accessible", items
1 and 5): the intake from the NIK to the receipt, and a signature from the inbox, on an office
screen and on a phone. In sight means inside the window and on top at its centre: nothing, not
the intake's sticky decision bar, covers it."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Permohonan, Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, jalan

# What has the focus, and whether it is seen: a visually hidden file input is seen as its label
# (our "Choose file" button); a radio or checkbox counts its label as itself.
TAMPAK = """async () => {
  // Bootstrap scrolls smoothly: wait until the scroll to the focused element has ended.
  const bingkai = () => new Promise((r) => requestAnimationFrame(() => r()));
  for (let i = 0, tenang = 0, y = window.scrollY; i < 120 && tenang < 8; i++) {
    await bingkai();
    tenang = window.scrollY === y ? tenang + 1 : 0;
    y = window.scrollY;
  }
  const el = document.activeElement;
  const nama = el.name || el.id || el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40);
  const wujud = el.matches(".pilih-berkas-asli") ? document.querySelector(`label[for="${el.id}"]`) : el;
  const r = wujud.getBoundingClientRect();
  const di_layar = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
    && r.bottom <= window.innerHeight && r.right <= document.documentElement.clientWidth;
  const atas = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const milik = (x) => !!x && (x === wujud || wujud.contains(x) || x.contains(wujud)
    || (x.closest("label") && x.closest("label").control === el));
  return {nama, kotak: [r.left, r.top, r.right, r.bottom].map(Math.round), di_layar, tertutup: milik(atas) ? null : (atas ? atas.outerHTML.slice(0, 80) : "nothing")};
}"""


class Pemandu:
    """Presses keys and, after each, checks that what has the focus is seen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.masalah: list[dict] = []
        self.langkah = 0

    def periksa(self) -> str:
        keadaan = self.page.evaluate(TAMPAK)
        if not keadaan["di_layar"] or keadaan["tertutup"]:
            self.masalah.append(keadaan)
        return keadaan["nama"]

    def tekan(self, tombol: str) -> str:
        self.page.keyboard.press(tombol)
        self.langkah += 1
        return self.periksa()

    def kirim(self) -> str:
        """Enter on a button or link that loads a page: checked once the page has loaded."""
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.langkah += 1
        return self.periksa()

    def tab_ke(self, pilih: str, teks: str | None = None, batas: int = 60) -> None:
        """Tab until the element matching `pilih` (and showing `teks`) has the focus."""
        for _ in range(batas):
            if self.page.evaluate(
                """([s, t]) => document.activeElement.matches(s)
                    && (t === null || document.activeElement.textContent.trim() === t)""",
                [pilih, teks],
            ):
                return
            self.tekan("Tab")
        raise AssertionError(f"{pilih} {teks or ''} never got the focus")

    def ketik(self, teks: str) -> None:
        self.page.keyboard.type(teks)


@pytest.mark.parametrize(("lebar", "tinggi"), [(1366, 768), (390, 844)])
def test_the_intake_by_keyboard_from_nik_to_receipt_never_hides_the_focus(
    page: Page, situs, lebar, tinggi
):
    page.set_viewport_size({"width": lebar, "height": tinggi})
    _masuk(page, situs, "blitar.petugas")
    page.get_by_role("link", name="+ SK Pengurusan KIP").click()
    nik = page.get_by_label("NIK", exact=True)
    expect(nik).to_be_focused()
    jalan_ = Pemandu(page)
    jalan_.periksa()
    jalan_.ketik("3572026207920003")  # not known to the office: everything is typed
    expect(page.locator("#pesan-nik")).to_contain_text("belum pernah terdaftar")
    isian = {
        "nama": "Sri Wahyuni",
        "telepon": "0812 3456 7890",
        "tempat_lahir": "Blitar",
        "alamat": "Jl. Kenari 3",
        "rt": "002",
        "rw": "004",
        "kode_kelurahan": "Kepanjenkidul",  # a select takes the first letters of its option
        "isian_nama_anak": "Rina",
        "isian_nik_anak": "3572011203150002",
        "isian_nama_sekolah": "SDN 1",
        "isian_jenjang": "SD",
    }
    for nama, nilai in isian.items():
        jalan_.tab_ke(f"[name={nama}]")
        jalan_.ketik(nilai)
    jalan_.tab_ke("#semua-berkas")
    jalan_.tekan("Space")
    # On through every document's tick, form and scan button to the decision.
    jalan_.tab_ke("button[value=lengkap]")
    assert jalan_.langkah > 25  # every stop of the form was passed, and seen
    page.screenshot(path=ARTEFAK / f"papan-ketik-formulir-{lebar}.png")
    jalan_.kirim()
    sukses = page.get_by_role("status").filter(has_text="nomor registrasi")
    expect(sukses).to_be_focused()  # the outcome is read out first
    jalan_.periksa()
    jalan_.tab_ke("a[href$='tanda-terima.pdf']", batas=10)
    cetak = page.get_by_role("link", name="Cetak tanda terima")
    expect(cetak).to_have_accessible_name("Cetak tanda terima (membuka tab baru)")
    with page.context.expect_page() as tab:
        jalan_.tekan("Enter")
    assert tab.value.url.endswith("/tanda-terima.pdf")
    tab.value.close()
    assert jalan_.masalah == [], jalan_.masalah
    p = Permohonan.objects.get()
    assert (p.pemohon.nama, p.pemohon.telepon, p.isian["jenjang"]) == (
        "Sri Wahyuni",
        "0812 3456 7890",
        "SD",
    )
    assert p.berkas.filter(ada=False).count() == 0


def _siap_ditandatangani() -> list[int]:
    daftar_ = []
    for _ in range(2):
        p = daftar("solok")
        while p.langkah_nomor != 4:
            p = jalan(p)
        daftar_.append(p.pk)
    connection.close()  # this thread's own
    return daftar_


@pytest.mark.parametrize(("lebar", "tinggi"), [(1366, 768), (390, 844)])
def test_the_kadin_signs_from_the_inbox_by_keyboard(page: Page, situs, lebar, tinggi):
    with ThreadPoolExecutor(1) as pekerja:
        pertama, _kedua = pekerja.submit(_siap_ditandatangani).result()
    page.set_viewport_size({"width": lebar, "height": tinggi})
    _masuk(page, situs, "solok.kadin")  # who signs lands on their inbox
    expect(page.get_by_role("heading", level=1, name="Tugas saya")).to_be_focused()
    jalan_ = Pemandu(page)
    nomor = Permohonan.objects.get(pk=pertama).nomor_registrasi
    jalan_.tab_ke("#tugas button", teks=nomor)
    page.screenshot(path=ARTEFAK / f"papan-ketik-tugas-{lebar}.png")
    jalan_.kirim()  # opens the task
    expect(page).to_have_url(f"{situs}/permohonan/{pertama}/")
    jalan_.tab_ke("#frasa-sandi")
    jalan_.ketik("bukan-frasanya")
    jalan_.kirim()
    # Refused: the cursor is back in the field, which says why.
    frasa = page.locator("#frasa-sandi")
    expect(frasa).to_be_focused()
    expect(frasa).to_have_attribute("aria-invalid", "true")
    jalan_.periksa()
    jalan_.ketik(FRASA_TTD_DEMO)
    jalan_.kirim()
    pesan = page.get_by_role("status").filter(has_text="ditandatangani")
    expect(pesan).to_be_focused()
    jalan_.periksa()
    assert jalan_.masalah == [], jalan_.masalah
    surat = Surat.objects.get(permohonan_id=pertama)
    assert surat.nomor in pesan.inner_text()
