"""Is an office ready to serve? Everything that stands between it and its first valid letter,
each finding with the admin page that fixes it.

A finding is either required (no valid letter comes out until it is fixed) or worth a look (the
office may well be right: a region without regional holidays, a certificate expiring next month).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.katalog.status import periksa_layanan
from layanan.models import (
    FungsiLangkah,
    HariLibur,
    JenisAdapter,
    JenisLangkah,
    Kantor,
    Langkah,
    Layanan,
    Pejabat,
    PengaturanBsre,
    PengaturanDtks,
    Pengguna,
    Peran,
    StatusLayanan,
)
from layanan.surat.tanda_tangan.sertifikat import alasan_tidak_siap

SERTIFIKAT_HAMPIR_HABIS = dt.timedelta(days=30)


@dataclass(frozen=True)
class Temuan:
    bagian: str  # what it concerns, as a heading: services, roles, signatures...
    pesan: str
    tautan: str  # the admin page that fixes it
    wajib: bool = True  # False: worth a look, but no letter waits for it


def _ubah(model: type[Model], pk: int) -> str:
    return reverse(f"admin:layanan_{model._meta.model_name}_change", args=[pk])


def _daftar(model: type[Model]) -> str:
    return reverse(f"admin:layanan_{model._meta.model_name}_changelist")


def _tambah(model: type[Model], **awal: int | str) -> str:
    url = reverse(f"admin:layanan_{model._meta.model_name}_add")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in awal.items()) if awal else "")


def periksa_kesiapan(kantor: Kantor, *, pada: dt.datetime | None = None) -> list[Temuan]:
    """Every finding for this office, in the order an administrator would fix them."""
    pada = pada or timezone.now()
    # A withdrawn service serves no more; a draft is listed, to be activated when ready.
    layanan = list(
        Layanan.objects.filter(kantor=kantor)
        .exclude(status=StatusLayanan.DITARIK)
        .order_by("nama_singkat")
        .prefetch_related(
            Prefetch(
                "langkah",
                queryset=Langkah.objects.select_related("peran").prefetch_related("paraf__peran"),
            ),
        )
    )
    return [
        *_layanan(layanan),
        *_peran_tanpa_pengguna(kantor, layanan),
        *_penanda_tangan(kantor, layanan, pada),
        *_kop(kantor),
        *_kalender(kantor, pada),
        *_dtks(kantor, layanan),
    ]


def _langkah_ttd(s: Layanan) -> list[Langkah]:
    return [lk for lk in s.langkah.all() if lk.jenis == JenisLangkah.TANDA_TANGAN]


def _layanan(semua: list[Layanan]) -> Iterable[Temuan]:
    bagian = _("Services")
    for s in semua:
        if s.status == StatusLayanan.DRAF:
            yield Temuan(
                bagian,
                _("%(s)s is a draft: it takes no applications until it is activated.")
                % {"s": s.nama_singkat},
                _ubah(Layanan, s.pk),
                wajib=False,
            )
        # The same check activation runs (flow, initials, letter templates), so the page and
        # the activation button never disagree.
        for masalah in periksa_layanan(s).masalah:
            yield Temuan(bagian, f"{s.nama_singkat}: {masalah}", _ubah(Layanan, s.pk))
        if not _langkah_ttd(s) or s.tanpa_surat:  # a service may end without a letter
            continue
        if not s.format_nomor_surat:
            yield Temuan(
                bagian,
                _("%(s)s has no letter number format.") % {"s": s.nama_singkat},
                _ubah(Layanan, s.pk),
            )


def _peran_dipakai(semua: list[Layanan]) -> dict[int, Peran]:
    peran: dict[int, Peran] = {}
    for s in semua:
        for lk in s.langkah.all():
            peran[lk.peran.pk] = lk.peran
            for paraf in lk.paraf.all():
                peran[paraf.peran.pk] = paraf.peran
    return {pk: p for pk, p in peran.items() if not p.adalah_pemohon}


def _peran_tanpa_pengguna(kantor: Kantor, semua: list[Layanan]) -> Iterable[Temuan]:
    dipakai = _peran_dipakai(semua)
    berorang = set(
        Pengguna.objects.filter(kantor=kantor, is_active=True, peran__in=list(dipakai))
        .values_list("peran", flat=True)
        .distinct()
    )
    for pk, peran in sorted(dipakai.items(), key=lambda kv: (kv[1].urutan, kv[1].nama)):
        if pk not in berorang:
            yield Temuan(
                _("Roles"),
                _("No active user holds the role %(r)s, which the SOPs use.") % {"r": peran.nama},
                _tambah(Pengguna),
            )


def _penanda_tangan(kantor: Kantor, semua: list[Layanan], pada: dt.datetime) -> Iterable[Temuan]:
    bagian = _("Signatures")
    peran_ttd = {lk.peran for s in semua for lk in _langkah_ttd(s)}
    pejabat = {
        p.peran_id: p
        for p in Pejabat.objects.filter(kantor=kantor, aktif=True, peran__in=peran_ttd).order_by(
            "-pk"
        )
    }
    # An office signing through BSrE needs each signer's NIK, not an uploaded certificate (the
    # certificate's status is BSrE's, asked when the signer opens a letter).
    bsre = PengaturanBsre.objects.filter(kantor=kantor, aktif=True).exists()
    for peran in sorted(peran_ttd, key=lambda p: (p.urutan, p.nama)):
        p = pejabat.get(peran.pk)
        v = {"r": peran.nama, "p": p.nama if p else ""}
        if p is None:
            yield Temuan(
                bagian,
                _("No active official signs as %(r)s.") % v,
                _tambah(Pejabat, peran=peran.pk),
            )
        elif bsre:
            if not p.nik:
                yield Temuan(
                    bagian,
                    _("%(p)s (%(r)s) has no NIK for BSrE signing.") % v,
                    _ubah(Pejabat, p.pk),
                )
        elif not p.sertifikat:
            yield Temuan(
                bagian, _("%(p)s (%(r)s) has no signing certificate.") % v, _ubah(Pejabat, p.pk)
            )
        elif p.sertifikat_berlaku_sampai and p.sertifikat_berlaku_sampai <= pada:
            yield Temuan(
                bagian,
                _("The signing certificate of %(p)s (%(r)s) has expired.") % v,
                _ubah(Pejabat, p.pk),
            )
        elif alasan := alasan_tidak_siap(p, pada=pada):  # not yet valid, or trusted by no CA now
            yield Temuan(
                bagian,
                _("The signing certificate of %(p)s (%(r)s) cannot sign: %(a)s")
                % {**v, "a": alasan},
                _ubah(Pejabat, p.pk),
            )
        elif (
            p.sertifikat_berlaku_sampai
            and p.sertifikat_berlaku_sampai <= pada + SERTIFIKAT_HAMPIR_HABIS
        ):
            yield Temuan(
                bagian,
                _("The signing certificate of %(p)s (%(r)s) expires on %(d)s: ask for a new one.")
                % {**v, "d": p.sertifikat_berlaku_sampai.date().isoformat()},
                _ubah(Pejabat, p.pk),
                wajib=False,
            )


def _kop(kantor: Kantor) -> Iterable[Temuan]:
    bagian = _("Letterhead")
    kurang = [
        str(getattr(Kantor._meta.get_field(f), "verbose_name", f))
        for f in ("nama_pemda", "nama_dinas", "alamat")
        if not getattr(kantor, f)
    ]
    if not kantor.logo and not kantor.kertas_berkop:
        kurang.append(str(_("logo")))
    if kurang:
        yield Temuan(
            bagian,
            _("The letterhead lacks: %(d)s.") % {"d": ", ".join(kurang)},
            _ubah(Kantor, kantor.pk),
        )


def tahun_kalender(zona: dt.tzinfo, pada: dt.datetime) -> tuple[int, int]:
    """The years whose calendar an office needs now: this one and the next."""
    tahun = timezone.localtime(pada, zona).year
    return tahun, tahun + 1


def _kalender(kantor: Kantor, pada: dt.datetime) -> Iterable[Temuan]:
    bagian = _("Working calendar")
    for t in tahun_kalender(kantor.zona, pada):
        libur = HariLibur.objects.filter(tanggal__year=t)
        nasional = libur.filter(kantor__isnull=True)
        v = {"t": t}
        if not nasional.exists():
            yield Temuan(
                bagian,
                _(
                    "The national holidays of %(t)s are not recorded: deadlines would count "
                    "them as working days. The national administrator fills them."
                )
                % v,
                _daftar(HariLibur),
            )
        elif nasional.filter(dikonfirmasi=False).exists():
            yield Temuan(
                bagian,
                _(
                    "Some national holidays of %(t)s are not confirmed yet (cuti bersama "
                    "changes each year); the national administrator confirms them."
                )
                % v,
                _daftar(HariLibur),
                wajib=False,
            )
        if not libur.filter(kantor=kantor).exists():
            yield Temuan(
                bagian,
                _(
                    "No regional holidays of this office are recorded for %(t)s (nothing to do "
                    "if the region has none)."
                )
                % v,
                _tambah(HariLibur),
                wajib=False,
            )


def _dtks(kantor: Kantor, semua: list[Layanan]) -> Iterable[Temuan]:
    if not any(lk.fungsi == FungsiLangkah.CEK_DTKS for s in semua for lk in s.langkah.all()):
        return
    bagian = _("DTKS")
    pengaturan = PengaturanDtks.objects.select_related("sumber").filter(kantor=kantor).first()
    if pengaturan is None:
        yield Temuan(
            bagian,
            _("A service checks DTKS but the office has not chosen where the answers come from."),
            _tambah(PengaturanDtks),
        )
    elif pengaturan.adapter == JenisAdapter.IMPOR and pengaturan.impor_aktif_id is None:
        yield Temuan(
            bagian,
            _("The office answers DTKS from its own export, but none has been imported."),
            reverse("admin:layanan_impordtks_unggah"),
        )
    elif pengaturan.adapter == JenisAdapter.HTTP and (
        pengaturan.sumber is None or not pengaturan.sumber.kantor.filter(pk=kantor.pk).exists()
    ):
        yield Temuan(
            bagian,
            _("The office's remote DTKS source is not offered to it any more."),
            _ubah(PengaturanDtks, pengaturan.pk),
        )
