"""Writes of the DTKS check step: every answer is kept as a snapshot, none is overwritten."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from layanan.dtks import HasilDtks, OrangDtks, adapter_untuk, memenuhi
from layanan.models import (
    ImporDtks,
    JenisAdapter,
    Kantor,
    PemeriksaanDtks,
    PengaturanDtks,
    Pengguna,
    Permohonan,
    StatusDtks,
    TipeIsian,
)
from layanan.selectors import boleh_cek_dtks
from layanan.tasks import impor_dtks
from layanan.unggahan import BerkasBersih
from layanan.workflow import TransisiDitolak

LABEL_PEMOHON = "Pemohon"
# The whole check of one application, every person on it: well inside gunicorn's 30-second
# worker timeout, so a slow source gives "unavailable" answers instead of a killed worker.
BATAS_CEK_DETIK = 20.0


class PerluManual(Exception):
    """The office checks by hand: the operator records what SIKS-NG showed."""


@dataclass(frozen=True)
class Subjek:
    label: str
    nik: str


def pengaturan_dtks(kantor: Kantor) -> PengaturanDtks:
    pengaturan, _dibuat = PengaturanDtks.objects.get_or_create(kantor=kantor)
    return pengaturan


def _pastikan_langkah_cek(permohonan: Permohonan, oleh: Pengguna) -> None:
    if not boleh_cek_dtks(oleh, permohonan):
        raise TransisiDitolak(_("DTKS is checked at the SOP's check step, by the role it names."))


def subjek_pemeriksaan(permohonan: Permohonan) -> list[Subjek]:
    """Who a check covers: the applicant, and every NIK the service asks for (the child's)."""
    subjek = []
    if permohonan.pemohon.nik:
        subjek.append(Subjek(LABEL_PEMOHON, permohonan.pemohon.nik))
    for kolom in permohonan.layanan.isian.filter(tipe=TipeIsian.NIK):
        nik = permohonan.isian.get(kolom.kode)
        if nik:
            subjek.append(Subjek(kolom.label, nik))
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
                nama=permohonan.pemohon.nama,
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
