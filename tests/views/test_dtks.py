"""The DTKS check step on an application, the manual record, the proposals register, the import."""

from __future__ import annotations

import csv
import importlib
import io
import re
import signal
import time
import uuid
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from layanan import selectors
from layanan.demo import KATA_SANDI_DEMO
from layanan.dtks import services as services_dtks
from layanan.models import (
    ImporDtks,
    JenisAdapter,
    KolomIsian,
    PemeriksaanDtks,
    PengaturanDtks,
    Pengguna,
    Permohonan,
    StatusImpor,
    SumberDtks,
)
from tests import berkas_uji
from tests.test_adapters_dtks import _ServerMenetes
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db


def _masuk(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


def _daftar(petugas_a, layanan_a, **ubah) -> Permohonan:
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a, **ubah))
    return Permohonan.objects.latest("pk")


def test_the_check_asks_about_the_applicant_and_the_child_and_keeps_both(petugas_a, layanan_a):
    p = _daftar(petugas_a, layanan_a)  # Budi and Rina are in Blitar's demo registry
    peksos = _masuk("blitar.peksos")
    response = peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    assert response.status_code == 302
    cek = {c.subjek: c for c in PemeriksaanDtks.objects.filter(permohonan=p)}
    assert set(cek) == {"Pemohon", "NIK anak"}
    assert cek["Pemohon"].status == "terdaftar" and cek["Pemohon"].memenuhi is True
    assert cek["Pemohon"].periode == "demo" and cek["Pemohon"].adapter == "impor"
    assert cek["Pemohon"].data["orang"][0]["program"] == ["PKH", "BPNT"]
    halaman = peksos.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "Terdaftar" in halaman and "PKH, BPNT" in halaman
    peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))  # a re-check adds, never overwrites
    assert PemeriksaanDtks.objects.filter(permohonan=p).count() == 4


def test_only_the_role_the_sop_names_may_check(petugas_a, layanan_a):
    p = _daftar(petugas_a, layanan_a)
    for username in ("blitar.petugas", "blitar.kadin", "bima.operator"):
        assert _masuk(username).post(reverse("layanan:dtks-cek", args=[p.pk])).status_code == 404
    assert not PemeriksaanDtks.objects.exists()


def test_not_registered_goes_to_the_proposals_register(petugas_a, layanan_a):
    p = _daftar(
        petugas_a,
        layanan_a,
        nik="3572026207920003",
        nama="Dewi Lestari",
        tanggal_lahir=None,
        jenis_kelamin="P",
        isian_nik_anak="3572011203150002",
    )
    peksos = _masuk("blitar.peksos")
    peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    daftar = peksos.get(reverse("layanan:dtks-usulan")).context["daftar"]
    assert [(c.permohonan, c.subjek) for c in daftar] == [(p, "Pemohon")]
    csv = peksos.get(reverse("layanan:dtks-usulan") + "?format=csv").content.decode("utf-8-sig")
    assert "'3572026207920003" in csv and "Dewi Lestari" in csv
    assert (
        _masuk("bima.operator").get(reverse("layanan:dtks-usulan")).context["daftar"].count() == 0
    )


def test_manual_source_asks_the_operator_and_keeps_the_evidence(petugas_a, layanan_a):
    PengaturanDtks.objects.filter(kantor=layanan_a.kantor).update(adapter=JenisAdapter.MANUAL)
    p = _daftar(petugas_a, layanan_a)
    peksos = _masuk("blitar.peksos")
    response = peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    assert response.url == reverse("layanan:dtks-manual", args=[p.pk])
    url = reverse("layanan:dtks-manual", args=[p.pk])
    tanpa_bukti = peksos.post(url, {"subjek": p.pemohon.nik, "terdaftar": "ya"})
    assert "bukti" in tanpa_bukti.context["form"].errors
    peksos.post(
        url,
        {
            "subjek": p.pemohon.nik,
            "terdaftar": "ya",
            "id_dtks": "X-1",
            "desil": "3",
            "program": ["PKH"],
            "bukti": SimpleUploadedFile("siks.png", berkas_uji.png()),
        },
    )
    cek = PemeriksaanDtks.objects.get()
    assert (cek.adapter, cek.status, cek.memenuhi) == ("manual", "terdaftar", True)
    assert cek.oleh.username == "blitar.peksos" and cek.bukti


