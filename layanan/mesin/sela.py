"""Actions on a walk beside its steps: the clock stands still while the citizen is asked for
information and starts again when it arrives, the limit is extended, the walk is closed early
with an outcome, or its steps are handed to other roles.

Each is a transition like the steps (layanan.mesin.transisi): the row locked, the guard checked
(office, the role it waits for, the step token, and the capabilities' hooks `sebelum_sela`),
the change and its history row written in one transaction, saved with update_fields. Nothing
here knows complaints: an application could pause, be extended or be closed the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.hari_kerja import menit_kerja
from layanan.hari_kerja import tenggat as titik_tenggat
from layanan.mesin import kait
from layanan.mesin.aturan import boleh_bertindak, langkah_kini, nama_peran_pelaku, peran_langkah
from layanan.mesin.potret import Potret
from layanan.mesin.transisi import SudahDikerjakan, TransisiDitolak, _pesan_sudah, _simpan, kunci
from layanan.models import AksiLangkah, HasilAkhir, Pengguna, Peran
from layanan.models.jalan import JalanSop, StatusJalan
from layanan.models.sop import MENIT_PER_HARI_KERJA

S = TypeVar("S", bound=JalanSop)


def _mulai(
    subjek: S,
    *,
    oleh: Pengguna,
    versi: int | None,
    aksi: str,
    catatan: str,
    lampiran: Mapping[str, Any] | None = None,
) -> tuple[S, kait.Transisi]:
    s = kunci(subjek)
    if s.versi != versi or s.status != StatusJalan.DITERIMA:
        raise SudahDikerjakan(_pesan_sudah(s))
    langkah = langkah_kini(s)
    assert langkah is not None
    if not boleh_bertindak(oleh, s):
        raise TransisiDitolak(_("This step is for another role."))
    t = kait.Transisi(
        subjek=s,
        langkah=langkah,
        aksi=aksi,
        oleh=oleh,
        catatan=catatan.strip(),
        sekarang=timezone.now(),
        lampiran=lampiran or {},
    )
    for k in kait.untuk(s):
        k.sebelum_sela(t)
    return s, t


def _catat(s: JalanSop, t: kait.Transisi) -> None:
    """The history row of an action beside the step: no time standard of its own, so the
    timeline never calls a pause or an extension late."""
    siap = s.langkah_siap_pada or t.sekarang
    s.riwayat.create(  # type: ignore[attr-defined]
        versi=s.versi,
        nomor=t.langkah.nomor,
        kegiatan=t.langkah.kegiatan,
        peran=nama_peran_pelaku(s, t.langkah),
        aksi=t.aksi,
        catatan=t.catatan,
        oleh=t.oleh,
        siap_pada=siap,
        mulai_pada=s.langkah_mulai_pada,
        selesai_pada=t.sekarang,
        standar_menit=None,
        menit_kerja=round(menit_kerja(s.kantor, siap, t.sekarang)),  # type: ignore[attr-defined]
        kantor_id=s.kantor_id,  # type: ignore[attr-defined]
        layanan_id=s.layanan_id,  # type: ignore[attr-defined]
    )


def _selesai(s: JalanSop, t: kait.Transisi) -> None:
    _catat(s, t)
    s.versi += 1
    for k in kait.untuk(s):
        k.sesudah_sela(t)
    _simpan(s, str(t.aksi))


def _geser(s: JalanSop, menit: float) -> None:
    """The deadline and the step's start move on by `menit` working minutes."""
    if menit <= 0:
        return
    kantor = s.kantor  # type: ignore[attr-defined]
    if s.tenggat is not None:
        s.tenggat = titik_tenggat(kantor, s.tenggat, menit)
    if s.langkah_siap_pada is not None:
        s.langkah_siap_pada = titik_tenggat(kantor, s.langkah_siap_pada, menit)


@transaction.atomic
def jeda(*, subjek: S, oleh: Pengguna, versi: int | None, catatan: str) -> S:
    """Stop the clock: the citizen is asked for information (`catatan` says what)."""
    s, t = _mulai(subjek, oleh=oleh, versi=versi, aksi=AksiLangkah.JEDA, catatan=catatan)
    if s.dijeda_pada is not None:
        raise TransisiDitolak(_("The clock is already paused."))
    if not t.catatan:
        raise TransisiDitolak(_("Say what information is needed."))
    s.dijeda_pada = t.sekarang
    _selesai(s, t)
    return s


