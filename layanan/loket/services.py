"""Writes of the loket: scans as they are uploaded, and the registration of an application."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.forms.loket import LUAR_DAERAH
from layanan.loket import wilayah
from layanan.loket.unggahan import BerkasBersih
from layanan.models import (
    BerkasPermohonan,
    JenisHasil,
    Layanan,
    Pemohon,
    Pengguna,
    Permohonan,
    PermohonanDaring,
    PersyaratanBerkas,
    Pindaian,
    StatusDaring,
    StatusLayanan,
    StatusPermohonan,
)
from layanan.notifikasi.services import kontak_simpan
from layanan.penomoran import kode_lacak_baru, nomor_berikut

KOLOM_PEMOHON = [
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "telepon",
]


class SudahTerkirim(Exception):
    """The same form was submitted twice (a double click, a reload): here is the first result."""

    def __init__(self, permohonan: Permohonan):
        self.permohonan = permohonan
        super().__init__(str(permohonan))


def pindaian_simpan(
    *,
    oleh: Pengguna | None,
    token: uuid.UUID,
    persyaratan: PersyaratanBerkas,
    nama_asli: str,
    bersih: BerkasBersih,
    kantor_id: int | None = None,
) -> Pindaian:
    """Store a checked scan for a form still being filled; file and row stand or fall together.
    `oleh` None: a citizen's, from home (layanan.daring), for the office `kantor_id`."""
    kantor = oleh.kantor_id if oleh is not None else kantor_id
    assert kantor is not None
    scan = Pindaian(
        kantor_id=kantor,
        persyaratan=persyaratan,
        token_formulir=token,
        nama_asli=nama_asli[:255],
        jenis_konten=bersih.jenis_konten,
        ukuran=len(bersih.isi),
        sha256=bersih.sha256,
        diunggah_oleh=oleh,
    )
    scan.berkas.save(f"scan{bersih.ekstensi}", ContentFile(bersih.isi), save=False)
    try:
        with transaction.atomic():
            scan.save()
    except Exception:
        scan.berkas.delete(save=False)
        raise
    return scan


def pindaian_draf(*, oleh: Pengguna, token: uuid.UUID) -> list[Pindaian]:
    """Scans this user uploaded for this form that no application holds yet."""
    return list(
        Pindaian.objects.filter(
            token_formulir=token, diunggah_oleh=oleh, kantor=oleh.kantor, permohonan__isnull=True
        )
    )


def pindaian_buang_draf(*, oleh: Pengguna, token: uuid.UUID, ids: list[int]) -> None:
    for scan in Pindaian.objects.filter(
        pk__in=ids, token_formulir=token, diunggah_oleh=oleh, permohonan__isnull=True
    ):
        scan.berkas.delete(save=False)
        scan.delete()


def _data_pemohon(cd: dict[str, Any]) -> dict[str, Any]:
    data = {k: cd.get(k) or ("" if k != "tanggal_lahir" else None) for k in KOLOM_PEMOHON}
    kode = cd.get("kode_kelurahan")
    if kode and kode != LUAR_DAERAH:
        kode_kec = kode.rsplit(".", 1)[0]
        kode_kab = kode_kec.rsplit(".", 1)[0]
        data.update(
            kode_kelurahan=kode,
            kelurahan=wilayah.nama(kode) or "",
            kecamatan=wilayah.nama(kode_kec) or "",
            kabupaten_kota=wilayah.nama(kode_kab) or "",
        )
    else:
        data.update(
            kode_kelurahan="",
            kelurahan=cd["kelurahan_lain"],
            kecamatan=cd["kecamatan_lain"],
            kabupaten_kota=cd["kabupaten_kota_lain"],
        )
    return data


def _simpan_pemohon(*, layanan: Layanan, cd: dict[str, Any]) -> Pemohon:
    data = _data_pemohon(cd)
    if cd["nik"]:
        pemohon, _dibuat = Pemohon.objects.select_for_update().update_or_create(
            kantor=layanan.kantor, nik=cd["nik"], defaults={**data, "alasan_tanpa_nik": ""}
        )
        return pemohon
    # Without a NIK nobody can be recognised safely: every visit is a new record.
    return Pemohon.objects.create(
        kantor=layanan.kantor, nik="", alasan_tanpa_nik=cd["alasan_tanpa_nik"], **data
    )


