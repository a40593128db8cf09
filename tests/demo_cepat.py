"""The demo data afresh for tests whose writes commit, in milliseconds on SQLite."""

from __future__ import annotations

import sqlite3

from layanan.demo import muat_demo

_SALINAN_DEMO: list[sqlite3.Connection] = []


def demo_segar() -> None:
    """The demo data as `muat_demo` leaves it, for a test whose writes commit (its database
    flushed after every such test).

    On SQLite's in-memory test database the first call loads the demo and keeps a copy of the
    whole database (sqlite3's backup API); later calls put that copy back, in milliseconds
    instead of the seconds loading takes. Elsewhere (PostgreSQL) it loads the demo.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        muat_demo()
        return
    connection.ensure_connection()
    if not _SALINAN_DEMO:
        muat_demo()
        salinan = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(salinan)
        _SALINAN_DEMO.append(salinan)
    else:
        _SALINAN_DEMO[0].backup(connection.connection)
    ContentType.objects.clear_cache()  # the copy's ids, not those a flush made since
