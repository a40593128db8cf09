"""Writes of the DTKS check step: every answer is kept as a snapshot, none is overwritten."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.dtks import HasilDtks, OrangDtks, memenuhi
from layanan.dtks.impor import BATAS_DETAK
from layanan.dtks.pilih import adapter_untuk
from layanan.loket.unggahan import BerkasBersih
from layanan.mesin import TransisiDitolak
from layanan.models import (
    ImporDtks,
    JenisAdapter,
    Kantor,
    PemeriksaanDtks,
    PengaturanDtks,
    Pengguna,
    Permohonan,
    StatusDtks,
    StatusImpor,
    TipeIsian,
    WargaDtks,
)
from layanan.selectors import boleh_cek_dtks
from layanan.tasks import impor_dtks

LABEL_PEMOHON = "Pemohon"
# The whole check of one application, every person on it: well inside gunicorn's 30-second
# worker timeout, so a slow source gives "unavailable" answers instead of a killed worker.
BATAS_CEK_DETIK = 20.0


PESAN_TERHENTI = gettext_lazy(
    "The import stopped without finishing: its worker was stopped or restarted. "
    "The previous data stays; retry it."
)
PESAN_BUKAN_GAGAL = gettext_lazy("Only a failed import can be retried.")
PESAN_BERKAS_HILANG = gettext_lazy(
    "The export file of this import was already deleted (retention); upload it again."
)
SELESAI_DENGAN_BERKAS = (StatusImpor.SELESAI, StatusImpor.GAGAL, StatusImpor.DIGANTI)


class PerluManual(Exception):
    """The office checks by hand: the operator records what SIKS-NG showed."""


class ImporTidakDapatDiulang(Exception):
    """The import cannot be queued again; the message says why."""


@dataclass(frozen=True)
class Subjek:
    label: str
    nik: str
    nama: str = ""  # their own name as the application records it; empty when it does not


def pengaturan_dtks(kantor: Kantor) -> PengaturanDtks:
    """The office's DTKS settings; an office that never set them reads the defaults (a read
    writes nothing: the row is made when the administrator saves the settings)."""
    return PengaturanDtks.objects.select_related("sumber").filter(
        kantor=kantor
    ).first() or PengaturanDtks(kantor=kantor)


def _pastikan_langkah_cek(permohonan: Permohonan, oleh: Pengguna) -> None:
    if not boleh_cek_dtks(oleh, permohonan):
        raise TransisiDitolak(_("DTKS is checked at the SOP's check step, by the role it names."))


def subjek_pemeriksaan(permohonan: Permohonan) -> list[Subjek]:
    """Who a check covers, each with their own name: the applicant, and the person of every NIK
    the service asks for (the child's NIK, named by the child's name field, see
    KolomIsian.kode_nama)."""
    subjek = []
    pemohon = permohonan.pemohon
    if pemohon.nik:
        subjek.append(Subjek(LABEL_PEMOHON, pemohon.nik, pemohon.nama))
    for kolom in permohonan.layanan.isian.filter(tipe=TipeIsian.NIK):
        nik = permohonan.isian.get(kolom.kode)
        if nik:
            nama = str(permohonan.isian.get(kolom.kode_nama) or "").strip()
            subjek.append(Subjek(kolom.label, nik, nama))
    return subjek


def _simpan(
    permohonan: Permohonan,
    subjek: Subjek,
    hasil: HasilDtks,
    pengaturan: PengaturanDtks,
    oleh: Pengguna,
    *,
    adapter: str,
    bukti: BerkasBersih | None = None,
) -> PemeriksaanDtks:
    cek = PemeriksaanDtks(
        permohonan=permohonan,
        subjek=subjek.label,
        nik=subjek.nik,
        nama=subjek.nama[: PemeriksaanDtks._meta.get_field("nama").max_length],
        adapter=adapter,
        nama_registri=pengaturan.nama_registri,
        periode=hasil.periode,
        status=hasil.status,
        memenuhi=memenuhi(hasil, pengaturan),
        data=hasil.untuk_disimpan(),
        galat=hasil.galat,
        oleh=oleh,
    )
    if bukti is not None:
        cek.bukti.save(f"bukti{bukti.ekstensi}", ContentFile(bukti.isi), save=False)
    cek.save()
    return cek


def dtks_periksa(*, permohonan: Permohonan, oleh: Pengguna) -> list[PemeriksaanDtks]:
    """Ask the office's source about everyone the application covers; keep each answer."""
    _pastikan_langkah_cek(permohonan, oleh)
    pengaturan = pengaturan_dtks(permohonan.kantor)
    adapter = adapter_untuk(pengaturan, tenggat=time.monotonic() + BATAS_CEK_DETIK)
    if adapter is None:
        raise PerluManual
    jawaban = [(s, adapter.cari_nik(s.nik)) for s in subjek_pemeriksaan(permohonan)]
    if not jawaban and permohonan.nomor_kk:
        # No NIK to ask about (an applicant without one): the family card still can be.
        subjek = Subjek(_("Family card (KK)"), permohonan.nomor_kk)
        jawaban = [(subjek, adapter.cari_kk(permohonan.nomor_kk))]
    # Every answer is in before the first is written, and all are written together: a check cut
    # short (a killed worker) leaves none of its answers rather than some.
    with transaction.atomic():
        return [
            _simpan(permohonan, s, h, pengaturan, oleh, adapter=pengaturan.adapter)
            for s, h in jawaban
        ]


