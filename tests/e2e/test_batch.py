"""The Kadin signs a day's letters in one batch: reads each draft in the reader with the keyboard,
types the passphrase once, and every letter is signed under its own number; a batch above the
threshold is signed by the background worker while its progress page follows it."""

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
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


# ---------------------------------------------------------------------------
# A batch above the threshold: the worker signs it while the progress page follows
# ---------------------------------------------------------------------------
BESAR = 12  # above settings.DINSOS_BATCH_DALAM_PERMINTAAN (10)


@contextmanager
def _pekerja_utas() -> Iterator[None]:
    """The loop `manage.py db_worker` runs (django-tasks-db's own Worker), in a thread: the
    SQLite test database lives in this process's memory, out of another process's reach. The
    thread polls the same database the live server serves, as the worker process does."""
    pekerja = Worker(
        queue_names=["default"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e-utas",
        excluded_queue_names=[],
    )

    def jalan() -> None:
        try:
            pekerja.run()
        finally:
            connection.close()  # this thread's own

    utas = threading.Thread(target=jalan, daemon=True)
    utas.start()
    try:
        yield
    finally:
        pekerja.running = False
        utas.join(timeout=60)


@contextmanager
def _pekerja_proses() -> Iterator[None]:
    """A real `manage.py db_worker` process on the test's PostgreSQL database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dinsos.settings_test",
        "DATABASE_URL": url,
        "DINSOS_MEDIA_ROOT": str(settings.MEDIA_ROOT),  # the officials' certificates
    }
    proses = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        proses.terminate()
        proses.wait(timeout=60)


@pytest.mark.parametrize("pekerja", ["utas", pytest.param("proses", marks=pytest.mark.postgresql)])
def test_a_large_batch_runs_in_the_worker_and_its_page_follows_it(browser: Browser, situs, pekerja):
    for _ in range(BESAR):
        p = daftar("solok")
        while p.langkah_nomor != 4:
            p = jalan(p)
    page = _sebagai(browser, situs, "solok.kadin")
    page.get_by_role("link", name="Tugas saya").click()
    page.get_by_role("button", name="Semua yang menunggu paraf atau tanda tangan saya").click()
    for i in range(BESAR):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Konsep {i + 1} dari")
        page.keyboard.press("Enter")
    expect(page.get_by_text("diproses di latar belakang")).to_be_visible()
    page.get_by_label(
        "Frasa sandi sertifikat tanda tangan Anda (sekali untuk seluruh kumpulan)"
    ).fill(FRASA_TTD_DEMO)
    page.get_by_role("button", name=f"Proses {BESAR} konsep").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kemajuan kumpulan")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Dalam antrean")
    berikutnya = page.get_by_role("link", name="Tugas berikutnya di kotak tugas saya")
    expect(berikutnya).to_be_hidden()  # until the batch is done
    assert _pelanggaran(page) == []
    assert not Surat.objects.exists()  # queued: the request signed nothing

    with _pekerja_utas() if pekerja == "utas" else _pekerja_proses():
        # The page moves on by itself: a draft's result, then the count, then done.
        expect(page.locator("#butir-1 .keadaan-berhasil")).to_contain_text(
            "ditandatangani", timeout=60_000
        )
        page.screenshot(path=ARTEFAK / f"batch-kemajuan-{pekerja}-berjalan.png")
        expect(berikutnya).to_be_visible(timeout=120_000)
        expect(status).to_contain_text(
            f"Selesai: {BESAR} dari {BESAR} berhasil, 0 gagal", timeout=120_000
        )
    expect(page.locator("#butir-batch .keadaan-berhasil")).to_have_count(BESAR)
    expect(page.locator("#kemajuan-batch-bar")).to_have_attribute("value", str(BESAR))
    page.screenshot(path=ARTEFAK / f"batch-kemajuan-{pekerja}.png", full_page=True)
    assert _pelanggaran(page) == []
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=ARTEFAK / f"batch-kemajuan-{pekerja}-390.png", full_page=True)
    assert _pelanggaran(page) == []
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == list(range(1, BESAR + 1))
    berikutnya.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tugas saya")  # nothing left
    page.close()
