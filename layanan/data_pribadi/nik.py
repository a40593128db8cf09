"""Everything the office holds about one NIK: produced as a ZIP (the trail, the records, the
scans and letters, the complaints they made, their applications from home), or erased where no law requires the office to
keep it. Scoped to the user's
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

from layanan.akses import akses_catat_banyak, akses_daring_catat, akses_pengaduan_catat
from layanan.data_pribadi.daring import (
    KOLOM_DARING,
    PESAN_SELESAI,
    daring_hapus,
    daring_orang,
    janji_orang,
    pindaian_lepas,
)
from layanan.data_pribadi.pengaduan import berkas_lampiran, pengaduan_orang, pengaduan_usai
from layanan.data_pribadi.retensi import SELESAI
from layanan.ekspor import PenulisCsv
from layanan.masuk.catatan import catat_keamanan
from layanan.models import (
    BerkasPermohonan,
    JenisAkses,
    JenisAksesPengaduan,
    JenisCatatanKeamanan,
    KontakNotifikasi,
    LampiranPengaduan,
    PemeriksaanDtks,
    Pemohon,
    Pengaduan,
    Permohonan,
    Pesan,
    PesanPengaduan,
    Pindaian,
    RiwayatLangkah,
    Surat,
)
from layanan.permintaan import pengguna


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


def _json(objs: Iterable[models.Model], kolom: Iterable[str] | None = None) -> str:
    return serializers.serialize("json", objs, indent=2, fields=kolom)


# A complaint as its complainant may have it: what they said, how it was settled and answered
# (not the SOP snapshot, the staff's internal step notes, nor who recorded it).
KOLOM_PENGADUAN = (
    "nomor",
    "dibuat_pada",
    "saluran",
    "jenis",
    "kategori",
    "uraian",
    "rujukan",
    "nama_pelapor",
    "kontak_pelapor",
    "kabari_pelapor",
    "terlapor_nama",
    "lapor_id",
    "status",
    "selesai_pada",
    "keputusan",
    "jawaban",
    "diteruskan_ke",
)


def nik_ekspor(*, request: HttpRequest, nik: str, jejak: list[list[str]]) -> bytes:
    """A ZIP: the person's records as JSON, the trail as CSV, their scans, letters and their
    complaints' attachments."""
    permohonan = _permohonan(request, nik)
    pengaduan = list(pengaduan_orang(permohonan))
    user = pengguna(request)
    pemeriksaan = PemeriksaanDtks.objects.filter(nik=nik)
    if not user.is_superuser:
        pemeriksaan = pemeriksaan.filter(permohonan__kantor=user.kantor_id)
    daring = daring_orang(request, nik)
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
            "pesan_pengaduan.json": PesanPengaduan.objects.filter(pengaduan__in=pengaduan),
            "lampiran_pengaduan.json": LampiranPengaduan.objects.filter(pengaduan__in=pengaduan),
        }
        z.writestr("data/pengaduan.json", _json(pengaduan, KOLOM_PENGADUAN))
        # Applications from home: what was typed, the confirmed contact, visits booked, and
        # the scans no registered application holds (their reads are in jejak-akses.csv).
        z.writestr("data/daring.json", _json(daring, KOLOM_DARING))
        rekaman["janji_temu.json"] = janji_orang(daring)
        rekaman["pindaian_daring.json"] = pindaian_lepas(daring)
        for nama, qs in rekaman.items():
            z.writestr(f"data/{nama}", _json(qs))
        teks = io.StringIO()
        PenulisCsv(teks).writerows(jejak)
        z.writestr("jejak-akses.csv", teks.getvalue())
        for scan in Pindaian.objects.filter(permohonan__in=permohonan):
            with scan.berkas.open("rb") as f:
                z.writestr(f"pindaian/{scan.pk}-{_aman(scan.nama_asli)}", f.read())
        for scan in pindaian_lepas(daring):
            with scan.berkas.open("rb") as f:
                z.writestr(f"pindaian/{scan.pk}-{_aman(scan.nama_asli)}", f.read())
        for surat in Surat.objects.filter(permohonan__in=permohonan):
            with surat.berkas.open("rb") as f:
                z.writestr(f"surat/{surat.pk}-{surat.urutan}-{surat.tahun}.pdf", f.read())
        for lampiran in LampiranPengaduan.objects.filter(pengaduan__in=pengaduan):
            with lampiran.berkas.open("rb") as f:
                z.writestr(f"pengaduan/{lampiran.pk}-{_aman(lampiran.nama_asli)}", f.read())
    ids = list(permohonan.values_list("pk", flat=True))
    akses_catat_banyak(request, ids, JenisAkses.EKSPOR, samarkan_nik(nik))
    for d in daring:
        akses_daring_catat(request, d, JenisAkses.EKSPOR, samarkan_nik(nik))
    for p in pengaduan:
        akses_pengaduan_catat(request, p, JenisAksesPengaduan.EKSPOR, samarkan_nik(nik))
    catat_keamanan(
        jenis=JenisCatatanKeamanan.EKSPOR_NIK,
        oleh=user,
        keterangan=(
            f"{samarkan_nik(nik)}: {len(ids)} applications, {len(pengaduan)} complaints, "
            f"{len(daring)} online applications"
        ),
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
    lampiran: int = 0  # complaints' attachments
    pengaduan_berjalan: int = 0  # complaints not settled: nothing of theirs erased
    daring: int = 0  # online applications never registered: erased wholly
    daring_berjalan: int = 0  # online applications in process: nothing of theirs erased


def nik_hapus(*, request: HttpRequest, nik: str) -> HasilHapus:
    """Erase what no law obliges the office to keep, for the person's finished applications:
    their scans (and the history's copies of their names), their contact details for messages
    and the messages sent; for their settled complaints, the attachments, the contact given for
    the answer and the answer's messages. Kept: the letters and the register (name, NIK, address,
    steps) as archives, the complaints' records (what was said, the decision, the answer, the
    steps), the access trail and the DTKS checks that decided. An application or complaint
    still in process keeps everything until it ends. Applications from home: see
    layanan.data_pribadi.daring."""
    permohonan = _permohonan(request, nik)
    selesai = permohonan.filter(status__in=SELESAI)
    berjalan = permohonan.exclude(status__in=SELESAI).count()
    semua_pengaduan = pengaduan_orang(permohonan)
    usai = list(pengaduan_usai(semua_pengaduan).values_list("pk", flat=True))
    pengaduan_berjalan = semua_pengaduan.exclude(pk__in=usai).count()
    with transaction.atomic():
        scans = list(Pindaian.objects.filter(permohonan__in=selesai))
        daring = daring_hapus(daring_orang(request, nik), scans)
        berkas = [(s.berkas.storage, s.berkas.name) for s in scans]
        Pindaian.objects.filter(pk__in=[s.pk for s in scans]).delete()
        # Then the history's rows, the deletion's own included (it copies the names).
        Pindaian.history.filter(id__in=[s.pk for s in scans]).delete()
        kontak = KontakNotifikasi.objects.filter(permohonan__in=selesai).delete()[0]
        kontak += daring.kontak
        pesan = Pesan.objects.filter(permohonan__in=selesai, status__in=PESAN_SELESAI)
        jumlah_pesan = pesan.delete()[0] + daring.pesan
        lampiran = list(LampiranPengaduan.objects.filter(pengaduan__in=usai))
        berkas += berkas_lampiran(lampiran)
        LampiranPengaduan.objects.filter(pk__in=[a.pk for a in lampiran]).delete()
        kontak += _hapus_kontak_pengaduan(usai)
        # The answers sent to the complainant (a staff member's messages are not theirs).
        jumlah_pesan += Pesan.objects.filter(
            pengaduan__in=usai, pengguna__isnull=True, status__in=PESAN_SELESAI
        ).delete()[0]
        if not berjalan:
            pemohon = _pemohon(request, nik)
            pemohon.update(telepon="")
            Pemohon.history.filter(id__in=pemohon.values("pk")).update(telepon="")
        catat_keamanan(
            jenis=JenisCatatanKeamanan.HAPUS_NIK,
            oleh=pengguna(request),
            keterangan=(
                f"{samarkan_nik(nik)}: {len(scans)} scans, {len(lampiran)} complaint "
                f"attachments, {kontak} contacts, {jumlah_pesan} messages, {daring.dihapus} "
                f"online applications; {berjalan} applications, {daring.berjalan} online "
                f"applications and {pengaduan_berjalan} complaints in process kept"
            ),
            request=request,
        )
        # The files go once the rows are gone for good.
        transaction.on_commit(lambda: [storage.delete(nama) for storage, nama in berkas])
    return HasilHapus(
        len(scans),
        kontak,
        jumlah_pesan,
        berjalan,
        len(lampiran),
        pengaduan_berjalan,
        daring.dihapus,
        daring.berjalan,
    )


def _hapus_kontak_pengaduan(ids: list[int]) -> int:
    """The contact the complainant gave for the answer, also in the complaint's history; the
    name stays with the record. The number of complaints that had one."""
    qs = Pengaduan.objects.filter(pk__in=ids).exclude(kontak_pelapor="")
    jumlah = qs.update(kontak_pelapor="", kabari_pelapor=False)
    Pengaduan.history.filter(id__in=ids).update(kontak_pelapor="", kabari_pelapor=False)
    return jumlah
