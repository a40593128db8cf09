"""The loket: today's queue, a new application, its page, its receipt and its scans."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from layanan import mesin, selectors
from layanan.akses import akses_catat
from layanan.context_processors import SINGKATAN_ZONA
from layanan.dtks import penentu
from layanan.dtks import services as services_dtks
from layanan.dtks.kait import keputusan_dtks
from layanan.forms.loket import (
    AKSI_CARI,
    AKSI_LENGKAP,
    AKSI_SIMPAN_BERKAS,
    AKSI_TIDAK_LENGKAP,
    LUAR_DAERAH,
    FormulirPermohonan,
)
from layanan.forms.widgets import FORMAT_TANGGAL
from layanan.hari_kerja import waktu_langkah
from layanan.katalog.lembar import jangka_waktu
from layanan.loket import antrean as nomor_antrean
from layanan.loket import services as services
from layanan.loket.validators import urai_nik
from layanan.models import (
    AksiLangkah,
    FungsiLangkah,
    JenisAkses,
    Layanan,
    Pemohon,
    Pengguna,
    Permohonan,
    Pindaian,
    SifatBerkas,
    StatusPermohonan,
)
from layanan.notifikasi import selectors as notif_selectors
from layanan.pdf import render_pdf
from layanan.pengaduan.selectors import pengaduan_asal_untuk
from layanan.penyimpanan import respons_berkas
from layanan.permintaan import angka, pengguna, url_publik
from layanan.surat.konsep import sidik_surat, templat_pemberitahuan, templat_untuk
from layanan.surat.services import alasan_di_halaman, boleh_cabut
from layanan.surat.templat_aman import TemplatTidakAman
from layanan.views.ikm import konteks_tautan
from layanan.views.pengaduan_aksi import hubungkan_pengaduan, isian_dari_pengaduan

KUNCI_CARI = "loket_cari"  # the free-text search lives in the session: a NIK never goes in a URL
# The queue number this officer called last: {"tanggal": ISO day, "nomor": n, "dipakai": bool}.
KUNCI_ANTREAN = "loket_antrean"
PER_HALAMAN = 25


@login_required
def antrean(request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    saringan = selectors.SaringanAntrean(
        layanan_id=angka(request.GET.get("layanan")),
        status=request.GET.get("status", "")
        if request.GET.get("status") in StatusPermohonan.values
        else "",
        hari_ini_saja=request.GET.get("semua") != "1",
        cari=request.session.get(KUNCI_CARI, ""),
    )
    halaman = Paginator(selectors.antrean_loket(user, saringan), PER_HALAMAN).get_page(
        request.GET.get("hal")
    )
    pakai_antrean = user.kantor is not None and user.kantor.pakai_nomor_antrean
    saya = _antrean_saya(request, user)
    return render(
        request,
        "loket/antrean.html",
        {
            "halaman": halaman,
            "saringan": saringan,
            "layanan_loket": selectors.layanan_loket_untuk(user),
            "layanan_semua": selectors.layanan_untuk(user).filter(kantor=user.kantor),
            "status_pilihan": StatusPermohonan.choices[1:],
            "parameter": urlencode({k: v for k, v in request.GET.items() if k != "hal"}),
            "pakai_antrean": pakai_antrean,
            "antrean_saya": saya,
            "antrean_terakhir": selectors.nomor_antrean_terakhir(user) if pakai_antrean else 0,
            # The main button: call a number, unless the one called is not served yet.
            "panggil_dulu": pakai_antrean and (saya is None or saya["dipakai"]),
        },
    )


@login_required
@require_POST
def antrean_panggil(request: HttpRequest) -> HttpResponse:
    """Call the next applicant: the office's next queue number of the day, kept for the form."""
    user = pengguna(request)
    if not selectors.layanan_loket_untuk(user):
        raise Http404
    try:
        nomor = nomor_antrean.antrean_panggil(oleh=user)
    except nomor_antrean.AntreanTidakDipakai as exc:
        raise Http404 from exc
    assert user.kantor is not None  # antrean_panggil refuses a user without an office
    request.session[KUNCI_ANTREAN] = {
        "tanggal": nomor_antrean.hari_kantor(user.kantor).isoformat(),
        "nomor": nomor,
        "dipakai": False,
    }
    messages.success(request, _("Number %(n)s called.") % {"n": nomor})
    return redirect("layanan:antrean")


