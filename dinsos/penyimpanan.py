"""STORAGES from the environment: this server's disk, or an S3-compatible bucket that every
application server and worker shares (DINSOS_S3_*; docs/penyimpanan.md)."""

from pathlib import Path
from typing import Any

from dinsos.env import env_pilihan, env_str, env_url_s3


def penyimpanan_dari_env(folder: str, media_root: Path) -> dict[str, Any]:
    """One STORAGES entry: `folder` "" for the default storage (offices' logos), "pribadi" for
    scans, evidence, DTKS exports, certificates, letters and reports."""
    ember = env_str("DINSOS_S3_BUCKET", "")
    if not ember:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media_root / folder, "file_permissions_mode": 0o600},
        }
    awalan = env_str("DINSOS_S3_PREFIX", "").strip("/")
    return {
        "BACKEND": "layanan.penyimpanan.PenyimpananObjek",
        "OPTIONS": {
            "bucket_name": ember,
            "location": "/".join(x for x in (awalan, folder or "media") if x),
            "endpoint_url": env_url_s3("DINSOS_S3_ENDPOINT") or None,
            "region_name": env_str("DINSOS_S3_REGION", "us-east-1"),
            # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, a profile, an instance role).
            "access_key": env_str("DINSOS_S3_ACCESS_KEY", "") or None,
            "secret_key": env_str("DINSOS_S3_SECRET_KEY", "") or None,
            "addressing_style": env_pilihan("DINSOS_S3_ADDRESSING", "path", ("path", "virtual")),
            # "private" unless the store refuses ACL headers (AWS buckets with ACLs disabled): "".
            "default_acl": env_str("DINSOS_S3_ACL", "private") or None,
            "file_overwrite": False,
        },
    }
