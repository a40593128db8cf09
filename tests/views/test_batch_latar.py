"""A batch above settings.DINSOS_BATCH_DALAM_PERMINTAAN runs in the worker (django-tasks' database
backend, run here by `manage.py db_worker --batch` as the DTKS import tests do): each letter its
own transaction and number, a failure reported while the others go on, progress on a page only
the batch's owner sees. The passphrase is checked in the request, handed over encrypted with its
key in the cache only, and gone from both before the first letter is signed."""

import base64
import logging
import pickle
import re
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import BatchTugas, ButirBatchTugas, StatusBatch, Surat
from layanan.surat import batch_pekerja, titipan_frasa
from tests.views.test_batch import _baca_semua, _sampai
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosongkan_cache():
    cache.clear()


@pytest.fixture
def ambang_kecil(settings):
    """Above two drafts a batch goes to the worker: small batches test the worker's path."""
    settings.DINSOS_BATCH_DALAM_PERMINTAAN = 2


def _antrekan(klien, jumlah: int, capture, frasa: str | None = FRASA_TTD_DEMO):
    klien.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    _baca_semua(klien, jumlah)
    data = {} if frasa is None else {"frasa_sandi": frasa}
    with capture(execute=True):  # the task is queued on commit
        return klien.post(reverse("layanan:batch-selesai"), data)


def _jalankan_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


def _kunci_cache(batch: BatchTugas) -> str:
    return titipan_frasa._kunci_cache(batch.pk)


def _semua_teks_basis_data() -> list[str]:
    """Every value of every table, as text: the cache's pickled values and the sessions decoded."""
    teks = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{tabel}"')
            for baris in cursor.fetchall():
                for nilai in baris:
                    if isinstance(nilai, memoryview | bytes):
                        nilai = bytes(nilai).decode("latin-1")
                    teks.append(str(nilai))
        cursor.execute('SELECT value FROM "dinsos_cache"')
        for (nilai,) in cursor.fetchall():
            teks.append(repr(pickle.loads(base64.b64decode(nilai))))
    teks += [repr(s.get_decoded()) for s in Session.objects.all()]
    return teks