@transaction.atomic
def dtks_catat_manual(
    *,
    permohonan: Permohonan,
    oleh: Pengguna,
    subjek: Subjek,
    terdaftar: bool,
    id_dtks: str = "",
    desil: int | None = None,
    program: tuple[str, ...] = (),
    bukti: BerkasBersih | None = None,
) -> PemeriksaanDtks:
    """The operator's own reading of SIKS-NG, marked as manual, with the screenshot as evidence."""
    _pastikan_langkah_cek(permohonan, oleh)
    pengaturan = pengaturan_dtks(permohonan.kantor)
    status = StatusDtks.TERDAFTAR if terdaftar else StatusDtks.TIDAK_TERDAFTAR
    orang = (
        (
            OrangDtks(
                nik=subjek.nik,
                id_dtks=id_dtks,
                nama=subjek.nama,
                desil=desil,
                program=program,
            ),
        )
        if terdaftar
        else ()
    )
    hasil = HasilDtks(status, orang, periode=_("SIKS-NG, checked by hand"))
    return _simpan(
        permohonan, subjek, hasil, pengaturan, oleh, adapter=JenisAdapter.MANUAL, bukti=bukti
    )


def dtks_antrekan_impor(
    *, kantor: Kantor, oleh: Pengguna, periode: str, berkas: object, nama_berkas: str
) -> ImporDtks:
    """Store an uploaded export and queue its import for the worker."""
    impor = ImporDtks(
        kantor=kantor, periode=periode, nama_berkas=nama_berkas[:255], dibuat_oleh=oleh
    )
    impor.berkas.save(nama_berkas, berkas, save=True)  # type: ignore[arg-type]
    transaction.on_commit(lambda: impor_dtks.enqueue(impor.pk))
    return impor


def dtks_tandai_impor_terhenti(*, sekarang: dt.datetime | None = None) -> int:
    """Fail the running imports whose worker gave no sign of life for BATAS_DETAK.

    Cheap (one UPDATE), so the admin pages run it before showing imports: nobody waits on an
    import whose worker was killed. Its rows are left to `dtks_hapus_sisa_impor`.
    """
    sekarang = sekarang or timezone.now()
    basi = sekarang - BATAS_DETAK
    return (
        ImporDtks.objects.filter(status=StatusImpor.BERJALAN)
        .filter(Q(detak_pada__lt=basi) | Q(detak_pada__isnull=True, mulai_pada__lt=basi))
        .update(
            status=StatusImpor.GAGAL,
            pesan=str(PESAN_TERHENTI),
            selesai_pada=sekarang,
            baris_diterima=0,
        )
    )


def dtks_hapus_sisa_impor() -> int:
    """Delete registry rows that answer nothing: left by a failed run (a killed worker writes
    no clean-up) or by a replaced period."""
    mati = ImporDtks.objects.filter(status__in=[StatusImpor.GAGAL, StatusImpor.DIGANTI])
    jumlah, _rincian = WargaDtks.objects.filter(impor_id__in=mati.values("pk")).delete()
    return jumlah


def dtks_hapus_berkas_impor(*, sebelum: dt.datetime) -> int:
    """Delete the uploaded exports (every NIK of a region) of imports that ended before
    `sebelum`: finished, failed or replaced. The registry rows and the report stay."""
    jumlah = 0
    for impor in ImporDtks.objects.filter(
        status__in=SELESAI_DENGAN_BERKAS, selesai_pada__lt=sebelum
    ).exclude(berkas=""):
        impor.berkas.delete(save=False)
        impor.save(update_fields=["berkas"])
        jumlah += 1
    return jumlah


def dtks_ulangi_impor(*, impor: ImporDtks, oleh: Pengguna) -> ImporDtks:
    """Queue a failed import again, as a new import of the same file and period.

    A new row, not the old one restarted: should the old run's worker still be alive, the two
    never write the same rows. The retry takes the file over from the failed import.
    """
    dtks_tandai_impor_terhenti()
    with transaction.atomic():
        lama = ImporDtks.objects.select_for_update().get(pk=impor.pk)
        if lama.status != StatusImpor.GAGAL:
            raise ImporTidakDapatDiulang(str(PESAN_BUKAN_GAGAL))
        if not lama.berkas or not lama.berkas.storage.exists(lama.berkas.name):
            raise ImporTidakDapatDiulang(str(PESAN_BERKAS_HILANG))
        baru = ImporDtks.objects.create(
            kantor_id=lama.kantor_id,
            periode=lama.periode,
            nama_berkas=lama.nama_berkas,
            berkas=lama.berkas.name,
            dibuat_oleh=oleh,
        )
        lama.berkas = ""
        lama.save(update_fields=["berkas"])
        transaction.on_commit(lambda: impor_dtks.enqueue(baru.pk))
    return baru