def test_unavailable_source_says_so_and_records_it(petugas_a, layanan_a):
    _sumber_http(layanan_a.kantor, "http://127.0.0.1:9/dtks", 0.5)
    p = _daftar(petugas_a, layanan_a)
    response = _masuk("blitar.peksos").post(reverse("layanan:dtks-cek", args=[p.pk]), follow=True)
    assert "tidak dapat menjawab" in response.content.decode()
    assert set(PemeriksaanDtks.objects.values_list("status", flat=True)) == {"tidak_tersedia"}


@pytest.fixture
def server_menetes():
    servers = []

    def buat(**kw):
        servers.append(_ServerMenetes(**kw))
        return servers[-1]

    yield buat
    for s in servers:
        s.tutup()


def _sumber_http(kantor, url: str, timeout: float) -> SumberDtks:
    sumber = SumberDtks.objects.create(nama=f"Uji {url}", url=url, timeout=timeout)
    sumber.kantor.add(kantor)
    PengaturanDtks.objects.filter(kantor=kantor).update(adapter=JenisAdapter.HTTP, sumber=sumber)
    return sumber


def test_a_source_withdrawn_from_the_office_answers_unavailable(petugas_a, layanan_a):
    sumber = _sumber_http(layanan_a.kantor, "http://127.0.0.1:9/dtks", 0.5)
    sumber.kantor.clear()  # the national administrator withdrew it
    p = _daftar(petugas_a, layanan_a)
    response = _masuk("blitar.peksos").post(reverse("layanan:dtks-cek", args=[p.pk]), follow=True)
    assert "tidak dapat menjawab" in response.content.decode()
    pesan = set(PemeriksaanDtks.objects.values_list("galat", flat=True))
    assert any("tidak lagi ditawarkan" in m for m in pesan), pesan


def test_a_dripping_source_cannot_hold_the_check_past_its_deadline(
    petugas_a, layanan_a, server_menetes
):
    s = server_menetes()  # each answer would take 8 s a byte at a time
    _sumber_http(layanan_a.kantor, s.url, 1)
    p = _daftar(petugas_a, layanan_a)
    mulai = time.monotonic()
    response = _masuk("blitar.peksos").post(reverse("layanan:dtks-cek", args=[p.pk]), follow=True)
    assert time.monotonic() - mulai < 3.5  # two people, one second each
    assert "tidak dapat menjawab" in response.content.decode()
    cek = PemeriksaanDtks.objects.filter(permohonan=p)
    assert set(cek.values_list("subjek", "status")) == {
        ("Pemohon", "tidak_tersedia"),
        ("NIK anak", "tidak_tersedia"),
    }


def test_the_whole_check_has_one_deadline(petugas_a, layanan_a, server_menetes, monkeypatch):
    s = server_menetes()
    _sumber_http(layanan_a.kantor, s.url, 15)
    monkeypatch.setattr(services_dtks, "BATAS_CEK_DETIK", 1.0)
    p = _daftar(petugas_a, layanan_a)
    mulai = time.monotonic()
    _masuk("blitar.peksos").post(reverse("layanan:dtks-cek", args=[p.pk]))
    assert time.monotonic() - mulai < 2.0
    galat = dict(PemeriksaanDtks.objects.filter(permohonan=p).values_list("subjek", "galat"))
    assert "tidak menjawab dalam" in galat["Pemohon"]
    assert "kehabisan waktu" in galat["NIK anak"]  # never "not registered"


