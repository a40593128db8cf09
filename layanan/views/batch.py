"""The batch reader: the drafts waiting for the user's initials or signature, read one after
another (the PDF beside the data and each DTKS result), then initialled or signed together with
the passphrase typed once. The batch is kept in the session: which applications, and the step
token and draft fingerprint of each as its reader saw it. A small batch is processed in the
request; a larger one (settings.DINSOS_BATCH_DALAM_PERMINTAAN) by the worker, followed on its
progress page."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.dtks import penentu
from layanan.models import AksiLangkah, Pengguna, Permohonan
from layanan.permintaan import angka, pengguna, url_publik
from layanan.surat.batch import MAKS_BATCH, ButirBatch, aksi_batch, proses_batch
from layanan.surat.batch_latar import batch_antrekan, kemajuan
from layanan.surat.batch_pekerja import batch_rapikan
from layanan.surat.konsep import sidik_surat
from layanan.surat.services import alasan_tidak_bisa_menandatangani
from layanan.surat.tanda_tangan import TandaTanganGagal

KUNCI = "batch_tugas"


def _batch(request: HttpRequest) -> list[dict[str, Any]]:
    return list(request.session.get(KUNCI, []))


@login_required
@require_POST
def mulai_batch(request: HttpRequest) -> HttpResponse:
    """From the inbox: the chosen applications (or all waiting for the user) into a batch."""
    user = pengguna(request)
    if request.POST.get("semua"):
        calon = list(selectors.tugas_untuk(user)[:MAKS_BATCH])
    else:
        ids = [i for i in (angka(v) for v in request.POST.getlist("pilih")) if i][:MAKS_BATCH]
        calon = [p for p in selectors.permohonan_untuk(user).filter(pk__in=ids)]
    butir = []
    for p in calon:
        p = selectors.ambil_permohonan(user, p.pk)
        if mesin.boleh_bertindak(user, p) and aksi_batch(p):
            butir.append(
                {"pk": p.pk, "sertakan": True, "dibaca": False, "versi": None, "sidik": ""}
            )
    if not butir:
        messages.warning(request, _("None of these is waiting for your initials or signature."))
        return redirect("layanan:tugas-saya")
    request.session[KUNCI] = butir
    return redirect("layanan:batch-baca", i=0)


@login_required
def baca(request: HttpRequest, i: int) -> HttpResponse:
    """One draft of the batch. Reading it records the state it was read in (session only)."""
    butir = _batch(request)
    if not 0 <= i < len(butir):
        raise Http404
    user = pengguna(request)
    p = selectors.ambil_permohonan(user, butir[i]["pk"])
    hasil_dtks = penentu.keputusan(p)  # read once: the draft's fingerprint and the page use it
    butir[i].update(versi=p.versi, sidik=sidik_surat(p, hasil_dtks), dibaca=True)
    request.session[KUNCI] = butir
    aksi = aksi_batch(p)
    konteks = {
        "p": p,
        "i": i,
        "jumlah": len(butir),
        "butir": butir[i],
        "aksi": aksi,
        "alasan_ttd": _alasan_ttd(user, [p] if aksi == AksiLangkah.TANDA_TANGAN else []),
        "hasil_dtks": hasil_dtks,
        "isian": [(k.label, p.isian.get(k.kode)) for k in p.layanan.isian.all()],
    }
    return render(request, "tugas/batch_baca.html", konteks)


@login_required
@require_POST
def pilih(request: HttpRequest, i: int) -> HttpResponse:
    """Include or skip one draft, then the next one."""
    butir = _batch(request)
    if not 0 <= i < len(butir):
        raise Http404
    butir[i]["sertakan"] = request.POST.get("sertakan") == "1"
    request.session[KUNCI] = butir
    if i + 1 < len(butir):
        return redirect("layanan:batch-baca", i=i + 1)
    return redirect("layanan:batch-selesai")


def _alasan_ttd(user: Pengguna, untuk: list[Permohonan]) -> str:
    """Why the user's certificate cannot sign these drafts ("" when it can, or nothing is to be
    signed): checked once, the drafts being of the user's own office. A draft that names another
    signer is still refused on its own line of the results."""
    if not untuk:
        return ""
    return alasan_tidak_bisa_menandatangani(oleh=user, kantor_id=untuk[0].kantor_id)


@sensitive_post_parameters("frasa_sandi")  # kept out of any error report
@login_required
def selesai(request: HttpRequest) -> HttpResponse:
    """The batch's summary, and the one form that initials and signs what was read and kept."""
    user = pengguna(request)
    butir = _batch(request)
    if not butir:
        return redirect("layanan:tugas-saya")
    baris = []
    for b in butir:
        p = selectors.ambil_permohonan(user, b["pk"])
        baris.append({**b, "p": p, "aksi": aksi_batch(p)})
    siap = [b for b in baris if b["sertakan"] and b["dibaca"] and b["aksi"]]
    # A signer whose certificate cannot sign is told so here, before typing the passphrase; the
    # drafts to sign stay out of the batch and the initials go ahead.
    ttd = [b["p"] for b in siap if b["aksi"] == AksiLangkah.TANDA_TANGAN]
    alasan = _alasan_ttd(user, ttd)
    if alasan:
        siap = [b for b in siap if b["aksi"] != AksiLangkah.TANDA_TANGAN]
    perlu_frasa = any(b["aksi"] == AksiLangkah.TANDA_TANGAN for b in siap)
    di_latar = len(siap) > settings.DINSOS_BATCH_DALAM_PERMINTAAN
    if request.method != "POST":
        konteks = {
            "baris": baris,
            "siap": siap,
            "perlu_frasa": perlu_frasa,
            "di_latar": di_latar,
            "alasan_ttd": alasan,
        }
        return render(request, "tugas/batch_selesai.html", konteks)
    if di_latar:
        return _antrekan(request, siap, perlu_frasa=perlu_frasa)
    hasil = proses_batch(
        butir=[ButirBatch(b["p"], b["versi"], b["sidik"]) for b in siap],
        oleh=user,
        frasa_sandi=request.POST.get("frasa_sandi", "")[:200],
        url_verifikasi=_url_verifikasi(request),
    )
    request.session.pop(KUNCI, None)
    return render(request, "tugas/batch_hasil.html", {"hasil": hasil})


