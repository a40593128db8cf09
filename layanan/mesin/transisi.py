"""The one writer of a walk's state: every transition, its guard, and its record.

Each transition takes the row with select_for_update(), checks its guard (office, role, current
step, step token, and the guards capabilities add through layanan.mesin.kait), writes the change
and its history row in one transaction and saves with update_fields. Whatever is walked (an
application, a complaint) is a JalanSop with a `riwayat` relation; the engine knows nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.hari_kerja import menit_batas, menit_kerja, tenggat
from layanan.mesin import kait
from layanan.mesin.aturan import (
    boleh_bertindak,
    boleh_mencatat_loket,
    langkah_kini,
    nama_peran_pelaku,
    peran_langkah,
    pilihan_langkah,
    potret,
)
from layanan.mesin.potret import Cabang, LangkahPotret, potret_alur
from layanan.models import AksiLangkah, FungsiLangkah, HasilAkhir, Pengguna, Peran
from layanan.models.jalan import KOLOM_JALAN, JalanSop, StatusJalan, izin_mesin

S = TypeVar("S", bound=JalanSop)
KOLOM_SIMPAN = [k.removesuffix("_id") for k in KOLOM_JALAN]


class TransisiDitolak(Exception):
    """A transition whose guard failed; the message says why, in Indonesian."""


class SudahDikerjakan(TransisiDitolak):
    """Someone else completed this step first (two users, one step)."""


def kunci(subjek: S) -> S:
    """The walked row, locked for the rest of the transaction."""
    return (
        type(subjek)
        .objects.select_for_update()
        .select_related("kantor", "layanan")
        .get(pk=subjek.pk)
    )


def _simpan(subjek: JalanSop, alasan: str) -> None:
    subjek._change_reason = alasan[:100]  # type: ignore[attr-defined]  # simple-history's note
    with izin_mesin():
        subjek.save(update_fields=KOLOM_SIMPAN)


def _catat(
    subjek: JalanSop,
    langkah: LangkahPotret,
    aksi: str,
    oleh: Pengguna,
    sekarang: dt.datetime,
    catatan: str = "",
    peran: str | None = None,
    sidik: str = "",
) -> None:
    siap = subjek.langkah_siap_pada or sekarang
    subjek.riwayat.create(  # type: ignore[attr-defined]
        versi=subjek.versi,
        sidik_konsep=sidik,
        nomor=langkah.nomor,
        kegiatan=langkah.kegiatan,
        peran=peran or langkah.peran,
        aksi=aksi,
        catatan=catatan,
        oleh=oleh,
        siap_pada=siap,
        mulai_pada=subjek.langkah_mulai_pada,
        selesai_pada=sekarang,
        standar_menit=langkah.menit,
        menit_kerja=round(menit_kerja(subjek.kantor, siap, sekarang)),  # type: ignore[attr-defined]
        kantor_id=subjek.kantor_id,  # type: ignore[attr-defined]
        layanan_id=subjek.layanan_id,  # type: ignore[attr-defined]
    )


def _masuk(subjek: JalanSop, tujuan: Cabang | None, sekarang: dt.datetime) -> None:
    """Move to a step, or end with an outcome."""
    subjek.versi += 1
    if tujuan is None:
        raise TransisiDitolak(_("The SOP does not say where this step leads."))
    if tujuan.nomor is not None:
        langkah = potret(subjek).ke(tujuan.nomor)
        assert langkah is not None
        subjek.langkah_nomor = tujuan.nomor
        subjek.langkah_standar_menit = langkah.menit
        subjek.paraf_ke = 0
        subjek.langkah_siap_pada = sekarang
        subjek.langkah_mulai_pada = None
        subjek.peran_saat_ini_id = peran_langkah(subjek, langkah)
        return
    subjek.status = StatusJalan.SELESAI
    subjek.hasil_id = tujuan.hasil_id
    subjek.langkah_nomor = None
    subjek.langkah_standar_menit = None
    subjek.peran_saat_ini_id = None
    subjek.selesai_pada = sekarang


# ---------------------------------------------------------------------------
# Start and first decision (the loket's completeness check)
# ---------------------------------------------------------------------------
def terima(
    *,
    subjek: JalanSop,
    oleh: Pengguna | None,
    sekarang: dt.datetime,
    batas_menit: float | None = None,
    ganti_peran: Mapping[int, Peran] | None = None,
) -> None:
    """Accept a locked, new subject: freeze its SOP, set its deadline, record the loket's part
    (up to the completeness step) and move to the step after it.

    `batas_menit` overrides the service's limit (a complaint's category has its own);
    `ganti_peran` hands a role's steps to another role for this walk (layanan.mesin.potret).
    `oleh` may be None only for an SOP without a completeness step to record (a complaint sent
    from the public form): there is nobody's action to write down."""
    if subjek.status != StatusJalan.BARU:
        raise TransisiDitolak(_("The completeness of this application was already decided."))
    layanan = subjek.layanan  # type: ignore[attr-defined]
    subjek.alur = potret_alur(layanan, ganti_peran).ke_json()
    subjek.status = StatusJalan.DITERIMA
    if batas_menit is None:
        batas_menit = menit_batas(layanan.batas_waktu_hari_kerja, layanan.total_menit)
    subjek.tenggat = tenggat(subjek.kantor, sekarang, batas_menit) if batas_menit else None  # type: ignore[attr-defined]
    daftar = potret(subjek).langkah
    kelengkapan = next((s for s in daftar if s.fungsi == FungsiLangkah.KELENGKAPAN), None)
    if kelengkapan is None:
        subjek.langkah_siap_pada = sekarang
        _masuk(subjek, Cabang(nomor=daftar[0].nomor), sekarang)
    else:
        if oleh is None:
            raise TransisiDitolak(_("Someone must record the completeness check."))
        subjek.langkah_siap_pada = subjek.dibuat_pada  # type: ignore[attr-defined]
        for s in daftar:
            _catat(subjek, s, AksiLangkah.DI_LOKET, oleh, sekarang)
            if s is kelengkapan:
                break
        _masuk(subjek, kelengkapan.lanjut or potret(subjek).berikut(kelengkapan.nomor), sekarang)
    _simpan(subjek, str(StatusJalan.DITERIMA.label))
    for k in kait.untuk(subjek):
        k.sesudah_terima(subjek, sekarang)


