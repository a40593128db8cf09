"""Where private files live: citizens' scans, DTKS exports and evidence, signed letters,
signing certificates, reports. No URL serves it; only views that check access hand a file out."""

from typing import Any

from django.core.files.storage import storages


def penyimpanan_pribadi() -> Any:
    """STORAGES["pribadi"]: MEDIA_ROOT/pribadi on this server's disk, or the bucket's pribadi/
    prefix when DINSOS_S3_BUCKET is set (dinsos/settings.py)."""
    return storages["pribadi"]
