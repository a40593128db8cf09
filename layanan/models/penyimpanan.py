"""Where private files live: citizens' scans, DTKS exports and evidence, signed letters,
signing certificates. No URL serves it; only views that check access hand a file out."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def penyimpanan_pribadi() -> FileSystemStorage:
    """Scans live under MEDIA_ROOT/pribadi, which no URL serves: only a view that checks access."""
    return FileSystemStorage(
        location=settings.MEDIA_ROOT / "pribadi", base_url=None, file_permissions_mode=0o600
    )