def permohonan_daftarkan(
    *,
    layanan: Layanan,
    oleh: Pengguna,
    cd: dict[str, Any],
    lengkap: bool,
    peringatan: list[str],
    berlaku: list[PersyaratanBerkas],
    daring: PermohonanDaring | None = None,
) -> Permohonan:
    """Register an application with its checklist and scans, then decide its completeness.
    Only an active service takes one (a draft may be broken; a withdrawn one takes no more).
    `daring`: the application sent from home this decision is on (layanan.daring); accepted,
    it keeps the tracking code the citizen already follows."""
    if not Layanan.objects.filter(pk=layanan.pk, status=StatusLayanan.AKTIF).exists():
        raise mesin.TransisiDitolak(_("This service is not active: it takes no applications."))
    token = cd["token"]
    lama = Permohonan.objects.filter(token_formulir=token, kantor=layanan.kantor).first()
    if lama is not None:
        raise SudahTerkirim(lama)
    try:
        with transaction.atomic():
            permohonan = Permohonan.objects.create(
                kantor=layanan.kantor,
                layanan=layanan,
                pemohon=_simpan_pemohon(layanan=layanan, cd=cd),
                kategori=cd.get("kategori"),
                nomor_kk=cd.get("nomor_kk", ""),
                isian={k.kode: _json(cd.get(f"isian_{k.kode}")) for k in layanan.isian.all()},
                peringatan=peringatan,
                catatan_loket=cd.get("catatan_loket", ""),
                nomor_antrean=cd.get("nomor_antrean"),
                token_formulir=token,
                dibuat_oleh=oleh,
                daring=daring,
            )
            BerkasPermohonan.objects.bulk_create(
                [
                    BerkasPermohonan(
                        permohonan=permohonan,
                        persyaratan=p,
                        nama=p.nama,
                        sifat=p.sifat,
                        ada=bool(cd.get(f"berkas_{p.pk}_ada")),
                        bentuk=(cd.get(f"berkas_{p.pk}_bentuk") or "")
                        if cd.get(f"berkas_{p.pk}_ada")
                        else "",
                    )
                    for p in berlaku
                ]
            )
            for scan in pindaian_draf(oleh=oleh, token=token):
                scan.permohonan = permohonan
                scan.save(update_fields=["permohonan"])
            kontak_simpan(
                permohonan=permohonan,
                setuju=bool(cd.get("notif_setuju")),
                telepon=cd.get("notif_telepon") or "",
                email=cd.get("notif_email") or "",
            )
            return putuskan_kelengkapan(
                permohonan=permohonan,
                lengkap=lengkap,
                oleh=oleh,
                kode_lacak=daring.kode_lacak if daring is not None else "",
            )
    except IntegrityError:
        # Two submissions of one form raced past the check above: the first one won.
        lama = Permohonan.objects.filter(token_formulir=token, kantor=layanan.kantor).first()
        if lama is None:
            raise
        raise SudahTerkirim(lama) from None


FORMAT_NOMOR_REGISTRASI = "{urutan:05d}/REG/{tahun}"


@transaction.atomic
def putuskan_kelengkapan(
    *, permohonan: Permohonan, lengkap: bool, oleh: Pengguna, kode_lacak: str = ""
) -> Permohonan:
    """The loket's completeness decision (SOP: "Diterima ... atau Tidak diterima").

    Complete: numbered per office and year, given a tracking code, and started on its SOP by the
    engine. Incomplete: not accepted, ending with the service's "documents incomplete" outcome;
    the attempt is kept, on the record.
    """
    p = mesin.kunci(permohonan)
    if p.kantor_id != oleh.kantor_id:
        raise mesin.TransisiDitolak(_("This application belongs to another office."))
    sekarang = timezone.now()
    if not lengkap:
        hasil = p.layanan.hasil.filter(jenis=JenisHasil.TIDAK_LENGKAP).first()
        mesin.tolak(subjek=p, oleh=oleh, sekarang=sekarang, hasil=hasil)
        p.diputuskan_pada = sekarang
        p.save(update_fields=["diputuskan_pada"])
        return p
    if p.status != StatusPermohonan.BARU:
        raise mesin.TransisiDitolak(_("The completeness of this application was already decided."))
    tahun = timezone.localtime(sekarang, p.kantor.zona).year
    p.diputuskan_pada = sekarang
    p.tahun_registrasi = tahun
    p.urutan_registrasi = nomor_berikut(kantor=p.kantor, jenis="registrasi", tahun=tahun)
    p.nomor_registrasi = FORMAT_NOMOR_REGISTRASI.format(urutan=p.urutan_registrasi, tahun=tahun)
    p.kode_lacak = kode_lacak or kode_lacak_baru()
    p.save(
        update_fields=[
            "diputuskan_pada",
            "tahun_registrasi",
            "urutan_registrasi",
            "nomor_registrasi",
            "kode_lacak",
        ]
    )
    mesin.terima(subjek=p, oleh=oleh, sekarang=sekarang)
    return p


def _json(nilai: Any) -> Any:
    if hasattr(nilai, "isoformat"):
        return nilai.isoformat()
    return nilai


def pindaian_hapus_draf_lama(*, sebelum: dt.datetime) -> int:
    """Delete scans of forms never submitted: citizens' documents are not kept without purpose.
    Those of an application sent from home stay while the loket checks it or the citizen fixes
    it (their application holds them only once accepted)."""
    dikirim = PermohonanDaring.objects.exclude(status=StatusDaring.KODE).values("token")
    lama = Pindaian.objects.filter(permohonan__isnull=True, diunggah_pada__lt=sebelum).exclude(
        token_formulir__in=dikirim
    )
    jumlah = 0
    for scan in lama:
        scan.berkas.delete(save=False)
        scan.delete()
        jumlah += 1
    return jumlah
