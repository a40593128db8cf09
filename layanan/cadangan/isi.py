"""What a backup holds: every model's rows (sessions and what `migrate` makes aside) and every
file a row points at, through the storage of the field that stores it (the local disk or a
bucket, whichever the deployment uses)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.core.files.storage import Storage
from django.db import models

# Made again by `migrate` in the deployment restored into (referred to by natural keys), not
# worth restoring (sessions: everyone logs in again after a restore), or kept by the database's
# own triggers from the rows restored (the dashboard's month totals, layanan.dasbor.pemicu).
TIDAK_DICADANGKAN = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "layanan.rekappermohonanbulan",
    "layanan.rekaplangkahbulan",
}


def model_dicadangkan() -> list[type[models.Model]]:
    """In an order in which they can be loaded (natural-key dependencies first)."""
    daftar = [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in TIDAK_DICADANGKAN and m._meta.managed and not m._meta.proxy
    ]
    return serializers.sort_dependencies([(None, daftar)], allow_cycles=True)  # type: ignore[list-item]


@dataclass(frozen=True)
class BerkasTersimpan:
    model: str  # the label of a model whose field stores it ("layanan.surat")
    kolom: str
    nama: str


def kunci_penyimpanan(storage: Storage) -> tuple[str, ...]:
    """The same files whichever model's field reaches them (a model and its history)."""
    return (
        f"{type(storage).__module__}.{type(storage).__qualname__}",
        str(getattr(storage, "location", "")),
        str(getattr(storage, "bucket_name", "")),
    )


def berkas_tersimpan() -> Iterator[tuple[BerkasTersimpan, Storage]]:
    """Every stored file a row points at, once."""
    dilihat: set[tuple[str, ...]] = set()
    for model in model_dicadangkan():
        for kolom in model._meta.concrete_fields:
            if not isinstance(kolom, models.FileField):
                continue
            nama_nama = (
                model._base_manager.exclude(**{kolom.attname: ""})
                .exclude(**{f"{kolom.attname}__isnull": True})
                .values_list(kolom.attname, flat=True)
                .distinct()
                .iterator()
            )
            for nama in nama_nama:
                kunci = (*kunci_penyimpanan(kolom.storage), nama)
                if kunci in dilihat:
                    continue
                dilihat.add(kunci)
                yield BerkasTersimpan(model._meta.label_lower, kolom.name, nama), kolom.storage


def penyimpanan_untuk(model: str, kolom: str) -> Storage:
    return apps.get_model(model)._meta.get_field(kolom).storage  # type: ignore[union-attr]
