"""The actions on a complaint's page, one POST each: the next stage, asking the complainant
(the clock pauses), resuming, extending, closing with a decision, forwarding, naming the officer,
the LAPOR! follow-up, reopening, and turning it into an application. A refused action comes back
to the page with its form as typed and the reason; a done one redirects."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.akses import akses_pengaduan_catat
from layanan.forms import pengaduan as f
from layanan.models import (
    AksiLangkah,
    JenisAksesPengaduan,
    JenisLanjutan,
    Layanan,
    Pengaduan,
    Pengguna,
    Permohonan,
    StatusJalan,
    TipeIsian,
)
from layanan.pengaduan import penanganan, services
from layanan.pengaduan import selectors as sp
from layanan.pengaduan.aturan import pengaturan
from layanan.permintaan import angka, pengguna
from layanan.views.pengaduan import halaman_detail

log = logging.getLogger(__name__)
POLA_TELEPON = re.compile(r"\+?[0-9][0-9 ()-]{5,19}")
KUNCI_ALIH = "pengaduan_alih"  # {form token of the loket: complaint pk}, kept in the session


@login_required
@require_POST
def aksi(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    p = sp.ambil_pengaduan(user, pk)
    tindakan = AKSI.get(request.POST.get("aksi", ""))
    if tindakan is None:
        raise Http404
    try:
        return tindakan(request, user, p)
    except mesin.TransisiDitolak as exc:
        log.warning("complaint action refused: pengaduan=%s user=%s: %s", pk, user.pk, exc)
        messages.error(request, str(exc))
        terikat = _terikat(request, p)
        form: dict[str, Any] = {f"form_{request.POST['aksi']}": terikat} if terikat else {}
        return halaman_detail(request, p, **form)


def _versi(request: HttpRequest) -> int | None:
    return angka(request.POST.get("versi"))


def _terikat(request: HttpRequest, p: Pengaduan) -> object:
    """The action's form as the user typed it, to show again after a refusal."""
    nama = request.POST.get("aksi", "")
    kelas = {
        "lanjut": lambda: f.FormulirCatatan(request.POST, prefix="lanjut"),
        "tanya": lambda: f.FormulirTanya(request.POST),
        "lanjutkan": lambda: f.FormulirCatatan(request.POST, prefix="lanjutkan"),
        "perpanjang": lambda: f.FormulirPerpanjang(request.POST, maks=_maks(p)),
        "tutup": lambda: f.FormulirTutup(request.POST),
        "teruskan": lambda: f.FormulirTeruskan(request.POST, kantor=p.kantor),
        "terlapor": lambda: f.FormulirTerlapor(request.POST, kantor=p.kantor),
        "buka": lambda: f.FormulirAlasan(request.POST, prefix="buka"),
    }.get(nama)
    return kelas() if kelas else None


def _maks(p: Pengaduan) -> int:
    atur = pengaturan(p.kantor_id)
    return atur.maks_perpanjangan_hari if atur else 1


def _salah(request: HttpRequest, p: Pengaduan, nama: str, form: Any) -> HttpResponse:
    messages.error(request, _("Check the form below."))
    terikat: dict[str, Any] = {f"form_{nama}": form}
    return halaman_detail(request, p, **terikat)


