"""Letters: the template of a service and outcome, its context, numbering, and the PDF."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.conf import settings
from django.utils import timezone, translation

from layanan import mesin
from layanan.dtks import penentu
from layanan.mesin import LangkahPotret
from layanan.models import (
    AksiLangkah,
    BentukIsi,
    JenisLangkah,
    Kantor,
    KolomIsian,
    Layanan,
    Pejabat,
    PemeriksaanDtks,
    Pemohon,
    Permohonan,
    RiwayatLangkah,
    TemplatSurat,
    TipeIsian,
    VarianSurat,
)
from layanan.pdf import html_dokumen, pdf_dari_html, render_pdf
from layanan.surat.paragraf import ke_templat
from layanan.surat.pola_nomor import isi_pola_nomor
from layanan.surat.tanda_tangan import Tampilan
from layanan.surat.templat_aman import periksa as periksa_aman
from layanan.surat.templat_aman import render_aman
from layanan.templatetags.dokumen import tanggal_indonesia

BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MAKS_PARAF = 3  # tata naskah dinas: at most three initials beside the signature


def nomor_surat(layanan: Layanan, urutan: int, tanggal: dt.date) -> str:
    """The number by the service's pattern; the pattern is an administrator's text, so it is
    filled by `isi_pola_nomor`, never by `str.format` (which walks attributes: `{nomor.__class__}`)."""
    return isi_pola_nomor(
        layanan.format_nomor_surat or "{nomor}/{tahun}",
        {
            "nomor": urutan,
            "bulan": tanggal.month,
            "bulan_romawi": BULAN_ROMAWI[tanggal.month - 1],
            "tahun": tanggal.year,
        },
    )


def varian_untuk(p: Permohonan, keputusan: penentu.Keputusan | None = None) -> str:
    """Registered or not, of the persons the service's rule names (the child too, for KIP);
    the general letter until they are checked. `keputusan` if the caller already read it."""
    terdaftar = (keputusan or penentu.keputusan(p)).terdaftar
    if terdaftar is None:
        return VarianSurat.UMUM
    return VarianSurat.TERDAFTAR if terdaftar else VarianSurat.TIDAK_TERDAFTAR


def templat_untuk(p: Permohonan, keputusan: penentu.Keputusan | None = None) -> TemplatSurat | None:
    semua = {t.varian: t for t in TemplatSurat.objects.filter(layanan=p.layanan, hasil=None)}
    return semua.get(varian_untuk(p, keputusan)) or semua.get(VarianSurat.UMUM)


def langkah_tanda_tangan(p: Permohonan) -> LangkahPotret | None:
    """The SOP's signature step for this application: the next one from the current step on
    (the first, before the flow reached it), in the SOP version the application follows."""
    alur = mesin.potret(p)
    daftar = [s for s in alur.langkah if s.jenis == JenisLangkah.TANDA_TANGAN]
    kini = alur.urutan(p.langkah_nomor)
    if kini is not None:
        berikut = [s for s in daftar if (alur.urutan(s.nomor) or 0) >= kini]
        if berikut:
            return berikut[0]
    return daftar[0] if daftar else None


def penandatangan_surat(p: Permohonan) -> Pejabat | None:
    """The official who signs: the holder of the signature step's role, from the first draft on
    (not whoever the draft is waiting for, such as the Kabid initialling it)."""
    langkah = langkah_tanda_tangan(p)
    if langkah is None:
        return None
    return Pejabat.objects.filter(kantor=p.kantor, peran_id=langkah.peran_id, aktif=True).first()


def konteks_surat(
    p: Permohonan,
    *,
    nomor: str,
    tanggal: dt.date,
    pejabat: Pejabat | None = None,
    keputusan: penentu.Keputusan | None = None,
) -> dict[str, Any]:
    """The documented variables of a letter template (docs/surat.md), as plain data only: the
    administrator's template can reach nothing else (layanan.surat.templat_aman). `pejabat` signs;
    by default the official of the SOP's signature step. Documents speak Indonesian."""
    with translation.override(settings.LANGUAGE_CODE):
        return _konteks_permohonan(
            p,
            nomor=nomor,
            tanggal=tanggal,
            pejabat=pejabat,
            keputusan=keputusan or penentu.keputusan(p),
        )


