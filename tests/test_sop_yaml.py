"""`sop export` / `sop import`: the seeds round-trip exactly; bad files are refused whole."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from layanan.demo import FIXTURES, muat_kantor
from layanan.katalog.sop_yaml import SopImportError, ekspor_sop, impor_sop
from layanan.models import Kantor, Langkah, Layanan

SEED = sorted((FIXTURES / "sop").glob("*.yaml"))


def test_there_are_five_seed_sops_and_two_complaint_handling_sops():
    assert [p.stem for p in SEED] == [
        "bima-pip",
        "blitar-kip",
        "metro-kip",
        "metro-penanganan-pengaduan",  # Metro's service standard, component 6
        "solok-sk-dtks",
        "tarakan-penanganan-pengaduan",
        "tarakan-pengaduan-bpnt",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SEED, ids=lambda p: p.stem)
def test_export_of_each_seed_is_the_seed_file_byte_for_byte(path: Path):
    kode_kantor, kode = path.stem.split("-", 1)
    layanan = Layanan.objects.get(kantor__kode=kode_kantor, kode=kode)
    assert ekspor_sop(layanan) == path.read_text(encoding="utf-8")


@pytest.fixture
def kantor_baru(db) -> Kantor:
    """A new office with the same role codes as every seed office, to import into."""
    import yaml

    peran = {}
    for path in (FIXTURES / "kantor").glob("*.yaml"):
        for p in yaml.safe_load(path.read_text())["peran"]:
            peran.setdefault(p["kode"], p)
    return muat_kantor(
        {
            "kode": "contoh",
            "jenis_daerah": "kota",
            "nama_daerah": "Contoh",
            "nama_pemda": "PEMERINTAH KOTA CONTOH",
            "nama_dinas": "DINAS SOSIAL",
            "kode_wilayah": "35.73",
            "zona_waktu": "Asia/Jakarta",
            "peran": list(peran.values()),
        }
    )


@pytest.mark.parametrize("path", SEED, ids=lambda p: p.stem)
def test_import_then_export_gives_the_same_file(kantor_baru, path: Path):
    teks = path.read_text(encoding="utf-8")
    layanan = impor_sop(teks, kantor=kantor_baru)
    assert ekspor_sop(layanan) == teks
    # Importing again replaces, never duplicates.
    impor_sop(teks, kantor=kantor_baru)
    assert Layanan.objects.filter(kantor=kantor_baru, kode=layanan.kode).count() == 1
    assert ekspor_sop(Layanan.objects.get(pk=layanan.pk)) == teks


def test_management_commands_round_trip(kantor_baru, tmp_path):
    keluar = tmp_path / "kip.yaml"
    call_command("sop", "export", "--kantor", "blitar", "--layanan", "kip", "-o", str(keluar))
    out = StringIO()
    call_command(
        "sop", "import", "--kantor", "contoh", "--kode", "kip-blitar", str(keluar), stdout=out
    )
    assert "diimpor" in out.getvalue()
    salinan = Layanan.objects.get(kantor=kantor_baru, kode="kip-blitar")
    assert salinan.langkah.count() == 6
    assert salinan.total_menit == 480


BLITAR = (FIXTURES / "sop" / "blitar-kip.yaml").read_text(encoding="utf-8")


def _ganti(teks: str, lama: str, baru: str) -> str:
    assert lama in teks, lama
    return teks.replace(lama, baru, 1)


def _baris_dari(teks: str, potongan: str) -> int:
    return teks[: teks.index(potongan)].count("\n") + 1


@pytest.mark.parametrize(
    ("rusak", "potongan", "alasan"),
    [
        (
            lambda t: _ganti(t, "nama_singkat: SK", "nama_singkat: SK: x: y"),
            "nama_singkat: SK:",
            "bukan YAML yang sah",
        ),
        (
            lambda t: _ganti(t, "jenis_dokumen: sop", "jenis_dokumen: sop\nkode: lain"),
            "kode: lain",
            "kunci 'kode' muncul dua kali",
        ),
        (
            lambda t: _ganti(t, "pelaksana: peksos", "pelaksana: satpam"),
            "pelaksana: satpam",
            "peran 'satpam' tidak ada",
        ),
        (lambda t: _ganti(t, "tidak: 4", "tidak: 9"), "tidak: 9", "langkah 9, yang tidak ada"),
        (
            lambda t: _ganti(t, "waktu: 30 menit", "waktu: setengah jam"),
            "waktu: setengah jam",
            "'waktu' harus",
        ),
        (
            lambda t: _ganti(t, "jenis: keputusan", "jenis: mungkin"),
            "jenis: mungkin",
            "'jenis' harus salah satu",
        ),
        (
            lambda t: _ganti(t, "format: layanan-dinsos/sop@1", "format: lain"),
            "format: lain",
            "'format' harus",
        ),
        (
            lambda t: _ganti(t, "nama_singkat:", "nama_pendek:"),
            "nama_pendek:",
            "kunci 'nama_pendek' tidak dikenal",
        ),
    ],
    ids=["yaml", "kunci-ganda", "peran", "cabang", "waktu", "jenis", "format", "kunci"],
)
def test_bad_file_is_refused_whole_with_line_and_reason(kantor_a, rusak, potongan, alasan):
    layanan = Layanan.objects.get(kantor=kantor_a, kode="kip")
    sebelum = ekspor_sop(layanan)
    jumlah_langkah = Langkah.objects.count()
    teks = rusak(BLITAR)
    with pytest.raises(SopImportError) as info:
        impor_sop(teks, kantor=kantor_a)
    baris = _baris_dari(teks, potongan)
    assert any(k.baris == baris and alasan in k.alasan for k in info.value.kesalahan), [
        str(k) for k in info.value.kesalahan
    ]
    # Nothing half-imported: the office's SOP is as it was.
    assert ekspor_sop(Layanan.objects.get(pk=layanan.pk)) == sebelum
    assert Langkah.objects.count() == jumlah_langkah


def test_refused_new_service_leaves_no_row(kantor_a):
    teks = _ganti(BLITAR, "pelaksana: peksos", "pelaksana: satpam")
    with pytest.raises(SopImportError):
        impor_sop(teks, kantor=kantor_a, kode="kip-baru")
    assert not Layanan.objects.filter(kode="kip-baru").exists()


def test_command_reports_each_problem_with_its_line(kantor_a, tmp_path):
    berkas = tmp_path / "rusak.yaml"
    berkas.write_text(_ganti(BLITAR, "pelaksana: peksos", "pelaksana: satpam"))
    with pytest.raises(CommandError) as info:
        call_command("sop", "import", "--kantor", "blitar", str(berkas))
    pesan = str(info.value)
    assert "tidak ada yang diimpor" in pesan
    assert f"baris {_baris_dari(berkas.read_text(), 'pelaksana: satpam')}:" in pesan


@pytest.mark.parametrize("teks", ["", "- a\n- b\n", "just text", "\tkode: x"])
def test_files_that_are_not_an_sop_mapping_are_refused(kantor_a, teks):
    with pytest.raises(SopImportError) as info:
        impor_sop(teks, kantor=kantor_a)
    assert info.value.kesalahan
