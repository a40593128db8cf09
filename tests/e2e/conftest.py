"""Browser tests: Debian's chromium driven by Playwright against Django's live server.

Every page a test's browser loads is also checked by axe-core for WCAG 2.1 AA, at the width it
was seen at and at the other of the two widths offices and citizens have (1366 and 390 px; a
page seen on a narrower phone at 390 px as well); at 390 px and below an application page must
not scroll sideways either. The violations are collected and
fail the test when its body is done (`PemeriksaHalaman`, below).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import greenlet
import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright._impl._sync_base import SyncBase
from playwright.sync_api import Browser, Error, Page

from tests.demo_cepat import demo_segar

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server
ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LEBAR_KANTOR, LEBAR_PONSEL = 1366, 390


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The screens offices have.
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}, "locale": "id-ID"}


@pytest.fixture
def situs(live_server, transactional_db, browser):
    """The live server with the demo data committed, as `bin/run` serves it.

    Every page still open is closed before the data is flushed, so no browser request reaches
    the server after the test (it would find the database gone).
    """
    demo_segar()
    ARTEFAK.mkdir(exist_ok=True)
    yield live_server.url
    for konteks in browser.contexts:
        for halaman in konteks.pages:
            halaman.close()


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)


# ---------------------------------------------------------------------------
# axe-core on every page a test visits
# ---------------------------------------------------------------------------
# Runs axe and measures the page's width, in one round trip.
PERIKSA_JS = """async (opsi) => {
  // After a resize, the page's own scripts (ResizeObservers) have their frame first.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const hasil = await window.axe.run(document, opsi);
  const akar = document.documentElement;
  return {
    pelanggaran: hasil.violations.flatMap((v) => v.nodes.map((n) =>
      `${v.id}: ${JSON.stringify(n.target)} ${(n.failureSummary || "").replace(/\\s+/g, " ")}`)),
    lebar: [akar.scrollWidth, akar.clientWidth],
  };
}"""
# What tells documents apart: the address, the title ("Kesalahan: ..." when a form was sent back
# with errors) and how many elements it has (the status form, and the same form with its answer).
KEADAAN_JS = """() => [document.contentType, `${document.title} · ${document.querySelectorAll("*").length}`,
  typeof window.axe !== "undefined"]"""


class PemeriksaHalaman:
    """Checks each document the test's browser loads, once per address, title and width.

    Playwright's sync API sends every call through `SyncBase._sync`; just before the test's next
    call after a page has loaded, the page is checked as the test left it: by axe at its own width
    and at the other one (the viewport resized, then put back), and at 390 px for sideways
    scrolling. A document is checked once per test and width; its title and size are part of
    what tells it apart, so a form sent back with errors ("Kesalahan: ...") or with its answer is
    checked apart from the same form empty. Nothing runs inside Playwright's event handlers
    (they only note that a page loaded), so the checks never race the test's own actions.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.utama = greenlet.getcurrent()
        self.konteks: set[int] = set()
        self.halaman: set[int] = set()
        self.tertunda: list[Page] = []
        self.sudah: set[tuple[str, str, int]] = set()  # (address, title and size, width)
        self.temuan: dict[str, list[str]] = {}
        self.dikunjungi: list[tuple[str, int]] = []
        self.sibuk = False

    # -- noticing loads ------------------------------------------------------
    def _amati(self) -> None:
        for konteks in self.browser.contexts:
            if id(konteks) not in self.konteks:
                self.konteks.add(id(konteks))
                konteks.on("page", self._halaman_baru)
            for page in konteks.pages:
                self._halaman_baru(page)

    def _halaman_baru(self, page: Page) -> None:
        if id(page) in self.halaman:
            return
        self.halaman.add(id(page))
        page.on("load", lambda: self.tertunda.append(page))
        if page.url.startswith("http"):  # loaded before it was seen here
            self.tertunda.append(page)

    # -- checking ------------------------------------------------------------
    def sebelum_panggilan(self) -> None:
        """Called before each Playwright call of the test: checks the pages loaded since."""
        if self.sibuk or greenlet.getcurrent() is not self.utama:
            return
        self.sibuk = True
        try:
            self._amati()
            while self.tertunda:
                page = self.tertunda.pop(0)
                if not page.is_closed():
                    self._periksa(page)
        finally:
            self.sibuk = False

    def _periksa(self, page: Page) -> None:
        url = page.url
        if not url.startswith("http") or url.split("?")[0].endswith(".pdf"):
            return
        try:
            jenis, sidik, ada_axe = page.evaluate(KEADAAN_JS)
            if jenis != "text/html":
                return
            if not ada_axe:
                # An expression evaluated by Playwright, not eval() in the page: the CSP allows it.
                page.evaluate(AXE_SCRIPT)
            ukuran = page.viewport_size or {"width": LEBAR_KANTOR, "height": 768}
            lebar = ukuran["width"]
            lain = [LEBAR_PONSEL] if lebar > 600 else [LEBAR_KANTOR]
            if lebar < LEBAR_PONSEL:  # a narrower phone: the usual one's width too
                lain.append(LEBAR_PONSEL)
            for w in (lebar, *lain):
                if (url, sidik, w) in self.sudah:
                    continue
                self.sudah.add((url, sidik, w))
                if w != lebar:
                    page.set_viewport_size({"width": w, "height": ukuran["height"]})
                try:
                    hasil = page.evaluate(PERIKSA_JS, WCAG_AA)
                finally:
                    if w != lebar:
                        page.set_viewport_size(ukuran)
                self.dikunjungi.append((url, w))
                masalah = list(hasil["pelanggaran"])
                gulir, layar = hasil["lebar"]
                if w <= LEBAR_PONSEL and gulir > layar and "/admin/" not in url:
                    masalah.append(f"scrolls sideways at {w} px: {gulir} px wide")
                if masalah:
                    self.temuan[f"{url} ({sidik} elements) at {w} px"] = masalah
        except Error as exc:
            # The page went on to another document meanwhile: that one is checked in its turn.
            if "context was destroyed" not in str(exc) and "closed" not in str(exc):
                raise

    def selesai(self) -> None:
        self.sebelum_panggilan()
        if self.temuan:
            daftar = "\n".join(
                f"{halaman}:\n  " + "\n  ".join(masalah) for halaman, masalah in self.temuan.items()
            )
            raise AssertionError(f"axe-core (WCAG 2.1 AA) found violations:\n{daftar}")