def _konteks_permohonan(
    p: Permohonan,
    *,
    nomor: str,
    tanggal: dt.date,
    pejabat: Pejabat | None,
    keputusan: penentu.Keputusan,
) -> dict[str, Any]:
    isian = {k.kode: nilai_isian(k, p.isian.get(k.kode)) for k in p.layanan.isian.all()}
    return konteks_dasar(
        pemohon=_data_pemohon(p.pemohon),
        kk=p.nomor_kk,
        isian=isian,
        layanan=p.layanan,
        kantor=p.kantor,
        nomor=nomor,
        tanggal=tanggal,
        nomor_registrasi=p.nomor_registrasi,
        dtks={c.subjek: _data_dtks(c) for c in keputusan.pemeriksaan},
        dtks_orang=[
            {"subjek": o.subjek, "nik": o.nik, "status": o.status, "keterangan": str(o.keterangan)}
            for o in keputusan.orang
        ],
        registri=p.kantor.pengaturan_dtks.nama_registri
        if hasattr(p.kantor, "pengaturan_dtks")
        else "DTKS",
        penandatangan=data_penandatangan(pejabat or penandatangan_surat(p)),
    )


def nilai_isian(kolom: KolomIsian, nilai: Any) -> str:
    """A field's value as a letter prints it: a choice by its label, a date in Indonesian."""
    if kolom.daftar_pilihan:
        nilai = dict(kolom.daftar_pilihan).get(nilai, nilai)
    elif kolom.tipe == TipeIsian.TANGGAL and isinstance(nilai, str):
        # A value typed before dates were checked is printed as it was typed.
        with contextlib.suppress(ValueError):
            nilai = tanggal_indonesia(dt.date.fromisoformat(nilai))
    return _teks(nilai)


def konteks_dasar(
    *,
    pemohon: dict[str, Any],
    kk: str,
    isian: dict[str, str],
    layanan: Layanan,
    kantor: Kantor,
    nomor: str,
    tanggal: dt.date,
    nomor_registrasi: str,
    dtks: dict[str, dict[str, Any]],
    dtks_orang: list[dict[str, str]],
    registri: str,
    penandatangan: dict[str, Any],
) -> dict[str, Any]:
    return {
        "pemohon": pemohon,
        "kk": kk,
        "isian": isian,
        "layanan": {
            "nama": layanan.nama,
            "nama_singkat": layanan.nama_singkat,
            "nama_publik": layanan.nama_tampil,
        },
        "kantor": {
            "nama_pemda": kantor.nama_pemda,
            "nama_dinas": kantor.nama_dinas,
            "nama_daerah": kantor.nama_daerah,
            "nama_daerah_lengkap": kantor.nama_daerah_lengkap,
        },
        "nomor": nomor,
        "tanggal": tanggal_indonesia(tanggal),
        "nomor_registrasi": nomor_registrasi,
        "dtks": dtks,
        "dtks_orang": dtks_orang,
        "registri": registri,
        "penandatangan": penandatangan,
    }


def baris_jabatan(pejabat: Pejabat | None) -> list[str]:
    """The lines above a signature as tata naskah dinas writes them, names as the office wrote
    them: "a.n. Kepala Dinas …" / [Sekretaris, "u.b."] / "Plt. Kepala Bidang …," """
    if pejabat is None:
        return []
    jabatan = f"{pejabat.kedudukan} {pejabat.jabatan}".strip()
    baris = []
    if pejabat.atas_nama:
        baris.append(f"a.n. {pejabat.atas_nama}")
        if pejabat.untuk_beliau:
            baris += [pejabat.untuk_beliau, "u.b."]
    return [*baris, f"{jabatan},"]


def data_penandatangan(pejabat: Pejabat | None) -> dict[str, Any]:
    """The signer as letter templates see it: `sebutan` is how a sentence names them."""
    if pejabat is None:
        return {"nama": "", "jabatan": "", "sebutan": "", "nip": "", "baris_jabatan": []}
    jabatan = f"{pejabat.kedudukan} {pejabat.jabatan}".strip()
    sebutan = f"{jabatan}, atas nama {pejabat.atas_nama}" if pejabat.atas_nama else jabatan
    return {
        "nama": pejabat.nama,
        "jabatan": jabatan,
        "sebutan": sebutan,
        "nip": pejabat.nip,
        "baris_jabatan": baris_jabatan(pejabat),
    }


def _teks(nilai: Any) -> str:
    return "" if nilai is None else str(nilai)