def test_a_check_killed_halfway_keeps_none_of_its_answers(petugas_a, layanan_a, server_menetes):
    # The applicant is answered at once, the child's lookup drips; gunicorn kills a worker past
    # its timeout with SIGABRT, which its handler turns into SystemExit wherever the code is.
    s = server_menetes(cepat=lambda path: "nik=3572010501890001" in path)
    _sumber_http(layanan_a.kantor, s.url, 15)
    p = _daftar(petugas_a, layanan_a)
    peksos = _masuk("blitar.peksos")

    def bunuh(*_args):
        raise SystemExit(1)

    lama = signal.signal(signal.SIGALRM, bunuh)
    signal.setitimer(signal.ITIMER_REAL, 0.6)
    try:
        with pytest.raises(SystemExit):
            peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, lama)
    assert len(s.permintaan) == 2  # the applicant was answered before the kill
    assert not PemeriksaanDtks.objects.filter(permohonan=p).exists()


def test_admin_upload_is_imported_by_the_worker_with_progress_and_report(
    admin_a, kantor_a, django_capture_on_commit_callbacks
):
    isi = (
        "NIK,NAMA,DESIL\n3572010501890001,Budi Santoso,2\n3.57201E+15,Rusak,1\n"
        "3572026207920003,Dewi Lestari,4\n"
    )
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued on commit
        response = admin_a.post(
            reverse("admin:layanan_impordtks_unggah"),
            {"periode": "2026-11", "berkas": SimpleUploadedFile("dtks.csv", isi.encode())},
        )
    impor = ImporDtks.objects.get(periode="2026-11")
    assert response.url == reverse("admin:layanan_impordtks_change", args=[impor.pk])
    assert impor.status == StatusImpor.ANTRE  # queued: no browser waits on the import
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    impor.refresh_from_db()
    assert (impor.status, impor.baris_diterima, impor.baris_ditolak) == (StatusImpor.SELESAI, 2, 1)
    assert PengaturanDtks.objects.get(kantor=kantor_a).impor_aktif == impor
    kemajuan = admin_a.get(reverse("admin:layanan_impordtks_kemajuan", args=[impor.pk]))
    assert "2 diterima, 1 ditolak" in kemajuan.content.decode()
    laporan = admin_a.get(reverse("admin:layanan_impordtks_ditolak", args=[impor.pk]))
    assert "notasi ilmiah" in b"".join(laporan.streaming_content).decode()
    assert (
        admin_a.get(reverse("admin:layanan_impordtks_ditolak", args=[impor.pk])).status_code == 200
    )
    assert (
        _masuk("bima.admin")
        .get(reverse("admin:layanan_impordtks_ditolak", args=[impor.pk]))
        .status_code
        == 404
    )


def test_command_imports_and_reports(kantor_a, tmp_path):
    path = tmp_path / "dtks.csv"
    path.write_text("NIK,NAMA\n3572010501890001,Budi\n")
    out = StringIO()
    call_command("impor_dtks", "--kantor", "blitar", "--periode", "cli", str(path), stdout=out)
    assert "1 baris diterima" in out.getvalue()


def _ekspor_dengan_penolakan(tmp_path, rusak: int):
    path = tmp_path / "dtks.csv"
    path.write_text(
        "NIK,NAMA\n3572010501890001,Budi\n"
        + "".join(f"3.57201E+15,Rusak {i}\n" for i in range(rusak))
        + "357201050189000,Lima Belas\n"
    )
    return path


def test_command_lists_the_rejected_lines_and_writes_them_all_beside_the_file(kantor_a, tmp_path):
    path = _ekspor_dengan_penolakan(tmp_path, 3)
    out = StringIO()
    call_command(
        "impor_dtks",
        "--kantor",
        "blitar",
        "--periode",
        "cli",
        "--tampilkan",
        "2",
        str(path),
        stdout=out,
    )
    teks = out.getvalue()
    assert "Baris 3: NIK rusak oleh Excel (notasi ilmiah 3.57201E+15)" in teks
    assert "Baris 4: NIK rusak oleh Excel" in teks and "Baris 5:" not in teks
    assert "...dan 2 lagi." in teks
    laporan = tmp_path / "dtks-ditolak.csv"
    assert f"Semua 4 baris yang ditolak, dengan nomor baris dan alasannya: {laporan}" in teks
    isi = laporan.read_text().splitlines()
    assert isi[0] == "baris,alasan,nik_di_berkas" and len(isi) == 5
    assert isi[-1].startswith("6,") and "hanya 15 digit" in isi[-1]
    assert "1 baris diterima, 4 ditolak" in teks


