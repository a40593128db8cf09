"""Complaints for staff: the inbox of the handling roles, every complaint they may see, recording
what arrived by phone, e-mail, fax, the box, WhatsApp, in person or through LAPOR!, a complaint's
page with its actions (layanan.views.pengaduan_aksi), its attachment, forwarding letter, figures."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.akses import akses_pengaduan_catat
from layanan.forms import pengaduan as f
from layanan.models import (
    AksiLangkah,
    JenisAksesPengaduan,
    KeputusanPengaduan,
    Pengaduan,
    StatusJalan,
)
from layanan.pengaduan import penanganan, services
from layanan.pengaduan import selectors as sp
from layanan.pengaduan.angka import angka_pengaduan
from layanan.pengaduan.surat import render_penerusan
from layanan.pengaduan.waktu import waktu_lapor, waktu_pengaduan
from layanan.penyimpanan import respons_berkas
from layanan.permintaan import angka, pengguna
from layanan.views.tugas import HalamanTanpaJumlah


def _akses(request: HttpRequest) -> sp.Akses:
    """What the user's roles allow; a user with no part in complaints finds no complaint page."""
    akses = sp.akses_untuk(pengguna(request))
    if not akses.ada:
        raise Http404
    return akses


@login_required
def tugas(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    akses = sp.akses_untuk(user)
    if not akses.menu:  # the office receives no complaints, or the user holds no role
        raise Http404
    # No total count, no sort: each role's queue read in its index's order, one page.
    halaman = HalamanTanpaJumlah(
        selectors.KotakTugas(sp.tugas_pengaduan(user, akses)),  # type: ignore[arg-type]
        request.GET.get("hal"),
    )
    kantor = user.kantor
    assert kantor is not None  # akses.menu: the user's office receives complaints
    baris = sp.baris_tugas(halaman.object_list, kantor, timezone.now())
    return render(request, "pengaduan/tugas.html", {"halaman": halaman, "baris": baris})


@login_required
def semua(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    akses = _akses(request)
    status = request.GET.get("status", "")
    qs = (
        sp.pengaduan_untuk(user, akses)
        .select_related("jenis", "kategori", "peran_saat_ini")
        .order_by("-dibuat_pada", "-pk")
    )
    if status in (StatusJalan.DITERIMA, StatusJalan.SELESAI):
        qs = qs.filter(status=status)
    cari = request.GET.get("cari", "").strip()[:40]
    if cari:
        qs = qs.filter(nomor__icontains=cari) | qs.filter(kode_lacak=cari.upper())
    halaman = Paginator(qs, 25).get_page(request.GET.get("hal"))
    return render(
        request, "pengaduan/semua.html", {"halaman": halaman, "status": status, "cari": cari}
    )


@login_required
def catat(request: HttpRequest) -> HttpResponse:
    """Staff record what arrived through any channel, with the channel."""
    user = pengguna(request)
    akses = _akses(request)
    assert akses.atur is not None and user.kantor is not None
    kantor = user.kantor
    if request.method != "POST":
        form = f.FormulirPengaduanStaf(kantor=kantor, initial={"token": uuid.uuid4()})
        return _form_catat(request, form, None)
    form = f.FormulirPengaduanStaf(request.POST, request.FILES, kantor=kantor)
    token = _uuid(request.POST.get("token"))
    sah = form.is_valid()
    if form.lampiran_bersih is not None and token is not None:
        berkas = request.FILES.get("lampiran")
        services.lampiran_simpan(
            kantor=kantor,
            token=token,
            nama_asli=getattr(berkas, "name", "") or "",
            bersih=form.lampiran_bersih,
        )
    if request.POST.get("buang_lampiran") and token is not None:
        services.lampiran_buang_draf(kantor=kantor, token=token)
    draf = services.lampiran_draf(kantor=kantor, token=token) if token else None
    if not sah or token is None:
        return _form_catat(request, form, draf, status=400)
    try:
        p = services.pengaduan_terima(
            kantor=kantor, isian=services.data_isian(form.cleaned_data), token=token, oleh=user
        )
    except services.SudahTerkirim as exc:
        p = exc.pengaduan
    messages.success(
        request,
        _("Complaint %(nomor)s recorded; tracking code %(kode)s.")
        % {"nomor": p.nomor, "kode": p.kode_lacak},
    )
    if sp.pengaduan_untuk(user, akses).filter(pk=p.pk).exists():
        return redirect("layanan:pengaduan-detail", pk=p.pk)
    return redirect("layanan:pengaduan-tugas")


def _form_catat(request: HttpRequest, form: Any, draf: Any, status: int = 200) -> HttpResponse:
    return render(
        request,
        "pengaduan/catat.html",
        {"form": form, "draf": draf, "batas_mb": settings.DINSOS_MAKS_UNGGAHAN_MB},
        status=status,
    )


def _uuid(nilai: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(nilai or "")
    except ValueError:
        return None


@login_required
@require_POST
def mulai(request: HttpRequest) -> HttpResponse:
    """Open a complaint from the inbox: its stage's "started" time is stamped by this act. The
    inbox is one form (one CSRF token a page), each complaint's button naming it."""
    user = pengguna(request)
    p = sp.ambil_pengaduan(user, angka(request.POST.get("pengaduan")) or 0)
    mesin.tandai_mulai(subjek=p, oleh=user)
    return redirect("layanan:pengaduan-detail", pk=p.pk)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    p = sp.ambil_pengaduan(user, pk)
    akses_pengaduan_catat(request, p, JenisAksesPengaduan.LIHAT)
    return halaman_detail(request, p)


@login_required
@require_POST
def identitas(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the complainant's identity to a user whose role needs it; each showing is logged."""
    user = pengguna(request)
    p = sp.ambil_pengaduan(user, pk)
    if not sp.boleh_lihat_identitas(user, p, sp.akses_untuk(user)):
        raise Http404
    akses_pengaduan_catat(request, p, JenisAksesPengaduan.IDENTITAS)
    return halaman_detail(request, p, identitas=True)


def halaman_detail(
    request: HttpRequest, p: Pengaduan, *, identitas: bool = False, **form: Any
) -> HttpResponse:  # form: FormulirX sent back with its errors, by name
    """The complaint's page; `form` carries a bound form sent back with its errors."""
    user = pengguna(request)
    akses = sp.akses_untuk(user)
    bertindak = mesin.boleh_bertindak(user, p) and p.terlapor_id != user.pk
    langkah = mesin.langkah_kini(p)
    tujuan = (langkah.lanjut or mesin.potret(p).berikut(langkah.nomor)) if langkah else None
    atur = akses.atur
    maks = atur.maks_perpanjangan_hari if atur else 1
    kantor = p.kantor
    konteks = {
        "p": p,
        "langkah": langkah,
        "tahap": [s for s in mesin.potret(p).langkah if not s.pemohon],
        "tahap_terakhir": tujuan is None or tujuan.nomor is None,
        "waktu": waktu_pengaduan(p),
        "waktu_lapor": waktu_lapor(p),
        "riwayat": p.riwayat.select_related("oleh"),
        "pesan": p.pesan.select_related("oleh"),
        "lampiran": list(p.lampiran.all()),
        "bertindak": bertindak,
        "dijeda": p.dijeda_pada is not None,
        "jawaban_pelapor": penanganan.jawaban_pelapor_pertama(p),
        "sudah_diperpanjang": p.riwayat.filter(aksi=AksiLangkah.PERPANJANG).exists(),
        "boleh_identitas": sp.boleh_lihat_identitas(user, p, akses),
        "identitas": identitas,
        "boleh_lanjutan": penanganan.boleh_lanjutan(p),
        "lanjutan": sp.lanjutan_dari(p),
        "layanan_alih": selectors.layanan_loket_untuk(user) if p.permohonan_id is None else [],
        "diteruskan": p.keputusan == KeputusanPengaduan.DITERUSKAN,
        "form_lanjut": form.get("form_lanjut") or f.FormulirCatatan(prefix="lanjut"),
        "form_tanya": form.get("form_tanya") or f.FormulirTanya(),
        "form_lanjutkan": form.get("form_lanjutkan") or f.FormulirCatatan(prefix="lanjutkan"),
        "form_perpanjang": form.get("form_perpanjang") or f.FormulirPerpanjang(maks=maks),
        "form_tutup": form.get("form_tutup") or f.FormulirTutup(),
        "form_teruskan": form.get("form_teruskan") or f.FormulirTeruskan(kantor=kantor),
        "form_terlapor": form.get("form_terlapor") or f.FormulirTerlapor(kantor=kantor),
        "form_buka": form.get("form_buka") or f.FormulirAlasan(prefix="buka"),
    }
    return render(request, "pengaduan/detail.html", konteks, status=400 if form else 200)


@login_required
def lampiran(request: HttpRequest, pk: int, lampiran_pk: int) -> FileResponse:
    p = sp.ambil_pengaduan(pengguna(request), pk)
    berkas = next((x for x in p.lampiran.all() if x.pk == lampiran_pk), None)
    if berkas is None:
        raise Http404
    akses_pengaduan_catat(request, p, JenisAksesPengaduan.UNDUH_LAMPIRAN, berkas.nama_asli)
    ekstensi = berkas.berkas.name.rsplit(".", 1)[-1]
    return respons_berkas(
        berkas.berkas,
        nama=f"lampiran-pengaduan-{p.pk}-{berkas.pk}.{ekstensi}",
        jenis=berkas.jenis_konten,
    )


@login_required
def surat_penerusan(request: HttpRequest, pk: int) -> HttpResponse:
    p = sp.ambil_pengaduan(pengguna(request), pk)
    if p.keputusan != KeputusanPengaduan.DITERUSKAN:
        raise Http404
    akses_pengaduan_catat(request, p, JenisAksesPengaduan.CETAK, _("forwarding letter"))
    jawab = HttpResponse(render_penerusan(p), content_type="application/pdf")
    jawab["Content-Disposition"] = f'inline; filename="surat-penerusan-{p.pk}.pdf"'
    return jawab


@login_required
def angka_halaman(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    _akses(request)
    assert user.kantor is not None
    tahun_ini = timezone.localdate(timezone=user.kantor.zona).year
    tahun = angka(request.GET.get("tahun")) or tahun_ini
    tahun = min(max(tahun, 2000), tahun_ini)
    return render(
        request,
        "pengaduan/angka.html",
        {
            "angka": angka_pengaduan(user.kantor, tahun),
            "tahun_pilihan": range(tahun_ini, tahun_ini - 5, -1),
        },
    )