def _antrean_saya(request: HttpRequest, user: Pengguna) -> dict[str, Any] | None:
    """The number this officer called today, if the office still uses queue numbers."""
    saya = request.session.get(KUNCI_ANTREAN)
    kantor = user.kantor
    if not saya or kantor is None or not kantor.pakai_nomor_antrean:
        return None
    return saya if saya["tanggal"] == nomor_antrean.hari_kantor(kantor).isoformat() else None


@login_required
@require_POST
def antrean_cari(request: HttpRequest) -> HttpResponse:
    request.session[KUNCI_CARI] = request.POST.get("cari", "")[:100]
    tujuan = reverse("layanan:antrean")
    parameter = request.POST.get("parameter", "")
    return HttpResponseRedirect(f"{tujuan}?{parameter}" if parameter else tujuan)


@login_required
def permohonan_baru(request: HttpRequest, kode: str) -> HttpResponse:
    user = pengguna(request)
    layanan = selectors.ambil_layanan_loket(user, kode=kode)
    if request.method != "POST":
        saya = _antrean_saya(request, user)
        token = uuid.uuid4()
        awal = {"token": token, "nomor_antrean": saya["nomor"] if saya else None}
        if (dari := angka(request.GET.get("pengaduan"))) is not None:  # a complaint's turn
            awal |= isian_dari_pengaduan(request, pk=dari, layanan=layanan, token=token)
        return _form(request, layanan, FormulirPermohonan(layanan=layanan, initial=awal))
    aksi = request.POST.get("aksi", AKSI_LENGKAP)
    token = _uuid(request.POST.get("token")) or uuid.uuid4()
    if (terkirim := selectors.permohonan_dengan_token(user, token)) is not None:
        # A double click or a reload of a form already saved: show what it saved.
        messages.info(request, _("This form was already saved; here is the application."))
        return redirect("layanan:permohonan-detail", pk=terkirim.pk)
    form = FormulirPermohonan(
        request.POST,
        request.FILES,
        layanan=layanan,
        aksi=aksi,
        pindaian=services.pindaian_draf(oleh=user, token=token),
        nik_terbuka=selectors.nik_dengan_permohonan_terbuka(layanan.kantor_id, _nik(request.POST)),
    )
    sah = form.is_valid()
    # Every scan that passed its check is kept, whatever else the form still lacks.
    for pk, bersih in form.unggahan.items():
        persyaratan = next(p for p in form.persyaratan if p.pk == pk)
        berkas = request.FILES.get(f"berkas_{pk}_file")
        services.pindaian_simpan(
            oleh=user,
            token=token,
            persyaratan=persyaratan,
            nama_asli=getattr(berkas, "name", "") or "",
            bersih=bersih,
        )
    buang = [n for x in request.POST.getlist("buang_pindaian") if (n := angka(x)) is not None]
    services.pindaian_buang_draf(oleh=user, token=token, ids=buang)
    form.pindaian = services.pindaian_draf(oleh=user, token=token)
    if aksi == AKSI_CARI:
        return _cari_pemohon(request, layanan, form)
    if not sah or aksi not in (AKSI_LENGKAP, AKSI_TIDAK_LENGKAP):
        return _form(request, layanan, form)
    return _daftarkan(request, layanan, form)