def tolak(
    *, subjek: JalanSop, oleh: Pengguna, sekarang: dt.datetime, hasil: HasilAkhir | None
) -> None:
    """Not accepted (documents incomplete): the attempt ends, on the record, with its outcome."""
    if subjek.status != StatusJalan.BARU:
        raise TransisiDitolak(_("The completeness of this application was already decided."))
    subjek.alur = potret_alur(subjek.layanan).ke_json()  # type: ignore[attr-defined]
    subjek.versi += 1
    subjek.status = StatusJalan.TIDAK_DITERIMA
    subjek.hasil = hasil
    subjek.selesai_pada = sekarang
    subjek.langkah_siap_pada = subjek.dibuat_pada  # type: ignore[attr-defined]
    daftar = potret(subjek).langkah
    kelengkapan = next((s for s in daftar if s.fungsi == FungsiLangkah.KELENGKAPAN), None)
    if kelengkapan is not None:
        for s in daftar:
            if s is kelengkapan:
                _catat(subjek, s, AksiLangkah.TIDAK, oleh, sekarang, _("Documents incomplete."))
                break
            _catat(subjek, s, AksiLangkah.DI_LOKET, oleh, sekarang)
    _simpan(subjek, str(StatusJalan.TIDAK_DITERIMA.label))


