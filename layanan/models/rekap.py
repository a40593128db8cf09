"""Month totals the database keeps for the dashboard (layanan.dasbor.bulanan).

A year of a busy office is a hundred thousand applications and half a million step records:
counting them at every look at the dashboard costs seconds. These tables hold the same counts
per office and month of the office's own calendar, kept by triggers in the database
(layanan.dasbor.pemicu) on every insert, update and delete of an application or a step record,
whoever writes it — the engine, an import, a bulk load. They are never written from Python.

Identifiers are plain integers, 0 where the row has none (an application without an outcome
yet), so that every row has one key the triggers can add to.
"""

from __future__ import annotations

from django.db import models


class RekapPermohonanBulan(models.Model):
    """Applications registered in one month, by service, state and outcome, with how many of
    the settled ones were settled within their deadline and how many after it."""

    kantor_id = models.BigIntegerField()
    layanan_id = models.BigIntegerField()
    bulan = models.DateField()  # the 1st of the month, in the office's time zone
    status = models.CharField(max_length=20)
    hasil_id = models.BigIntegerField()
    n = models.IntegerField(default=0)
    tepat = models.IntegerField(default=0)
    telat = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kantor_id", "bulan", "layanan_id", "status", "hasil_id"],
                name="rekap_permohonan_bulan_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kantor_id} {self.bulan:%Y-%m} {self.status}: {self.n}"


class RekapLangkahBulan(models.Model):
    """Acts of SOP steps done in one month, by service, step, standard and the bucket of
    1/20 of the standard their working time falls in (layanan.dasbor.kepatuhan), with how many
    took longer than the standard and the longest one.

    The longest is not lowered when a record leaves its bucket (a deletion): it stays a value
    of that bucket, so a percentile read from it keeps its promise (never below the true value,
    at most a bucket above it); a bucket left empty is not read."""

    kantor_id = models.BigIntegerField()
    layanan_id = models.BigIntegerField()
    bulan = models.DateField()
    nomor = models.IntegerField()
    standar_menit = models.IntegerField()
    ember = models.IntegerField()
    n = models.IntegerField(default=0)
    lewat = models.IntegerField(default=0)
    maks = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kantor_id", "bulan", "layanan_id", "nomor", "standar_menit", "ember"],
                name="rekap_langkah_bulan_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kantor_id} {self.bulan:%Y-%m} {self.nomor}/{self.ember}: {self.n}"
