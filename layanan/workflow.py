"""The one writer of an application's status: every transition, its guard, and its record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.dtks import penentu
from layanan.hari_kerja import menit_batas, tenggat
from layanan.models import (
    AksiLangkah,
    FungsiLangkah,
    HasilAkhir,
    JenisHasil,
    JenisLangkah,
    Layanan,
    Pengguna,
    Permohonan,
    RiwayatLangkah,
    StatusPermohonan,
    StatusSurat,
    Surat,
    TemplatSurat,
)
from layanan.penomoran import kode_lacak_baru, nomor_berikut
from layanan.surat import paraf_berlaku, sidik_surat
from layanan.templat_aman import TemplatTidakAman

FORMAT_NOMOR_REGISTRASI = "{urutan:05d}/REG/{tahun}"


class TransisiDitolak(Exception):
    """A transition whose guard failed; the message says why, in Indonesian."""


def _ambil_terkunci(permohonan: Permohonan) -> Permohonan:
    return (
        Permohonan.objects.select_for_update()
        .select_related("kantor", "layanan")
        .get(pk=permohonan.pk)
    )


@transaction.atomic
def putuskan_kelengkapan(*, permohonan: Permohonan, lengkap: bool, oleh: Pengguna) -> Permohonan:
    """The loket's completeness decision (SOP: "Diterima ... atau Tidak diterima").

    Complete: accepted, numbered per office and year, given a tracking code. Incomplete: not
    accepted, ending with the service's "documents incomplete" outcome; the attempt is kept.
    """
    p = _ambil_terkunci(permohonan)
    if p.status != StatusPermohonan.BARU:
        raise TransisiDitolak(_("The completeness of this application was already decided."))
    if p.kantor_id != oleh.kantor_id:
        raise TransisiDitolak(_("This application belongs to another office."))
    sekarang = timezone.now()
    p.diputuskan_pada = sekarang
    if lengkap:
        tahun = timezone.localtime(sekarang, p.kantor.zona).year
        p.status = StatusPermohonan.DITERIMA
        p.tahun_registrasi = tahun
        p.urutan_registrasi = nomor_berikut(kantor=p.kantor, jenis="registrasi", tahun=tahun)
        p.nomor_registrasi = FORMAT_NOMOR_REGISTRASI.format(urutan=p.urutan_registrasi, tahun=tahun)
        p.kode_lacak = kode_lacak_baru()
        batas = menit_batas(p.layanan.batas_waktu_hari_kerja, p.layanan.total_menit)
        p.tenggat = tenggat(p.kantor, sekarang, batas) if batas else None
        _mulai_alur(p, oleh, sekarang)
    else:
        p.status = StatusPermohonan.TIDAK_DITERIMA
        p.hasil = p.layanan.hasil.filter(jenis=JenisHasil.TIDAK_LENGKAP).first()
    p._change_reason = p.get_status_display()  # type: ignore[attr-defined]  # history note
    p.save(
        update_fields=[
            "diputuskan_pada",
            "tahun_registrasi",
            "urutan_registrasi",
            "nomor_registrasi",
            "kode_lacak",
            "tenggat",
            *KOLOM_ALUR,
        ]
    )
    return p


# ---------------------------------------------------------------------------
# The step engine: an accepted application walks the SOP version it was accepted on
# ---------------------------------------------------------------------------
class SudahDikerjakan(TransisiDitolak):
    """Someone else completed this step first (two users, one step)."""


def potret_alur(layanan: Layanan) -> dict[str, Any]:
    """The service's SOP frozen as plain data, so later edits do not touch this application."""
    langkah = []
    for s in layanan.langkah.select_related("peran", "lanjut_hasil", "tidak_hasil"):
        langkah.append(
            {
                "nomor": s.nomor,
                "kegiatan": s.kegiatan,
                "jenis": s.jenis,
                "fungsi": s.fungsi,
                "peran_id": s.peran_id,
                "peran": s.peran.nama,
                "pemohon": s.peran.adalah_pemohon,
                "menit": s.menit,
                "lanjut": _cabang(s.lanjut_nomor, s.lanjut_hasil),
                "tidak": _cabang(s.tidak_nomor, s.tidak_hasil),
                "paraf": [
                    {"peran_id": p.peran_id, "peran": p.peran.nama}
                    for p in s.paraf.select_related("peran")
                ],
            }
        )
    return {"langkah": langkah}


