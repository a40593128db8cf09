"""Queue numbers of the loket: one gap-free sequence per office and day, for offices that use them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.models import Kantor, Pengguna
from layanan.penomoran import nomor_berikut


class AntreanTidakDipakai(Exception):
    """The office does not call queue numbers (Kantor.pakai_nomor_antrean is off)."""


def hari_kantor(kantor: Kantor, sekarang: dt.datetime | None = None) -> dt.date:
    """Today in the office's own zone: a WITA office's day starts an hour before Jakarta's."""
    return timezone.localtime(sekarang or timezone.now(), kantor.zona).date()


def jenis_antrean(hari: dt.date) -> str:
    """The counter's kind (penomoran counts per office, kind and year): one counter a day."""
    return f"antrean-{hari.isoformat()}"


def antrean_panggil(*, oleh: Pengguna, sekarang: dt.datetime | None = None) -> int:
    """Call the office's next queue number of the day: 1 at the first call of each day, and no
    number skipped or given twice, however many loket windows call at once."""
    kantor = oleh.kantor
    if kantor is None or not kantor.pakai_nomor_antrean:
        raise AntreanTidakDipakai(_("This office does not use queue numbers."))
    hari = hari_kantor(kantor, sekarang)
    return nomor_berikut(kantor=kantor, jenis=jenis_antrean(hari), tahun=hari.year)
