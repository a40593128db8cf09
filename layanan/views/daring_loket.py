"""The loket's side of applications from home: the queue "Menunggu pemeriksaan" with the check's
deadline, one application's scans beside its checklist, and the completeness decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layanan import mesin
from layanan.akses import akses_daring_catat
from layanan.daring import selectors as sd
from layanan.daring import services
from layanan.forms.loket import AKSI_LENGKAP, AKSI_TIDAK_LENGKAP
from layanan.hari_kerja import menit_kerja, status_waktu
from layanan.models import (
    BentukBerkas,
    JenisAkses,
    Kantor,
    PermohonanDaring,
    StatusPermohonan,
)
from layanan.permintaan import pengguna

PER_HALAMAN = 25


def _waktu(kantor: Kantor | None, d: PermohonanDaring) -> tuple[float, str]:
    """The check's own deadline, judged like a step's in the office's working time: late,
    almost late, on time."""
    if kantor is None or d.tenggat_periksa is None or d.dikirim_pada is None:
        return 0.0, ""
    standar = menit_kerja(kantor, d.dikirim_pada, d.tenggat_periksa)
    terpakai = menit_kerja(kantor, d.dikirim_pada, timezone.now())
    return standar - terpakai, str(status_waktu(standar, terpakai) or "")


@login_required
def antrean(request: HttpRequest) -> HttpResponse:
    halaman = Paginator(sd.antrean_daring(pengguna(request)), PER_HALAMAN).get_page(
        request.GET.get("hal")
    )
    kantor = pengguna(request).kantor
    baris = [(d, *_waktu(kantor, d)) for d in halaman]
    return render(request, "loket/daring_antrean.html", {"halaman": halaman, "baris": baris})


@login_required
def periksa(request: HttpRequest, pk: int) -> HttpResponse:
    d = sd.ambil_daring(pengguna(request), pk)
    akses_daring_catat(request, d, JenisAkses.LIHAT)
    pindaian = sd.pindaian_daring(d)
    berkas = [
        (p, [s for s in pindaian if s.persyaratan_id == p.pk]) for p in services.berlaku_untuk(d)
    ]
    return render(
        request,
        "loket/daring_periksa.html",
        {
            "d": d,
            "berkas": berkas,
            "sisa_status": _waktu(d.kantor, d),
            "bentuk": BentukBerkas.choices,
            "aksi_lengkap": AKSI_LENGKAP,
            "aksi_tidak_lengkap": AKSI_TIDAK_LENGKAP,
            "bawa_asli": sd.bawa_asli(d.kantor_id),
            "diterima": StatusPermohonan.DITERIMA,
        },
    )


@login_required
@require_POST
def putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    d = sd.ambil_daring(user, pk)
    ada = {}
    for p in services.berlaku_untuk(d):
        if request.POST.get(f"berkas_{p.pk}_ada"):
            bentuk = request.POST.get(f"berkas_{p.pk}_bentuk", "")
            ada[p.pk] = bentuk if bentuk in BentukBerkas.values else BentukBerkas.FOTOKOPI
    aksi = request.POST.get("aksi", "")
    if aksi not in (AKSI_LENGKAP, AKSI_TIDAK_LENGKAP):
        return redirect("layanan:daring-periksa", pk=d.pk)
    try:
        permohonan = services.daring_putuskan(
            daring=d, oleh=user, ada=ada, aksi=aksi, catatan=request.POST.get("catatan", "")[:2000]
        )
    except mesin.TransisiDitolak as exc:
        messages.error(request, str(exc))
        return redirect("layanan:daring-periksa", pk=d.pk)
    if permohonan.status == StatusPermohonan.DITERIMA:
        messages.success(
            request,
            _("Application accepted with registration number %(n)s.")
            % {"n": permohonan.nomor_registrasi},
        )
        return redirect("layanan:permohonan-detail", pk=permohonan.pk)
    messages.warning(request, _("Returned to the applicant with what is missing."))
    return redirect("layanan:daring-antrean")


@login_required
@require_POST
def asli(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    d = sd.ambil_daring(user, pk)
    try:
        services.asli_dilihat(daring=d, oleh=user)
    except mesin.TransisiDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The originals were seen."))
    return redirect("layanan:daring-periksa", pk=d.pk)


@login_required
def pindaian(request: HttpRequest, pk: int, scan_pk: int) -> FileResponse:
    d, scan = sd.ambil_pindaian_daring(pengguna(request), pk=pk, scan_pk=scan_pk)
    akses_daring_catat(request, d, JenisAkses.UNDUH_PINDAIAN, scan.nama_asli)
    ekstensi = scan.berkas.name.rsplit(".", 1)[-1]
    return FileResponse(
        scan.berkas.open("rb"),
        as_attachment=request.GET.get("unduh") == "1",
        content_type=scan.jenis_konten,
        filename=f"pindaian-daring-{pk}-{scan.pk}.{ekstensi}",
    )
