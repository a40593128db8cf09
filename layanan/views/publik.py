"""Public pages, no login: a citizen follows their application with the receipt's code."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.batas import pesan_tunggu, tunggu_detik
from layanan.daring import selectors as daring_selectors
from layanan.daring.janji import konteks_janji
from layanan.notifikasi import selectors as notif_selectors
from layanan.notifikasi.services import kontak_berhenti
from layanan.pengaduan import selectors as pengaduan_selectors
from layanan.pengaduan.publik import konteks_pengaduan
from layanan.penyimpanan import respons_berkas

POLA_KODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$")


class FormulirStatus(forms.Form):
    kode = forms.CharField(
        label=_("Tracking code on your receipt"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "placeholder": "XXXX-XXXX-XXXX",
            }
        ),
    )


def samarkan(nama: str) -> str:
    """ "Budi Santoso" → "B*** S*****": enough for the applicant to recognise, no more."""
    return " ".join(k[0] + "*" * (len(k) - 1) for k in nama.split() if k)


@never_cache
def status(request: HttpRequest) -> HttpResponse | FileResponse:
    if request.method == "POST" and (tunggu := tunggu_detik(request, "status")):
        return halaman_status(request, pesan=pesan_tunggu(tunggu), tunggu=tunggu)
    return halaman_status(request, unduh=bool(request.POST.get("unduh")))


def halaman_status(
    request: HttpRequest, *, pesan: str = "", tunggu: int = 0, unduh: bool = False, **extra: Any
) -> HttpResponse | FileResponse:
    """The status page for the code posted: an application's or a complaint's (the same page
    finds either by its tracking code). `extra` carries a complaint form sent back, or what was
    just done."""
    form = FormulirStatus(request.POST or None)
    # `pesan` is always a refusal (wait, no such code): the page's title says so too.
    konteks: dict[str, object] = {
        "form": form,
        "pesan": pesan,
        "kesalahan": int(bool(pesan)),
        **extra,
    }
    if tunggu:
        jawab = render(request, "publik/status.html", konteks, status=429)
        jawab["Retry-After"] = str(tunggu)
        return jawab
    if request.method == "POST" and form.is_valid():
        kode = form.cleaned_data["kode"].strip().upper().replace(" ", "")
        cocok = POLA_KODE.match(kode)
        p = selectors.permohonan_dengan_kode(kode) if cocok else None
        aduan = pengaduan_selectors.pengaduan_dengan_kode(kode) if cocok and p is None else None
        daring = (
            daring_selectors.daring_dengan_kode(kode)
            if cocok and p is None and aduan is None
            else None
        )
        if p is not None:
            surat = selectors.surat_sah_terakhir(p)
            # The service says whether its letter is downloaded here or collected at the loket.
            konteks["ambil_di_loket"] = surat is not None and not p.layanan.surat_diunduh
            surat = surat if p.layanan.surat_diunduh else None
            if surat is not None and unduh:
                return respons_berkas(
                    surat.berkas,
                    nama=f"surat-{surat.urutan}-{surat.tahun}.pdf",
                    jenis="application/pdf",
                )
            kontak = notif_selectors.kontak_permohonan(p)
            konteks.update(
                konteks_janji(p.pk),
                p=p,
                nama=samarkan(p.pemohon.nama),
                surat=surat,
                langkah=mesin.langkah_kini(p),
                kontak_notif=kontak,
                kontak_samar=notif_selectors.kontak_samar(kontak) if kontak else "",
            )
        elif aduan is not None:
            konteks.update(konteks_pengaduan(aduan, extra))
        elif daring is not None:
            konteks["daring"] = daring
        elif not pesan:
            # Unknown and malformed codes get the same answer: nothing to probe.
            konteks["pesan"] = _(
                "No application or complaint has this code. Check the code on your receipt."
            )
            konteks["kesalahan"] = 1
    return render(request, "publik/status.html", konteks)


@never_cache
@require_POST
def berhenti(request: HttpRequest) -> HttpResponse | FileResponse:
    """The citizen with the tracking code stops the messages about their application: asked to
    confirm first (they will not be told when the letter is ready), then done and said so."""
    if tunggu := tunggu_detik(request, "status"):
        return halaman_status(request, pesan=pesan_tunggu(tunggu), tunggu=tunggu)
    kode = request.POST.get("kode", "").strip().upper().replace(" ", "")
    p = selectors.permohonan_dengan_kode(kode) if POLA_KODE.match(kode) else None
    kontak = notif_selectors.kontak_permohonan(p) if p is not None else None
    if kontak is None or not kontak.setuju or kontak.berhenti_pada is not None:
        return halaman_status(request)  # the page says what is (no code, or nothing to stop)
    if request.POST.get("yakin") != "1":
        return halaman_status(request, tanya_berhenti=True)
    kontak_berhenti(kontak=kontak, lewat="halaman status")
    return halaman_status(
        request,
        sukses=_("Messages about this application are stopped. You can still follow it here."),
    )
