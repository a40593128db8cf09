"""The SOP YAML format: its keys and what each holds (docs/sop-yaml.md)."""

from __future__ import annotations

import re

FORMAT = "layanan-dinsos/sop@1"

# (YAML key, model field, kind). Kinds: teks, daftar (one item per line), tanggal, bool, angka,
# bendera (a flag written only when true).
KOLOM_LAYANAN = [
    ("nama", "nama", "teks"),
    ("nama_singkat", "nama_singkat", "teks"),
    ("nama_publik", "nama_publik", "teks"),
    ("penentu_dtks", "penentu_dtks", "teks"),
    ("penentu_dtks_isian", "penentu_dtks_isian", "teks"),
    ("jenis_dokumen", "jenis_dokumen", "teks"),
    ("unit_kerja", "unit_kerja", "teks"),
    ("nomor_sop", "nomor_sop", "teks"),
    ("tanggal_pembuatan", "tanggal_pembuatan", "tanggal"),
    ("tanggal_revisi", "tanggal_revisi", "tanggal"),
    ("tanggal_efektif", "tanggal_efektif", "tanggal"),
    ("tanggal_pengesahan", "tanggal_pengesahan", "tanggal"),
    ("disahkan_oleh", "disahkan_oleh", "teks"),
    ("dasar_hukum", "dasar_hukum", "daftar"),
    ("kualifikasi_pelaksana", "kualifikasi_pelaksana", "daftar"),
    ("keterkaitan", "keterkaitan", "daftar"),
    ("peralatan", "peralatan", "daftar"),
    ("peringatan", "peringatan", "daftar"),
    ("pencatatan", "pencatatan", "teks"),
    ("catatan", "catatan", "daftar"),
]
KOLOM_STANDAR = [
    ("penetapan", "penetapan", "teks"),
    ("produk_pelayanan", "produk_pelayanan", "teks"),
    ("batas_waktu_hari_kerja", "batas_waktu_hari_kerja", "angka"),
    ("waktu_penyelesaian", "waktu_penyelesaian", "teks"),
    ("biaya", "biaya", "teks"),
    ("sarana_pengaduan", "sarana_pengaduan", "daftar"),
    ("tindak_lanjut_pengaduan", "tindak_lanjut_pengaduan", "daftar"),
    ("sarana_prasarana", "sarana_prasarana", "daftar"),
    ("jumlah_pelaksana", "jumlah_pelaksana", "daftar"),
    ("pengawasan_internal", "pengawasan_internal", "daftar"),
    ("jaminan_pelayanan", "jaminan_pelayanan", "daftar"),
    ("jaminan_keamanan", "jaminan_keamanan", "teks"),
    ("evaluasi_kinerja", "evaluasi_kinerja", "daftar"),
]
KOLOM_SURAT = [
    ("judul", "judul_surat", "teks"),
    ("format_nomor", "format_nomor_surat", "teks"),
    ("tanpa_surat", "tanpa_surat", "bendera"),  # written only when true
]
# A letter template or notice (TemplatSurat) in `surat.templat` / `surat.pemberitahuan`.
KOLOM_TEMPLAT = [
    ("judul", "judul", "teks"),
    ("isi", "isi", "teks"),
    ("tembusan", "tembusan", "daftar"),
]
KUNCI_SURAT = {k for k, _f, _t in KOLOM_SURAT} | {"templat", "pemberitahuan"}
# `bentuk` (how the body is written: paragraf | html) sits between judul and isi; a file without
# it was written before plain paragraphs existed and holds HTML.
KUNCI_TEMPLAT = {"varian", "bentuk"} | {k for k, _f, _t in KOLOM_TEMPLAT}
KUNCI_PEMBERITAHUAN = {"hasil", "bentuk"} | {k for k, _f, _t in KOLOM_TEMPLAT}
KUNCI_ATAS = {
    "format",
    "kode",
    "standar",
    "surat",
    "kategori",
    "berkas",
    "isian",
    "hasil",
    "langkah",
    "aktif",  # written by exports before services had a status; read and ignored
} | {k for k, _f, _t in KOLOM_LAYANAN}
KUNCI_KATEGORI = {"kode", "nama"}
KUNCI_BERKAS = {"nama", "sifat", "kategori", "keterangan"}
KUNCI_ISIAN = {"kode", "label", "tipe", "wajib", "pilihan", "bantuan"}
KUNCI_HASIL = {"kode", "nama", "jenis"}
KUNCI_LANGKAH = {
    "nomor",
    "kegiatan",
    "pelaksana",
    "jenis",
    "fungsi",
    "paraf",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
    "lanjut",
    "tidak",
}
POLA_WAKTU = re.compile(r"^\s*(\d+)\s+(menit|jam|hari[ _]kerja)\s*$", re.IGNORECASE)
POLA_KODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