_aktif: list[PemeriksaHalaman] = []
_sync_asli = SyncBase._sync


def _sync_diperiksa(self: SyncBase, awaitable: Any) -> Any:
    if _aktif:
        _aktif[-1].sebelum_panggilan()
    return _sync_asli(self, awaitable)


@pytest.fixture(autouse=True)
def pemeriksa_axe(request, browser: Browser):
    pemeriksa = PemeriksaHalaman(browser)
    request.node.stash[_KUNCI] = pemeriksa
    SyncBase._sync = _sync_diperiksa  # type: ignore[method-assign]
    _aktif.append(pemeriksa)
    yield pemeriksa
    _aktif.remove(pemeriksa)
    SyncBase._sync = _sync_asli  # type: ignore[method-assign]
    _catat_kunjungan(request.node.nodeid, pemeriksa.dikunjungi)


_KUNCI = pytest.StashKey[PemeriksaHalaman]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    pemeriksa = item.stash.get(_KUNCI, None)
    try:
        hasil = yield
        if pemeriksa is not None:
            pemeriksa.selesai()  # the test fails here with every violation it met
    finally:
        if pemeriksa is not None:
            pemeriksa.sibuk = True  # nothing more to check while the fixtures tear down
    return hasil


def _catat_kunjungan(nodeid: str, dikunjungi: list[tuple[str, int]]) -> None:
    """test-artifacts/axe-halaman.txt: which pages the checks saw, ids and tokens generalised."""
    ARTEFAK.mkdir(exist_ok=True)
    with (ARTEFAK / "axe-halaman.txt").open("a") as f:
        for url, lebar in dikunjungi:
            jalur = re.sub(r"^https?://[^/]+", "", url)
            jalur = re.sub(r"/\d+(?=/|\.|$)", "/<n>", jalur)
            jalur = re.sub(r"/v/[^/]+/", "/v/<token>/", jalur)
            f.write(f"{nodeid}\t{lebar}\t{jalur}\n")