@transaction.atomic
def lanjutkan(
    *,
    subjek: S,
    oleh: Pengguna,
    versi: int | None,
    catatan: str = "",
    sejak: dt.datetime | None = None,
) -> S:
    """Start the clock again from `sejak` (when the information arrived; now by default): the
    deadline and the step's time move on by the working time it stood still."""
    s, t = _mulai(subjek, oleh=oleh, versi=versi, aksi=AksiLangkah.LANJUT, catatan=catatan)
    if s.dijeda_pada is None:
        raise TransisiDitolak(_("The clock is not paused."))
    sampai = sejak or t.sekarang
    if not s.dijeda_pada <= sampai <= t.sekarang:
        raise TransisiDitolak(_("The information cannot arrive before it was asked for."))
    menit = menit_kerja(s.kantor, s.dijeda_pada, sampai)  # type: ignore[attr-defined]
    t.temuan["menit_jeda"] = menit
    _geser(s, menit)
    catatan_jeda = _("The clock stood still for %(m)s working minutes.") % {"m": round(menit)}
    t.catatan = f"{t.catatan}\n{catatan_jeda}" if t.catatan else catatan_jeda
    s.dijeda_pada = None
    _selesai(s, t)
    return s


@transaction.atomic
def perpanjang(*, subjek: S, oleh: Pengguna, versi: int | None, hari_kerja: int, catatan: str) -> S:
    """Extend the walk's limit by whole working days, with the reason on record."""
    s, t = _mulai(subjek, oleh=oleh, versi=versi, aksi=AksiLangkah.PERPANJANG, catatan=catatan)
    if not t.catatan:
        raise TransisiDitolak(_("Say why the time limit is extended."))
    if hari_kerja < 1:
        raise TransisiDitolak(_("Extend by at least one working day."))
    if s.tenggat is None:
        raise TransisiDitolak(_("This has no time limit to extend."))
    kantor = s.kantor  # type: ignore[attr-defined]
    s.tenggat = titik_tenggat(kantor, s.tenggat, hari_kerja * MENIT_PER_HARI_KERJA)
    t.temuan["hari_kerja"] = hari_kerja
    t.catatan += "\n" + _("Extended by %(n)s working days, to %(waktu)s.") % {
        "n": hari_kerja,
        "waktu": timezone.localtime(s.tenggat, kantor.zona).strftime("%d-%m-%Y %H:%M"),
    }
    _selesai(s, t)
    return s


@transaction.atomic
def akhiri(
    *,
    subjek: S,
    oleh: Pengguna,
    versi: int | None,
    hasil: HasilAkhir | None,
    catatan: str,
    lampiran: Mapping[str, Any] | None = None,
) -> S:
    """Close the walk at its current step with an outcome of its SOP (a complaint closed with a
    decision, whatever stage it reached). A paused clock stops for good."""
    s, t = _mulai(
        subjek,
        oleh=oleh,
        versi=versi,
        aksi=AksiLangkah.DITUTUP,
        catatan=catatan,
        lampiran=lampiran,
    )
    if hasil is not None and hasil.layanan_id != s.layanan_id:  # type: ignore[attr-defined]
        raise TransisiDitolak(_("That outcome belongs to another SOP."))
    if s.dijeda_pada is not None:
        t.temuan["menit_jeda"] = menit_kerja(s.kantor, s.dijeda_pada, t.sekarang)  # type: ignore[attr-defined]
    _catat(s, t)
    s.versi += 1
    s.status = StatusJalan.SELESAI
    s.hasil_id = hasil.pk if hasil is not None else None
    s.langkah_nomor = None
    s.langkah_standar_menit = None
    s.peran_saat_ini_id = None
    s.selesai_pada = t.sekarang
    s.dijeda_pada = None
    for k in kait.untuk(s):
        k.sesudah_sela(t)
    _simpan(s, str(t.aksi))
    return s


@transaction.atomic
def alihkan_peran(
    *, subjek: S, oleh: Pengguna, versi: int | None, ganti: Mapping[int, Peran], catatan: str
) -> S:
    """Hand the walk's steps of some roles to others, from now on (what was done stays on
    record under the roles that did it): a complaint found to concern an officer goes to the
    roles that may see it."""
    s, t = _mulai(subjek, oleh=oleh, versi=versi, aksi=AksiLangkah.ALIH_PERAN, catatan=catatan)
    if not t.catatan:
        raise TransisiDitolak(_("Say why the handling roles change."))
    _catat(s, t)
    s.alur = ganti_peran_potret(Potret.dari_json(s.alur), ganti).ke_json()
    langkah = langkah_kini(s)
    assert langkah is not None
    s.versi += 1
    s.peran_saat_ini_id = peran_langkah(s, langkah)
    s.langkah_siap_pada, s.langkah_mulai_pada = t.sekarang, None
    for k in kait.untuk(s):
        k.sesudah_sela(t)
    _simpan(s, str(t.aksi))
    return s


def ganti_peran_potret(alur: Potret, ganti: Mapping[int, Peran]) -> Potret:
    """The same SOP with the steps and initials of some roles given to others."""

    def peran(peran_id: int, nama: str) -> dict[str, Any]:
        baru = ganti.get(peran_id)
        return {"peran_id": baru.pk, "peran": baru.nama} if baru else {}

    return replace(
        alur,
        langkah=tuple(
            replace(
                s,
                **peran(s.peran_id, s.peran),
                paraf=tuple(replace(p, **peran(p.peran_id, p.peran)) for p in s.paraf),
            )
            for s in alur.langkah
        ),
    )