def _url_verifikasi(request: HttpRequest) -> str:
    url = url_publik(request, reverse("layanan:verifikasi", args=["TOKEN"]))
    return url.replace("TOKEN", "{token}")


def _antrekan(
    request: HttpRequest, siap: list[dict[str, Any]], *, perlu_frasa: bool
) -> HttpResponse:
    """A large batch goes to the worker; a wrong passphrase is told now and queues nothing."""
    try:
        batch = batch_antrekan(
            butir=[ButirBatch(b["p"], b["versi"], b["sidik"]) for b in siap],
            oleh=pengguna(request),
            frasa_sandi=request.POST.get("frasa_sandi", "")[:200],
            perlu_frasa=perlu_frasa,
            url_verifikasi=_url_verifikasi(request),
        )
    except TandaTanganGagal as exc:
        messages.error(request, str(exc))
        return redirect("layanan:batch-selesai")  # the batch read stays in the session
    request.session.pop(KUNCI, None)
    return redirect("layanan:batch-kemajuan", pk=batch.pk)


@login_required
def kemajuan_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """A large batch's progress: its owner's only (anyone else, even of the office, gets 404).
    A batch that can no longer run is told as failed first (bookkeeping, written only then)."""
    batch_rapikan()
    batch = selectors.ambil_batch_tugas(pengguna(request), pk)
    butir = selectors.butir_batch_tugas(batch)
    k = kemajuan(batch, butir)
    konteks = {
        "batch": batch,
        "kemajuan": k,
        "butir_keadaan": list(zip(butir, k.butir, strict=True)),
    }
    return render(request, "tugas/batch_kemajuan.html", konteks)


@login_required
def kemajuan_batch_data(request: HttpRequest, pk: int) -> HttpResponse:
    """The same, for the page's script (static/js/batch_kemajuan.js) to update it in place."""
    batch_rapikan()
    batch = selectors.ambil_batch_tugas(pengguna(request), pk)
    k = kemajuan(batch, selectors.butir_batch_tugas(batch, dengan_permohonan=False))
    return JsonResponse(asdict(k), headers={"Cache-Control": "no-store"})
