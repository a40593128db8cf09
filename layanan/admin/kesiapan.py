"""The readiness page ("Siap melayani?"): what still stands between an office and its first valid
letter, each with a link to fix it. An office administrator sees their own office; the national
superuser sees every office, and one office's findings at a time."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.admin.site import admin_site
from layanan.hari_kerja import isi_tahun
from layanan.katalog.kesiapan import Temuan, periksa_kesiapan, tahun_kalender
from layanan.models import HariLibur, Kantor
from layanan.permintaan import angka, pengguna


def _kelompok(temuan: list[Temuan]) -> list[tuple[str, list[Temuan]]]:
    urut = {t.bagian: i for i, t in reversed(list(enumerate(temuan)))}
    return [
        (bagian, list(isi))
        for bagian, isi in groupby(sorted(temuan, key=lambda t: urut[t.bagian]), lambda t: t.bagian)
    ]


def _isi_libur(request: HttpRequest) -> HttpResponse:
    """The superuser fills this or next year's national days from the holidays package."""
    tahun = tahun_kalender(timezone.get_current_timezone(), timezone.now())
    t = angka(request.POST.get("isi_libur", ""))
    if t not in tahun:
        raise Http404
    n = isi_tahun(t)
    messages.info(request, _("%(n)s days of %(t)s added, to be confirmed.") % {"n": n, "t": t})
    return HttpResponseRedirect(request.get_full_path())


def _tahun_kosong() -> list[int]:
    """This and next year, where no national day is recorded yet."""
    return [
        t
        for t in tahun_kalender(timezone.get_current_timezone(), timezone.now())
        if not HariLibur.objects.filter(kantor__isnull=True, tanggal__year=t).exists()
    ]


def kesiapan_view(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    if request.method == "POST":
        if not user.is_superuser:
            raise PermissionDenied
        return _isi_libur(request)
    kode = request.GET.get("kantor", "")
    if user.is_superuser and not kode:
        kantor_semua = [
            (k, [t for t in periksa_kesiapan(k) if t.wajib])
            for k in Kantor.objects.order_by("nama_daerah")
        ]
        konteks = {"kantor_semua": kantor_semua, "tahun_libur": _tahun_kosong()}
    else:
        kantor = user.kantor if not user.is_superuser else Kantor.objects.filter(kode=kode).first()
        if kantor is None:
            raise Http404
        temuan = periksa_kesiapan(kantor)
        konteks = {
            "kantor": kantor,
            "wajib": _kelompok([t for t in temuan if t.wajib]),
            "periksa": [t for t in temuan if not t.wajib],
            "tahun_libur": _tahun_kosong() if user.is_superuser else [],
        }
    return TemplateResponse(
        request,
        "admin/kesiapan.html",
        {**admin_site.each_context(request), "title": _("Ready to serve?"), **konteks},
    )


admin_site.tambah_halaman("siap-melayani/", kesiapan_view, "siap-melayani")
