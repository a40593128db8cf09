"""The kinds and categories an office starts with when it begins to receive complaints: the
four kinds of message and a two-level list with working-day limits, in the words of the field
(service quality, officer behaviour, DTKS/DTSEN data, BPNT card/book/PIN/transaction, heir or
pengurus change, other). Each is then the office's own row to rename, re-time or retire; no
category names a handling role, so each complaint goes to the complaint SOP's own until the
office chooses one."""

from __future__ import annotations

from django.db import transaction

from layanan.models import JenisPengaduan, Kantor, KategoriPengaduan

JENIS = (
    ("pengaduan", "Pengaduan"),
    ("saran", "Saran"),
    ("masukan", "Masukan"),
    ("informasi", "Permintaan informasi"),
)

# code, name, limit in working days, about an officer, sub-categories (code, name)
KATEGORI: tuple[tuple[str, str, int, bool, tuple[tuple[str, str], ...]], ...] = (
    (
        "kualitas-layanan",
        "Kualitas pelayanan",
        14,
        False,
        (
            ("waktu-layanan", "Lama atau terlambatnya pelayanan"),
            ("persyaratan", "Persyaratan dan prosedur"),
            ("pungutan", "Pungutan di luar ketentuan"),
        ),
    ),
    ("perilaku-petugas", "Perilaku petugas", 14, True, ()),
    (
        "data-dtks",
        "Data DTKS/DTSEN",
        10,
        False,
        (
            ("dtks-belum-terdaftar", "Layak tetapi belum terdaftar"),
            ("dtks-data-keliru", "Data keliru (nama, NIK, alamat)"),
            ("dtks-tidak-layak", "Penerima tidak layak"),
        ),
    ),
    (
        "bpnt",
        "Bantuan Pangan Non Tunai (BPNT)",
        5,
        False,
        (
            ("bpnt-kartu", "Kartu KKS hilang atau rusak"),
            ("bpnt-buku", "Buku tabungan hilang"),
            ("bpnt-pin", "PIN terblokir"),
            ("bpnt-transaksi", "Kendala transaksi atau saldo"),
        ),
    ),
    ("ahli-waris", "Pergantian ahli waris atau pengurus", 10, False, ()),
    ("lainnya", "Lainnya", 14, False, ()),
)


@transaction.atomic
def pengaduan_isi_bawaan(*, kantor: Kantor) -> bool:
    """Give an office the default kinds and categories, if it has none of either yet: never
    touches what an office has set up. True when they were added."""
    if (
        JenisPengaduan.objects.filter(kantor=kantor).exists()
        or KategoriPengaduan.objects.filter(kantor=kantor).exists()
    ):
        return False
    for i, (kode, nama) in enumerate(JENIS):  # one by one: each row's history begins here
        JenisPengaduan.objects.create(kantor=kantor, kode=kode, nama=nama, urutan=i)
    urutan = 0
    for kode, nama, batas, tentang_petugas, anak in KATEGORI:
        induk = KategoriPengaduan.objects.create(
            kantor=kantor,
            kode=kode,
            nama=nama,
            urutan=urutan,
            batas_hari_kerja=batas,
            tentang_petugas=tentang_petugas,
        )
        urutan += 1
        for kode_anak, nama_anak in anak:
            KategoriPengaduan.objects.create(
                kantor=kantor, induk=induk, kode=kode_anak, nama=nama_anak, urutan=urutan
            )
            urutan += 1
    return True