def _lanjut(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirCatatan(request.POST, prefix="lanjut")
    if not form.is_valid():
        return _salah(request, p, "lanjut", form)
    nomor = p.langkah_nomor
    p = mesin.kerjakan_langkah(
        subjek=p,
        oleh=user,
        aksi=AksiLangkah.SELESAI,
        versi=_versi(request),
        catatan=form.cleaned_data["catatan"],
    )
    langkah = mesin.langkah_kini(p)
    messages.success(
        request,
        _("Stage %(n)s done; the complaint goes to %(peran)s for stage %(m)s: %(tahap)s.")
        % {
            "n": nomor,
            "m": langkah.nomor if langkah else "–",
            "peran": p.peran_saat_ini.nama if p.peran_saat_ini else "–",
            "tahap": langkah.kegiatan if langkah else "–",
        },
    )
    return _sesudah(user, p)


def _sesudah(user: Pengguna, p: Pengaduan) -> HttpResponse:
    """The complaint's page if the user still handles it, else their inbox."""
    if mesin.boleh_bertindak(user, p) and p.terlapor_id != user.pk:
        return redirect("layanan:pengaduan-detail", pk=p.pk)
    return redirect("layanan:pengaduan-tugas")


def _tanya(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirTanya(request.POST)
    if not form.is_valid():
        return _salah(request, p, "tanya", form)
    penanganan.pengaduan_minta_info(
        pengaduan=p, oleh=user, versi=_versi(request), pertanyaan=form.cleaned_data["pertanyaan"]
    )
    messages.success(
        request, _("The complainant was asked; the clock is paused until they answer.")
    )
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _lanjutkan(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirCatatan(request.POST, prefix="lanjutkan")
    if not form.is_valid():
        return _salah(request, p, "lanjutkan", form)
    penanganan.pengaduan_lanjutkan(
        pengaduan=p, oleh=user, versi=_versi(request), catatan=form.cleaned_data["catatan"]
    )
    messages.success(request, _("The clock runs again."))
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _perpanjang(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirPerpanjang(request.POST, maks=_maks(p))
    if not form.is_valid():
        return _salah(request, p, "perpanjang", form)
    penanganan.pengaduan_perpanjang(
        pengaduan=p,
        oleh=user,
        versi=_versi(request),
        hari_kerja=form.cleaned_data["hari_kerja"],
        alasan=form.cleaned_data["alasan"],
    )
    messages.success(request, _("The time limit was extended."))
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _tutup(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirTutup(request.POST)
    if not form.is_valid():
        return _salah(request, p, "tutup", form)
    p = penanganan.pengaduan_tutup(
        pengaduan=p,
        oleh=user,
        versi=_versi(request),
        keputusan=form.cleaned_data["keputusan"],
        jawaban=form.cleaned_data["jawaban"],
    )
    messages.success(
        request,
        _(
            "Complaint %(nomor)s closed: %(keputusan)s. The complainant reads the answer with "
            "the tracking code."
        )
        % {"nomor": p.nomor, "keputusan": p.get_keputusan_display()},
    )
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _teruskan(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirTeruskan(request.POST, kantor=p.kantor)
    if not form.is_valid():
        return _salah(request, p, "teruskan", form)
    p = penanganan.pengaduan_teruskan(
        pengaduan=p,
        oleh=user,
        versi=_versi(request),
        tujuan=form.cleaned_data["tujuan"],
        kantor_tujuan=form.cleaned_data["kantor_tujuan"],
        jawaban=form.cleaned_data["jawaban"],
    )
    messages.success(
        request,
        _("Forwarded to %(tujuan)s. Print the forwarding letter %(nomor)s.")
        % {"tujuan": p.diteruskan_ke, "nomor": p.nomor_surat_penerusan},
    )
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _terlapor(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirTerlapor(request.POST, kantor=p.kantor)
    if not form.is_valid():
        return _salah(request, p, "terlapor", form)
    p = penanganan.pengaduan_tandai_terlapor(
        pengaduan=p,
        oleh=user,
        versi=_versi(request),
        terlapor=form.cleaned_data["terlapor"],
        catatan=form.cleaned_data["catatan"],
    )
    messages.success(
        request,
        _("The complaint concerns an officer: only %(peran)s and the roles named see it now.")
        % {"peran": p.peran_saat_ini.nama if p.peran_saat_ini else "–"},
    )
    return _sesudah(user, p)


def _lapor(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    if not mesin.boleh_bertindak(user, p) and not sp.akses_untuk(user).rahasia:
        raise mesin.TransisiDitolak(_("This step is for another role."))
    penanganan.lapor_tandai_dijawab(pengaduan=p)
    messages.success(request, _("The follow-up on LAPOR! is recorded."))
    return redirect("layanan:pengaduan-detail", pk=p.pk)


def _buka(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    form = f.FormulirAlasan(request.POST, prefix="buka")
    if not form.is_valid():
        return _salah(request, p, "buka", form)
    baru = services.pengaduan_lanjutan(
        induk=p, jenis=JenisLanjutan.BUKA_KEMBALI, alasan=form.cleaned_data["alasan"], oleh=user
    )
    messages.success(
        request,
        _("Complaint reopened as %(nomor)s; tracking code %(kode)s.")
        % {"nomor": baru.nomor, "kode": baru.kode_lacak},
    )
    return redirect("layanan:pengaduan-detail", pk=baru.pk)


def _alihkan(request: HttpRequest, user: Pengguna, p: Pengaduan) -> HttpResponse:
    """To the loket's form of the chosen service, filled from the complaint; registering the
    application links both and closes the complaint (layanan.views.loket)."""
    layanan = next(
        (x for x in selectors.layanan_loket_untuk(user) if x.kode == request.POST.get("layanan")),
        None,
    )
    if layanan is None or p.permohonan_id is not None:
        raise mesin.TransisiDitolak(_("Choose a service whose loket you hold."))
    return redirect(f"{reverse('layanan:permohonan-baru', args=[layanan.kode])}?pengaduan={p.pk}")


AKSI: dict[str, Callable[[HttpRequest, Pengguna, Pengaduan], HttpResponse]] = {
    "lanjut": _lanjut,
    "tanya": _tanya,
    "lanjutkan": _lanjutkan,
    "perpanjang": _perpanjang,
    "tutup": _tutup,
    "teruskan": _teruskan,
    "terlapor": _terlapor,
    "lapor": _lapor,
    "buka": _buka,
    "alihkan": _alihkan,
}


# ---------------------------------------------------------------------------
# Turning a complaint into an application (called by the loket's form, layanan.views.loket)
# ---------------------------------------------------------------------------
def isian_dari_pengaduan(
    request: HttpRequest, *, pk: int, layanan: Layanan, token: uuid.UUID
) -> dict[str, Any]:
    """The loket form's first values from the complaint, which the registration will link: the
    complainant's name and phone (a read of their identity, logged), the complaint's text in
    the service's long-text field, and a loket note naming it."""
    user = pengguna(request)
    p = sp.ambil_pengaduan(user, pk)
    if p.permohonan_id is not None:
        return {}
    akses_pengaduan_catat(request, p, JenisAksesPengaduan.IDENTITAS, _("loket form"))
    request.session[KUNCI_ALIH] = {**request.session.get(KUNCI_ALIH, {}), str(token): p.pk}
    awal: dict[str, Any] = {
        "nama": p.nama_pelapor,
        "catatan_loket": _("From complaint %(nomor)s.") % {"nomor": p.nomor},
    }
    if POLA_TELEPON.fullmatch(p.kontak_pelapor):
        awal["telepon"] = p.kontak_pelapor[:20]
    panjang = layanan.isian.filter(tipe=TipeIsian.TEKS_PANJANG).first()
    if panjang is not None:
        awal[f"isian_{panjang.kode}"] = p.uraian[:2000]
    messages.info(request, _("Filled from complaint %(nomor)s.") % {"nomor": p.nomor})
    return awal


def hubungkan_pengaduan(request: HttpRequest, permohonan: Permohonan, token: uuid.UUID) -> None:
    """After the loket registered an application from a complaint: link both, and close the
    complaint as turned into an application (if this user handles it now)."""
    peta = request.session.get(KUNCI_ALIH, {})
    pk = peta.pop(str(token), None)
    request.session[KUNCI_ALIH] = peta
    if pk is None or permohonan.status != StatusJalan.DITERIMA:
        return
    user = pengguna(request)
    try:
        p = penanganan.pengaduan_alihkan(
            pengaduan=sp.ambil_pengaduan(user, pk), permohonan=permohonan, oleh=user
        )
    except (Http404, mesin.TransisiDitolak) as exc:
        log.warning("complaint %s not linked to application %s: %s", pk, permohonan.pk, exc)
        return
    messages.info(request, _("Linked to complaint %(nomor)s.") % {"nomor": p.nomor})
