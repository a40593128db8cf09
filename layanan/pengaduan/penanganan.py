"""Writes of complaint handling, each through the step engine: the next stage, asking the
complainant for information (the clock stands still) and their answer, extending the limit,
closing with a decision, forwarding to whoever has authority (with its letter number), naming
the officer concerned, the LAPOR! follow-up, and turning a complaint into an application."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.models import (
    JenisLanjutan,
    Kantor,
    KeputusanPengaduan,
    Pengaduan,
    Pengguna,
    Permohonan,
    PesanPengaduan,
    SaluranPengaduan,
    StatusJalan,
)
from layanan.pengaduan import services
from layanan.pengaduan.aturan import ganti_peran_konflik, pengaturan
from layanan.penomoran import nomor_berikut
from layanan.surat.konsep import BULAN_ROMAWI
from layanan.surat.pola_nomor import isi_pola_nomor

# The SOP's outcome each decision ends with (its code in the complaint SOP; none if missing).
HASIL_KEPUTUSAN = {
    KeputusanPengaduan.TERBUKTI: "selesai",
    KeputusanPengaduan.SEBAGIAN: "selesai",
    KeputusanPengaduan.TIDAK_TERBUKTI: "selesai",
    KeputusanPengaduan.DICABUT: "dicabut",
    KeputusanPengaduan.DITERUSKAN: "diteruskan",
    KeputusanPengaduan.DIALIHKAN: "dialihkan",
}
JENIS_NOMOR_PENERUSAN = "penerusan_pengaduan"


def pengaduan_minta_info(
    *, pengaduan: Pengaduan, oleh: Pengguna, versi: int | None, pertanyaan: str
) -> Pengaduan:
    """Ask the complainant for more: the clock stands still, and the status page shows the
    question to whoever holds the tracking code."""
    with transaction.atomic():
        p = mesin.jeda(subjek=pengaduan, oleh=oleh, versi=versi, catatan=pertanyaan)
        PesanPengaduan.objects.create(
            pengaduan=p, dari=PesanPengaduan.Dari.KANTOR, isi=pertanyaan.strip(), oleh=oleh
        )
    return p


def pengaduan_info_pelapor(*, pengaduan: Pengaduan, isi: str) -> PesanPengaduan:
    """The complainant's answer, from the status page; the handler starts the clock again."""
    if pengaduan.dijeda_pada is None or pengaduan.status != StatusJalan.DITERIMA:
        raise mesin.TransisiDitolak(_("No question is waiting for your answer."))
    if not isi.strip():
        raise mesin.TransisiDitolak(_("Write your answer."))
    return PesanPengaduan.objects.create(
        pengaduan=pengaduan, dari=PesanPengaduan.Dari.PELAPOR, isi=isi.strip()
    )


def jawaban_pelapor_pertama(p: Pengaduan) -> PesanPengaduan | None:
    """The complainant's first answer since the clock stopped: when the information arrived."""
    if p.dijeda_pada is None:
        return None
    return (
        p.pesan.filter(dari=PesanPengaduan.Dari.PELAPOR, pada__gte=p.dijeda_pada)
        .order_by("pada", "pk")
        .first()
    )


def pengaduan_lanjutkan(
    *, pengaduan: Pengaduan, oleh: Pengguna, versi: int | None, catatan: str
) -> Pengaduan:
    """Start the clock again, from the complainant's answer if it came through the status page
    (the office's delay in reading it is the office's), else from now."""
    jawaban = jawaban_pelapor_pertama(pengaduan)
    return mesin.lanjutkan(
        subjek=pengaduan,
        oleh=oleh,
        versi=versi,
        catatan=catatan,
        sejak=jawaban.pada if jawaban else None,
    )