def _daftarkan(request: HttpRequest, layanan: Layanan, form: FormulirPermohonan) -> HttpResponse:
    cd = form.cleaned_data
    try:
        permohonan = services.permohonan_daftarkan(
            layanan=layanan,
            oleh=pengguna(request),
            cd=cd,
            lengkap=form.aksi == AKSI_LENGKAP,
            peringatan=form.peringatan,
            berlaku=form.berkas_berlaku(cd),
        )
    except services.SudahTerkirim as exc:
        messages.info(request, _("This form was already saved; here is the application."))
        return redirect("layanan:permohonan-detail", pk=exc.permohonan.pk)
    except mesin.TransisiDitolak as exc:  # the service was withdrawn while the form was filled
        messages.error(request, str(exc))
        return _form(request, layanan, form)
    hubungkan_pengaduan(request, permohonan, cd["token"])
    saya = _antrean_saya(request, pengguna(request))
    if saya and saya["nomor"] == permohonan.nomor_antrean:
        request.session[KUNCI_ANTREAN] = {**saya, "dipakai": True}  # next: call the next number
    if permohonan.status == StatusPermohonan.DITERIMA:
        messages.success(
            request,
            _("Application accepted with registration number %(n)s.")
            % {"n": permohonan.nomor_registrasi},
        )
    else:
        messages.warning(
            request,
            _(
                "Documents incomplete: the application was not accepted. "
                "Print the note of missing documents for the applicant."
            ),
        )
    return redirect("layanan:permohonan-detail", pk=permohonan.pk)


def _cari_pemohon(request: HttpRequest, layanan: Layanan, form: FormulirPermohonan) -> HttpResponse:
    """Fill the applicant's fields from their last visit, keeping everything else typed."""
    nik = _nik(request.POST)
    pemohon = selectors.pemohon_dengan_nik(layanan.kantor_id, nik)
    awal = {
        nama: form[nama].value()
        for nama, field in form.fields.items()
        if not nama.endswith("_file")
    }
    if pemohon is None:
        messages.info(request, PESAN_PEMOHON_BARU)
    else:
        awal.update(_data_awal_pemohon(pemohon))
        messages.success(request, PESAN_PEMOHON_LAMA)
    baru = FormulirPermohonan(layanan=layanan, initial=awal, pindaian=form.pindaian)
    return _form(request, layanan, baru)


@login_required
@require_POST
def pemohon_nik(request: HttpRequest, kode: str) -> JsonResponse:
    """A returning applicant's data, for the intake form's script to fill in as the NIK is
    typed (static/js/pemohon.js). A POST: a NIK never goes in a URL or a server log."""
    layanan = selectors.ambil_layanan_loket(pengguna(request), kode=kode)
    pemohon = selectors.pemohon_dengan_nik(layanan.kantor_id, _nik(request.POST))
    if pemohon is None:
        return JsonResponse({"ditemukan": False, "pesan": str(PESAN_PEMOHON_BARU)})
    isian = _data_awal_pemohon(pemohon)
    del isian["nik"]  # the officer's own typing stays as it is
    lahir = isian["tanggal_lahir"]
    isian["tanggal_lahir"] = lahir.strftime(FORMAT_TANGGAL) if lahir else ""
    return JsonResponse({"ditemukan": True, "pesan": str(PESAN_PEMOHON_LAMA), "isian": isian})


PESAN_PEMOHON_BARU = gettext_lazy("This NIK has not been registered at this office before.")
PESAN_PEMOHON_LAMA = gettext_lazy(
    "Returning applicant found; their data was filled in. Check it with the applicant."
)


def _data_awal_pemohon(pemohon: Pemohon) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nik": pemohon.nik,
        "nama": pemohon.nama,
        "tempat_lahir": pemohon.tempat_lahir,
        "tanggal_lahir": pemohon.tanggal_lahir,
        "jenis_kelamin": pemohon.jenis_kelamin,
        "alamat": pemohon.alamat,
        "rt": pemohon.rt,
        "rw": pemohon.rw,
        "telepon": pemohon.telepon,
        "kode_kelurahan": pemohon.kode_kelurahan or LUAR_DAERAH,
    }
    if not pemohon.kode_kelurahan:
        data.update(
            kelurahan_lain=pemohon.kelurahan,
            kecamatan_lain=pemohon.kecamatan,
            kabupaten_kota_lain=pemohon.kabupaten_kota,
        )
    terakhir = pemohon.permohonan.order_by("-dibuat_pada").first()
    if terakhir is not None and terakhir.nomor_kk:
        data["nomor_kk"] = terakhir.nomor_kk
    return data


