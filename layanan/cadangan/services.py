"""Making a backup and restoring one (layout and format: docs/cadangan.md)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from layanan.cadangan.isi import berkas_tersimpan, model_dicadangkan, penyimpanan_untuk
from layanan.cadangan.sandi import PembacaSandi, PenulisSandi, dekripsi
from layanan.dasbor import pemicu
from layanan.masuk.catatan import catat_keamanan
from layanan.models import JenisCatatanKeamanan, Kantor, Pengguna

VERSI = 1
AWALAN = "cadangan-"
BASISDATA = "basisdata.jsonl.enc"
MANIFEST = "manifest.json.enc"
BACA = 1024 * 1024


class CadanganGagal(Exception):
    """A backup that cannot be made or restored, said in words for the administrator."""


@dataclass(frozen=True)
class Ringkasan:
    folder: Path
    baris: int
    berkas: int
    hilang: int  # files a row points at that were not in the storage when the backup was made


def _tulis_terenkripsi(jalur: Path, kunci: bytes) -> PenulisSandi:
    berkas = jalur.open("xb")
    jalur.chmod(0o600)
    return PenulisSandi(berkas, kunci)


def _tutup(penulis: PenulisSandi) -> None:
    tujuan = penulis._tujuan
    penulis.close()
    tujuan.close()


def _salin_berkas(sumber: IO[bytes], penulis: PenulisSandi) -> tuple[str, int]:
    sidik, ukuran = hashlib.sha256(), 0
    while potongan := sumber.read(BACA):
        sidik.update(potongan)
        ukuran += len(potongan)
        penulis.write(potongan)
    return sidik.hexdigest(), ukuran


def _atomik_dibaca() -> None:
    """One consistent view of every table for the whole dump (PostgreSQL; SQLite's transaction
    is one already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def cadangan_buat(*, tujuan: Path, kunci: bytes, simpan: int | None = None) -> Ringkasan:
    """Write a new backup folder under `tujuan`; with `simpan`, keep only that many newest."""
    tujuan.mkdir(parents=True, exist_ok=True)
    cap = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    sementara = Path(tempfile.mkdtemp(prefix=f".sebagian-{cap}-", dir=tujuan))
    try:
        manifest = _cadangkan_ke(sementara, kunci)
        folder = tujuan / f"{AWALAN}{cap}"
        sementara.rename(folder)  # a backup folder exists only once complete
    except BaseException:
        shutil.rmtree(sementara, ignore_errors=True)
        raise
    if simpan:
        _pangkas(tujuan, simpan)
    baris = sum(manifest["baris"].values())
    catat_keamanan(
        jenis=JenisCatatanKeamanan.CADANGAN,
        keterangan=f"{folder.name}: {baris} rows, {len(manifest['berkas'])} files",
    )
    return Ringkasan(folder, baris, len(manifest["berkas"]), len(manifest["hilang"]))


def _cadangkan_ke(folder: Path, kunci: bytes) -> dict[str, Any]:
    (folder / "berkas").mkdir()
    manifest: dict[str, Any] = {
        "versi": VERSI,
        "dibuat_pada": timezone.now().isoformat(),
        "basisdata": connection.vendor,
        "baris": {},
        "berkas": [],
        "hilang": [],
    }
    with transaction.atomic():
        _atomik_dibaca()
        penulis = _tulis_terenkripsi(folder / BASISDATA, kunci)
        teks = io.TextIOWrapper(io.BufferedWriter(penulis), encoding="utf-8")
        for model in model_dicadangkan():
            baris = model._base_manager.order_by("pk")
            manifest["baris"][model._meta.label_lower] = baris.count()
            serializers.serialize(
                "jsonl", baris.iterator(chunk_size=2000), stream=teks, use_natural_foreign_keys=True
            )
        teks.flush()
        teks.detach()
        _tutup(penulis)
        for nomor, (info, storage) in enumerate(berkas_tersimpan(), start=1):
            if not storage.exists(info.nama):
                manifest["hilang"].append({"model": info.model, "nama": info.nama})
                continue
            arsip = f"berkas/{nomor:07d}.enc"
            penulis = _tulis_terenkripsi(folder / arsip, kunci)
            with storage.open(info.nama, "rb") as sumber:
                sidik, ukuran = _salin_berkas(sumber, penulis)
            _tutup(penulis)
            manifest["berkas"].append(
                {"model": info.model, "kolom": info.kolom, "nama": info.nama}
                | {"sha256": sidik, "ukuran": ukuran, "arsip": arsip}
            )
    penulis = _tulis_terenkripsi(folder / MANIFEST, kunci)
    penulis.write(json.dumps(manifest).encode())
    _tutup(penulis)
    return manifest


def _pangkas(tujuan: Path, simpan: int) -> None:
    lama = sorted(p for p in tujuan.iterdir() if p.is_dir() and p.name.startswith(AWALAN))
    for folder in lama[:-simpan]:
        shutil.rmtree(folder)


def _baca_manifest(folder: Path, kunci: bytes) -> dict[str, Any]:
    jalur = folder / MANIFEST
    if not jalur.is_file():
        raise CadanganGagal(f"{folder} is not a complete backup folder (no {MANIFEST}).")
    with jalur.open("rb") as f:
        manifest = json.loads(b"".join(dekripsi(f, kunci)))
    if manifest.get("versi") != VERSI:
        raise CadanganGagal(f"Backup format {manifest.get('versi')} is not {VERSI}.")
    return manifest


def cadangan_pulihkan(*, sumber: Path, kunci: bytes) -> Ringkasan:
    """Restore `sumber` into this deployment, which must be migrated and empty."""
    manifest = _baca_manifest(sumber, kunci)
    if Kantor.objects.exists() or Pengguna.objects.exists():
        raise CadanganGagal(
            "This deployment already holds offices or accounts: restore into an empty one "
            "(a new database, `manage.py migrate`, an empty storage)."
        )
    _pulihkan_basisdata(sumber / BASISDATA, kunci)
    for entri in manifest["berkas"]:
        _pulihkan_berkas(sumber, entri, kunci)
    for label, jumlah in manifest["baris"].items():
        ada = apps.get_model(label)._base_manager.count()
        if ada != jumlah:
            raise CadanganGagal(f"{label}: {ada} rows restored, the backup holds {jumlah}.")
    catat_keamanan(jenis=JenisCatatanKeamanan.PULIH, keterangan=f"{sumber.name}")
    baris = sum(manifest["baris"].values())
    return Ringkasan(sumber, baris, len(manifest["berkas"]), len(manifest["hilang"]))


def _pulihkan_basisdata(jalur: Path, kunci: bytes) -> None:
    """As loaddata does it, but streaming from the decrypted file: no plaintext on disk."""
    model_model = model_dicadangkan()
    with jalur.open("rb") as f, transaction.atomic():
        pembaca = io.BufferedReader(PembacaSandi(f, kunci))  # type: ignore[type-var]
        teks = io.TextIOWrapper(pembaca, encoding="utf-8")
        with connection.constraint_checks_disabled():
            tertunda = []
            for obj in serializers.deserialize("jsonl", teks, handle_forward_references=True):
                obj.save()
                if obj.deferred_fields:
                    tertunda.append(obj)
            for obj in tertunda:
                obj.save_deferred_fields()
        connection.check_constraints(table_names=[m._meta.db_table for m in model_model])
        with connection.cursor() as c:
            for sql in connection.ops.sequence_reset_sql(no_style(), model_model):
                c.execute(sql)
            # The month totals, counted afresh from the rows restored (the triggers added to
            # them row by row while loading; counting again is what the migration does too).
            for sql in pemicu.isi_ulang(connection.vendor):
                c.execute(sql)


def _sidik_tersimpan(storage: Any, nama: str) -> str:
    sidik = hashlib.sha256()
    with storage.open(nama, "rb") as f:
        while potongan := f.read(BACA):
            sidik.update(potongan)
    return sidik.hexdigest()


def _pulihkan_berkas(folder: Path, entri: dict[str, Any], kunci: bytes) -> None:
    storage = penyimpanan_untuk(entri["model"], entri["kolom"])
    if storage.exists(entri["nama"]):
        # The very file already there (a restore run again after stopping half-way): kept.
        if _sidik_tersimpan(storage, entri["nama"]) == entri["sha256"]:
            return
        raise CadanganGagal(f"{entri['nama']} already exists in the storage, with other content.")
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as isi:
        sidik = hashlib.sha256()
        with (folder / entri["arsip"]).open("rb") as f:
            for potongan in dekripsi(f, kunci):
                sidik.update(potongan)
                isi.write(potongan)
        if sidik.hexdigest() != entri["sha256"]:
            raise CadanganGagal(f"{entri['nama']}: its content does not match the backup's hash.")
        isi.seek(0)
        disimpan = storage.save(entri["nama"], File(isi, name=entri["nama"]))
    if disimpan != entri["nama"]:
        raise CadanganGagal(f"{entri['nama']} was stored as {disimpan}.")
