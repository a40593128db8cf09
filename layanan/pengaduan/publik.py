"""What the public status page shows of a complaint, to whoever holds its tracking code: its
stage, its clocks, the office's question while the clock waits for the complainant, the answer
once it is given, and the appeal. Never the complainant's identity, nor any officer's name."""

from __future__ import annotations

from typing import Any

from layanan import mesin
from layanan.forms.pengaduan import FormulirAlasan, FormulirTanggapan
from layanan.models import Pengaduan, PesanPengaduan, StatusJalan
from layanan.pengaduan import penanganan
from layanan.pengaduan.selectors import lanjutan_dari
from layanan.pengaduan.waktu import waktu_lapor, waktu_pengaduan


def konteks_pengaduan(p: Pengaduan, extra: dict[str, Any]) -> dict[str, Any]:
    langkah = mesin.langkah_kini(p)
    dijeda = p.dijeda_pada is not None and p.status == StatusJalan.DITERIMA
    pesan = [
        {"dari": m.dari, "isi": m.isi, "pada": m.pada}
        for m in p.pesan.all()  # ordered by time; who wrote it for the office is not shown
    ]
    lanjutan = lanjutan_dari(p)
    permohonan = p.permohonan
    return {
        "aduan": p,
        "aduan_tahap": langkah.kegiatan if langkah else "",
        "aduan_tahap_ke": (mesin.potret(p).urutan(langkah.nomor) or 0) + 1 if langkah else None,
        "aduan_jumlah_tahap": len(mesin.potret(p).langkah),
        "aduan_dijeda": dijeda,
        "aduan_waktu": waktu_pengaduan(p),
        "aduan_lapor": waktu_lapor(p),
        "aduan_pesan": pesan,
        "aduan_boleh_tanggapi": dijeda and not _sudah_dijawab(p),
        "aduan_boleh_banding": penanganan.boleh_lanjutan(p),
        "aduan_lanjutan": lanjutan,
        "aduan_permohonan": (
            {
                "layanan": permohonan.layanan.nama_tampil,
                "nomor": permohonan.nomor_registrasi,
                "kode": permohonan.kode_lacak,
            }
            if permohonan is not None
            else None
        ),
        "form_tanggapan": extra.get("form_tanggapan") or FormulirTanggapan(),
        "form_banding": extra.get("form_banding") or FormulirAlasan(),
    }


def _sudah_dijawab(p: Pengaduan) -> bool:
    """An answer since the clock stopped waits for the office: one is enough."""
    return p.pesan.filter(dari=PesanPengaduan.Dari.PELAPOR, pada__gte=p.dijeda_pada).exists()