def test_a_thirty_letter_batch_is_signed_by_the_worker_and_the_passphrase_kept_nowhere(
    django_capture_on_commit_callbacks,
):
    daftar_p = _sampai("solok", 4, 30)
    kadin = _masuk("solok.kadin")
    jawaban = _antrekan(kadin, 30, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    assert jawaban.url == reverse("layanan:batch-kemajuan", args=[batch.pk])
    # Recorded, queued, nothing signed yet: no browser waits on thirty signatures.
    assert (batch.status, batch.jumlah, batch.oleh.username) == (
        StatusBatch.ANTRE,
        30,
        "solok.kadin",
    )
    assert not Surat.objects.exists()
    butir = list(batch.butir.select_related("permohonan"))
    assert {b.permohonan_id for b in butir} == {p.pk for p in daftar_p}
    assert all(b.versi == b.permohonan.versi and len(b.sidik) == 64 for b in butir)
    tugas = DBTaskResult.objects.get()
    assert tugas.args_kwargs == {"args": [batch.pk], "kwargs": {}}  # only the batch's id
    antre = kadin.get(jawaban.url).content.decode()
    assert "Menunggu" in antre
    # Without JavaScript, a Refresh link to the page itself; the done links not yet shown.
    muat_ulang = rf'id="kemajuan-batch-muat-ulang"\s*>\s*<a href="{jawaban.url}">Muat ulang</a>'
    assert re.search(muat_ulang, antre)
    assert re.search(r'id="kemajuan-batch-selesai"\s+hidden', antre)

    _jalankan_worker()

    batch.refresh_from_db()
    assert (batch.status, batch.berhasil, batch.gagal) == (StatusBatch.SELESAI, 30, 0)
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == list(range(1, 31))
    for p in daftar_p:
        p.refresh_from_db()
        assert p.langkah_nomor == 5  # each moved on: its own transaction and history
        assert p.riwayat.filter(aksi="tanda_tangan").count() == 1
    tugas.refresh_from_db()
    assert tugas.status == "SUCCESSFUL"
    assert tugas.return_value == {"berhasil": 30, "gagal": 0}  # counts, nothing else
    data = kadin.get(reverse("layanan:batch-kemajuan-data", args=[batch.pk])).json()
    assert (data["selesai"], data["diproses"], data["jumlah"]) == (True, 30, 30)
    assert {b["keadaan"] for b in data["butir"]} == {"berhasil"}
    halaman = kadin.get(jawaban.url).content.decode()
    assert re.search(r'id="kemajuan-batch-muat-ulang"\s+hidden', halaman)
    assert not re.search(r'id="kemajuan-batch-selesai"\s+hidden', halaman)
    assert reverse("layanan:tugas-berikutnya") in halaman
    assert reverse("layanan:register-surat") in halaman
    # The ciphertext blanked, the key gone, the passphrase in no table (the task results, the
    # cache and the sessions included).
    assert batch.frasa_tersandi == ""
    assert cache.get(_kunci_cache(batch)) is None
    assert DBTaskResult._meta.db_table in connection.introspection.table_names()
    cache.set("kontrol", {"x": FRASA_TTD_DEMO})  # the scan does see into the cache's values
    assert [t for t in _semua_teks_basis_data() if FRASA_TTD_DEMO in t]
    cache.delete("kontrol")
    assert not [t for t in _semua_teks_basis_data() if FRASA_TTD_DEMO in t]


def test_the_passphrase_waits_encrypted_and_is_taken_before_the_first_letter(
    ambang_kecil, django_capture_on_commit_callbacks, monkeypatch
):
    _sampai("solok", 4, 3)
    kadin = _masuk("solok.kadin")
    _antrekan(kadin, 3, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    kunci = cache.get(_kunci_cache(batch))
    # Queued: the ciphertext in the row, its key in the cache only, both needed to read it.
    assert batch.frasa_tersandi and FRASA_TTD_DEMO not in batch.frasa_tersandi
    assert Fernet(kunci).decrypt(batch.frasa_tersandi.encode()).decode() == FRASA_TTD_DEMO

    dilihat = []
    asli = batch_pekerja.proses_butir

    def proses_butir(*args, **kwargs):
        if not dilihat:  # the worker's state as the first letter is signed
            dilihat.append(
                (BatchTugas.objects.get().frasa_tersandi, cache.get(_kunci_cache(batch)))
            )
        return asli(*args, **kwargs)

    monkeypatch.setattr(batch_pekerja, "proses_butir", proses_butir)
    _jalankan_worker()
    assert dilihat == [("", None)]
    assert Surat.objects.count() == 3


@pytest.mark.parametrize("cara", ["dihapus", "kedaluwarsa"])
def test_a_batch_whose_key_is_gone_fails_without_signing_anything(
    cara, ambang_kecil, django_capture_on_commit_callbacks
):
    _sampai("solok", 4, 3)
    kadin = _masuk("solok.kadin")
    _antrekan(kadin, 3, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    if cara == "dihapus":
        cache.delete(_kunci_cache(batch))
    else:  # the cache's own expiry: the row stays in its table, past its time
        with connection.cursor() as cursor:
            cursor.execute("UPDATE dinsos_cache SET expires = '2000-01-01 00:00:00'")
    _jalankan_worker()
    batch.refresh_from_db()
    assert batch.status == StatusBatch.GAGAL
    assert "ketik frasa sandi Anda" in batch.pesan
    assert batch.frasa_tersandi == ""
    assert not Surat.objects.exists()
    assert set(batch.butir.values_list("berhasil", flat=True)) == {None}
    halaman = kadin.get(reverse("layanan:batch-kemajuan", args=[batch.pk])).content.decode()
    assert "Tidak diproses." in halaman and "ketik frasa sandi Anda" in halaman
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"  # told on the page, not a crash


def test_a_queued_batch_past_the_keys_lifetime_is_blanked_without_the_worker(
    ambang_kecil, django_capture_on_commit_callbacks
):
    _sampai("solok", 4, 3)
    kadin = _masuk("solok.kadin")
    _antrekan(kadin, 3, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    BatchTugas.objects.filter(pk=batch.pk).update(dibuat_pada="2000-01-01T00:00:00Z")
    halaman = kadin.get(reverse("layanan:batch-kemajuan", args=[batch.pk])).content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.frasa_tersandi) == (StatusBatch.GAGAL, "")
    assert cache.get(_kunci_cache(batch)) is None
    assert "ketik frasa sandi Anda" in halaman


def test_a_wrong_passphrase_is_told_at_once_and_nothing_is_queued(
    ambang_kecil, django_capture_on_commit_callbacks
):
    _sampai("solok", 4, 3)
    kadin = _masuk("solok.kadin")
    jawaban = _antrekan(kadin, 3, django_capture_on_commit_callbacks, frasa="salah")
    assert jawaban.url == reverse("layanan:batch-selesai")
    ringkasan = kadin.get(jawaban.url).content.decode()
    assert "Frasa sandi salah" in ringkasan
    assert "Proses 3 konsep" in ringkasan  # the batch read is kept: type it again
    assert not BatchTugas.objects.exists() and not DBTaskResult.objects.exists()


def test_a_draft_that_fails_in_the_worker_is_reported_and_the_others_go_on(
    ambang_kecil, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    _sampai("solok", 4, 4)
    kadin = _masuk("solok.kadin")
    _antrekan(kadin, 4, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    # The second draft changed after it was read; the third breaks inside (the error even
    # quotes the passphrase, which the log must not).
    ButirBatchTugas.objects.filter(batch=batch, urutan=2).update(sidik="0" * 64)
    asli = batch_pekerja.proses_butir

    def proses_butir(b, **kwargs):
        if b.permohonan.pk == batch.butir.get(urutan=3).permohonan_id:
            raise RuntimeError(f"rusak: {kwargs['frasa_sandi']}")
        return asli(b, **kwargs)

    monkeypatch.setattr(batch_pekerja, "proses_butir", proses_butir)
    with caplog.at_level(logging.ERROR, logger="layanan.surat.batch_pekerja"):
        _jalankan_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.berhasil, batch.gagal) == (StatusBatch.SELESAI, 2, 2)
    hasil = dict(batch.butir.values_list("urutan", "berhasil"))
    assert hasil == {1: True, 2: False, 3: False, 4: True}
    assert "Konsep surat berubah" in batch.butir.get(urutan=2).pesan
    assert "kesalahan internal" in batch.butir.get(urutan=3).pesan
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == [1, 2]
    assert "RuntimeError: rusak: [frasa sandi]" in caplog.text
    assert FRASA_TTD_DEMO not in caplog.text


def test_a_batch_that_breaks_off_records_no_passphrase_in_the_task_result_or_the_log(
    ambang_kecil, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    _sampai("solok", 4, 3)
    _antrekan(_masuk("solok.kadin"), 3, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()

    def _jalankan(batch, frasa):  # a failure quoting the passphrase, outside any one draft
        raise RuntimeError(f"putus: {frasa}")

    monkeypatch.setattr(batch_pekerja, "_jalankan", _jalankan)
    with caplog.at_level(logging.ERROR):
        _jalankan_worker()
    batch.refresh_from_db()
    assert batch.status == StatusBatch.GAGAL and "Pekerja latar berhenti" in batch.pesan
    tugas = DBTaskResult.objects.get()
    assert tugas.status == "FAILED"
    assert tugas.exception_class_path == "layanan.surat.batch_pekerja.BatchGagal"
    assert f"batch {batch.pk}: RuntimeError" in tugas.traceback
    assert "putus: [frasa sandi]" in caplog.text  # the administrator still sees what broke
    assert FRASA_TTD_DEMO not in tugas.traceback + caplog.text
    assert not [t for t in _semua_teks_basis_data() if FRASA_TTD_DEMO in t]


def test_an_initials_batch_runs_in_the_worker_without_a_passphrase(
    ambang_kecil, django_capture_on_commit_callbacks
):
    daftar_p = _sampai("blitar", 5, 3)
    kabid = _masuk("blitar.kabid")
    kabid.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    _baca_semua(kabid, 3)
    assert "frasa_sandi" not in kabid.get(reverse("layanan:batch-selesai")).content.decode()
    _antrekan(kabid, 3, django_capture_on_commit_callbacks, frasa=None)
    batch = BatchTugas.objects.get()
    assert (batch.status, batch.frasa_tersandi) == (StatusBatch.ANTRE, "")
    _jalankan_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.berhasil) == (StatusBatch.SELESAI, 3)
    for p in daftar_p:
        p.refresh_from_db()
        assert (p.paraf_ke, p.peran_saat_ini.kode) == (1, "kadin")


def test_a_batch_at_the_threshold_still_runs_in_the_request(
    ambang_kecil, django_capture_on_commit_callbacks
):
    _sampai("solok", 4, 2)
    kadin = _masuk("solok.kadin")
    jawaban = _antrekan(kadin, 2, django_capture_on_commit_callbacks)
    assert jawaban.status_code == 200
    assert jawaban.content.decode().count("ditandatangani") == 2
    assert not BatchTugas.objects.exists()


@pytest.mark.parametrize("orang", ["solok.petugas", "solok.admin", "blitar.kadin"])
def test_only_the_batchs_owner_sees_its_progress(
    orang, ambang_kecil, django_capture_on_commit_callbacks
):
    _sampai("solok", 4, 3)
    _antrekan(_masuk("solok.kadin"), 3, django_capture_on_commit_callbacks)
    batch = BatchTugas.objects.get()
    klien = _masuk(orang)
    for nama in ("layanan:batch-kemajuan", "layanan:batch-kemajuan-data"):
        assert klien.get(reverse(nama, args=[batch.pk])).status_code == 404


def test_the_next_task_link_opens_the_inbox_first_item():
    (p,) = _sampai("solok", 4, 1)
    kadin = _masuk("solok.kadin")
    jawaban = kadin.get(reverse("layanan:tugas-berikutnya"))
    assert jawaban.url == reverse("layanan:permohonan-detail", args=[p.pk])