def pengaduan_perpanjang(
    *, pengaduan: Pengaduan, oleh: Pengguna, versi: int | None, hari_kerja: int, alasan: str
) -> Pengaduan:
    atur = pengaturan(pengaduan.kantor_id)
    maks = atur.maks_perpanjangan_hari if atur else 0
    if hari_kerja > maks:
        raise mesin.TransisiDitolak(
            _("The limit can be extended by at most %(n)s working days.") % {"n": maks}
        )
    return mesin.perpanjang(
        subjek=pengaduan, oleh=oleh, versi=versi, hari_kerja=hari_kerja, catatan=alasan
    )


def pengaduan_tutup(
    *,
    pengaduan: Pengaduan,
    oleh: Pengguna,
    versi: int | None,
    keputusan: str,
    jawaban: str,
    catatan: str = "",
    tambahan: dict[str, object] | None = None,
) -> Pengaduan:
    """Close with a decision and the answer the complainant reads, at whatever stage."""
    kode = HASIL_KEPUTUSAN.get(keputusan)  # type: ignore[call-overload]
    hasil = pengaduan.layanan.hasil.filter(kode=kode).first() if kode else None
    label = dict(KeputusanPengaduan.choices).get(keputusan, "")
    return mesin.akhiri(
        subjek=pengaduan,
        oleh=oleh,
        versi=versi,
        hasil=hasil,
        catatan=(catatan.strip() or str(label)),
        lampiran={"keputusan": keputusan, "jawaban": jawaban, **(tambahan or {})},
    )


def pengaduan_teruskan(
    *,
    pengaduan: Pengaduan,
    oleh: Pengguna,
    versi: int | None,
    tujuan: str,
    kantor_tujuan: Kantor | None,
    jawaban: str,
) -> Pengaduan:
    """Not within our authority: closed as forwarded, with the forwarding letter's number from
    the office's gap-free sequence; an office of this system that receives complaints gets it as
    a complaint of its own."""
    tujuan = (tujuan.strip() or (str(kantor_tujuan) if kantor_tujuan else ""))[:255]
    if not tujuan:
        raise mesin.TransisiDitolak(_("Say to whom the complaint is forwarded."))
    if kantor_tujuan is not None and kantor_tujuan.pk == pengaduan.kantor_id:
        raise mesin.TransisiDitolak(_("Forward to another office or agency."))
    with transaction.atomic():
        nomor = _nomor_penerusan(pengaduan)
        p = pengaduan_tutup(
            pengaduan=pengaduan,
            oleh=oleh,
            versi=versi,
            keputusan=KeputusanPengaduan.DITERUSKAN,
            jawaban=jawaban,
            catatan=_("Forwarded to %(tujuan)s.") % {"tujuan": tujuan},
            tambahan={
                "diteruskan_ke": tujuan,
                "kantor_tujuan": kantor_tujuan,
                "nomor_surat_penerusan": nomor,
            },
        )
        if kantor_tujuan is not None and pengaturan(kantor_tujuan.pk) is not None:
            _kirim_ke_kantor(p, kantor_tujuan)
    return p


def _nomor_penerusan(p: Pengaduan) -> str:
    atur = pengaturan(p.kantor_id)
    hari = timezone.localdate(timezone=p.kantor.zona)
    urutan = nomor_berikut(kantor=p.kantor, jenis=JENIS_NOMOR_PENERUSAN, tahun=hari.year)
    return isi_pola_nomor(
        atur.format_nomor_penerusan if atur else "{nomor}/{tahun}",
        {
            "nomor": urutan,
            "bulan": hari.month,
            "bulan_romawi": BULAN_ROMAWI[hari.month - 1],
            "tahun": hari.year,
        },
    )


