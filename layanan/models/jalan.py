"""The state of a walk through a frozen SOP, shared by everything the step engine moves (an
application today, a complaint next), and the step history every walk keeps.

An abstract model rather than a walk row of its own: the inbox of every kind of subject is then
one indexed query over one table (kantor, current role, status, deadline), with no join, and
locking the subject locks its walk. The history is abstract too, so each kind keeps its own table
with a real foreign key (`riwayat`), and the engine writes it through that relation.

Only the engine (layanan.mesin) writes these fields: a write from anywhere else fails loudly,
at run time (layanan.mesin.penjaga), whatever path it takes — save(), update(), bulk_update().
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from layanan.models.sop import HasilAkhir


class StatusJalan(models.TextChoices):
    BARU = "baru", _("Being registered")
    DITERIMA = "diterima", _("Accepted, in process")
    TIDAK_DITERIMA = "tidak_diterima", _("Not accepted: documents incomplete")
    SELESAI = "selesai", _("Finished")
    DIBATALKAN = "dibatalkan", _("Cancelled")


class AksiLangkah(models.TextChoices):
    DI_LOKET = "di_loket", _("Recorded at the loket")
    SELESAI = "selesai", _("Done")
    YA = "ya", _("YES")
    TIDAK = "tidak", _("NO")
    PARAF = "paraf", _("Initialled")
    TANDA_TANGAN = "tanda_tangan", _("Signed")
    KEMBALI = "kembali", _("Sent back for correction")
    PARAF_BATAL = "paraf_batal", _("Initials voided: the draft changed after them")
    DIBATALKAN = "dibatalkan", _("Cancelled")
    KOREKSI = "koreksi", _("Data corrected")
    # Actions beside the steps (layanan.mesin.sela): the clock and the end of a walk.
    JEDA = "jeda", _("Clock paused: waiting for information")
    LANJUT = "lanjut", _("Clock resumed")
    PERPANJANG = "perpanjang", _("Time limit extended")
    DITUTUP = "ditutup", _("Closed with a decision")
    ALIH_PERAN = "alih_peran", _("Handling roles changed")


# The fields of the walk (attribute names): written by the engine only.
KOLOM_JALAN = (
    "status",
    "hasil_id",
    "alur",
    "langkah_nomor",
    "langkah_standar_menit",
    "paraf_ke",
    "versi",
    "peran_saat_ini_id",
    "langkah_siap_pada",
    "langkah_mulai_pada",
    "selesai_pada",
    "tenggat",
    "alasan_batal",
    "dijeda_pada",
)
_NAMA_KOLOM = {*KOLOM_JALAN, "hasil", "peran_saat_ini"}
_MESIN_MENULIS: ContextVar[bool] = ContextVar("mesin_menulis", default=False)


class PenulisTerlarang(RuntimeError):
    """A walk's state written outside the step engine."""


@contextmanager
def izin_mesin() -> Iterator[None]:
    """Held by the step engine (layanan.mesin) while it writes; nothing else may take it, except
    a bulk loader of benchmark data (a test scans the code for both)."""
    token = _MESIN_MENULIS.set(True)
    try:
        yield
    finally:
        _MESIN_MENULIS.reset(token)


def _tolak(model: type, kolom: set[str]) -> None:
    if not _MESIN_MENULIS.get() and kolom & _NAMA_KOLOM:
        raise PenulisTerlarang(
            f"{model.__name__}: {', '.join(sorted(kolom & _NAMA_KOLOM))} are written by the "
            "step engine only (layanan.mesin)"
        )


class JalanQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        _tolak(self.model, set(kwargs))
        return super().update(**kwargs)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        _tolak(self.model, set(fields))
        return super().bulk_update(objs, fields, batch_size=batch_size)

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        objs = list(objs)
        for obj in objs:
            obj._pastikan_awal()
        return super().bulk_create(objs, *args, **kwargs)


