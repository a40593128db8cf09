"""The SOP sheet: a service's steps laid out as the office's own document lays them out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layanan.hari_kerja import menit_batas
from layanan.katalog.sop_yaml import KOLOM_LAYANAN, KOLOM_STANDAR
from layanan.models import HasilAkhir, JenisLangkah, Langkah, Layanan, Peran
from layanan.models.sop import MENIT_PER_HARI_KERJA, baris
from layanan.pdf import render_pdf


def format_durasi(menit: int) -> str:
    """480 → "480 menit (8 jam = 1 hari kerja)"; 490 → "490 menit (1 hari kerja 10 menit)"."""
    if menit < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", menit) % {"n": menit}
    hari, sisa = divmod(menit, MENIT_PER_HARI_KERJA)
    jam, mnt = divmod(sisa, 60)
    bagian = []
    if hari:
        bagian.append(ngettext("%(n)s working day", "%(n)s working days", hari) % {"n": hari})
    if jam:
        bagian.append(ngettext("%(n)s hour", "%(n)s hours", jam) % {"n": jam})
    if mnt:
        bagian.append(ngettext("%(n)s minute", "%(n)s minutes", mnt) % {"n": mnt})
    rinci = " ".join(bagian)
    if hari and not sisa:
        rinci = _("%(jam)s hours = %(rinci)s") % {"jam": menit // 60, "rinci": rinci}
    return _("%(menit)s minutes (%(rinci)s)") % {"menit": menit, "rinci": rinci}


@dataclass
class Tanda:
    """What one actor's cell of one row shows."""

    simbol: str  # css-friendly shape name: aksi, keputusan, paraf, tanda_tangan, penyerahan
    label: str
    urutan_paraf: int | None = None


@dataclass
class BarisLembar:
    langkah: Langkah
    sel: list[Tanda | None]
    cabang: list[str] = field(default_factory=list)


@dataclass
class LembarSop:
    layanan: Layanan
    pelaksana: list[Peran]
    baris: list[BarisLembar]
    total_menit: int

    @property
    def total_teks(self) -> str:
        return format_durasi(self.total_menit) if self.total_menit else ""


def _tujuan_teks(nomor: int | None, hasil: HasilAkhir | None, berikut: int | None) -> str:
    if hasil is not None:
        return _("ends: %(hasil)s") % {"hasil": hasil.nama}
    return _("step %(n)s") % {"n": nomor if nomor is not None else berikut}


def _cabang(langkah: Langkah, berikut: int | None) -> list[str]:
    lanjut = _tujuan_teks(langkah.lanjut_nomor, langkah.lanjut_hasil, berikut)
    teks = []
    if langkah.jenis == JenisLangkah.KEPUTUSAN:
        teks.append(_("YES → %(t)s") % {"t": lanjut})
    elif langkah.lanjut_nomor is not None or langkah.lanjut_hasil is not None:
        teks.append(_("Then → %(t)s") % {"t": lanjut})
    if langkah.tidak_nomor is not None or langkah.tidak_hasil is not None:
        tidak = _tujuan_teks(langkah.tidak_nomor, langkah.tidak_hasil, None)
        if langkah.jenis == JenisLangkah.KEPUTUSAN:
            teks.append(_("NO → %(t)s") % {"t": tidak})
        else:
            teks.append(_("Sent back → %(t)s") % {"t": tidak})
    return teks


def susun_lembar(layanan: Layanan) -> LembarSop:
    """Columns are the roles the steps use, in the office's column order."""
    langkah = list(layanan.langkah.all())
    peran: dict[int, Peran] = {}
    for s in langkah:
        peran[s.peran.pk] = s.peran
        for p in s.paraf.all():
            peran[p.peran.pk] = p.peran
    kolom = sorted(peran.values(), key=lambda p: (p.urutan, p.nama))
    indeks = {p.pk: i for i, p in enumerate(kolom)}
    daftar = []
    for i, s in enumerate(langkah):
        sel: list[Tanda | None] = [None] * len(kolom)
        for n, p in enumerate(s.paraf.all(), start=1):
            sel[indeks[p.peran.pk]] = Tanda("paraf", _("Paraf"), urutan_paraf=n)
        sel[indeks[s.peran.pk]] = Tanda(s.jenis, s.get_jenis_display())
        berikut = langkah[i + 1].nomor if i + 1 < len(langkah) else None
        daftar.append(BarisLembar(s, sel, _cabang(s, berikut)))
    total = sum(s.menit or 0 for s in langkah)
    return LembarSop(layanan, kolom, daftar, total)


def jangka_waktu(layanan: Layanan) -> str:
    """The time standard as the applicant is told it."""
    if layanan.waktu_penyelesaian:
        return layanan.waktu_penyelesaian
    if layanan.batas_waktu_hari_kerja:
        n = layanan.batas_waktu_hari_kerja
        return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
    return format_durasi(layanan.total_menit)


@dataclass(frozen=True)
class WaktuMelebihiBatas:
    """The steps' time standards add up to more than the service's time limit."""

    total_menit: int
    batas_menit: int

    @property
    def pesan(self) -> str:
        return _(
            "The steps' time standards add up to %(total)s, %(lebih)s more than the service's "
            "time limit of %(batas)s. Check the steps' times or the time limit."
        ) % {
            "total": format_durasi(self.total_menit),
            "batas": format_durasi(self.batas_menit),
            "lebih": format_durasi(self.total_menit - self.batas_menit),
        }


def periksa_waktu(layanan: Layanan) -> WaktuMelebihiBatas | None:
    """A warning, never a refusal: the SOP is the office's document as it stands, and an
    application's deadline is the service's limit whatever its steps add up to."""
    total = layanan.total_menit
    batas = menit_batas(layanan.batas_waktu_hari_kerja, total)
    return WaktuMelebihiBatas(total, batas) if total > batas else None


def daftar_header(layanan: Layanan) -> dict[str, list[str]]:
    """The header's list fields split into items, for the template."""
    return {
        f: baris(getattr(layanan, f))
        for _k, f, jenis in KOLOM_LAYANAN + KOLOM_STANDAR
        if jenis == "daftar"
    }


def konteks_lembar(layanan: Layanan) -> dict[str, Any]:
    """What the sheet shows, for the page and the PDF alike."""
    return {
        "layanan": layanan,
        "lembar": susun_lembar(layanan),
        "header": daftar_header(layanan),
        "peringatan_waktu": periksa_waktu(layanan),
    }


def lembar_pdf(layanan: Layanan) -> bytes:
    """The sheet as the office prints it: landscape on its paper, under its letterhead."""
    # The rows' labels and branches are words of the document: Indonesian, like render_pdf's.
    with translation.override(settings.LANGUAGE_CODE):
        konteks = konteks_lembar(layanan)
    return render_pdf("dokumen/lembar_sop.html", {**konteks, "kantor": layanan.kantor})