# ---------------------------------------------------------------------------
# The steps
# ---------------------------------------------------------------------------
@transaction.atomic
def kerjakan_langkah(
    *,
    subjek: S,
    oleh: Pengguna,
    aksi: str,
    versi: int | None,
    catatan: str = "",
    bukti: Mapping[str, str] | None = None,
    lampiran: Mapping[str, Any] | None = None,
) -> S:
    """Complete the current step (or the current paraf of it) with one of its actions.

    `versi` is the step token the user's page was shown with: if the walk has moved on since
    (even round a send-back to the same step), someone else acted first and this user is told
    who. `bukti` is what the page showed (for capabilities' guards: a draft's fingerprint);
    `lampiran` is what a capability's own service attaches (the letter it signed).
    """
    s = kunci(subjek)
    sekarang = timezone.now()
    if s.versi != versi or s.status != StatusJalan.DITERIMA:
        raise SudahDikerjakan(_pesan_sudah(s))
    langkah = langkah_kini(s)
    assert langkah is not None
    if s.dijeda_pada is not None:
        raise TransisiDitolak(_("The clock is paused, waiting for information: resume it first."))
    if not boleh_bertindak(oleh, s):
        raise TransisiDitolak(_("This step is for another role."))
    if aksi not in pilihan_langkah(s):
        raise TransisiDitolak(_("That action does not belong to this step."))
    t = kait.Transisi(
        subjek=s,
        langkah=langkah,
        aksi=aksi,
        oleh=oleh,
        catatan=catatan,
        sekarang=sekarang,
        bukti=bukti or {},
        lampiran=lampiran or {},
    )
    for k in kait.untuk(s):
        k.sebelum(t)
    if aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI) and not t.catatan.strip():
        raise TransisiDitolak(_("Say why (NO and sending back need a reason)."))
    _terapkan(t)
    for k in kait.untuk(s):
        k.sesudah(t)
    _simpan(s, f"{langkah.nomor}: {aksi}")
    return s


def _pesan_sudah(s: JalanSop) -> str:
    terakhir = s.riwayat.select_related("oleh").order_by("-selesai_pada", "-id").first()  # type: ignore[attr-defined]
    if terakhir is None:
        return _("This application changed since you opened it; open it again.")
    return _("This step was already done by %(oleh)s at %(waktu)s.") % {
        "oleh": terakhir.oleh,
        "waktu": timezone.localtime(terakhir.selesai_pada, s.kantor.zona).strftime("%H:%M"),  # type: ignore[attr-defined]
    }


def _terapkan(t: kait.Transisi) -> None:
    s, langkah = t.subjek, t.langkah
    peran = nama_peran_pelaku(s, langkah)
    if t.aksi == AksiLangkah.PARAF and s.paraf_ke < len(langkah.paraf):
        _catat(s, langkah, t.aksi, t.oleh, t.sekarang, t.catatan, peran, t.sidik)
        s.versi += 1
        s.paraf_ke += 1
        s.peran_saat_ini_id = peran_langkah(s, langkah)
        s.langkah_siap_pada, s.langkah_mulai_pada = t.sekarang, None  # the next paraf's timing
        return
    _catat(s, langkah, t.aksi, t.oleh, t.sekarang, t.catatan, peran, t.sidik)
    if t.aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI):
        _masuk(s, langkah.tidak, t.sekarang)
    else:
        _masuk(s, langkah.lanjut or potret(s).berikut(langkah.nomor), t.sekarang)


@transaction.atomic
def ulangi_paraf(*, subjek: S, oleh: Pengguna, nomor: int, catatan: str) -> S:
    """Void the initials given from step `nomor` on: the chain starts again from that step's
    first paraf, with the reason on record (a draft changed after it was initialled)."""
    s = kunci(subjek)
    langkah = potret(s).ke(nomor)
    if s.status != StatusJalan.DITERIMA or langkah is None:
        raise TransisiDitolak(_("Only an application in process can be initialled again."))
    sekarang = timezone.now()
    pertama = langkah.paraf[0].peran if langkah.paraf else langkah.peran
    _catat(s, langkah, AksiLangkah.PARAF_BATAL, oleh, sekarang, catatan, peran=pertama)
    if nomor != s.langkah_nomor:
        _masuk(s, Cabang(nomor=nomor), sekarang)
    else:
        s.versi += 1
        s.paraf_ke = 0
        s.peran_saat_ini_id = peran_langkah(s, langkah)
        s.langkah_siap_pada, s.langkah_mulai_pada = sekarang, None
    _simpan(s, "paraf batal")
    return s


