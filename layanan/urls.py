"""URLs of layanan (namespace `layanan`)."""

from django.urls import path

from layanan.views import (
    awal,
    batch,
    dtks,
    koreksi,
    loket,
    pengaduan,
    pengaduan_aksi,
    pengaduan_publik,
    publik,
    register,
    sop,
    surat,
    tugas,
)

app_name = "layanan"

urlpatterns = [
    path("", sop.beranda, name="beranda"),
    path("mulai/", awal.setelah_masuk, name="setelah-masuk"),
    path("kantor/<slug:kode_kantor>/layanan/<slug:kode>/sop/", sop.sop_lembar, name="sop-lembar"),
    path("kantor/<slug:kode_kantor>/layanan/<slug:kode>/sop.pdf", sop.sop_pdf, name="sop-pdf"),
    path("loket/", loket.antrean, name="antrean"),
    path("loket/cari/", loket.antrean_cari, name="antrean-cari"),
    path("loket/panggil/", loket.antrean_panggil, name="antrean-panggil"),
    path("loket/baru/<slug:kode>/", loket.permohonan_baru, name="permohonan-baru"),
    path("loket/baru/<slug:kode>/pemohon/", loket.pemohon_nik, name="pemohon-nik"),
    path("permohonan/<int:pk>/", loket.permohonan_detail, name="permohonan-detail"),
    path("permohonan/<int:pk>/tanda-terima.pdf", loket.tanda_terima, name="tanda-terima"),
    path(
        "permohonan/<int:pk>/pindaian/<int:scan_pk>/", loket.pindaian_unduh, name="pindaian-unduh"
    ),
    path("permohonan/<int:pk>/dtks/cek/", dtks.cek, name="dtks-cek"),
    path("permohonan/<int:pk>/dtks/manual/", dtks.manual, name="dtks-manual"),
    path("dtks/usulan/", dtks.usulan, name="dtks-usulan"),
    path("surat/", register.surat, name="register-surat"),
    path("surat/register.xlsx", register.surat_xlsx, name="register-surat-xlsx"),
    path("tanda-terima/", register.tanda_terima, name="register-tanda-terima"),
    path(
        "tanda-terima/register.xlsx",
        register.tanda_terima_xlsx,
        name="register-tanda-terima-xlsx",
    ),
    path("tugas/", tugas.tugas_saya, name="tugas-saya"),
    path("status/", publik.status, name="status"),
    path("v/<str:token>/", surat.verifikasi, name="verifikasi"),
    path("permohonan/<int:pk>/surat/konsep.pdf", surat.konsep, name="surat-konsep"),
    path("permohonan/<int:pk>/pemberitahuan.pdf", surat.pemberitahuan, name="pemberitahuan"),
    path("permohonan/<int:pk>/surat/tandatangani/", surat.tandatangani, name="surat-tandatangani"),
    path("permohonan/<int:pk>/surat/<int:surat_pk>.pdf", surat.unduh, name="surat-unduh"),
    path("permohonan/<int:pk>/surat/<int:surat_pk>/cabut/", surat.cabut, name="surat-cabut"),
    path(
        "permohonan/<int:pk>/surat/<int:surat_pk>/ganti/",
        surat.terbitkan_ulang,
        name="surat-ganti",
    ),
    path("permohonan/<int:pk>/langkah/", tugas.kerjakan, name="kerjakan-langkah"),
    path("permohonan/<int:pk>/mulai/", tugas.mulai, name="mulai-langkah"),
    path("permohonan/<int:pk>/koreksi/", koreksi.koreksi, name="koreksi"),
    path("tugas/batch/", batch.mulai_batch, name="batch-mulai"),
    path("tugas/batch/<int:i>/", batch.baca, name="batch-baca"),
    path("tugas/batch/<int:i>/pilih/", batch.pilih, name="batch-pilih"),
    path("tugas/batch/selesai/", batch.selesai, name="batch-selesai"),
    path("tugas/batch/latar/<int:pk>/", batch.kemajuan_batch, name="batch-kemajuan"),
    path(
        "tugas/batch/latar/<int:pk>/kemajuan.json",
        batch.kemajuan_batch_data,
        name="batch-kemajuan-data",
    ),
    path("tugas/berikutnya/", tugas.tugas_berikutnya, name="tugas-berikutnya"),
    path("permohonan/<int:pk>/batalkan/", tugas.batalkan, name="batalkan"),
    # Complaints: the public form and the status page's actions (no login)...
    path("pengaduan/", pengaduan_publik.pilih_kantor, name="pengaduan-pilih"),
    path("pengaduan/kirim/<slug:kode_kantor>/", pengaduan_publik.kirim, name="pengaduan-kirim"),
    path("pengaduan/terkirim/", pengaduan_publik.terkirim, name="pengaduan-terkirim"),
    path("status/pengaduan/jawab/", pengaduan_publik.tanggapi, name="pengaduan-tanggapi"),
    path("status/pengaduan/banding/", pengaduan_publik.banding, name="pengaduan-banding"),
    # ...and for staff.
    path("pengaduan/tugas/", pengaduan.tugas, name="pengaduan-tugas"),
    path("pengaduan/semua/", pengaduan.semua, name="pengaduan-semua"),
    path("pengaduan/catat/", pengaduan.catat, name="pengaduan-catat"),
    path("pengaduan/angka/", pengaduan.angka_halaman, name="pengaduan-angka"),
    path("pengaduan/<int:pk>/", pengaduan.detail, name="pengaduan-detail"),
    path("pengaduan/<int:pk>/mulai/", pengaduan.mulai, name="pengaduan-mulai"),
    path("pengaduan/<int:pk>/aksi/", pengaduan_aksi.aksi, name="pengaduan-aksi"),
    path("pengaduan/<int:pk>/identitas/", pengaduan.identitas, name="pengaduan-identitas"),
    path(
        "pengaduan/<int:pk>/lampiran/<int:lampiran_pk>/",
        pengaduan.lampiran,
        name="pengaduan-lampiran",
    ),
    path(
        "pengaduan/<int:pk>/surat-penerusan.pdf",
        pengaduan.surat_penerusan,
        name="pengaduan-surat-penerusan",
    ),
]
