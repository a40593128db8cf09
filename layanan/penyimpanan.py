"""Stored files through Django's storage API: the bucket backend, handing a file out streamed,
and a local copy for the readers that need a path (docs/penyimpanan.md)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from botocore.config import Config
from botocore.exceptions import ClientError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

BLOK = 64 * 1024  # what a download reads from the store at a time


class PenyimpananObjek(S3Storage):
    """An S3-compatible bucket (MinIO, Ceph, a provincial cloud, AWS), private objects only.

    Reading streams the object's body as the store sends it: django-storages' own S3File copies
    a whole object into memory first (a 5 MB scan, 5 MB per download in flight). Writing is
    django-storages' own (multipart above 5 MB)."""

    def __init__(self, **settings: Any) -> None:
        gaya = settings.pop("addressing_style", "path")
        # boto3 ≥ 1.36 adds CRC checksums to every upload and checks them on download; stores
        # other than AWS S3 refuse or garble those requests. Only when an operation needs one.
        settings.setdefault(
            "client_config",
            Config(
                signature_version="s3v4",
                s3={"addressing_style": gaya},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                connect_timeout=5,
                read_timeout=30,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        )
        super().__init__(**settings)

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode != "rb":
            return super()._open(name, mode)
        kunci = self._normalize_name(clean_name(name))
        try:
            jawab = self.connection.meta.client.get_object(Bucket=self.bucket_name, Key=kunci)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                raise FileNotFoundError(f"File does not exist: {name}") from None
            raise
        return _Aliran(jawab["Body"], name, jawab["ContentLength"])

    def url(
        self, name: str, parameters: Any = None, expire: Any = None, http_method: Any = None
    ) -> str:
        """What the disk storage says (a path no URL of ours serves): never a signed link to the
        bucket, so a file leaves only through a view that checked who asks."""
        return filepath_to_uri(name) or ""


class _Aliran(File):
    """An object's body read in order, once: enough for a download or a `read()`."""

    def __init__(self, body: Any, name: str, ukuran: int) -> None:
        super().__init__(body, name)
        self.size = ukuran
        self.mode = "rb"

    def seekable(self) -> bool:
        return False

    def open(self, mode: str | None = None, *args: Any, **kwargs: Any) -> _Aliran:
        raise ValueError("A streamed object is read once; open it again from its storage.")


def respons_berkas(
    berkas: FieldFile, *, nama: str, jenis: str, lampiran: bool = True
) -> FileResponse:
    """A stored file handed to someone a view has already checked, streamed in blocks from the
    disk or the bucket, with its length (a browser shows the download's progress)."""
    isi = berkas.open("rb")
    jawab = FileResponse(isi, as_attachment=lampiran, content_type=jenis, filename=nama)
    jawab.block_size = BLOK
    if "Content-Length" not in jawab.headers and isinstance(isi.file, _Aliran):
        jawab.headers["Content-Length"] = str(isi.file.size)
    return jawab


@contextmanager
def salinan_lokal(berkas: FieldFile) -> Iterator[Path]:
    """A path to a stored file for readers that need one (openpyxl, the CSV sniffer): the file
    itself on disk, a temporary copy of the object when it lives in a bucket."""
    try:
        path = berkas.path
    except NotImplementedError:  # a bucket has no paths
        path = ""
    if path:
        yield Path(path)
        return
    nama = str(berkas.name)
    with tempfile.NamedTemporaryFile(suffix=Path(nama).suffix) as salinan:
        with berkas.storage.open(nama, "rb") as sumber:
            shutil.copyfileobj(sumber, salinan, BLOK)
        salinan.flush()
        yield Path(salinan.name)
