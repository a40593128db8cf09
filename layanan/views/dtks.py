"""The DTKS check step on an application, the manual record, and the proposals register."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layanan import selectors
from layanan.dtks import services as services
from layanan.ekspor import respons_csv
from layanan.forms.dtks import FormulirDtksManual
from layanan.models import PemeriksaanDtks, Permohonan, StatusDtks
from layanan.permintaan import pengguna


def _permohonan_untuk_cek(request: HttpRequest, pk: int) -> Permohonan:
    user = pengguna(request)
    permohonan = selectors.ambil_permohonan(user, pk)
    if not selectors.boleh_cek_dtks(user, permohonan):
        raise Http404
    return permohonan


@login_required
@require_POST
def cek(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_untuk_cek(request, pk)
    try:
        hasil = services.dtks_periksa(permohonan=permohonan, oleh=pengguna(request))
    except services.PerluManual:
        return redirect("layanan:dtks-manual", pk=pk)
    if any(h.status == StatusDtks.TIDAK_TERSEDIA for h in hasil):
        messages.error(
            request,
            _(
                "The registry source could not answer. Try again, or check "
                "SIKS-NG yourself and record the result by hand."
            ),
        )
    elif not hasil:
        messages.warning(request, _("This application has no NIK or KK to check."))
    else:
        messages.success(request, _("DTKS checked; the answers are kept below."))
    return redirect("layanan:permohonan-detail", pk=pk)


@login_required
def manual(request: HttpRequest, pk: int) -> HttpResponse:
    permohonan = _permohonan_untuk_cek(request, pk)
    subjek = services.subjek_pemeriksaan(permohonan)
    form = FormulirDtksManual(request.POST or None, request.FILES or None, subjek=subjek)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        services.dtks_catat_manual(
            permohonan=permohonan,
            oleh=pengguna(request),
            subjek=form.daftar_subjek[cd["subjek"]],
            terdaftar=cd["terdaftar"],
            id_dtks=cd["id_dtks"],
            desil=cd["desil"],
            program=tuple(cd["program"]),
            bukti=cd["bukti"],
        )
        messages.success(request, _("The manual check was recorded."))
        return redirect("layanan:permohonan-detail", pk=pk)
    return render(request, "dtks/manual.html", {"p": permohonan, "form": form})


@login_required
def usulan(request: HttpRequest) -> HttpResponse:
    daftar = selectors.usulan_dtks(pengguna(request))
    if request.GET.get("format") == "csv":
        return _usulan_csv(daftar)
    return render(request, "dtks/usulan.html", {"daftar": daftar[:500]})


NAMA_TIDAK_TERCATAT = "(nama tidak tercatat)"  # the CSV is Indonesian, as SIKS-NG is


def _usulan_csv(daftar: QuerySet[PemeriksaanDtks]) -> HttpResponse:
    kepala = [
        "NIK",
        "Nomor KK",
        "Nama",
        "Diperiksa sebagai",
        "Pemohon",
        "Alamat",
        "RT",
        "RW",
        "Kelurahan",
        "Kecamatan",
        "Layanan",
        "Nomor registrasi",
        "Diperiksa",
    ]
    return respons_csv("usulan-dtks.csv", [kepala, *(_baris_usulan(cek) for cek in daftar)])


def _baris_usulan(cek: PemeriksaanDtks) -> list[str]:
    """One checked person: their own NIK and name; the family card and address are those the
    application gives (the applicant's household, which a child on the application belongs to)."""
    p = cek.permohonan
    pm = p.pemohon
    # A leading apostrophe keeps Excel from turning the 16 digits into 3.57E+15.
    return [
        f"'{cek.nik}",
        f"'{p.nomor_kk}" if p.nomor_kk else "",
        cek.nama or NAMA_TIDAK_TERCATAT,
        cek.subjek,
        pm.nama,
        pm.alamat,
        pm.rt,
        pm.rw,
        pm.kelurahan,
        pm.kecamatan,
        p.layanan.nama_singkat,
        p.nomor_registrasi,
        cek.pada.date().isoformat(),
    ]
