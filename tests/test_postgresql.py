"""On PostgreSQL, the production database: migrations, seeds and the YAML round trip hold."""

import pytest
from django.db import connection

from layanan.demo import FIXTURES
from layanan.models import Layanan
from layanan.sop_yaml import ekspor_sop

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.parametrize("path", sorted((FIXTURES / "sop").glob("*.yaml")), ids=lambda p: p.stem)
def test_seed_round_trip_on_postgresql(path):
    kantor, kode = path.stem.split("-", 1)
    assert ekspor_sop(Layanan.objects.get(kantor__kode=kantor, kode=kode)) == path.read_text()