def _data_pemohon(pemohon: Pemohon) -> dict[str, Any]:
    return {
        "nama": pemohon.nama,
        "nik": pemohon.nik,
        "tempat_lahir": pemohon.tempat_lahir,
        "tanggal_lahir": pemohon.tanggal_lahir,
        "alamat": pemohon.alamat,
        "rt": pemohon.rt,
        "rw": pemohon.rw,
        "kelurahan": pemohon.kelurahan,
        "kecamatan": pemohon.kecamatan,
        "kabupaten_kota": pemohon.kabupaten_kota,
    }


def _data_dtks(cek: PemeriksaanDtks) -> dict[str, Any]:
    return {
        "status": cek.status,
        "keterangan": str(cek.get_status_display()),
        "periode": cek.periode,
        "nik": cek.nik,
    }


def sumber(isi: str, bentuk: str) -> str:
    """The sandbox's template text of a body: plain paragraphs are turned into it, an expert's
    HTML is it already."""
    return isi if bentuk == BentukIsi.HTML else ke_templat(isi)


def sumber_templat(templat: TemplatSurat) -> str:
    return sumber(templat.isi, templat.bentuk)


def render_isi(isi: str, konteks: dict[str, Any], *, zona: ZoneInfo | None = None) -> str:
    """The body's template text filled in, every value escaped, in the sandbox. Letters are
    Indonesian documents (a date prints "5 Jan. 1989" whoever renders it) and keep the office's
    clock (`{% now %}`)."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(zona):
        return render_aman(isi, konteks)


def periksa_templat(isi: str, konteks_contoh: dict[str, Any]) -> list[str]:
    """Syntax, tags and filters outside the sandbox, unknown variables: found before saving."""
    with translation.override(settings.LANGUAGE_CODE):
        return periksa_aman(isi, konteks_contoh)


def paraf_berlaku(p: Permohonan) -> list[RiwayatLangkah]:
    """The initials that stand behind the draft, oldest first: the paraf given since the last
    other action (a send-back, a voiding, the step before them) — before the signature once the
    letter is signed, so a replacement letter carries the initials of the one it replaces."""
    riwayat = p.riwayat.select_related("oleh").order_by("-id")
    ttd = riwayat.filter(aksi=AksiLangkah.TANDA_TANGAN).first()
    if ttd is not None:
        riwayat = riwayat.filter(id__lt=ttd.pk)
    berlaku = []
    for r in riwayat[:50]:
        if r.aksi != AksiLangkah.PARAF:
            break
        berlaku.append(r)
    return berlaku[::-1]


def paraf(p: Permohonan) -> list[dict[str, str]]:
    return [{"peran": r.peran, "nama": str(r.oleh)} for r in paraf_berlaku(p)][:MAKS_PARAF]


def sidik_surat(p: Permohonan, keputusan: penentu.Keputusan | None = None) -> str:
    """The fingerprint of what the letter says, "" for a service without a letter. A paraf and a
    signature are tied to it; its number, date and QR code are not part of it (they are only
    given at signing), everything else is: template, data, DTKS results, signer, initials' text."""
    keputusan = keputusan or penentu.keputusan(p)  # read once: the variant and the body use it
    templat = templat_untuk(p, keputusan)
    if templat is None:
        return ""
    pejabat = penandatangan_surat(p)
    konteks = konteks_surat(
        p, nomor="", tanggal=dt.date(2000, 1, 1), pejabat=pejabat, keputusan=keputusan
    )
    isi = {
        "templat": [templat.pk, templat.judul, templat.tembusan],
        "isi": render_isi(sumber_templat(templat), konteks, zona=p.kantor.zona),
        "pejabat": [pejabat.pk, pejabat.nama, *baris_jabatan(pejabat)] if pejabat else None,
    }
    return hashlib.sha256(json.dumps(isi, sort_keys=True, default=str).encode()).hexdigest()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def render_surat(
    p: Permohonan,
    *,
    nomor: str = "",
    url_verifikasi: str = "",
    tanggal: dt.date | None = None,
    pejabat: Pejabat | None = None,
    tampilan: Tampilan | None = None,
) -> bytes:
    """The letter as PDF: a draft without number and QR, or the final one to be signed (by
    `pejabat`; a draft names the official of the SOP's signature step), laid out for the way
    it is signed (`tampilan`: BSrE's tag and footer)."""
    return pdf_dari_html(
        html_surat(
            p,
            nomor=nomor,
            url_verifikasi=url_verifikasi,
            tanggal=tanggal,
            pejabat=pejabat,
            tampilan=tampilan,
        )
    )


