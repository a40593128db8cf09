"""Indonesian translations of the DTKS strings (sources, checks, imports); see terjemahan.py."""

T = {
    "The timeout must be between 0.5 and 15 seconds.": "Batas waktu harus antara 0,5 dan 15 detik.",
    "The longest one lookup may take, retries included (0.5–15 seconds).": "Waktu terlama untuk satu pencarian, termasuk percobaan ulang (0,5–15 detik).",
    "The check ran out of time before this lookup could be made.": "Pemeriksaan kehabisan waktu sebelum pencarian ini sempat dilakukan.",
    "The source did not answer within %(s)s seconds.": "Sumber tidak menjawab dalam %(s)s detik.",
    "last sign of life": "tanda hidup terakhir",
    "The import was taken for stopped (no sign of life for too long) while it still ran; its rows were discarded. Retry it.": "Impor dianggap terhenti (terlalu lama tanpa tanda hidup) padahal masih berjalan; barisnya dibuang. Ulangi impor ini.",
    "The import stopped without finishing: its worker was stopped or restarted. The previous data stays; retry it.": "Impor berhenti sebelum selesai: pekerjanya dihentikan atau dimulai ulang. Data sebelumnya tetap berlaku; ulangi impor ini.",
    "Only a failed import can be retried.": "Hanya impor yang gagal yang dapat diulang.",
    "The export file of this import was already deleted (retention); upload it again.": "Berkas ekspor impor ini sudah dihapus (masa simpan habis); unggah ulang berkasnya.",
    "The import was queued again; it runs in the background.": "Impor dimasukkan ke antrean lagi; impor berjalan di latar belakang.",
    "Retry this import": "Ulangi impor ini",
    "--hari must be 0 or more.": "--hari harus 0 atau lebih.",
    "%(t)s stopped imports marked failed; %(b)s leftover registry rows and %(f)s export files deleted.": "%(t)s impor yang terhenti ditandai gagal; %(b)s baris registri sisa dan %(f)s berkas ekspor dihapus.",
    "The file has no NIK column (looked for a header such as NIK, No. NIK, NIK_ART or No KTP). Its first row: %(header)s": "Berkas tidak memiliki kolom NIK (dicari judul kolom seperti NIK, No. NIK, NIK_ART, atau No KTP). Baris pertamanya: %(header)s",
    "The report cannot overwrite the file being imported.": "Laporan tidak boleh menimpa berkas yang diimpor.",
    "The rejected rows could not be written to %(file)s: %(e)s": "Baris yang ditolak tidak dapat ditulis ke %(file)s: %(e)s",
    "Line %(n)s: %(alasan)s": "Baris %(n)s: %(alasan)s",
    "...and %(n)s more.": "...dan %(n)s lagi.",
    "All %(n)s rejected rows, with line and reason: %(file)s": "Semua %(n)s baris yang ditolak, dengan nomor baris dan alasannya: %(file)s",
}
