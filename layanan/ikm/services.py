"""The survey's writes: an answer (from a receipt's link, a kiosk or a paper form), a kiosk
created or revoked, a follow-up plan. An answer is written once, in one transaction with the
mark that its application's link is used; it is never changed afterwards."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.ikm.unsur import unsur_kantor
from layanan.models import (
    JawabanIkm,
    Kantor,
    KiosIkm,
    KodeIkmTerpakai,
    Layanan,
    NilaiIkm,
    PengaturanIkm,
    Pengguna,
    Permohonan,
    RencanaTindakLanjut,
    SaluranIkm,
)

PESAN_SUDAH_DIJAWAB = gettext_lazy("This application's survey was already answered. Thank you!")


class JawabanDitolak(ValueError):
    """The questionnaire cannot be kept as sent; the message says why, in the user's words."""


class SudahDijawab(JawabanDitolak):
    """One answer per application: its link was used already."""


@dataclass(frozen=True)
class Isian:
    """What a respondent filled in."""

    umur: int
    jenis_kelamin: str
    pendidikan: str
    pekerjaan: str
    nilai: dict[str, int] = field(default_factory=dict)  # element code → 1..4
    saran: str = ""
    layanan: Layanan | None = None


def sidik_permohonan(permohonan: Permohonan) -> str:
    """The one-way mark of an application's survey link: a keyed hash (the site's secret), so
    the marks cannot be recomputed from the applications without that secret."""
    return salted_hmac("layanan.ikm.tautan", str(permohonan.pk), algorithm="sha256").hexdigest()


def sudah_dijawab(permohonan: Permohonan) -> bool:
    return KodeIkmTerpakai.objects.filter(sidik=sidik_permohonan(permohonan)).exists()


def izinkan_sebagian(kantor: Kantor) -> bool:
    atur = PengaturanIkm.objects.filter(kantor=kantor).first()
    return bool(atur and atur.izinkan_sebagian)


def unsur_kurang(kantor: Kantor, nilai: dict[str, int]) -> list[str]:
    """The names of the elements asked now that the answer leaves out."""
    return [str(u.nama) for u in unsur_kantor(kantor) if u.kode not in nilai]


def periksa_nilai(kantor: Kantor, nilai: dict[str, int]) -> None:
    asked = {u.kode for u in unsur_kantor(kantor, semua=True)}
    if any(k not in asked or v not in (1, 2, 3, 4) for k, v in nilai.items()):
        raise JawabanDitolak(_("An answer is not one of the choices."))
    if not nilai:
        raise JawabanDitolak(_("Answer at least one question."))
    if not izinkan_sebagian(kantor) and (kurang := unsur_kurang(kantor, nilai)):
        raise JawabanDitolak(
            _("Answer every question. Not answered yet: %(daftar)s.")
            % {"daftar": ", ".join(kurang)}
        )


@transaction.atomic
def jawaban_simpan(
    *,
    kantor: Kantor,
    isian: Isian,
    saluran: str,
    tanggal: dt.date | None = None,
    permohonan: Permohonan | None = None,
    kios: KiosIkm | None = None,
    oleh: Pengguna | None = None,
) -> JawabanIkm:
    """Keep one questionnaire. From a link, the application's mark is taken first, in the same
    transaction: a second answer for it is refused (`SudahDijawab`) and nothing is kept."""
    periksa_nilai(kantor, isian.nilai)
    if isian.layanan is not None and isian.layanan.kantor_id != kantor.pk:
        raise JawabanDitolak(_("Choose one of this office's services."))
    if saluran == SaluranIkm.TAUTAN:
        if permohonan is None or permohonan.kantor_id != kantor.pk:
            raise JawabanDitolak(_("This survey link is not valid."))
        try:
            with transaction.atomic():
                KodeIkmTerpakai.objects.create(sidik=sidik_permohonan(permohonan))
        except IntegrityError:
            raise SudahDijawab(str(PESAN_SUDAH_DIJAWAB)) from None
    if saluran == SaluranIkm.KIOS and (kios is None or not kios.aktif):
        raise JawabanDitolak(_("This kiosk was revoked."))
    if saluran == SaluranIkm.KERTAS and oleh is None:
        raise JawabanDitolak(_("A paper form is entered by a staff member."))
    hari_ini = timezone.localtime(timezone.now(), kantor.zona).date()
    if tanggal is not None and tanggal > hari_ini:
        raise JawabanDitolak(_("The form's date is in the future."))
    jawaban = JawabanIkm.objects.create(
        kantor=kantor,
        layanan=isian.layanan,
        tanggal=tanggal or hari_ini,
        saluran=saluran,
        kios=kios if saluran == SaluranIkm.KIOS else None,
        umur=isian.umur,
        jenis_kelamin=isian.jenis_kelamin,
        pendidikan=isian.pendidikan,
        pekerjaan=isian.pekerjaan,
        saran=isian.saran.strip()[:2000],
        dicatat_oleh=oleh if saluran == SaluranIkm.KERTAS else None,
        dicatat_pada=timezone.now() if saluran == SaluranIkm.KERTAS else None,
    )
    NilaiIkm.objects.bulk_create(
        NilaiIkm(jawaban=jawaban, unsur=kode, nilai=v) for kode, v in isian.nilai.items()
    )
    return jawaban


# ---------------------------------------------------------------------------
# Kiosks
# ---------------------------------------------------------------------------
def sidik_token(token: str) -> str:
    """A kiosk token is 32 random bytes: a plain SHA-256 of it is as strong as the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_kios_baru() -> str:
    return secrets.token_urlsafe(32)


def kios_buat(*, kantor: Kantor, nama: str, oleh: Pengguna) -> tuple[KiosIkm, str]:
    """A new kiosk and its token, which is shown this once and never stored."""
    token = token_kios_baru()
    kios = KiosIkm.objects.create(
        kantor=kantor, nama=nama, sidik=sidik_token(token), dibuat_oleh=oleh
    )
    return kios, token


def kios_cabut(*, kios: KiosIkm, oleh: Pengguna) -> KiosIkm:
    if kios.dicabut_pada is None:
        kios.dicabut_pada = timezone.now()
        kios.dicabut_oleh = oleh
        kios.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    return kios


def kios_dari_token(token: str) -> KiosIkm | None:
    """The kiosk a token opens, revoked or not (the caller tells a revoked one apart)."""
    if not token or len(token) > 200:
        return None
    return KiosIkm.objects.select_related("kantor").filter(sidik=sidik_token(token)).first()


# ---------------------------------------------------------------------------
# Follow-up plans
# ---------------------------------------------------------------------------
def rtl_simpan(
    *,
    kantor: Kantor,
    periode: str,
    unsur: str,
    kegiatan: str,
    waktu: str,
    penanggung_jawab: str,
    oleh: Pengguna,
) -> RencanaTindakLanjut:
    rtl, _dibuat = RencanaTindakLanjut.objects.update_or_create(
        kantor=kantor,
        periode=periode,
        unsur=unsur,
        defaults={
            "kegiatan": kegiatan,
            "waktu": waktu,
            "penanggung_jawab": penanggung_jawab,
            "diubah_oleh": oleh,
        },
    )
    return rtl