def _cabang(nomor: int | None, hasil: HasilAkhir | None) -> dict[str, Any] | None:
    if nomor is not None:
        return {"nomor": nomor}
    if hasil is not None:
        return {"hasil_id": hasil.pk, "hasil": hasil.nama}
    return None


def langkah_ke(p: Permohonan, nomor: int | None) -> dict[str, Any] | None:
    return next((s for s in p.alur.get("langkah", []) if s["nomor"] == nomor), None)


def _berikut(p: Permohonan, nomor: int) -> dict[str, Any] | None:
    daftar = p.alur["langkah"]
    i = next(i for i, s in enumerate(daftar) if s["nomor"] == nomor)
    return {"nomor": daftar[i + 1]["nomor"]} if i + 1 < len(daftar) else None


def peran_langkah(p: Permohonan, langkah: dict[str, Any]) -> int | None:
    """Who acts now: the next paraf of the chain, the step's actor, or (for the applicant's own
    steps) the loket role, which records them."""
    if p.paraf_ke < len(langkah["paraf"]):
        return int(langkah["paraf"][p.paraf_ke]["peran_id"])
    if langkah["pemohon"]:
        return _peran_loket(p)
    return int(langkah["peran_id"])


def _peran_loket(p: Permohonan) -> int | None:
    staf = [s for s in p.alur["langkah"] if not s["pemohon"]]
    return int(staf[0]["peran_id"]) if staf else None


def _masuk(p: Permohonan, tujuan: dict[str, Any] | None, sekarang: dt.datetime) -> None:
    """Move to a step, or end with an outcome."""
    p.versi += 1
    if tujuan is None:
        raise TransisiDitolak(_("The SOP does not say where this step leads."))
    if "nomor" in tujuan:
        p.langkah_nomor = tujuan["nomor"]
        p.paraf_ke = 0
        p.langkah_siap_pada = sekarang
        p.langkah_mulai_pada = None
        langkah = langkah_ke(p, p.langkah_nomor)
        assert langkah is not None
        p.peran_saat_ini_id = peran_langkah(p, langkah)
        return
    p.status = StatusPermohonan.SELESAI
    p.hasil_id = tujuan["hasil_id"]
    p.langkah_nomor = None
    p.peran_saat_ini_id = None
    p.selesai_pada = sekarang


def _catat(
    p: Permohonan,
    langkah: dict[str, Any],
    aksi: str,
    oleh: Pengguna,
    sekarang: dt.datetime,
    catatan: str = "",
    peran: str | None = None,
    sidik: str = "",
) -> None:
    RiwayatLangkah.objects.create(
        permohonan=p,
        versi=p.versi,
        sidik_konsep=sidik,
        nomor=langkah["nomor"],
        kegiatan=langkah["kegiatan"],
        peran=peran or langkah["peran"],
        aksi=aksi,
        catatan=catatan,
        oleh=oleh,
        siap_pada=p.langkah_siap_pada or sekarang,
        mulai_pada=p.langkah_mulai_pada,
        selesai_pada=sekarang,
        standar_menit=langkah["menit"],
    )


KOLOM_ALUR = [
    "versi",
    "status",
    "alur",
    "langkah_nomor",
    "paraf_ke",
    "peran_saat_ini",
    "langkah_siap_pada",
    "langkah_mulai_pada",
    "selesai_pada",
    "hasil",
]


