"""Complaints' part in the engine: the officer a complaint names never acts on it; a complaint
ends only when it is closed with a decision and an answer; its limit is extended once; closing
records the decision, the answer and the figures (working time to settle, within the limit)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan import mesin
from layanan.hari_kerja import menit_kerja
from layanan.mesin import Kait, Transisi, TransisiDitolak
from layanan.models import AksiLangkah, KeputusanPengaduan, Pengaduan
from layanan.models.sop import MENIT_PER_HARI_KERJA

PESAN_TERLAPOR = gettext_lazy("You are named in this complaint: it is handled by others.")
KOLOM_TUTUP = [
    "keputusan",
    "jawaban",
    "diteruskan_ke",
    "kantor_tujuan",
    "nomor_surat_penerusan",
    "menit_jeda",
    "menit_penyelesaian",
    "tepat_waktu",
]


def _bukan_terlapor(t: Transisi) -> None:
    p: Pengaduan = t.subjek  # type: ignore[assignment]
    if p.terlapor_id is not None and p.terlapor_id == t.oleh.pk:
        raise TransisiDitolak(str(PESAN_TERLAPOR))


def _mengakhiri(t: Transisi) -> bool:
    """Would this step action end the walk (lead to an outcome instead of another step)?"""
    s, langkah = t.subjek, t.langkah
    if t.aksi == AksiLangkah.PARAF and s.paraf_ke < len(langkah.paraf):
        return False  # an initial within the chain stays on the step
    if t.aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI):
        tujuan = langkah.tidak
    else:
        tujuan = langkah.lanjut or mesin.potret(s).berikut(langkah.nomor)
    return tujuan is None or tujuan.nomor is None


class KaitPengaduan(Kait):
    untuk = Pengaduan

    def sebelum(self, t: Transisi) -> None:
        _bukan_terlapor(t)
        if _mengakhiri(t):
            raise TransisiDitolak(
                _("A complaint ends only when it is closed with a decision and an answer.")
            )

    def sebelum_sela(self, t: Transisi) -> None:
        if t.aksi != AksiLangkah.ALIH_PERAN:  # handing it over is what the officer named may do
            _bukan_terlapor(t)
        p: Pengaduan = t.subjek  # type: ignore[assignment]
        if t.aksi == AksiLangkah.PERPANJANG and p.riwayat.filter(aksi=t.aksi).exists():
            raise TransisiDitolak(_("The time limit can be extended once only."))
        if t.aksi == AksiLangkah.DITUTUP:
            if t.lampiran.get("keputusan") not in KeputusanPengaduan.values:
                raise TransisiDitolak(_("Choose the decision."))
            if not str(t.lampiran.get("jawaban", "")).strip():
                raise TransisiDitolak(_("Write the answer the complainant will read."))

    def sesudah_sela(self, t: Transisi) -> None:
        p: Pengaduan = t.subjek  # type: ignore[assignment]
        if "menit_jeda" in t.temuan:
            p.menit_jeda += round(t.temuan["menit_jeda"])
        if "hari_kerja" in t.temuan and p.batas_menit is not None:  # extended
            p.batas_menit += t.temuan["hari_kerja"] * MENIT_PER_HARI_KERJA
        if t.aksi != AksiLangkah.DITUTUP:
            p.save(update_fields=["menit_jeda", "batas_menit"])
            return
        p.keputusan = t.lampiran["keputusan"]
        p.jawaban = str(t.lampiran["jawaban"]).strip()
        p.diteruskan_ke = str(t.lampiran.get("diteruskan_ke", ""))[:255]
        p.kantor_tujuan = t.lampiran.get("kantor_tujuan")
        p.nomor_surat_penerusan = str(t.lampiran.get("nomor_surat_penerusan", ""))
        menit = menit_kerja(p.kantor, p.dibuat_pada, t.sekarang) - p.menit_jeda
        p.menit_penyelesaian = max(0, round(menit))
        p.tepat_waktu = p.tenggat is None or t.sekarang <= p.tenggat
        p.save(update_fields=KOLOM_TUTUP)
