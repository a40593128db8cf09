"""The one writer of an application's status: every transition, its guard, and its record."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.models import JenisHasil, Pengguna, Permohonan, StatusPermohonan
from layanan.penomoran import kode_lacak_baru, nomor_berikut

FORMAT_NOMOR_REGISTRASI = "{urutan:05d}/REG/{tahun}"


class TransisiDitolak(Exception):
    """A transition whose guard failed; the message says why, in Indonesian."""


def _ambil_terkunci(permohonan: Permohonan) -> Permohonan:
    return (
        Permohonan.objects.select_for_update()
        .select_related("kantor", "layanan")
        .get(pk=permohonan.pk)
    )


@transaction.atomic
def putuskan_kelengkapan(*, permohonan: Permohonan, lengkap: bool, oleh: Pengguna) -> Permohonan:
    """The loket's completeness decision (SOP: "Diterima ... atau Tidak diterima").

    Complete: accepted, numbered per office and year, given a tracking code. Incomplete: not
    accepted, ending with the service's "documents incomplete" outcome; the attempt is kept.
    """
    p = _ambil_terkunci(permohonan)
    if p.status != StatusPermohonan.BARU:
        raise TransisiDitolak(_("The completeness of this application was already decided."))
    if p.kantor_id != oleh.kantor_id:
        raise TransisiDitolak(_("This application belongs to another office."))
    sekarang = timezone.now()
    p.diputuskan_pada = sekarang
    if lengkap:
        tahun = timezone.localtime(sekarang, p.kantor.zona).year
        p.status = StatusPermohonan.DITERIMA
        p.tahun_registrasi = tahun
        p.urutan_registrasi = nomor_berikut(kantor=p.kantor, jenis="registrasi", tahun=tahun)
        p.nomor_registrasi = FORMAT_NOMOR_REGISTRASI.format(urutan=p.urutan_registrasi, tahun=tahun)
        p.kode_lacak = kode_lacak_baru()
    else:
        p.status = StatusPermohonan.TIDAK_DITERIMA
        p.hasil = p.layanan.hasil.filter(jenis=JenisHasil.TIDAK_LENGKAP).first()
    p._change_reason = p.get_status_display()  # type: ignore[attr-defined]  # history note
    p.save(
        update_fields=[
            "status",
            "diputuskan_pada",
            "tahun_registrasi",
            "urutan_registrasi",
            "nomor_registrasi",
            "kode_lacak",
            "hasil",
        ]
    )
    return p