def _mulai_alur(p: Permohonan, oleh: Pengguna, sekarang: dt.datetime) -> None:
    """Freeze the SOP and start after the loket's part (up to the completeness step)."""
    p.alur = potret_alur(p.layanan)
    daftar = p.alur["langkah"]
    kelengkapan = next((s for s in daftar if s["fungsi"] == FungsiLangkah.KELENGKAPAN), None)
    if kelengkapan is None:
        p.langkah_siap_pada = sekarang
        _masuk(p, {"nomor": daftar[0]["nomor"]}, sekarang)
        return
    p.langkah_siap_pada = p.dibuat_pada
    for s in daftar:
        _catat(p, s, AksiLangkah.DI_LOKET, oleh, sekarang)
        if s is kelengkapan:
            break
    _masuk(p, kelengkapan["lanjut"] or _berikut(p, kelengkapan["nomor"]), sekarang)


def pilihan_langkah(p: Permohonan) -> list[AksiLangkah]:
    """The actions the current step offers: ya/tidak, paraf/kembali, tanda_tangan, selesai."""
    langkah = langkah_ke(p, p.langkah_nomor)
    if p.status != StatusPermohonan.DITERIMA or langkah is None:
        return []
    bisa_kembali = langkah["tidak"] is not None
    if p.paraf_ke < len(langkah["paraf"]) or langkah["jenis"] == JenisLangkah.PARAF:
        return [AksiLangkah.PARAF] + ([AksiLangkah.KEMBALI] if bisa_kembali else [])
    if langkah["jenis"] == JenisLangkah.KEPUTUSAN:
        return [AksiLangkah.YA, AksiLangkah.TIDAK]
    if langkah["jenis"] == JenisLangkah.TANDA_TANGAN:
        return [AksiLangkah.TANDA_TANGAN] + ([AksiLangkah.KEMBALI] if bisa_kembali else [])
    return [AksiLangkah.SELESAI]


def keputusan_dtks(p: Permohonan) -> str | None:
    """YA/TIDAK of a DTKS decision: the latest checks of the persons the service's rule names
    (layanan.dtks.penentu), under the office's eligibility rule. None until they are checked."""
    memenuhi = penentu.keputusan(p).memenuhi
    if memenuhi is None:
        return None
    return AksiLangkah.YA if memenuhi else AksiLangkah.TIDAK


