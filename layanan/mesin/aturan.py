"""Who acts now and with what: one place for "may this user act on this step now"."""

from __future__ import annotations

from layanan.mesin.potret import LangkahPotret, Potret
from layanan.models import AksiLangkah, JenisLangkah, Pengguna
from layanan.models.jalan import JalanSop, StatusJalan


def potret(subjek: JalanSop) -> Potret:
    """The frozen SOP of a walk, read once per instance."""
    simpan = getattr(subjek, "_potret", None)
    if simpan is None or simpan[0] is not subjek.alur:
        simpan = (subjek.alur, Potret.dari_json(subjek.alur))
        subjek._potret = simpan  # type: ignore[attr-defined]
    return simpan[1]


def langkah_kini(subjek: JalanSop) -> LangkahPotret | None:
    return potret(subjek).ke(subjek.langkah_nomor)


def peran_loket(subjek: JalanSop) -> int | None:
    """The role that records the applicant's own steps: the first staff step's."""
    staf = [s for s in potret(subjek).langkah if not s.pemohon]
    return staf[0].peran_id if staf else None


def peran_langkah(subjek: JalanSop, langkah: LangkahPotret) -> int | None:
    """Who acts now: the next paraf of the chain, the step's actor, or (for the applicant's own
    steps) the loket role, which records them."""
    if subjek.paraf_ke < len(langkah.paraf):
        return langkah.paraf[subjek.paraf_ke].peran_id
    if langkah.pemohon:
        return peran_loket(subjek)
    return langkah.peran_id


def nama_peran_pelaku(subjek: JalanSop, langkah: LangkahPotret) -> str:
    """The role the person acting holds here: the paraf's role while a paraf chain runs (a Kabid
    sending a draft back acts as Kabid, not as the Kadin whose step it is)."""
    if subjek.paraf_ke < len(langkah.paraf):
        return langkah.paraf[subjek.paraf_ke].peran
    return langkah.peran


def pilihan_langkah(subjek: JalanSop) -> list[AksiLangkah]:
    """The actions the current step offers: ya/tidak, paraf/kembali, tanda_tangan, selesai."""
    langkah = langkah_kini(subjek)
    if subjek.status != StatusJalan.DITERIMA or langkah is None:
        return []
    bisa_kembali = langkah.tidak is not None
    if subjek.paraf_ke < len(langkah.paraf) or langkah.jenis == JenisLangkah.PARAF:
        return [AksiLangkah.PARAF] + ([AksiLangkah.KEMBALI] if bisa_kembali else [])
    if langkah.jenis == JenisLangkah.KEPUTUSAN:
        return [AksiLangkah.YA, AksiLangkah.TIDAK]
    if langkah.jenis == JenisLangkah.TANDA_TANGAN:
        return [AksiLangkah.TANDA_TANGAN] + ([AksiLangkah.KEMBALI] if bisa_kembali else [])
    return [AksiLangkah.SELESAI]


def boleh_bertindak(user: Pengguna, subjek: JalanSop) -> bool:
    """May this user act on the walk's current step now: same office, a walk in process, and
    the role it waits for."""
    return (
        subjek.status == StatusJalan.DITERIMA
        and user.kantor_id == subjek.kantor_id  # type: ignore[attr-defined]
        and subjek.peran_saat_ini_id is not None
        and user.peran.filter(pk=subjek.peran_saat_ini_id).exists()
    )


def boleh_mencatat_loket(user: Pengguna, subjek: JalanSop) -> bool:
    """The loket of this service (cancelling, for instance)."""
    loket = peran_loket(subjek)
    return (
        user.kantor_id == subjek.kantor_id  # type: ignore[attr-defined]
        and loket is not None
        and user.peran.filter(pk=loket).exists()
    )
