"""Everything the office holds about one NIK: produced as a ZIP (the trail, the records, the
scans and letters), or erased where no law requires the office to keep it. Scoped to the user's
office (the national superuser: every office), and logged."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import serializers
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from layanan.akses import akses_catat_banyak
from layanan.data_pribadi.retensi import SELESAI
from layanan.ekspor import PenulisCsv
from layanan.masuk.catatan import catat_keamanan
from layanan.models import (
    BerkasPermohonan,
    JenisAkses,
    JenisCatatanKeamanan,
    KontakNotifikasi,
    PemeriksaanDtks,
    Pemohon,
    Permohonan,
    Pesan,
    Pindaian,
    RiwayatLangkah,
    StatusPesan,
    Surat,
)
from layanan.permintaan import pengguna

PESAN_SELESAI = (
    StatusPesan.TERKIRIM,
    StatusPesan.GAGAL,
    StatusPesan.TIDAK_PASTI,
    StatusPesan.BATAL,
)


def samarkan_nik(nik: str) -> str:
    return f"{nik[:4]}********{nik[-4:]}"


def _permohonan(request: HttpRequest, nik: str) -> QuerySet[Permohonan]:
    user = pengguna(request)
    qs = Permohonan.objects.filter(pemohon__nik=nik)
    return qs if user.is_superuser else qs.filter(kantor=user.kantor_id)


def _pemohon(request: HttpRequest, nik: str) -> QuerySet[Pemohon]:
    user = pengguna(request)
    qs = Pemohon.objects.filter(nik=nik)
    return qs if user.is_superuser else qs.filter(kantor=user.kantor_id)


def _json(objs: Iterable[models.Model]) -> str:
    return serializers.serialize("json", objs, indent=2)


def nik_ekspor(*, request: HttpRequest, nik: str, jejak: list[list[str]]) -> bytes:
    """A ZIP: the person's records as JSON, the trail as CSV, their scans and letters."""
    permohonan = _permohonan(request, nik)
    user = pengguna(request)
    pemeriksaan = PemeriksaanDtks.objects.filter(nik=nik)
    if not user.is_superuser:
        pemeriksaan = pemeriksaan.filter(permohonan__kantor=user.kantor_id)
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        rekaman = {
            "pemohon.json": _pemohon(request, nik),
            "permohonan.json": permohonan,
            "berkas.json": BerkasPermohonan.objects.filter(permohonan__in=permohonan),
            "riwayat.json": RiwayatLangkah.objects.filter(permohonan__in=permohonan),
            "surat.json": Surat.objects.filter(permohonan__in=permohonan),
            "pindaian.json": Pindaian.objects.filter(permohonan__in=permohonan),
            "kontak.json": KontakNotifikasi.objects.filter(permohonan__in=permohonan),
            "pemeriksaan_dtks.json": pemeriksaan,
        }
        for nama, qs in rekaman.items():
            z.writestr(f"data/{nama}", _json(qs))
        teks = io.StringIO()
        PenulisCsv(teks).writerows(jejak)
        z.writestr("jejak-akses.csv", teks.getvalue())
        for scan in Pindaian.objects.filter(permohonan__in=permohonan):
            with scan.berkas.open("rb") as f:
                z.writestr(f"pindaian/{scan.pk}-{_aman(scan.nama_asli)}", f.read())
        for surat in Surat.objects.filter(permohonan__in=permohonan):
            with surat.berkas.open("rb") as f:
                z.writestr(f"surat/{surat.pk}-{surat.urutan}-{surat.tahun}.pdf", f.read())
    ids = list(permohonan.values_list("pk", flat=True))
    akses_catat_banyak(request, ids, JenisAkses.EKSPOR, samarkan_nik(nik))
    catat_keamanan(
        jenis=JenisCatatanKeamanan.EKSPOR_NIK,
        oleh=user,
        keterangan=f"{samarkan_nik(nik)}: {len(ids)} applications",
        request=request,
    )
    return keluar.getvalue()


def _aman(nama: str) -> str:
    return "".join(c if c.isalnum() or c in ".-_" else "_" for c in nama)[-80:] or "berkas"


@dataclass(frozen=True)
class HasilHapus:
    pindaian: int
    kontak: int
    pesan: int
    berjalan: int  # applications still in process: nothing of theirs erased


def nik_hapus(*, request: HttpRequest, nik: str) -> HasilHapus:
    """Erase what no law obliges the office to keep, for the person's finished applications:
    their scans (and the history's copies of their names), their contact details for messages
    and the messages sent. Kept: the letters and the register (name, NIK, address, steps) as
    archives, the access trail and the DTKS checks that decided. An application still in
    process keeps everything until it ends."""
    permohonan = _permohonan(request, nik)
    selesai = permohonan.filter(status__in=SELESAI)
    berjalan = permohonan.exclude(status__in=SELESAI).count()
    with transaction.atomic():
        scans = list(Pindaian.objects.filter(permohonan__in=selesai))
        berkas = [(s.berkas.storage, s.berkas.name) for s in scans]
        Pindaian.objects.filter(pk__in=[s.pk for s in scans]).delete()
        # Then the history's rows, the deletion's own included (it copies the names).
        Pindaian.history.filter(id__in=[s.pk for s in scans]).delete()
        kontak = KontakNotifikasi.objects.filter(permohonan__in=selesai).delete()[0]
        pesan = Pesan.objects.filter(permohonan__in=selesai, status__in=PESAN_SELESAI)
        jumlah_pesan = pesan.delete()[0]
        if not berjalan:
            pemohon = _pemohon(request, nik)
            pemohon.update(telepon="")
            Pemohon.history.filter(id__in=pemohon.values("pk")).update(telepon="")
        catat_keamanan(
            jenis=JenisCatatanKeamanan.HAPUS_NIK,
            oleh=pengguna(request),
            keterangan=(
                f"{samarkan_nik(nik)}: {len(scans)} scans, {kontak} contacts, "
                f"{jumlah_pesan} messages; {berjalan} applications in process kept"
            ),
            request=request,
        )
        # The files go once the rows are gone for good.
        transaction.on_commit(lambda: [storage.delete(nama) for storage, nama in berkas])
    return HasilHapus(len(scans), kontak, jumlah_pesan, berjalan)
