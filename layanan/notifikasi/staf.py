"""Messages to staff, by e-mail (their account's address): once a day what waits in their inbox
(a digest, not a message per item), and a warning when a step they hold is about to be late —
under a quarter of its standard working time left (hari_kerja.status_waktu, counted with the
office's working hours by pengaduan.waktu.JamKerja, as the inboxes count it).

Never twice: each message carries a key (the user and the office's date; the user and the
step's instant of readiness), and the database refuses a second row with the same key — a run
repeated, or two workers at once, add nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from layanan.hari_kerja import StatusWaktu, status_waktu
from layanan.models import (
    Kantor,
    Pengguna,
    Peristiwa,
    Permohonan,
    Pesan,
    StatusPermohonan,
    StatusPesan,
)
from layanan.notifikasi import teks
from layanan.notifikasi.konfigurasi import aturan_kantor, konfigurasi_kantor
from layanan.notifikasi.saluran.pilih import menjangkau
from layanan.pengaduan.waktu import JamKerja
from layanan.surat.templat_aman import TemplatTidakAman


def _staf(kantor_id: int) -> dict[int, list[Pengguna]]:
    """The office's active staff with an e-mail address, by the role they hold."""
    per_peran: dict[int, list[Pengguna]] = defaultdict(list)
    hubungan = Pengguna.peran.through.objects.filter(
        pengguna__kantor_id=kantor_id, pengguna__is_active=True
    ).exclude(pengguna__email="")
    for h in hubungan.select_related("pengguna"):
        per_peran[h.peran_id].append(h.pengguna)
    return per_peran


def _saluran(kantor_id: int) -> str:
    """The office's first active channel that reaches an e-mail address, or ""."""
    for jenis in konfigurasi_kantor(kantor_id).saluran:
        if menjangkau(jenis, telepon="", email="x@x"):
            return jenis
    return ""


def _pesan(
    kantor: Kantor, *, peristiwa: str, saluran: str, user: Pengguna, kunci: str, **data: Any
) -> Pesan | None:
    aktif, subjek, templat, _wa = aturan_kantor(kantor.pk, peristiwa)
    if not aktif:
        return None
    pesan = Pesan(
        kantor=kantor,
        pengguna=user,
        peristiwa=peristiwa,
        saluran=saluran,
        penerima=menjangkau(saluran, telepon="", email=user.email),
        kunci=kunci[:120],
        kirim_setelah=timezone.now(),
    )
    data_teks = {"kantor": str(kantor), **data}
    try:
        pesan.subjek = teks.isi(subjek, data_teks)[:150]
        pesan.isi = teks.isi(templat, data_teks)
    except TemplatTidakAman as exc:
        pesan.status, pesan.galat = StatusPesan.GAGAL, str(exc)
    return pesan


def _simpan(daftar: list[Pesan]) -> int:
    """Write what is new (a key already used is skipped by the database); the caller (the
    worker's task, notifikasi.tugas) sends them."""
    if not daftar:
        return 0
    with transaction.atomic():
        sebelum = Pesan.objects.filter(kunci__in=[p.kunci for p in daftar]).count()
        Pesan.objects.bulk_create(daftar, ignore_conflicts=True)
        baru = Pesan.objects.filter(kunci__in=[p.kunci for p in daftar]).count() - sebelum
    return baru


def _tautan(nama: str, *args: Any) -> str:
    return settings.DINSOS_URL_PUBLIK + reverse(nama, args=args)


def ringkasan_harian(sekarang: dt.datetime | None = None) -> int:
    """Each staff member's digest of the day: how many applications wait for their roles, how
    many of them almost late or late. Nobody with nothing waiting gets one."""
    sekarang = sekarang or timezone.now()
    jumlah = 0
    for kantor in Kantor.objects.all():
        saluran = _saluran(kantor.pk)
        if not saluran:
            continue
        menunggu = Permohonan.objects.filter(kantor=kantor, status=StatusPermohonan.DITERIMA)
        per_peran = dict(
            menunggu.values_list("peran_saat_ini_id").annotate(n=Count("pk")).order_by()
        )
        if not per_peran:
            continue
        terlambat = dict(
            menunggu.filter(tenggat__lt=sekarang)
            .values_list("peran_saat_ini_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        tanggal = timezone.localtime(sekarang, kantor.zona).date()
        per_user: dict[int, tuple[Pengguna, int, int]] = {}
        for peran_id, staf in _staf(kantor.pk).items():
            for user in staf:
                _u, n, t = per_user.get(user.pk, (user, 0, 0))
                per_user[user.pk] = (
                    user,
                    n + per_peran.get(peran_id, 0),
                    t + terlambat.get(peran_id, 0),
                )
        daftar = [
            p
            for user, n, t in per_user.values()
            if n
            and (
                p := _pesan(
                    kantor,
                    peristiwa=Peristiwa.RINGKASAN_STAF,
                    saluran=saluran,
                    user=user,
                    kunci=f"ringkasan:{user.pk}:{tanggal:%Y-%m-%d}",
                    jumlah=n,
                    terlambat=t,
                    tanggal=tanggal,
                    tautan=_tautan("layanan:tugas-saya"),
                )
            )
        ]
        jumlah += _simpan(daftar)
    return jumlah


def peringatan_terlambat(sekarang: dt.datetime | None = None) -> int:
    """A warning to whoever holds the role a step waits for, when under a quarter of the step's
    standard working time is left: once per step (its instant of readiness is in the key)."""
    sekarang = sekarang or timezone.now()
    jumlah = 0
    for kantor in Kantor.objects.all():
        saluran = _saluran(kantor.pk)
        if not saluran:
            continue
        jam = JamKerja(kantor, sekarang)
        hampir = []
        for p in (
            Permohonan.objects.filter(
                kantor=kantor,
                status=StatusPermohonan.DITERIMA,
                langkah_standar_menit__gt=0,
                langkah_siap_pada__isnull=False,
            )
            .select_related("layanan")
            .only(
                "nomor_registrasi",
                "langkah_nomor",
                "langkah_standar_menit",
                "langkah_siap_pada",
                "peran_saat_ini_id",
                "layanan__nama_singkat",
                "layanan__nama",
            )
        ):
            terpakai = jam.menit(p.langkah_siap_pada, sekarang)  # type: ignore[arg-type]
            if status_waktu(p.langkah_standar_menit, terpakai) == StatusWaktu.HAMPIR:
                hampir.append((p, p.langkah_standar_menit - terpakai))  # type: ignore[operator]
        if not hampir:
            continue
        staf = _staf(kantor.pk)
        daftar = [
            pesan
            for p, sisa in hampir
            for user in staf.get(p.peran_saat_ini_id or 0, [])
            if (
                pesan := _pesan(
                    kantor,
                    peristiwa=Peristiwa.HAMPIR_TERLAMBAT,
                    saluran=saluran,
                    user=user,
                    kunci=f"hampir:{p.pk}:{p.langkah_siap_pada:%Y%m%d%H%M%S}:{user.pk}",
                    layanan=p.layanan.nama_tampil,
                    nomor_registrasi=p.nomor_registrasi,
                    langkah=p.langkah_nomor or "",
                    sisa_jam=f"{sisa / 60:.1f}".replace(".", ","),
                    tautan=_tautan("layanan:permohonan-detail", p.pk),
                )
            )
        ]
        jumlah += _simpan(daftar)
    return jumlah
