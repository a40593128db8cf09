"""Shared cast: the five seed offices loaded once; staff of office A (Blitar) and B (Bima)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from layanan.demo import KATA_SANDI_DEMO, SUPERUSER_DEMO, muat_demo
from layanan.models import Kantor, Layanan, Pengguna


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test sees the seed offices, SOPs and demo accounts, as the README's demo does."""
    with django_db_blocker.unblock():
        muat_demo()


@pytest.fixture(autouse=True)
def _bahasa_bawaan():
    """Each test starts in Indonesian: a request may leave another language active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def _masuk(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=KATA_SANDI_DEMO), username
    return client


@pytest.fixture
def kantor_a(db) -> Kantor:
    return Kantor.objects.get(kode="blitar")


@pytest.fixture
def kantor_b(db) -> Kantor:
    return Kantor.objects.get(kode="bima")


@pytest.fixture
def layanan_a(kantor_a) -> Layanan:
    return Layanan.objects.get(kantor=kantor_a, kode="kip")


@pytest.fixture
def layanan_b(kantor_b) -> Layanan:
    return Layanan.objects.get(kantor=kantor_b, kode="pip")


@pytest.fixture
def admin_a(db) -> Client:
    """Office administrator of office A."""
    return _masuk("blitar.admin")


@pytest.fixture
def admin_b(db) -> Client:
    """Office administrator of office B: the stranger to office A."""
    return _masuk("bima.admin")


@pytest.fixture
def petugas_a(db) -> Client:
    """Loket staff of office A, not an administrator."""
    return _masuk("blitar.petugas")


@pytest.fixture
def superadmin(db) -> Client:
    return _masuk(SUPERUSER_DEMO)


@pytest.fixture
def pengguna(db):
    return lambda username: Pengguna.objects.get(username=username)


def pytest_collection_modifyitems(config, items):
    """Tests that commit (browser, concurrency) run last: their tables are flushed afterwards,
    which would take the demo data away from the tests after them."""
    items.sort(
        key=lambda item: (
            "transactional_db" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("e2e") is not None
        )
    )