class JalanSop(models.Model):
    """What the engine needs of a walked subject: these fields, and of its own `kantor` (whose
    working time counts), `layanan` (whose SOP it walks), `dibuat_pada`, and a history model
    (a RiwayatLangkahDasar) whose foreign key to it is named `riwayat` on its side."""

    status = models.CharField(
        _("status"), max_length=20, choices=StatusJalan, default=StatusJalan.BARU
    )
    hasil = models.ForeignKey(
        HasilAkhir,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outcome"),
    )
    # The SOP as it stood when the walk started (layanan.mesin.potret): it finishes on this
    # version even if the office edits the SOP meanwhile.
    alur = models.JSONField(_("SOP version followed"), default=dict, blank=True)
    langkah_nomor = models.PositiveSmallIntegerField(_("current step"), null=True, blank=True)
    # The current step's time standard, copied from `alur` when the walk enters the step: an
    # inbox shows it for 25 rows without loading 25 snapshots.
    langkah_standar_menit = models.PositiveIntegerField(
        _("current step's time standard (minutes)"), null=True, blank=True, editable=False
    )
    paraf_ke = models.PositiveSmallIntegerField(_("initials given at this step"), default=0)
    # The step token: +1 on every transition. A form carries the value it was shown with, so a
    # stale or replayed POST (after a send-back the same step and paraf come round again) is
    # refused instead of acting on a state its user never saw.
    versi = models.PositiveIntegerField(_("step token"), default=0, editable=False)
    peran_saat_ini = models.ForeignKey(
        "layanan.Peran",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("waiting for role"),
    )
    langkah_siap_pada = models.DateTimeField(_("current step ready since"), null=True, blank=True)
    langkah_mulai_pada = models.DateTimeField(
        _("current step started at"),
        null=True,
        blank=True,
        help_text=_("When someone holding the step's role first opened it."),
    )
    selesai_pada = models.DateTimeField(_("finished at"), null=True, blank=True)
    tenggat = models.DateTimeField(_("deadline"), null=True, blank=True)
    alasan_batal = models.TextField(_("reason for cancelling"), blank=True)
    # Set while the clock stands still, waiting for information from the citizen: the deadline
    # and the step's time move on by the working time it stood (layanan.mesin.sela).
    dijeda_pada = models.DateTimeField(_("clock paused since"), null=True, blank=True)

    objects = JalanQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The one piece of logic in a save(): the guard of the single-writer rule, which no
        # convention can hold (setattr and save() reach the table from anywhere).
        update_fields = kwargs.get("update_fields")
        if self._state.adding:
            self._pastikan_awal()
        elif update_fields is not None:
            _tolak(type(self), set(update_fields))
        elif self._nilai_jalan() != getattr(self, "_jalan_awal", self._nilai_jalan()):
            _tolak(type(self), set(KOLOM_JALAN))
        super().save(*args, **kwargs)
        self._jalan_awal = self._nilai_jalan()

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._jalan_awal = self._nilai_jalan()

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Any:
        obj = super().from_db(db, field_names, values)
        obj._jalan_awal = obj._nilai_jalan()  # to tell, at save(), whether the walk changed
        return obj

    def _nilai_jalan(self) -> tuple[Any, ...]:
        return tuple(self.__dict__.get(k) for k in KOLOM_JALAN)

    def _pastikan_awal(self) -> None:
        """A new row starts at the beginning: being registered, no step, nothing decided."""
        bawaan = type(self)()
        if self._nilai_jalan() != bawaan._nilai_jalan():
            _tolak(type(self), set(KOLOM_JALAN))


# The inbox's filter and order, for indeks_kotak_tugas(): equal on the first three, in order of
# the last two. The `kantor` foreign key is the subject's own (every kind of subject has one).
KOLOM_KOTAK_TUGAS = ("kantor", "peran_saat_ini", "status", "tenggat", "id")


def indeks_kotak_tugas(nama: str) -> models.Index:
    """The index an inbox walks for any JalanSop subclass (in its Meta.indexes): what waits in an
    office for a role, nearest deadline first, read in index order and stopped after one page,
    with no sort of the whole backlog. layanan.selectors.tugas_untuk asks exactly this."""
    return models.Index(fields=list(KOLOM_KOTAK_TUGAS), name=nama)


class RiwayatLangkahDasar(models.Model):
    """One step (or one paraf within it) done: by whom, in which role, ready since when, done when,
    with what. Every change of a walk's state leaves one."""

    nomor = models.PositiveSmallIntegerField(_("step"))
    kegiatan = models.TextField(_("activity"))
    peran = models.CharField(_("role"), max_length=120)
    aksi = models.CharField(_("action"), max_length=15, choices=AksiLangkah)
    catatan = models.TextField(_("note"), blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    siap_pada = models.DateTimeField(_("ready since"))
    mulai_pada = models.DateTimeField(_("started at"), null=True)
    selesai_pada = models.DateTimeField(_("done at"))
    standar_menit = models.PositiveIntegerField(_("time standard (minutes)"), null=True)
    # The office's working minutes from ready to done (paused time already left out: a resumed
    # step's `siap_pada` moved on by it), written by the engine as it records the step, so the
    # dashboards measure steps against their standard in the database (layanan.dasbor).
    menit_kerja = models.PositiveIntegerField(_("working minutes taken"), null=True)
    # The walked subject's office and SOP, copied by the engine: the dashboard reads an office's
    # records of a period as one index range, without a join per application.
    kantor = models.ForeignKey(
        "layanan.Kantor", on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    layanan = models.ForeignKey(
        "layanan.Layanan", on_delete=models.PROTECT, null=True, related_name="+", db_index=False
    )
    versi = models.PositiveIntegerField(_("step token"), default=0)
    # A paraf or signature is given to one draft: the fingerprint of the letter its giver read.
    sidik_konsep = models.CharField(_("draft fingerprint"), max_length=64, blank=True)

    class Meta:
        abstract = True
        ordering = ["selesai_pada", "id"]

    def __str__(self) -> str:
        return f"{self.nomor}: {self.aksi}"