def html_surat(
    p: Permohonan,
    *,
    nomor: str = "",
    url_verifikasi: str = "",
    tanggal: dt.date | None = None,
    pejabat: Pejabat | None = None,
    tampilan: Tampilan | None = None,
) -> str:
    """The letter's HTML, as render_surat prints it (bench/letters.py's floor renders it too)."""
    tanggal = tanggal or timezone.localdate(timezone=p.kantor.zona)
    keputusan = penentu.keputusan(p)
    templat = templat_untuk(p, keputusan)
    if templat is None:
        raise ValueError("no template")
    pejabat = pejabat or penandatangan_surat(p)
    konteks = konteks_surat(p, nomor=nomor, tanggal=tanggal, pejabat=pejabat, keputusan=keputusan)
    return html_lembar(
        templat,
        konteks,
        kantor=p.kantor,
        pejabat=pejabat,
        paraf=paraf(p),
        qr=qr_svg(url_verifikasi) if url_verifikasi else "",
        url_verifikasi=url_verifikasi,
        tampilan=tampilan,
    )


def render_lembar(
    templat: TemplatSurat,
    konteks: dict[str, Any],
    *,
    kantor: Kantor,
    pejabat: Pejabat | dict[str, str] | None,
    paraf: list[dict[str, str]],
    qr: str,
    url_verifikasi: str = "",
) -> bytes:
    """The letter's PDF from its template and context (a preview passes its sample ones)."""
    return pdf_dari_html(
        html_lembar(
            templat,
            konteks,
            kantor=kantor,
            pejabat=pejabat,
            paraf=paraf,
            qr=qr,
            url_verifikasi=url_verifikasi,
        )
    )


def html_lembar(
    templat: TemplatSurat,
    konteks: dict[str, Any],
    *,
    kantor: Kantor,
    pejabat: Pejabat | dict[str, str] | None,
    paraf: list[dict[str, str]],
    qr: str,
    url_verifikasi: str = "",
    tampilan: Tampilan | None = None,
) -> str:
    # The layout is ours and sees the office; the administrator's body sees only `konteks`.
    return html_dokumen(
        "dokumen/surat.html",
        {
            "kantor": kantor,
            "nomor": konteks["nomor"],
            "tanggal": konteks["tanggal"],
            "judul": templat.judul,
            "isi": render_isi(sumber_templat(templat), konteks, zona=kantor.zona),
            "tembusan": [t for t in templat.tembusan.splitlines() if t.strip()],
            "pejabat": pejabat,
            "baris_jabatan": baris_jabatan(pejabat) if isinstance(pejabat, Pejabat) else [],
            "paraf": paraf,
            "konsep": not konteks["nomor"],
            "qr": qr,
            "url_verifikasi": url_verifikasi,
            "tampilan": tampilan or Tampilan(),
        },
    )


def templat_pemberitahuan(p: Permohonan) -> TemplatSurat | None:
    """The notice of an ending that issues no letter (Bima: directed to the kelurahan)."""
    if p.hasil_id is None:
        return None
    return TemplatSurat.objects.filter(layanan=p.layanan, hasil_id=p.hasil_id).first()


def render_pemberitahuan(p: Permohonan, templat: TemplatSurat) -> bytes:
    tanggal = timezone.localdate(timezone=p.kantor.zona)
    konteks = konteks_surat(p, nomor="", tanggal=tanggal)
    terakhir = p.riwayat.order_by("-selesai_pada").select_related("oleh").first()
    petugas = terakhir.oleh if terakhir else p.dibuat_oleh
    return render_lembar_pemberitahuan(
        templat, konteks, kantor=p.kantor, petugas=petugas.get_full_name() or petugas.username
    )


def render_lembar_pemberitahuan(
    templat: TemplatSurat, konteks: dict[str, Any], *, kantor: Kantor, petugas: str
) -> bytes:
    """The printable notice of an ending without a letter: signed by the loket officer by hand."""
    return render_pdf(
        "dokumen/pemberitahuan.html",
        {
            "kantor": kantor,
            "tanggal": konteks["tanggal"],
            "nomor_registrasi": konteks["nomor_registrasi"],
            "judul": templat.judul,
            "isi": render_isi(sumber_templat(templat), konteks, zona=kantor.zona),
            "tembusan": [t for t in templat.tembusan.splitlines() if t.strip()],
            "petugas": petugas,
        },
    )