def _kirim_ke_kantor(p: Pengaduan, kantor: Kantor) -> Pengaduan | None:
    """The forwarded complaint, received by the other office in its own kind and category (by
    code), or its first active ones. The officer named stays with the office that knows them."""
    jenis = kantor.jenis_pengaduan.filter(aktif=True)
    kategori = kantor.kategori_pengaduan.filter(aktif=True)
    isian = services.Isian(
        jenis=jenis.filter(kode=p.jenis.kode).first() or jenis.first(),  # type: ignore[arg-type]
        kategori=kategori.filter(kode=p.kategori.kode).first() or kategori.first(),  # type: ignore[arg-type]
        uraian=_("Forwarded by %(kantor)s (%(nomor)s):") % {"kantor": p.kantor, "nomor": p.nomor}
        + "\n"
        + p.uraian,
        saluran=SaluranPengaduan.DITERUSKAN,
        rujukan=p.nomor,
        nama_pelapor=p.nama_pelapor,
        kontak_pelapor=p.kontak_pelapor,
        kabari_pelapor=p.kabari_pelapor,
    )
    if isian.jenis is None or isian.kategori is None:
        return None
    return services.pengaduan_terima(kantor=kantor, isian=isian, token=uuid.uuid4(), oleh=None)


def pengaduan_tandai_terlapor(
    *, pengaduan: Pengaduan, oleh: Pengguna, versi: int | None, terlapor: Pengguna, catatan: str
) -> Pengaduan:
    """The complaint turns out to concern an officer: it is kept from them and from every role
    outside the head of office's and those the office names, from now on."""
    atur = pengaturan(pengaduan.kantor_id)
    if atur is None or terlapor.kantor_id != pengaduan.kantor_id:
        raise mesin.TransisiDitolak(_("Name an officer of this office."))
    with transaction.atomic():
        p = mesin.kunci(pengaduan)
        p.terlapor, p.rahasia = terlapor, True
        p.save(update_fields=["terlapor", "rahasia"])
        return mesin.alihkan_peran(
            subjek=p,
            oleh=oleh,
            versi=versi,
            ganti=ganti_peran_konflik(p, atur),
            catatan=catatan or _("The complaint concerns an officer."),
        )


def lapor_tandai_dijawab(*, pengaduan: Pengaduan) -> None:
    """The follow-up was posted on SP4N-LAPOR! (its own 5-working-day clock stops)."""
    if not pengaduan.lapor_id or pengaduan.lapor_dijawab_pada is not None:
        return
    pengaduan.lapor_dijawab_pada = timezone.now()
    pengaduan.save(update_fields=["lapor_dijawab_pada"])


def pengaduan_alihkan(*, pengaduan: Pengaduan, permohonan: Permohonan, oleh: Pengguna) -> Pengaduan:
    """The complaint became an application (Tarakan's BPNT complaint SOP): linked both ways and,
    if this user handles it now, closed with that decision and an answer giving its numbers."""
    with transaction.atomic():
        p = mesin.kunci(pengaduan)
        if p.permohonan_id is not None or p.kantor_id != permohonan.kantor_id:
            raise mesin.TransisiDitolak(_("This complaint is already linked to an application."))
        p.permohonan = permohonan
        p.save(update_fields=["permohonan"])
        if not mesin.boleh_bertindak(oleh, p) or p.dijeda_pada is not None:
            return p
        jawaban = _(
            "Your complaint is handled as an application for %(layanan)s, registration number "
            "%(nomor)s. Follow it on this page with the tracking code %(kode)s."
        ) % {
            "layanan": permohonan.layanan.nama_tampil,
            "nomor": permohonan.nomor_registrasi or "–",
            "kode": permohonan.kode_lacak or "–",
        }
        return pengaduan_tutup(
            pengaduan=p,
            oleh=oleh,
            versi=p.versi,
            keputusan=KeputusanPengaduan.DIALIHKAN,
            jawaban=jawaban,
        )


def boleh_lanjutan(p: Pengaduan) -> bool:
    """A closed complaint not yet reopened or appealed."""
    return p.status == StatusJalan.SELESAI and not Pengaduan.objects.filter(induk=p).exists()


__all__ = ["JenisLanjutan"]
