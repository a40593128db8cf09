"""Everything one dashboard (or one monthly report) shows, gathered once: the figures, the
charts drawn from them, and a national superuser's comparison of offices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from layanan.dasbor.angka import (
    Q_TEPAT,
    AngkaAduan,
    AngkaPermohonan,
    AngkaSurat,
    angka_pengaduan,
    angka_permohonan,
    angka_surat,
    angka_usulan_dtks,
    kelompok_permohonan,
    permohonan_periode,
    q_terlambat,
)
from layanan.dasbor.grafik import Grafik, grafik_batang
from layanan.dasbor.kepatuhan import BarisLangkah, kepatuhan_langkah
from layanan.dasbor.periode import Periode
from layanan.dasbor.wilayah import AngkaWilayah, angka_wilayah
from layanan.ikm.hitung import HasilIkm, ikm_periode
from layanan.models import Kantor, Layanan, Pengaduan, Permohonan, StatusJalan


def _persen(nilai: float | None) -> str:
    return "–" if nilai is None else f"{nilai:.0f}%"


@dataclass
class Dasbor:
    kantor: Kantor
    periode: Periode
    layanan_id: int | None
    permohonan: AngkaPermohonan
    langkah: list[BarisLangkah]
    surat: AngkaSurat
    usulan_dtks: int
    pengaduan: AngkaAduan
    wilayah: AngkaWilayah | None  # on its own page (and in the report): a join per application
    ikm: HasilIkm  # the satisfaction index of the period (layanan.ikm, issue 13)

    @property
    def langkah_terlambat(self) -> list[BarisLangkah]:
        """The steps that made applications late, the worst first."""
        return sorted(
            (b for b in self.langkah if b.terlambat), key=lambda b: (-b.terlambat, b.layanan)
        )

    @property
    def grafik_layanan(self) -> Grafik:
        return grafik_batang(
            (
                (r.nama, r.persen_tepat or 0, _persen(r.persen_tepat), False)
                for r in self.permohonan.per_layanan
            ),
            maks=100,
        )

    @property
    def grafik_langkah(self) -> Grafik:
        return grafik_batang(
            (
                (
                    f"{b.layanan} · {b.nomor}. {b.kegiatan}",
                    b.persen_tepat,
                    _persen(b.persen_tepat),
                    b.paling_telat,
                )
                for b in self.langkah
            ),
            maks=100,
        )

    @property
    def grafik_wilayah(self) -> Grafik:
        kecamatan = self.wilayah.kecamatan if self.wilayah else []
        return grafik_batang((k.nama, k.jumlah, str(k.jumlah), False) for k in kecamatan)


def dasbor_kantor(
    kantor: Kantor, periode: Periode, layanan_id: int | None = None, dengan_wilayah: bool = True
) -> Dasbor:
    kelompok = kelompok_permohonan(kantor, periode, layanan_id, dengan_wilayah)
    return Dasbor(
        kantor=kantor,
        periode=periode,
        layanan_id=layanan_id,
        permohonan=angka_permohonan(kantor, periode, layanan_id, kelompok),
        langkah=kepatuhan_langkah(kantor, periode, layanan_id),
        surat=angka_surat(kantor, periode, layanan_id),
        usulan_dtks=angka_usulan_dtks(kantor, periode, layanan_id),
        pengaduan=angka_pengaduan(kantor, periode),
        wilayah=angka_wilayah(kantor, periode, layanan_id, kelompok) if dengan_wilayah else None,
        ikm=ikm_periode(
            kantor,
            periode.dari,
            periode.sampai,
            Layanan.objects.filter(kantor=kantor, pk=layanan_id).first() if layanan_id else None,
        ),
    )


@dataclass(frozen=True)
class BarisBanding:
    kantor: Kantor
    masuk: int
    selesai: int
    tepat: int
    terlambat: int
    proses: int
    aduan: int

    @property
    def persen_tepat(self) -> float | None:
        return 100 * self.tepat / self.selesai if self.selesai else None


def banding_kantor(daftar: list[Kantor], periode: Periode) -> list[BarisBanding]:
    """A national superuser's comparison: each office's figures for the same calendar days
    (each in its own time zone), two grouped queries for all offices."""
    sekarang = timezone.now()
    angka: dict[int, dict] = {}
    aduan: dict[int, int] = {}
    for kantor in daftar:  # one zone per office: the cohort's bounds differ by an hour or two
        angka[kantor.pk] = {}
    zona = {k.zona_waktu for k in daftar}
    for z in zona:
        kelompok = [k for k in daftar if k.zona_waktu == z]
        if not kelompok:
            continue
        awal, akhir = periode.batas(kelompok[0].zona)
        for b in (
            Permohonan.objects.filter(
                kantor__in=kelompok, dibuat_pada__gte=awal, dibuat_pada__lt=akhir
            )
            .exclude(status=StatusJalan.BARU)
            .values("kantor_id")
            .annotate(
                masuk=Count("pk"),
                selesai=Count("pk", filter=Q(status=StatusJalan.SELESAI)),
                tepat=Count("pk", filter=Q_TEPAT),
                terlambat=Count("pk", filter=q_terlambat(sekarang)),
                proses=Count("pk", filter=Q(status=StatusJalan.DITERIMA)),
            )
            .order_by()
        ):
            angka[b.pop("kantor_id")] = b
        aduan.update(
            Pengaduan.objects.filter(
                kantor__in=kelompok, dibuat_pada__gte=awal, dibuat_pada__lt=akhir
            )
            .values_list("kantor_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
    nol = {"masuk": 0, "selesai": 0, "tepat": 0, "terlambat": 0, "proses": 0}
    return [
        BarisBanding(kantor=k, aduan=aduan.get(k.pk, 0), **{**nol, **angka[k.pk]}) for k in daftar
    ]


__all__ = ["Dasbor", "banding_kantor", "dasbor_kantor", "permohonan_periode"]