@transaction.atomic
def kerjakan_langkah(
    *,
    permohonan: Permohonan,
    oleh: Pengguna,
    aksi: str,
    versi: int | None,
    catatan: str = "",
    sidik_konsep: str = "",
    surat: Surat | None = None,
) -> Permohonan:
    """Complete the current step (or the current paraf of it) with one of its actions.

    `versi` is the step token the user's page was shown with: if the application has moved on
    since (even round a send-back to the same step), someone else acted first and this user is
    told who. `sidik_konsep` is the fingerprint of the letter draft the user read: a paraf or a
    signature is given to that draft only.
    """
    p = _ambil_terkunci(permohonan)
    sekarang = timezone.now()
    if p.versi != versi or p.status != StatusPermohonan.DITERIMA:
        terakhir = p.riwayat.select_related("oleh").order_by("-selesai_pada", "-id").first()
        raise SudahDikerjakan(
            _("This step was already done by %(oleh)s at %(waktu)s.")
            % {
                "oleh": terakhir.oleh if terakhir else "?",
                "waktu": timezone.localtime(terakhir.selesai_pada, p.kantor.zona).strftime("%H:%M")
                if terakhir
                else "?",
            }
        )
    langkah = langkah_ke(p, p.langkah_nomor)
    assert langkah is not None
    peran_id = p.peran_saat_ini_id
    if (
        oleh.kantor_id != p.kantor_id
        or peran_id is None
        or not oleh.peran.filter(pk=peran_id).exists()
    ):
        raise TransisiDitolak(_("This step is for another role."))
    if aksi not in pilihan_langkah(p):
        raise TransisiDitolak(_("That action does not belong to this step."))
    if (
        aksi == AksiLangkah.TANDA_TANGAN
        and surat is None
        and TemplatSurat.objects.filter(layanan_id=p.layanan_id, hasil=None).exists()
    ):
        # A service that issues a letter is signed by signing the letter (layanan.services.surat).
        raise TransisiDitolak(_("Sign the letter with your passphrase."))
    diputuskan_dtks = (
        langkah["fungsi"] == FungsiLangkah.CEK_DTKS and langkah["jenis"] == JenisLangkah.KEPUTUSAN
    )
    if diputuskan_dtks and not catatan.strip():
        catatan = _("Decided by the latest DTKS check.")
    diserahkan = _surat_diserahkan(p, langkah, catatan)
    if aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI) and not catatan.strip():
        raise TransisiDitolak(_("Say why (NO and sending back need a reason)."))
    if diputuskan_dtks:
        hasil_dtks = keputusan_dtks(p)
        if hasil_dtks is None:
            raise TransisiDitolak(_("Check DTKS first: its answer decides this step."))
        if aksi != hasil_dtks:
            raise TransisiDitolak(_("The DTKS check says otherwise; this step follows it."))
    sidik = ""
    if aksi in (AksiLangkah.PARAF, AksiLangkah.TANDA_TANGAN):
        try:
            sidik = sidik_surat(p)
        except TemplatTidakAman as exc:
            raise TransisiDitolak(str(exc)) from exc
        if sidik and sidik_konsep != sidik:
            raise TransisiDitolak(
                _("The letter draft changed since you opened it. Read it again, then initial.")
            )
        if sidik and any(r.sidik_konsep != sidik for r in paraf_berlaku(p)):
            raise TransisiDitolak(_("The draft changed after it was initialled: void them first."))
    _terapkan(p, langkah, aksi, oleh, sekarang, catatan, sidik)
    if diserahkan is not None:  # the record says which letter went to whom, and when
        diserahkan.diserahkan_pada = sekarang
        diserahkan.diserahkan_kepada = catatan.strip()[:255]
        diserahkan.save(update_fields=["diserahkan_pada", "diserahkan_kepada"])
    p._change_reason = f"{langkah['nomor']}: {aksi}"  # type: ignore[attr-defined]
    p.save(update_fields=KOLOM_ALUR)
    return p


def _surat_diserahkan(p: Permohonan, langkah: dict[str, Any], catatan: str) -> Surat | None:
    """At a hand-over step of a service that issued a letter: the valid letter, which is what
    is handed over. A revoked letter is not, and a hand-over waits for its replacement."""
    if langkah["jenis"] != JenisLangkah.PENYERAHAN or not Surat.objects.filter(permohonan=p):
        return None
    sah = Surat.objects.filter(permohonan=p, status=StatusSurat.SAH).order_by("-pk").first()
    if sah is None:
        raise TransisiDitolak(
            _("The letter was revoked: its replacement must be signed before it is handed over.")
        )
    if not catatan.strip():
        raise TransisiDitolak(_("Write who received the letter."))
    return sah


def _peran_pelaku(p: Permohonan, langkah: dict[str, Any]) -> str:
    """The role the person acting holds here: the paraf's role while a paraf chain runs (a Kabid
    sending a draft back acts as Kabid, not as the Kadin whose step it is)."""
    if p.paraf_ke < len(langkah["paraf"]):
        return str(langkah["paraf"][p.paraf_ke]["peran"])
    return str(langkah["peran"])


def _terapkan(
    p: Permohonan,
    langkah: dict[str, Any],
    aksi: str,
    oleh: Pengguna,
    sekarang: dt.datetime,
    catatan: str,
    sidik: str = "",
) -> None:
    peran = _peran_pelaku(p, langkah)
    if aksi == AksiLangkah.PARAF and p.paraf_ke < len(langkah["paraf"]):
        _catat(p, langkah, aksi, oleh, sekarang, catatan, peran, sidik)
        p.versi += 1
        p.paraf_ke += 1
        p.peran_saat_ini_id = peran_langkah(p, langkah)
        p.langkah_siap_pada, p.langkah_mulai_pada = sekarang, None  # the next paraf's own timing
        return
    _catat(p, langkah, aksi, oleh, sekarang, catatan, peran, sidik)
    if aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI):
        _masuk(p, langkah["tidak"], sekarang)
    else:
        _masuk(p, langkah["lanjut"] or _berikut(p, langkah["nomor"]), sekarang)