def test_command_writes_the_report_where_asked_even_when_nothing_is_usable(kantor_a, tmp_path):
    path = tmp_path / "rusak.csv"
    path.write_text("No. NIK,Nama\n3.57201E+15,Rusak\n")
    laporan = tmp_path / "laporan" / "tolak.csv"
    laporan.parent.mkdir()
    out = StringIO()
    with pytest.raises(CommandError, match="Tidak ada baris berkas yang dapat dipakai"):
        call_command(
            "impor_dtks",
            "--kantor",
            "blitar",
            "--periode",
            "x",
            "--laporan",
            str(laporan),
            str(path),
            stdout=out,
        )
    assert "Baris 2: NIK rusak oleh Excel" in out.getvalue()
    assert laporan.read_text().splitlines()[1].startswith("2,")
    assert ImporDtks.objects.get(periode="x").laporan_penolakan  # the admin can download it too


def test_command_refuses_a_report_path_that_is_the_input(kantor_a, tmp_path):
    path = _ekspor_dengan_penolakan(tmp_path, 1)
    with pytest.raises(CommandError, match="tidak boleh menimpa"):
        call_command(
            "impor_dtks",
            "--kantor",
            "blitar",
            "--periode",
            "x",
            "--laporan",
            str(path),
            str(path),
            stdout=StringIO(),
        )
    assert path.read_text().startswith("NIK,NAMA")


# ---------------------------------------------------------------------------
# The proposals register: each row one checked person, under their own name
# ---------------------------------------------------------------------------
NIK_SRI = "3572024101850005"
NIK_ANAK_SRI = "3572024509120004"  # the audit's child, once listed as "Sri Wahyuni"


def _sel_halaman(html: str) -> list[list[str]]:
    """The cells of each row of the proposals table."""
    badan = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [
            re.sub(r"<[^>]+>|\s+", " ", sel).strip()
            for sel in re.findall(r"<td[^>]*>(.*?)</td>", b, re.S)
        ]
        for b in badan.split("<tr>")[1:]
    ]


def _baris_csv(client: Client) -> list[dict[str, str]]:
    isi = client.get(reverse("layanan:dtks-usulan") + "?format=csv").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(isi)))


def _sri_dan_anaknya(petugas_a, layanan_a, **ubah) -> Permohonan:
    data = {
        "nik": NIK_SRI,
        "nama": "Sri Wahyuni",
        "tanggal_lahir": None,
        "jenis_kelamin": "P",
        "isian_nik_anak": NIK_ANAK_SRI,
        "isian_nama_anak": "Ayu Wulandari",
        **ubah,
    }
    p = _daftar(petugas_a, layanan_a, **data)
    _masuk("blitar.peksos").post(reverse("layanan:dtks-cek", args=[p.pk]))
    return p


def test_each_proposal_is_one_checked_person_with_their_own_name(petugas_a, layanan_a):
    p = _sri_dan_anaknya(petugas_a, layanan_a)  # neither is in Blitar's demo registry
    peksos = _masuk("blitar.peksos")
    daftar = peksos.get(reverse("layanan:dtks-usulan")).context["daftar"]
    assert {(c.nik, c.nama, c.subjek) for c in daftar} == {
        (NIK_SRI, "Sri Wahyuni", "Pemohon"),
        (NIK_ANAK_SRI, "Ayu Wulandari", "NIK anak"),
    }
    # Checked | Name | Person checked | Applicant | Service | Registration no.
    halaman = _sel_halaman(peksos.get(reverse("layanan:dtks-usulan")).content.decode())
    assert sorted(b[1:4] for b in halaman) == [
        ["Ayu Wulandari", "NIK anak", "Sri Wahyuni"],
        ["Sri Wahyuni", "Pemohon", "Sri Wahyuni"],
    ]
    baris = {b["NIK"]: b for b in _baris_csv(peksos)}
    anak = baris["'" + NIK_ANAK_SRI]
    assert (anak["Nama"], anak["Diperiksa sebagai"], anak["Pemohon"]) == (
        "Ayu Wulandari",
        "NIK anak",
        "Sri Wahyuni",
    )
    assert anak["Nomor registrasi"] == p.nomor_registrasi
    assert baris["'" + NIK_SRI]["Nama"] == "Sri Wahyuni"


