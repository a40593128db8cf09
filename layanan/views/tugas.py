"""Inboxes ("Tugas saya") and the action of the current step of an application."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.models import AksiLangkah, Pengguna, Permohonan, StatusPermohonan
from layanan.permintaan import angka, pengguna
from layanan.views.kotak_tugas import baris_kotak

log = logging.getLogger(__name__)


@login_required
def tugas_saya(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    # No total count: over a large backlog it would cost more than the page itself.
    halaman = HalamanTanpaJumlah(selectors.tugas_untuk(user).sebagai_data(), request.GET.get("hal"))
    # Every row is of the user's own office (one without an office has none), and carries its
    # step's time standard: no SOP snapshot is read for the list.
    kantor = user.kantor
    baris = baris_kotak(request, kantor, list(halaman)) if kantor is not None else []
    return render(request, "tugas/tugas_saya.html", {"halaman": halaman, "baris": baris})


@login_required
@require_POST
def mulai(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a task from the inbox: its step's "started" time is stamped by this explicit act of
    the role holder (a GET of the page changes nothing)."""
    user = pengguna(request)
    mesin.tandai_mulai(subjek=selectors.ambil_permohonan(user, pk), oleh=user)
    return redirect("layanan:permohonan-detail", pk=pk)


@login_required
@require_POST
def kerjakan(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    permohonan = selectors.ambil_permohonan(user, pk)
    aksi = request.POST.get("aksi", "")
    if aksi not in AksiLangkah.values:
        raise Http404
    nomor = permohonan.langkah_nomor
    try:
        permohonan = mesin.kerjakan_langkah(
            subjek=permohonan,
            oleh=user,
            aksi=aksi,
            versi=angka(request.POST.get("versi")),
            catatan=request.POST.get("catatan", "")[:2000],
            bukti={"sidik_konsep": request.POST.get("sidik_konsep", "")[:64]},
        )
    except mesin.TransisiDitolak as exc:
        log.warning("step refused: permohonan=%s user=%s aksi=%s: %s", pk, user.pk, aksi, exc)
        messages.error(request, str(exc))
        return redirect("layanan:permohonan-detail", pk=pk)
    messages.success(request, pesan_langkah(aksi, nomor, permohonan))
    return berikutnya(user, selesai=pk)


# What was done, said of the step just left...
DIKERJAKAN = {
    AksiLangkah.SELESAI: gettext_lazy("Step %(nomor)s done"),
    AksiLangkah.YA: gettext_lazy("Step %(nomor)s answered YES"),
    AksiLangkah.TIDAK: gettext_lazy("Step %(nomor)s answered NO"),
    AksiLangkah.PARAF: gettext_lazy("Step %(nomor)s initialled"),
    AksiLangkah.TANDA_TANGAN: gettext_lazy("Step %(nomor)s signed"),
    AksiLangkah.KEMBALI: gettext_lazy("Step %(nomor)s sent back"),
}
# ...and what comes next, by what the step the application is now at asks of whom.
BERIKUTNYA = {
    AksiLangkah.PARAF: gettext_lazy(
        "%(langkah)s; the application goes to %(peran)s to be initialled (step %(nomor)s)."
    ),
    AksiLangkah.TANDA_TANGAN: gettext_lazy(
        "%(langkah)s; the application goes to %(peran)s to be signed (step %(nomor)s)."
    ),
    AksiLangkah.YA: gettext_lazy(
        "%(langkah)s; the application goes to %(peran)s for a YES/NO decision (step %(nomor)s)."
    ),
    AksiLangkah.SELESAI: gettext_lazy(
        "%(langkah)s; the application goes to %(peran)s for step %(nomor)s."
    ),
}


def pesan_langkah(aksi: str, nomor: int | None, p: Permohonan) -> str:
    """The success message of a step: what was done and where the application is now, e.g.
    "Langkah 3 selesai; permohonan diteruskan ke Kabid untuk diparaf (langkah 5)." """
    konteks: dict[str, Any] = {"langkah": DIKERJAKAN[AksiLangkah(aksi)] % {"nomor": nomor}}
    if p.status == StatusPermohonan.SELESAI:
        hasil = p.hasil.nama if p.hasil else p.get_status_display()
        return _("%(langkah)s; the application is finished: %(hasil)s.") % {
            **konteks,
            "hasil": hasil,
        }
    langkah = mesin.langkah_kini(p)
    if langkah is None:  # cancelled, or anything else without a current step
        return _("%(langkah)s.") % konteks
    konteks |= {"nomor": langkah.nomor, "peran": mesin.nama_peran_pelaku(p, langkah)}
    if langkah.pemohon:
        peran_loket = p.peran_saat_ini.nama if p.peran_saat_ini else ""
        return _(
            "%(langkah)s; the applicant's own step %(nomor)s follows, recorded at the loket "
            "(%(peran)s)."
        ) % {**konteks, "peran": peran_loket}
    if aksi == AksiLangkah.KEMBALI:
        return _("%(langkah)s; the application goes back to %(peran)s, step %(nomor)s.") % konteks
    return BERIKUTNYA[mesin.pilihan_langkah(p)[0]] % konteks


@login_required
@require_POST
def batalkan(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    permohonan = selectors.ambil_permohonan(user, pk)
    try:
        mesin.batalkan(subjek=permohonan, oleh=user, alasan=request.POST.get("alasan", "")[:2000])
    except mesin.TransisiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The application was cancelled."))
    return redirect("layanan:permohonan-detail", pk=pk)


class HalamanTanpaJumlah:
    """A page of 25 that only knows whether another follows (it fetches 26)."""

    UKURAN = 25

    def __init__(self, qs: Any, nomor: str | None):
        self.number = min(angka(nomor) or 1, 10_000) or 1
        awal = (self.number - 1) * self.UKURAN
        baris = list(qs[awal : awal + self.UKURAN + 1])
        self.has_next = len(baris) > self.UKURAN
        self.object_list = baris[: self.UKURAN]
        self.has_previous = self.number > 1

    def __iter__(self) -> Any:
        return iter(self.object_list)


@login_required
def tugas_berikutnya(request: HttpRequest) -> HttpResponse:
    """The first item of the user's inbox (after a batch ran in the background)."""
    return berikutnya(pengguna(request), selesai=0)


def berikutnya(user: Pengguna, *, selesai: int) -> HttpResponse:
    """After an action, the next item of the user's inbox (the inbox itself when it is empty)."""
    p = next((t for t in selectors.tugas_untuk(user)[0:2] if t.pk != selesai), None)
    if p is None:
        return redirect("layanan:tugas-saya")
    return redirect("layanan:permohonan-detail", pk=p.pk)
