"""A service's status: the check it must pass to take applications, and the only writer of
`Layanan.status` (activate, withdraw, back to draft)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from layanan.katalog.alur import Cabang, LangkahAlur, Masalah, periksa_alur, periksa_surat
from layanan.models import (
    HasilAkhir,
    Langkah,
    Layanan,
    ParafLangkah,
    Permohonan,
    StatusLayanan,
    StatusPermohonan,
    TemplatSurat,
)

PESAN_DIAKTIFKAN = gettext_lazy("The service is active: the loket can register applications.")
PESAN_DITARIK = gettext_lazy(
    "The service is withdrawn: no new applications; those under way finish as they started."
)
PESAN_DRAF = gettext_lazy("The service is a draft again: it takes no applications until activated.")
PESAN_MASIH_BERJALAN = gettext_lazy(
    "Applications of this service still under way: %(n)s. It can be withdrawn (no new "
    "applications), but made a draft only once they have finished."
)
PESAN_BUKAN_AKTIF = gettext_lazy("Only an active service can be withdrawn.")
PESAN_SUDAH_AKTIF = gettext_lazy("The service is already active.")
PESAN_SUDAH_DRAF = gettext_lazy("The service is already a draft.")
BERJALAN = (StatusPermohonan.BARU, StatusPermohonan.DITERIMA)


class StatusDitolak(Exception):
    """The change of status was refused; `masalah` says why (each with its step, if any)."""

    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        super().__init__("\n".join(str(m) for m in masalah))


@dataclass(frozen=True)
class Pemeriksaan:
    """The check of one service as it is saved: every problem, and those of each step."""

    masalah: list[Masalah]

    @property
    def lulus(self) -> bool:
        return not self.masalah

    def untuk_langkah(self, nomor: int) -> list[str]:
        return [m.pesan for m in self.masalah if m.nomor == nomor]


def alur_dari_model(langkah: Langkah, ada_paraf: bool = False) -> LangkahAlur:
    def cabang(nomor: int | None, hasil: HasilAkhir | None) -> Cabang:
        return Cabang(nomor=nomor, hasil=hasil.kode if hasil else None)

    return LangkahAlur(
        nomor=langkah.nomor,
        jenis=langkah.jenis,
        lanjut=cabang(langkah.lanjut_nomor, langkah.lanjut_hasil),
        tidak=cabang(langkah.tidak_nomor, langkah.tidak_hasil),
        ada_paraf=ada_paraf,
    )


def periksa_layanan(layanan: Layanan) -> Pemeriksaan:
    """Everything that keeps the service, as saved, from taking applications: its flow, the
    initials only on a signature step, and its letter. Nothing found: it may be activated."""
    langkah = list(
        Langkah.objects.filter(layanan=layanan)
        .select_related("lanjut_hasil", "tidak_hasil")
        .prefetch_related(Prefetch("paraf", queryset=ParafLangkah.objects.only("pk", "langkah")))
    )
    alur = [alur_dari_model(s, ada_paraf=bool(s.paraf.all())) for s in langkah]
    masalah = periksa_alur(alur, layanan.hasil.values_list("kode", flat=True))
    varian = TemplatSurat.objects.filter(layanan=layanan, hasil=None).values_list(
        "varian", flat=True
    )
    masalah += periksa_surat(alur, varian, tanpa_surat=layanan.tanpa_surat)
    return Pemeriksaan(masalah)


def jumlah_berjalan(layanan: Layanan) -> int:
    return Permohonan.objects.filter(layanan=layanan, status__in=BERJALAN).count()


def _kunci(layanan: Layanan) -> Layanan:
    return Layanan.objects.select_for_update().get(pk=layanan.pk)


def _simpan(layanan: Layanan, status: str) -> Layanan:
    layanan.status = status
    layanan.save(update_fields=["status"])
    return layanan


@transaction.atomic
def layanan_aktifkan(*, layanan: Layanan) -> Layanan:
    """Draft or withdrawn → active, only when the check passes (else StatusDitolak with every
    problem). Applications start on the SOP as it stands at their registration."""
    baru = _kunci(layanan)
    if baru.status == StatusLayanan.AKTIF:
        raise StatusDitolak([Masalah(str(PESAN_SUDAH_AKTIF))])
    pemeriksaan = periksa_layanan(baru)
    if not pemeriksaan.lulus:
        raise StatusDitolak(pemeriksaan.masalah)
    return _simpan(baru, StatusLayanan.AKTIF)


@transaction.atomic
def layanan_tarik(*, layanan: Layanan) -> Layanan:
    """Active → withdrawn: the loket stops offering it; applications under way go on."""
    baru = _kunci(layanan)
    if baru.status != StatusLayanan.AKTIF:
        raise StatusDitolak([Masalah(str(PESAN_BUKAN_AKTIF))])
    return _simpan(baru, StatusLayanan.DITARIK)


@transaction.atomic
def layanan_jadikan_draf(*, layanan: Layanan) -> Layanan:
    """Back to a draft, which may be saved broken: allowed only while no application of the
    service is under way, since those still read its outcomes and letter templates."""
    baru = _kunci(layanan)
    if baru.status == StatusLayanan.DRAF:
        raise StatusDitolak([Masalah(str(PESAN_SUDAH_DRAF))])
    if n := jumlah_berjalan(baru):
        raise StatusDitolak([Masalah(str(PESAN_MASIH_BERJALAN) % {"n": n})])
    return _simpan(baru, StatusLayanan.DRAF)
