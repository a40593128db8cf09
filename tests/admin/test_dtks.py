"""Admin of the DTKS settings and of the registry imports."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import signal
from io import StringIO
from pathlib import Path
from unittest.mock import ANY

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from layanan.dtks.impor import (
    BATAS_DETAK,
    ImporGagal,
    Ringkasan,
    _aktifkan,
    _impor_baris,
    impor_dari_berkas,
    jalankan_impor,
)
from layanan.dtks.services import (
    PESAN_TERHENTI,
    dtks_hapus_sisa_impor,
    dtks_tandai_impor_terhenti,
)
from layanan.models import (
    ImporDtks,
    JenisAdapter,
    PengaturanDtks,
    StatusImpor,
    SumberDtks,
    WargaDtks,
)
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


RENTANG = "Batas waktu harus antara 0,5 dan 15 detik."


def _data_sumber(kantor, **ubah):
    return {
        "nama": "DTSEN Provinsi",
        "url": "https://dtks.example.id/cek",
        "token": "rahasia-penyedia",
        "timeout": "5",
        "kantor": [kantor.pk],
        **ubah,
    }


@pytest.mark.parametrize(
    ("timeout", "pesan"),
    [
        ("0", RENTANG),
        ("-3", RENTANG),
        ("0.1", RENTANG),
        ("16", RENTANG),
        ("1e9", RENTANG),
        ("nan", "Masukkan sebuah bilangan."),
        ("inf", "Masukkan sebuah bilangan."),
    ],
)
def test_the_http_timeout_must_be_a_sensible_number_of_seconds(
    superadmin, kantor_a, timeout, pesan
):
    url = reverse("admin:layanan_sumberdtks_add")
    response = superadmin.post(url, _data_sumber(kantor_a, timeout=timeout))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["timeout"] == [pesan]
    assert not SumberDtks.objects.exists()


def test_the_superuser_offers_a_source_and_the_office_administrator_chooses_it(
    superadmin, admin_a, kantor_a
):
    assert (
        superadmin.post(
            reverse("admin:layanan_sumberdtks_add"), _data_sumber(kantor_a, timeout="7.5")
        ).status_code
        == 302
    )
    sumber = SumberDtks.objects.get()
    assert (sumber.timeout, sumber.token) == (7.5, "rahasia-penyedia")
    # Changing it without retyping the token keeps the token.
    ubah = reverse("admin:layanan_sumberdtks_change", args=[sumber.pk])
    assert superadmin.post(ubah, _data_sumber(kantor_a, token="")).status_code == 302
    sumber.refresh_from_db()
    assert sumber.token == "rahasia-penyedia"
    assert "rahasia-penyedia" not in superadmin.get(ubah).content.decode()

    pengaturan = PengaturanDtks.objects.get(kantor=kantor_a)
    url = reverse("admin:layanan_pengaturandtks_change", args=[pengaturan.pk])
    halaman = admin_a.get(url).content.decode()
    assert "DTSEN Provinsi" in halaman and "dtks.example.id" not in halaman
    data = data_dari_halaman(admin_a.get(url))
    data.update(adapter=JenisAdapter.HTTP, sumber=sumber.pk)
    assert admin_a.post(url, data).status_code == 302
    pengaturan.refresh_from_db()
    assert (pengaturan.adapter, pengaturan.sumber) == (JenisAdapter.HTTP, sumber)


def test_an_office_cannot_choose_a_source_not_offered_to_it(
    superadmin, admin_a, kantor_a, kantor_b
):
    superadmin.post(reverse("admin:layanan_sumberdtks_add"), _data_sumber(kantor_b))
    sumber = SumberDtks.objects.get()
    pengaturan = PengaturanDtks.objects.get(kantor=kantor_a)
    url = reverse("admin:layanan_pengaturandtks_change", args=[pengaturan.pk])
    data = data_dari_halaman(admin_a.get(url))
    data.update(adapter=JenisAdapter.HTTP, sumber=sumber.pk)
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["sumber"]
    data.update(sumber="")
    response = admin_a.post(url, data)
    assert response.context["adminform"].form.errors["sumber"] == [
        "Pilih sumber jarak jauh yang dipakai kantor ini."
    ]
    pengaturan.refresh_from_db()
    assert pengaturan.adapter != JenisAdapter.HTTP


def test_remote_sources_are_the_superusers_alone(admin_a, superadmin, kantor_a):
    superadmin.post(reverse("admin:layanan_sumberdtks_add"), _data_sumber(kantor_a))
    sumber = SumberDtks.objects.get()
    for url in (
        reverse("admin:layanan_sumberdtks_changelist"),
        reverse("admin:layanan_sumberdtks_add"),
        reverse("admin:layanan_sumberdtks_change", args=[sumber.pk]),
    ):
        assert admin_a.get(url).status_code in (302, 403, 404), url


def test_a_new_office_administrator_adds_the_offices_dtks_settings_once(admin_a, kantor_a):
    PengaturanDtks.objects.filter(kantor=kantor_a).delete()
    tambah = reverse("admin:layanan_pengaturandtks_add")
    data = data_dari_halaman(admin_a.get(tambah))
    data.update(nama_registri="DTSEN", adapter=JenisAdapter.MANUAL, aturan="terdaftar")
    assert admin_a.post(tambah, data).status_code == 302
    assert PengaturanDtks.objects.get(kantor=kantor_a).nama_registri == "DTSEN"
    assert admin_a.get(tambah).status_code == 403  # one row per office: change it instead


# ---------------------------------------------------------------------------
# An import whose worker was killed: failed with a reason, retried from the admin, cleaned up
# ---------------------------------------------------------------------------
def _nik(i: int) -> str:
    d, m, y = 1 + i % 28, 1 + (i // 28) % 12, 80 + (i // 336) % 20
    return f"357201{d:02d}{m:02d}{y:02d}{1 + i // 6720:04d}"


def _ekspor_besar(baris: int) -> bytes:
    return ("NIK,NAMA\n" + "".join(f"{_nik(i)},Warga {i}\n" for i in range(baris))).encode()


def _jalankan_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())


def _unggah(admin, periode: str, isi: bytes, capture) -> ImporDtks:
    with capture(execute=True):  # the task is queued on commit
        admin.post(
            reverse("admin:layanan_impordtks_unggah"),
            {"periode": periode, "berkas": SimpleUploadedFile("dtks.csv", isi)},
        )
    return ImporDtks.objects.get(periode=periode)


def _bunuh_worker_setelah(detik: float) -> None:
    """Run the worker and kill it mid-task, as gunicorn or the OOM killer would: from the
    outside, with nothing in our code getting to clean up."""

    def bunuh(*_args):
        raise SystemExit(1)

    lama = signal.signal(signal.SIGALRM, bunuh)
    signal.setitimer(signal.ITIMER_REAL, detik)
    try:
        with contextlib.suppress(SystemExit):
            _jalankan_worker()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, lama)


def test_an_import_whose_worker_was_killed_is_failed_and_retried_from_the_admin(
    admin_a, admin_b, kantor_a, django_capture_on_commit_callbacks
):
    aktif_sebelumnya = PengaturanDtks.objects.get(kantor=kantor_a).impor_aktif
    impor = _unggah(admin_a, "2026-12", _ekspor_besar(200_000), django_capture_on_commit_callbacks)
    _bunuh_worker_setelah(0.8)  # the whole import takes seconds
    impor.refresh_from_db()
    assert impor.status == StatusImpor.BERJALAN  # what the killed worker leaves behind
    ubah = reverse("admin:layanan_impordtks_change", args=[impor.pk])
    assert "Sedang diimpor" in admin_a.get(ubah).content.decode()  # a recent sign of life
    ImporDtks.objects.filter(pk=impor.pk).update(
        detak_pada=timezone.now() - BATAS_DETAK - dt.timedelta(minutes=1)  # time passes
    )

    admin_a.get(reverse("admin:layanan_impordtks_changelist"))
    impor.refresh_from_db()
    assert (impor.status, impor.pesan) == (StatusImpor.GAGAL, str(PESAN_TERHENTI))
    halaman = admin_a.get(ubah).content.decode()
    assert "pekerjanya dihentikan" in halaman and "Ulangi impor ini" in halaman
    assert PengaturanDtks.objects.get(kantor=kantor_a).impor_aktif == aktif_sebelumnya

    ulangi = reverse("admin:layanan_impordtks_ulangi", args=[impor.pk])
    assert admin_b.post(ulangi).status_code == 404  # another office's import
    assert admin_a.get(ulangi).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_a.post(ulangi)
    baru = ImporDtks.objects.exclude(pk=impor.pk).get(periode="2026-12")
    assert response.url == reverse("admin:layanan_impordtks_change", args=[baru.pk])
    impor.refresh_from_db()
    assert (baru.status, baru.berkas.name, impor.berkas.name) == (StatusImpor.ANTRE, ANY, "")
    _jalankan_worker()
    baru.refresh_from_db()
    assert (baru.status, baru.baris_diterima) == (StatusImpor.SELESAI, 200_000)
    assert PengaturanDtks.objects.get(kantor=kantor_a).impor_aktif == baru

    call_command("rapikan_impor_dtks", stdout=StringIO())
    assert not WargaDtks.objects.filter(impor=impor).exists()  # the killed run's rows
    assert WargaDtks.objects.filter(impor=baru).count() == 200_000


def test_only_a_failed_import_with_its_file_can_be_retried(admin_a, kantor_a, tmp_path):
    sebelumnya = ImporDtks.objects.count()
    path = tmp_path / "a.csv"
    path.write_text("NIK,NAMA\n3572010501890001,Budi\n")
    selesai = impor_dari_berkas(kantor=kantor_a, path=path, periode="ok")
    response = admin_a.post(
        reverse("admin:layanan_impordtks_ulangi", args=[selesai.pk]), follow=True
    )
    assert "Hanya impor yang gagal" in response.content.decode()
    path.write_text("Nama\nBudi\n")
    gagal = impor_dari_berkas(kantor=kantor_a, path=path, periode="gagal")
    gagal.berkas.delete()
    response = admin_a.post(reverse("admin:layanan_impordtks_ulangi", args=[gagal.pk]), follow=True)
    assert "sudah dihapus" in response.content.decode()
    assert ImporDtks.objects.count() == sebelumnya + 2  # neither was queued again


def test_a_worker_declared_dead_while_alive_neither_writes_on_nor_activates(kantor_a, tmp_path):
    lama = impor_dari_berkas(
        kantor=kantor_a, path=_berkas(tmp_path, "3572010501890001"), periode="lama"
    )
    zombi = ImporDtks(kantor=kantor_a, periode="zombi", nama_berkas="b.csv")
    zombi.berkas.save("b.csv", ContentFile(b"NIK\n3572026207920003\n"))
    sejak = timezone.now() - BATAS_DETAK - dt.timedelta(minutes=1)
    ImporDtks.objects.filter(pk=zombi.pk).update(
        status=StatusImpor.BERJALAN, mulai_pada=sejak, detak_pada=sejak
    )
    assert dtks_tandai_impor_terhenti() == 1
    with pytest.raises(ImporGagal, match="padahal masih berjalan"):  # at its next sign of life
        _impor_baris(zombi, Ringkasan(), csv.writer(StringIO()), 50_000)
    with pytest.raises(ImporGagal):  # nor may it switch the office over
        _aktifkan(zombi, Ringkasan(diproses=1, diterima=1))
    assert PengaturanDtks.objects.get(kantor=kantor_a).impor_aktif == lama
    zombi.refresh_from_db()
    assert (zombi.status, zombi.pesan) == (StatusImpor.GAGAL, str(PESAN_TERHENTI))
    assert dtks_hapus_sisa_impor() == 1  # what it wrote before it noticed
    assert not WargaDtks.objects.filter(impor=zombi).exists()


def test_a_running_import_gives_signs_of_life(kantor_a, tmp_path):
    impor = ImporDtks(kantor=kantor_a, periode="p", nama_berkas="a.csv")
    impor.berkas.save("a.csv", ContentFile(b"NIK\n3572010501890001\n3572026207920003\n"))
    jalankan_impor(impor, setiap=1)
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI
    assert impor.mulai_pada <= impor.detak_pada <= impor.selesai_pada


def _berkas(tmp_path, *nik: str):
    path = tmp_path / f"{nik[0]}.csv"
    path.write_text("NIK\n" + "".join(f"{n}\n" for n in nik))
    return path


def test_exports_are_deleted_after_the_retention_the_rows_stay(kantor_a, tmp_path, settings):
    settings.DINSOS_RETENSI_IMPOR_HARI = 30
    lama = impor_dari_berkas(kantor=kantor_a, path=_berkas(tmp_path, _nik(1)), periode="lama")
    aktif = impor_dari_berkas(kantor=kantor_a, path=_berkas(tmp_path, _nik(2)), periode="aktif")
    (tmp_path / "x.csv").write_text("Nama\nBudi\n")
    gagal = impor_dari_berkas(kantor=kantor_a, path=tmp_path / "x.csv", periode="gagal")
    baru = impor_dari_berkas(kantor=kantor_a, path=_berkas(tmp_path, _nik(3)), periode="baru")
    antre = ImporDtks(kantor=kantor_a, periode="antre", nama_berkas="c.csv")
    antre.berkas.save("c.csv", ContentFile(b"NIK\n"))
    bulan_lalu = timezone.now() - dt.timedelta(days=31)
    ImporDtks.objects.filter(pk__in=[lama.pk, aktif.pk, gagal.pk]).update(selesai_pada=bulan_lalu)
    ImporDtks.objects.filter(pk=antre.pk).update(dibuat_pada=bulan_lalu)
    berkas_lama = [i.berkas.path for i in (lama, aktif, gagal)]

    out = StringIO()
    call_command("rapikan_impor_dtks", stdout=out)
    assert "3 berkas ekspor dihapus" in out.getvalue()
    for impor, ada in [(lama, False), (aktif, False), (gagal, False), (baru, True), (antre, True)]:
        impor.refresh_from_db()
        assert bool(impor.berkas) is ada, impor.periode
    assert not any(Path(p).exists() for p in berkas_lama)
    assert WargaDtks.objects.filter(impor=baru).exists()  # the registry itself stays
    call_command("rapikan_impor_dtks", "--hari", "0", stdout=out)
    baru.refresh_from_db()
    assert not baru.berkas


def test_retention_cannot_be_negative(kantor_a):
    with pytest.raises(CommandError):
        call_command("rapikan_impor_dtks", "--hari", "-1", stdout=StringIO())