def _form(request: HttpRequest, layanan: Layanan, form: FormulirPermohonan) -> HttpResponse:
    return render(
        request,
        "loket/permohonan_form.html",
        {
            "layanan": layanan,
            "form": form,
            "aksi_lengkap": AKSI_LENGKAP,
            "aksi_tidak_lengkap": AKSI_TIDAK_LENGKAP,
            "aksi_cari": AKSI_CARI,
            "aksi_unggah": AKSI_SIMPAN_BERKAS,
            "batas_mb": settings.DINSOS_MAKS_UNGGAHAN_MB,
        },
    )


@login_required
def permohonan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    permohonan = selectors.ambil_permohonan(user, pk)
    akses_catat(request, permohonan, JenisAkses.LIHAT)
    langkah = mesin.langkah_kini(permohonan)
    sisa, status = waktu_langkah(
        permohonan.kantor, permohonan.langkah_siap_pada, langkah.menit if langkah else None
    )
    pilihan = (
        mesin.pilihan_langkah(permohonan) if selectors.boleh_kerjakan(user, permohonan) else []
    )
    boleh_cek_dtks = selectors.boleh_cek_dtks(user, permohonan)
    hasil_dtks = penentu.keputusan(permohonan)  # read once: the decision, variant, draft, list
    keputusan = keputusan_dtks(permohonan, hasil_dtks)
    ada_surat = templat_untuk(permohonan, hasil_dtks) is not None
    daftar_surat = [(s, boleh_cabut(user, s)) for s in selectors.surat_untuk(permohonan)]
    return render(
        request,
        "loket/permohonan_detail.html",
        {
            "p": permohonan,
            "pemeriksaan": selectors.pemeriksaan_dtks(permohonan),
            "boleh_cek_dtks": boleh_cek_dtks,
            "registri": services_dtks.pengaturan_dtks(permohonan.kantor),
            "langkah": langkah,
            "sisa": sisa,
            "status_waktu": status,
            "pilihan": pilihan,
            "keputusan_dtks": keputusan,
            "tombol_utama": _tombol_utama(
                user, permohonan, pilihan, boleh_cek_dtks, keputusan, ada_surat
            ),
            "boleh_batal": mesin.boleh_mencatat_loket(user, permohonan),
            "riwayat": selectors.riwayat_permohonan(permohonan),
            "isian": _isian_tampil(permohonan),
            "ada_surat": ada_surat,
            "sidik_konsep": _sidik(permohonan, hasil_dtks) if ada_surat else "",
            "hasil_dtks": hasil_dtks,
            "boleh_koreksi": mesin.boleh_koreksi(user, permohonan),
            "ada_pemberitahuan": templat_pemberitahuan(permohonan) is not None,
            "daftar_surat": daftar_surat,
            "alasan_ttd": alasan_di_halaman(
                oleh=user,
                permohonan=permohonan,
                menandatangani=ada_surat and AksiLangkah.TANDA_TANGAN in pilihan,
                surat=[s for s, _b in daftar_surat],
            ),
            "pindaian": _pindaian_per_berkas(permohonan),
            "pengaduan_asal": pengaduan_asal_untuk(user, permohonan),
            "pesan_notif": notif_selectors.pesan_permohonan(permohonan),
            "kontak_notif": notif_selectors.kontak_permohonan(permohonan),
        },
    )


def _tombol_utama(
    user: Pengguna,
    p: Permohonan,
    pilihan: list[AksiLangkah],
    boleh_cek_dtks: bool,
    keputusan: str | None,
    ada_surat: bool,
) -> str:
    """The page's one solid button: what this user does next here. The action of the step they
    hold (the DTKS check first where its answer is still missing, then the answer it gives); for
    the loket otherwise, printing the applicant's receipt or note of missing documents."""
    if pilihan:
        langkah = mesin.langkah_kini(p)
        if langkah is not None and langkah.fungsi == FungsiLangkah.CEK_DTKS:
            if keputusan is None:
                return "cek_dtks" if boleh_cek_dtks else ""
            return keputusan if keputusan in pilihan else pilihan[0]
        if ada_surat and AksiLangkah.TANDA_TANGAN in pilihan:
            return AksiLangkah.TANDA_TANGAN
        return pilihan[0]
    cetak = p.status in (StatusPermohonan.DITERIMA, StatusPermohonan.TIDAK_DITERIMA)
    return "cetak" if cetak and mesin.boleh_mencatat_loket(user, p) else ""


