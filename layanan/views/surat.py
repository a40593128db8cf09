"""Letters: the draft preview, signing with the passphrase, the stored letter, verification."""

from __future__ import annotations

import hashlib

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.akses import akses_catat
from layanan.batas import pesan_tunggu, tunggu_detik
from layanan.models import JenisAkses, StatusSurat, Surat
from layanan.penyimpanan import respons_berkas
from layanan.permintaan import angka, pengguna, url_publik
from layanan.surat.konsep import (
    render_pemberitahuan,
    render_surat,
    templat_pemberitahuan,
    templat_untuk,
)
from layanan.surat.services import (
    penanda_bawaan,
    surat_cabut,
    surat_tandatangani,
    surat_terbitkan_ulang,
)
from layanan.surat.tanda_tangan import TandaTanganGagal
from layanan.surat.templat_aman import TemplatTidakAman
from layanan.views.publik import samarkan
from layanan.views.tugas import berikutnya

BATAS_UNGGAH = 10 * 1024 * 1024


@login_required
@xframe_options_sameorigin  # the batch reader shows the draft beside its data
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]
def konsep(request: HttpRequest, pk: int) -> HttpResponse:
    p = selectors.ambil_permohonan(pengguna(request), pk)
    if templat_untuk(p) is None:
        raise Http404
    akses_catat(request, p, JenisAkses.CETAK, _("letter draft"))
    try:
        pdf = render_surat(p)
    except TemplatTidakAman as exc:
        messages.error(request, str(exc))
        return redirect("layanan:permohonan-detail", pk=pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="konsep-surat-{p.pk}.pdf"'
    return response


@sensitive_post_parameters("frasa_sandi")  # kept out of any error report
@login_required
@require_POST
def tandatangani(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    p = selectors.ambil_permohonan(user, pk)
    url = url_publik(request, reverse("layanan:verifikasi", args=["TOKEN"]))
    try:
        surat = surat_tandatangani(
            permohonan=p,
            oleh=user,
            frasa_sandi=request.POST.get("frasa_sandi", "")[:200],
            url_verifikasi=url.replace("TOKEN", "{token}"),
            versi=angka(request.POST.get("versi")),
            sidik_konsep=request.POST.get("sidik_konsep", "")[:64],
        )
    except TandaTanganGagal as exc:
        # The passphrase field is marked invalid and described by this message (_langkah.html).
        messages.error(request, str(exc), extra_tags="frasa-sandi")
        return redirect("layanan:permohonan-detail", pk=pk)
    except mesin.TransisiDitolak as exc:
        messages.error(request, str(exc))
        return redirect("layanan:permohonan-detail", pk=pk)
    messages.success(request, _("Letter %(n)s signed.") % {"n": surat.nomor})
    return berikutnya(user, selesai=pk)


@login_required
def unduh(request: HttpRequest, pk: int, surat_pk: int) -> FileResponse:
    p, surat = selectors.ambil_surat(pengguna(request), permohonan_pk=pk, pk=surat_pk)
    akses_catat(request, p, JenisAkses.CETAK, surat.nomor)
    return respons_berkas(
        surat.berkas,
        nama=f"surat-{surat.urutan}-{surat.tahun}.pdf",
        jenis="application/pdf",
        lampiran=False,
    )


class FormulirCocokkan(forms.Form):
    berkas = forms.FileField(label=gettext_lazy("Check a PDF you received against this letter"))


@never_cache
def verifikasi(request: HttpRequest, token: str) -> HttpResponse:
    """Public, no login: is this letter genuine and still valid? Never anything personal."""
    if tunggu := tunggu_detik(request, "verifikasi"):
        konteks_tunggu = {"terlalu_sering": pesan_tunggu(tunggu), "kesalahan": 1}
        jawab = render(request, "publik/verifikasi.html", konteks_tunggu, status=429)
        jawab["Retry-After"] = str(tunggu)
        return jawab
    surat = selectors.surat_dengan_token(token)
    form = FormulirCocokkan(request.POST or None, request.FILES or None)
    konteks: dict[str, object] = {"surat": surat, "form": form, "kesalahan": int(surat is None)}
    if surat is not None:
        konteks["nama"] = samarkan(surat.permohonan.pemohon.nama)
        konteks["dicabut"] = surat.status != StatusSurat.SAH
        # "Valid" is what the stored bytes prove, not that a row exists: the signature must
        # validate against the roots only the national superuser trusts.
        # Checked as of its signing, as our record says: a certificate that has expired since
        # does not undo a letter signed while it was valid.
        konteks["tersimpan"] = penanda_bawaan().periksa(
            _isi_tersimpan(surat), pada=surat.ditandatangani_pada
        )
        if request.method == "POST" and form.is_valid():
            isi = form.cleaned_data["berkas"].read(BATAS_UNGGAH + 1)
            konteks["sama"] = sama = hashlib.sha256(isi).hexdigest() == surat.sha256
            # The very file we signed: as of its signing. Any other file: as of now.
            konteks["periksa"] = periksa = penanda_bawaan().periksa(
                isi, pada=surat.ditandatangani_pada if sama else None
            )
            # Not this letter, or not validly signed: the page's title says so first.
            konteks["kesalahan"] = int(not (sama and periksa.sah))
    return render(request, "publik/verifikasi.html", konteks)


def _isi_tersimpan(surat: Surat) -> bytes:
    with surat.berkas.open("rb") as f:
        return f.read()


@login_required
@require_POST
def cabut(request: HttpRequest, pk: int, surat_pk: int) -> HttpResponse:
    _p, surat = selectors.ambil_surat(pengguna(request), permohonan_pk=pk, pk=surat_pk)
    try:
        surat_cabut(
            surat=surat, oleh=pengguna(request), alasan=request.POST.get("alasan", "")[:2000]
        )
    except TandaTanganGagal as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Letter %(n)s was revoked.") % {"n": surat.nomor})
    return redirect("layanan:permohonan-detail", pk=pk)


@login_required
def pemberitahuan(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable notice of an ending without a letter (Bima: to the kelurahan)."""
    p = selectors.ambil_permohonan(pengguna(request), pk)
    templat = templat_pemberitahuan(p)
    if templat is None:
        raise Http404
    akses_catat(request, p, JenisAkses.CETAK, templat.judul)
    response = HttpResponse(render_pemberitahuan(p, templat), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pemberitahuan-{p.pk}.pdf"'
    return response


@sensitive_post_parameters("frasa_sandi")  # kept out of any error report
@login_required
@require_POST
def terbitkan_ulang(request: HttpRequest, pk: int, surat_pk: int) -> HttpResponse:
    _p, surat = selectors.ambil_surat(pengguna(request), permohonan_pk=pk, pk=surat_pk)
    url = url_publik(request, reverse("layanan:verifikasi", args=["TOKEN"]))
    try:
        baru = surat_terbitkan_ulang(
            surat=surat,
            oleh=pengguna(request),
            frasa_sandi=request.POST.get("frasa_sandi", "")[:200],
            url_verifikasi=url.replace("TOKEN", "{token}"),
        )
    except TandaTanganGagal as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Letter %(n)s was signed to replace it.") % {"n": baru.nomor})
    return redirect("layanan:permohonan-detail", pk=pk)
