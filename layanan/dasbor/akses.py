"""Who may read an office's dashboard, which office, and who sees NIKs in its lists.

The head of office, the heads of division and the office administrator read their own office's:
an official (Pejabat) of the office whose account is theirs, or its administrator. A national
superuser reads any office's and compares them; a provincial reader (an account of no office
with a province code, which only the national superuser sets) reads and compares those of the
offices of its province, and sees no NIK. Nobody else has a dashboard: a 404, as for a page that
does not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from layanan.models import Kantor, Layanan, Pejabat, Pengguna, Permohonan
from layanan.selectors import layanan_ids_untuk_peran


def kantor_terbanding(user: Pengguna) -> QuerySet[Kantor] | None:
    """The offices a user compares: every one for a national superuser, its province's for a
    provincial reader; None for anyone else."""
    if not user.is_active:
        return None
    if user.is_superuser:
        return Kantor.objects.order_by("nama_daerah")
    if user.kode_provinsi and user.kantor_id is None:
        return Kantor.objects.filter(kode_wilayah__startswith=f"{user.kode_provinsi}.").order_by(
            "nama_daerah"
        )
    return None


def pembanding(user: Pengguna) -> bool:
    """Chooses among offices and compares them (a national superuser, a provincial reader)."""
    return kantor_terbanding(user) is not None


def boleh_dasbor(user: Pengguna) -> bool:
    if not user.is_active:
        return False
    if pembanding(user):
        return True
    if user.kantor_id is None:
        return False
    if user.adalah_admin_kantor:
        return True
    return Pejabat.objects.filter(kantor_id=user.kantor_id, pengguna=user).exists()


def kantor_dasbor(user: Pengguna, kode: str | None = None) -> Kantor:
    """The office whose dashboard the user reads: their own; a superuser's choice (by code),
    else the first office. Another office asked for by anyone else is a 404."""
    if not boleh_dasbor(user):
        raise Http404
    qs = kantor_terbanding(user)
    if qs is None:
        assert user.kantor is not None
        if kode and kode != user.kantor.kode:
            raise Http404
        return user.kantor
    kantor = qs.filter(kode=kode).first() if kode else qs.first()
    if kantor is None:
        raise Http404
    return kantor


def kantor_pilihan(user: Pengguna) -> list[Kantor]:
    """The offices a superuser or a provincial reader can switch between and compare; none for
    anyone else."""
    qs = kantor_terbanding(user)
    return list(qs) if qs is not None else []


def layanan_dasbor(kantor: Kantor) -> QuerySet[Layanan]:
    """The services a dashboard can be narrowed to: the office's, not its complaint SOP."""
    return Layanan.objects.filter(kantor=kantor, pengaturan_pengaduan__isnull=True).order_by(
        "nama_singkat"
    )


def permohonan_dasbor(user: Pengguna, kantor: Kantor) -> QuerySet[Permohonan]:
    """The applications behind the dashboard's figures: every one of the office (the head of
    office answers for all its services); nothing for a user without a dashboard there."""
    if kantor_dasbor(user, kantor.kode).pk != kantor.pk:
        return Permohonan.objects.none()
    return Permohonan.objects.filter(kantor=kantor)


def boleh_lihat_nik(user: Pengguna, kantor: Kantor) -> bool:
    """A NIK is shown and exported only to staff of the office whose roles work on its
    applications (UU PDP: no wider than the work needs); an administrator without such a role and
    a national superuser see names only."""
    if user.kantor_id != kantor.pk or (user.is_superuser and user.kantor_id is None):
        return False
    return layanan_ids_untuk_peran(user).exists()


def layanan_terbuka(user: Pengguna) -> set[int]:
    """Services whose application pages the user may open (layanan.selectors.permohonan_untuk):
    a list links a row only where the link leads somewhere."""
    if user.kantor_id is None:
        return set()
    return set(layanan_ids_untuk_peran(user))