def _pindaian_per_berkas(p: Permohonan) -> list[tuple[str, Pindaian]]:
    """Scans named by the document they are: the citizen's own file name says nothing ("IMG_2041")
    or too much (their NIK). A second scan of one document is numbered."""
    hasil: list[tuple[str, Pindaian]] = []
    dilihat: dict[str, int] = {}
    for scan in p.pindaian.select_related("persyaratan"):
        nama = scan.persyaratan.nama if scan.persyaratan else _("Scan")
        dilihat[nama] = dilihat.get(nama, 0) + 1
        hasil.append((f"{nama} ({dilihat[nama]})" if dilihat[nama] > 1 else nama, scan))
    return hasil


@login_required
def tanda_terima(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt of an accepted application, or the note of missing documents."""
    p = selectors.ambil_permohonan(pengguna(request), pk)
    akses_catat(request, p, JenisAkses.CETAK, _("receipt or note of missing documents"))
    if p.status != StatusPermohonan.TIDAK_DITERIMA:
        template, nama = "dokumen/tanda_terima.html", f"tanda-terima-{p.pk}.pdf"
    else:
        template, nama = "dokumen/catatan_kekurangan.html", f"kekurangan-berkas-{p.pk}.pdf"
    berkas = list(p.berkas.all())
    konteks = {
        "p": p,
        "kantor": p.kantor,
        "petugas": p.dibuat_oleh,
        "situs": url_publik(request, "/"),
        "zona": SINGKATAN_ZONA.get(p.kantor.zona_waktu, ""),
        "jangka_waktu": jangka_waktu(p.layanan),
        "berkas_diterima": [b for b in berkas if b.ada],
        "berkas_kurang": [b for b in berkas if not b.ada and b.sifat == SifatBerkas.WAJIB],
        **(konteks_tautan(request, p) if p.kode_lacak else {}),
    }
    response = HttpResponse(render_pdf(template, konteks), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response


@login_required
def pindaian_unduh(request: HttpRequest, pk: int, scan_pk: int) -> FileResponse:
    permohonan, scan = selectors.ambil_pindaian(pengguna(request), permohonan_pk=pk, pk=scan_pk)
    akses_catat(request, permohonan, JenisAkses.UNDUH_PINDAIAN, scan.nama_asli)
    ekstensi = scan.berkas.name.rsplit(".", 1)[-1]
    return respons_berkas(
        scan.berkas, nama=f"pindaian-{pk}-{scan.pk}.{ekstensi}", jenis=scan.jenis_konten
    )


def _uuid(nilai: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(nilai or "")
    except ValueError:
        return None


def _nik(data: Any) -> str:
    try:
        return urai_nik(data.get("nik", "")).nik
    except ValidationError:
        return ""


def _sidik(p: Permohonan, hasil_dtks: penentu.Keputusan) -> str:
    """The fingerprint of the draft this page links to; a paraf or signature is given to it."""
    try:
        return sidik_surat(p, hasil_dtks)
    except TemplatTidakAman:
        return ""  # the step refuses with the template's error


def _isian_tampil(p: Permohonan) -> list[tuple[str, Any]]:
    """The service fields as the form showed them: labels, and a choice's label, not its code."""
    hasil = []
    for kolom in p.layanan.isian.all():
        nilai = p.isian.get(kolom.kode)
        if kolom.daftar_pilihan:
            nilai = dict(kolom.daftar_pilihan).get(nilai, nilai)
        hasil.append((kolom.label, nilai))
    return hasil