def test_a_person_the_application_does_not_name_is_shown_as_unknown(petugas_a, layanan_a):
    KolomIsian.objects.create(layanan=layanan_a, kode="nik_wali", label="NIK wali", tipe="nik")
    _sri_dan_anaknya(petugas_a, layanan_a, isian_nik_wali="3572020101800006")
    peksos = _masuk("blitar.peksos")
    wali = next(b for b in _baris_csv(peksos) if b["NIK"] == "'3572020101800006")
    assert (wali["Nama"], wali["Diperiksa sebagai"]) == ("(nama tidak tercatat)", "NIK wali")
    halaman = _sel_halaman(peksos.get(reverse("layanan:dtks-usulan")).content.decode())
    assert ["nama tidak tercatat", "NIK wali", "Sri Wahyuni"] in [b[1:4] for b in halaman]


def test_a_person_is_proposed_once_from_their_latest_answer(petugas_a, layanan_a):
    pertama = _sri_dan_anaknya(petugas_a, layanan_a)
    kedua = _sri_dan_anaknya(  # Sri applies again while the first is open: the loket warns
        petugas_a, layanan_a, token=str(uuid.uuid4()), setuju_peringatan="on"
    )
    assert kedua != pertama
    peksos = Pengguna.objects.get(username="blitar.peksos")

    def usulan_anak() -> list[int]:
        daftar = selectors.usulan_dtks(peksos).filter(nik=NIK_ANAK_SRI)
        return [c.permohonan_id for c in daftar]

    assert usulan_anak() == [kedua.pk]  # once, from the newer application
    cek = PemeriksaanDtks.objects.filter(permohonan=kedua, nik=NIK_ANAK_SRI).latest("pk")
    for status, diusulkan in [("tidak_tersedia", [kedua.pk]), ("terdaftar", [])]:
        cek.pk = None  # a re-check, a snapshot more
        cek.status = status
        cek.save()
        assert usulan_anak() == diusulkan, status


def test_manual_record_of_the_child_keeps_the_childs_name(petugas_a, layanan_a):
    PengaturanDtks.objects.filter(kantor=layanan_a.kantor).update(adapter=JenisAdapter.MANUAL)
    p = _daftar(petugas_a, layanan_a, isian_nama_anak="Ayu Wulandari")
    _masuk("blitar.peksos").post(
        reverse("layanan:dtks-manual", args=[p.pk]),
        {
            "subjek": p.isian["nik_anak"],
            "terdaftar": "ya",
            "bukti": SimpleUploadedFile("siks.png", berkas_uji.png()),
        },
    )
    cek = PemeriksaanDtks.objects.get(permohonan=p)
    assert (cek.subjek, cek.nama, cek.data["orang"][0]["nama"]) == (
        "NIK anak",
        "Ayu Wulandari",
        "Ayu Wulandari",
    )


def test_checks_made_before_names_were_kept_get_them_from_their_application(petugas_a, layanan_a):
    p = _sri_dan_anaknya(petugas_a, layanan_a)
    KolomIsian.objects.create(layanan=layanan_a, kode="nik_wali", label="NIK wali", tipe="nik")
    wali = PemeriksaanDtks.objects.filter(permohonan=p).first()
    wali.pk, wali.subjek, wali.nik = None, "NIK wali", "3572020101800006"
    wali.save()
    PemeriksaanDtks.objects.filter(permohonan=p).update(nama="")
    migrasi = importlib.import_module("layanan.migrations.0018_pemeriksaan_dtks_nama_isi")
    migrasi.isi_nama(django_apps, None)
    assert dict(PemeriksaanDtks.objects.filter(permohonan=p).values_list("nik", "nama")) == {
        NIK_SRI: "Sri Wahyuni",
        NIK_ANAK_SRI: "Ayu Wulandari",
        "3572020101800006": "",
    }
