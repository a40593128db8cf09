"""The survey's results: the staff page of the office that runs it (per period and service, the
weakest element marked, the chart beside its table, the respondents' profile, the suggestions,
the follow-up plan), paper forms entered by staff, the SKM report as PDF, the public results
page per office and period (no login, nothing personal), and the survey slip handed over with
a letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layanan import selectors
from layanan.forms.ikm import FormulirIkm, FormulirRtl
from layanan.ikm import selectors as si
from layanan.ikm import services
from layanan.ikm.laporan import BarisUnsur, konteks_hasil, render_laporan
from layanan.ikm.periode import Periode, periode_berjalan, periode_dari_kode, pilihan_periode
from layanan.models import Kantor, Layanan, Permohonan, SaluranIkm
from layanan.pdf import render_pdf
from layanan.permintaan import angka, pengguna, url_publik
from layanan.surat.konsep import qr_svg


def _periode(request: HttpRequest, kantor: Kantor) -> Periode:
    """The period asked for; by default the current quarter, in the office's time."""
    diminta = periode_dari_kode(request.GET.get("periode", ""))
    return diminta or periode_berjalan(timezone.localtime(timezone.now(), kantor.zona).date())


def _layanan(request: HttpRequest, kantor: Kantor) -> Layanan | None:
    pk = angka(request.GET.get("layanan"))
    if pk is None:
        return None
    return si.layanan_kantor(kantor).filter(pk=pk).first()


def _tahun_pilihan(kantor: Kantor, periode: Periode) -> list[Periode]:
    tahun = timezone.localtime(timezone.now(), kantor.zona).year
    daftar = [p for t in (tahun, tahun - 1) for p in pilihan_periode(t)]
    return daftar if periode in daftar else [periode, *daftar]


@login_required
def hasil(request: HttpRequest) -> HttpResponse:
    kantor = si.kantor_pengelola(pengguna(request))
    periode, layanan = _periode(request, kantor), _layanan(request, kantor)
    konteks = konteks_hasil(kantor, periode, layanan, pribadi=True)
    konteks.update(
        {
            "pilihan_periode": _tahun_pilihan(kantor, periode),
            "pilihan_layanan": si.layanan_kantor(kantor),
            "rtl_form": [(b, _form_rtl(b)) for b in konteks["baris_lemah"]],
            "url_publik": reverse("layanan:ikm-publik", args=[kantor.kode, periode.kode]),
        }
    )
    return render(request, "ikm/hasil.html", konteks)


def _form_rtl(b: BarisUnsur) -> FormulirRtl:
    rtl = b.rtl
    awal = {"unsur": b.u.kode}
    if rtl is not None:
        awal |= {
            "kegiatan": rtl.kegiatan,
            "waktu": rtl.waktu,
            "penanggung_jawab": rtl.penanggung_jawab,
        }
    return FormulirRtl(initial=awal, prefix=awal["unsur"])


@login_required
@require_POST
def rtl(request: HttpRequest) -> HttpResponse:
    """The follow-up plan for one weak element of the period."""
    user = pengguna(request)
    kantor = si.kantor_pengelola(user)
    periode = periode_dari_kode(request.POST.get("periode", ""))
    kode = request.POST.get("unsur", "")
    if periode is None:
        raise Http404
    form = FormulirRtl(request.POST, prefix=kode)
    url = f"{reverse('layanan:ikm-hasil')}?periode={periode.kode}"
    if not form.is_valid() or form.cleaned_data["unsur"] != kode:
        messages.error(request, _("The follow-up plan was not saved: fill in every field."))
        return redirect(f"{url}#rtl-{kode}")
    services.rtl_simpan(
        kantor=kantor,
        periode=periode.kode,
        unsur=kode,
        kegiatan=form.cleaned_data["kegiatan"],
        waktu=form.cleaned_data["waktu"],
        penanggung_jawab=form.cleaned_data["penanggung_jawab"],
        oleh=user,
    )
    messages.success(request, _("The follow-up plan was saved."))
    return redirect(f"{url}#rtl-{kode}")


@login_required
def kertas(request: HttpRequest) -> HttpResponse:
    """A paper form from the satisfaction box, typed in: kept with who typed it."""
    user = pengguna(request)
    kantor = si.kantor_pengelola(user)
    sebagian = services.izinkan_sebagian(kantor)
    form = FormulirIkm(request.POST or None, kantor=kantor, kertas=True, sebagian=sebagian)
    if request.method == "POST" and form.is_valid():
        try:
            services.jawaban_simpan(
                kantor=kantor,
                isian=form.isian(),
                saluran=SaluranIkm.KERTAS,
                tanggal=form.cleaned_data["tanggal"],
                oleh=user,
            )
        except services.JawabanDitolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The paper form was saved. Enter the next one."))
            return redirect("layanan:ikm-kertas")
    konteks = {"form": form, "kantor": kantor, "sebagian": sebagian}
    return render(request, "ikm/kertas.html", konteks, status=400 if form.errors else 200)


@login_required
def laporan(request: HttpRequest) -> HttpResponse:
    kantor = si.kantor_pengelola(pengguna(request))
    periode, layanan = _periode(request, kantor), _layanan(request, kantor)
    jawab = HttpResponse(render_laporan(kantor, periode, layanan), content_type="application/pdf")
    jawab["Content-Disposition"] = (
        f'inline; filename="laporan-skm-{kantor.kode}-{periode.kode}.pdf"'
    )
    return jawab


def publik(request: HttpRequest, kode_kantor: str, kode_periode: str) -> HttpResponse:
    """The published result of an office's period: no login, nothing personal."""
    kantor = si.kantor_publik(kode_kantor)
    periode = periode_dari_kode(kode_periode)
    if periode is None or periode.kode != kode_periode:
        raise Http404
    konteks = konteks_hasil(kantor, periode)
    konteks["pilihan_periode"] = _tahun_pilihan(kantor, periode)
    return render(request, "ikm/publik.html", konteks)


def publik_kantor(request: HttpRequest, kode_kantor: str) -> HttpResponse:
    kantor = si.kantor_publik(kode_kantor)
    tahun = timezone.localtime(timezone.now(), kantor.zona).year
    return redirect("layanan:ikm-publik", kode_kantor=kantor.kode, kode_periode=str(tahun))


@login_required
def kartu(request: HttpRequest, pk: int) -> HttpResponse:
    """The survey slip given with the letter at the hand-over (or any time after intake): the
    application's QR code and the address to type."""
    p = selectors.ambil_permohonan(pengguna(request), pk)
    if si.permohonan_survei(p.pk) is None:
        raise Http404
    konteks = {"kantor": p.kantor, "kode_lacak": p.kode_lacak, **konteks_tautan(request, p)}
    jawab = HttpResponse(
        render_pdf("dokumen/kartu_survei.html", konteks), content_type="application/pdf"
    )
    jawab["Content-Disposition"] = f'inline; filename="survei-{p.pk}.pdf"'
    return jawab


def konteks_tautan(request: HttpRequest, p: Permohonan) -> dict[str, str]:
    """The receipt's and the slip's survey block: the QR of the application's link."""
    url = url_publik(request, reverse("layanan:ikm-isi", args=[si.token_tautan(p)]))
    return {
        "survei_url": url,
        "survei_qr": qr_svg(url),
        "survei_situs": url_publik(request, reverse("layanan:ikm-mulai")),
    }