@transaction.atomic
def batalkan(*, permohonan: Permohonan, oleh: Pengguna, alasan: str) -> Permohonan:
    """Cancel an application in process, with its reason; nothing is deleted."""
    p = _ambil_terkunci(permohonan)
    if p.status != StatusPermohonan.DITERIMA:
        raise TransisiDitolak(_("Only an application in process can be cancelled."))
    loket = _peran_loket(p)
    if oleh.kantor_id != p.kantor_id or loket is None or not oleh.peran.filter(pk=loket).exists():
        raise TransisiDitolak(_("Only the loket of this service can cancel it."))
    if not alasan.strip():
        raise TransisiDitolak(_("Say why the application is cancelled."))
    if Surat.objects.filter(permohonan=p, status=StatusSurat.SAH).exists():
        raise TransisiDitolak(
            _("A valid letter was signed for this application: revoke the letter instead.")
        )
    p.versi += 1
    p.status = StatusPermohonan.DIBATALKAN
    p.alasan_batal = alasan.strip()
    p.selesai_pada = timezone.now()
    p.langkah_nomor = None
    p.peran_saat_ini = None
    p._change_reason = alasan.strip()[:100]  # type: ignore[attr-defined]
    p.save(
        update_fields=[
            "versi",
            "status",
            "alasan_batal",
            "selesai_pada",
            "langkah_nomor",
            "peran_saat_ini",
        ]
    )
    return p


def tandai_mulai(*, permohonan: Permohonan, oleh: Pengguna) -> None:
    """The step's "started" time: the first time someone holding its role opens it."""
    if (
        permohonan.status != StatusPermohonan.DITERIMA
        or permohonan.langkah_mulai_pada is not None
        or not oleh.peran.filter(pk=permohonan.peran_saat_ini_id or 0).exists()
    ):
        return
    Permohonan.objects.filter(
        pk=permohonan.pk,
        versi=permohonan.versi,
        langkah_mulai_pada__isnull=True,
    ).update(langkah_mulai_pada=timezone.now())


@transaction.atomic
def batalkan_paraf_usang(*, permohonan: Permohonan, oleh: Pengguna) -> list[RiwayatLangkah]:
    """Void the initials given to a draft that has changed since (its data, its template, its
    signer): the chain starts again from its first paraf. Returns the voided records.

    Called before a paraf or a signature is taken; a draft read by nobody can't be initialled.
    """
    p = _ambil_terkunci(permohonan)
    if p.status != StatusPermohonan.DITERIMA:
        return []
    sidik = sidik_surat(p)
    berlaku = paraf_berlaku(p)
    if not sidik or all(r.sidik_konsep == sidik for r in berlaku):
        return []
    sekarang = timezone.now()
    pertama = berlaku[0]
    langkah = langkah_ke(p, pertama.nomor)
    if langkah is None:
        return []
    nama = ", ".join(str(r.oleh) for r in berlaku)
    _catat(
        p,
        langkah,
        AksiLangkah.PARAF_BATAL,
        oleh,
        sekarang,
        _("The draft changed after the initials of %(nama)s; they must initial it again.")
        % {"nama": nama},
        peran=str(pertama.peran),
    )
    if pertama.nomor != p.langkah_nomor:
        _masuk(p, {"nomor": pertama.nomor}, sekarang)
    else:
        p.versi += 1
        p.paraf_ke = 0
        p.peran_saat_ini_id = peran_langkah(p, langkah)
        p.langkah_siap_pada, p.langkah_mulai_pada = sekarang, None
    p._change_reason = "paraf batal"  # type: ignore[attr-defined]
    p.save(update_fields=KOLOM_ALUR)
    return berlaku
