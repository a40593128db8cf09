"""The catalogue of model services: the national superuser publishes a service (a snapshot of its
YAML export); an office administrator copies one into the office as a draft, each role of the
model read as one of the office's. Both go through the SOP YAML, the one way a service travels."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from layanan.katalog.sop_yaml import ekspor_sop, impor_sop
from layanan.katalog.sop_yaml.baca import baca_yaml
from layanan.models import Kantor, Layanan, ModelLayanan, Peran


def peran_dalam_yaml(teks: str) -> list[str]:
    """The role codes a service's YAML names (actors and initials), in order of appearance."""
    data = baca_yaml(teks)
    kode: list[str] = []
    for langkah in data.get("langkah", []) if isinstance(data, dict) else []:
        if not isinstance(langkah, dict):
            continue
        paraf = langkah.get("paraf")
        for k in [langkah.get("pelaksana"), *(paraf if isinstance(paraf, list) else [])]:
            if isinstance(k, str) and k not in kode:
                kode.append(k)
    return kode


@transaction.atomic
def model_terbitkan(*, layanan: Layanan, keterangan: str = "") -> ModelLayanan:
    """Publish (or publish again) a service as a model: its YAML as it stands now."""
    teks = ekspor_sop(layanan)
    nama_peran = dict(Peran.objects.filter(kantor=layanan.kantor).values_list("kode", "nama"))
    model = ModelLayanan.objects.filter(sumber=layanan).first() or ModelLayanan(sumber=layanan)
    model.nama = layanan.nama_tampil
    model.keterangan = keterangan or model.keterangan
    model.asal = str(layanan.kantor)
    model.kode = layanan.kode
    model.isi_yaml = teks
    model.peran = {k: nama_peran.get(k, k) for k in peran_dalam_yaml(teks)}
    model.jumlah_langkah = layanan.langkah.count()
    model.diterbitkan_pada = timezone.now()
    model.save()
    return model


def _sederhana(teks: str) -> str:
    return "".join(c for c in teks.lower() if c.isalnum())


def usul_peta_peran(model: ModelLayanan, kantor: Kantor) -> dict[str, Peran | None]:
    """For each role of the model, the office's role of the same code, else of the same name
    (case and punctuation aside), else none: the administrator chooses."""
    milik = list(Peran.objects.filter(kantor=kantor))
    per_kode = {p.kode: p for p in milik}
    per_nama = {_sederhana(p.nama): p for p in milik}
    usul: dict[str, Peran | None] = {}
    for kode, nama in model.peran.items():
        usul[kode] = per_kode.get(kode) or per_nama.get(_sederhana(str(nama)))
    return usul


def model_salin(
    *, model: ModelLayanan, kantor: Kantor, kode: str, peta_peran: dict[str, Any]
) -> Layanan:
    """A new draft service of `kantor` from the model, its roles read through `peta_peran`
    (model role code → the office's Peran or its code). Raises SopImportError, nothing saved."""
    peta = {k: (p.kode if isinstance(p, Peran) else str(p)) for k, p in peta_peran.items()}
    return impor_sop(model.isi_yaml, kantor=kantor, kode=kode, peta_peran=peta, hanya_baru=True)


@transaction.atomic
def model_dari_yaml(
    teks: str, *, asal: str, nama_peran: dict[str, str] | None = None, keterangan: str = ""
) -> ModelLayanan:
    """Publish (or publish again) a model straight from a service's YAML, with no office behind
    it: a fresh installation's catalogue. `nama_peran` names the roles by code (else the code
    stands as the name). A copy imports it as any SOP YAML, with the same checks."""
    data = baca_yaml(teks)
    kode = str(data["kode"])
    model = ModelLayanan.objects.filter(sumber=None, kode=kode, asal=asal).first()
    model = model or ModelLayanan(kode=kode, asal=asal)
    model.nama = str(data.get("nama_publik") or data.get("nama_singkat") or data["nama"])
    model.keterangan = keterangan or model.keterangan
    model.isi_yaml = teks
    model.peran = {k: (nama_peran or {}).get(k, k) for k in peran_dalam_yaml(teks)}
    model.jumlah_langkah = len(data.get("langkah") or [])
    model.diterbitkan_pada = timezone.now()
    model.save()
    return model