@transaction.atomic
def batalkan(*, subjek: S, oleh: Pengguna, alasan: str) -> S:
    """Cancel a walk in process, with its reason, on the record; nothing is deleted."""
    s = kunci(subjek)
    if s.status != StatusJalan.DITERIMA:
        raise TransisiDitolak(_("Only an application in process can be cancelled."))
    if not boleh_mencatat_loket(oleh, s):
        raise TransisiDitolak(_("Only the loket of this service can cancel it."))
    if not alasan.strip():
        raise TransisiDitolak(_("Say why the application is cancelled."))
    for k in kait.untuk(s):
        k.sebelum_batal(s, oleh)
    sekarang = timezone.now()
    langkah = langkah_kini(s)
    if langkah is not None:
        _catat(s, langkah, AksiLangkah.DIBATALKAN, oleh, sekarang, alasan.strip(), oleh_peran(s))
    s.versi += 1
    s.status = StatusJalan.DIBATALKAN
    s.alasan_batal = alasan.strip()
    s.selesai_pada = sekarang
    s.langkah_nomor = None
    s.langkah_standar_menit = None
    s.peran_saat_ini_id = None
    s._change_reason = alasan.strip()[:100]  # type: ignore[attr-defined]
    with izin_mesin():
        s.save(update_fields=KOLOM_SIMPAN)
    return s


def oleh_peran(s: JalanSop) -> str:
    """The loket's role name, as cancelling is recorded."""
    loket = next((x for x in potret(s).langkah if not x.pemohon), None)
    return loket.peran if loket else ""


def tandai_mulai(*, subjek: JalanSop, oleh: Pengguna) -> bool:
    """The step's "started" time: stamped when someone holding its role says they start it.
    Only if nobody did since the page was shown (the step token)."""
    if subjek.langkah_mulai_pada is not None or not boleh_bertindak(oleh, subjek):
        return False
    with izin_mesin():
        return bool(
            type(subjek)
            .objects.filter(pk=subjek.pk, versi=subjek.versi, langkah_mulai_pada__isnull=True)
            .update(langkah_mulai_pada=timezone.now())
        )


def boleh_koreksi(user: Pengguna, subjek: JalanSop) -> bool:
    """The data may be corrected by whoever holds a step the SOP sends drafts back to, while it
    stands there (a send-back's target): the correction then comes before any new paraf."""
    langkah = langkah_kini(subjek)
    if langkah is None or not boleh_bertindak(user, subjek):
        return False
    return any(
        s.tidak is not None and s.tidak.nomor == langkah.nomor for s in potret(subjek).langkah
    )


@transaction.atomic
def catat_koreksi(*, subjek: S, oleh: Pengguna, catatan: str) -> S:
    """Record a correction of the walked subject's data on its timeline, and give the step a new
    token: a form shown before the correction (a paraf of the old draft) is refused."""
    s = kunci(subjek)
    if not boleh_koreksi(oleh, s):
        raise TransisiDitolak(_("Data can be corrected only at a step drafts are sent back to."))
    langkah = langkah_kini(s)
    assert langkah is not None
    _catat(
        s,
        langkah,
        AksiLangkah.KOREKSI,
        oleh,
        timezone.now(),
        catatan,
        nama_peran_pelaku(s, langkah),
    )
    s.versi += 1
    _simpan(s, "koreksi")
    return s
