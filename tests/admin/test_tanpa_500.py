"""A malformed id in any admin URL is a 404 (as a missing object), never a 500."""

import re
from collections.abc import Iterator

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, reverse
from django_tasks_db.models import DBTaskResult

from layanan.admin.site import admin_site
from layanan.models import Layanan

pytestmark = pytest.mark.django_db

ID_BURUK = ["abc", "1e5", "1%20OR%201", "%00", "-1", "99999999999999999999999"]


def _pola_url(patterns: list, awalan: str = "") -> Iterator[str]:
    for pola in patterns:
        if isinstance(pola, URLResolver):
            yield from _pola_url(pola.url_patterns, awalan + str(pola.pattern))
        else:
            yield awalan + str(pola.pattern)


def _dengan_id(pola: str, nilai: str) -> str:
    return "/admin/" + re.sub(r"<(?:\w+:)?\w+>", nilai, pola).lstrip("^").rstrip("$")


def test_view_on_site_with_a_malformed_uuid_is_a_404(admin_a):
    # The task results have UUID keys: Django's shortcut let the ValidationError through.
    jenis = ContentType.objects.get_for_model(DBTaskResult)
    for nilai in ("abc", "1"):
        response = admin_a.get(reverse("admin:view_on_site", args=[jenis.pk, nilai]))
        assert response.status_code == 404


@pytest.mark.parametrize("jenis", ["abc", "99999999999999999999999", "-1"])
def test_view_on_site_with_a_malformed_content_type_is_a_404(admin_a, jenis):
    assert admin_a.get(f"/admin/r/{jenis}/1/").status_code == 404


def test_view_on_site_of_a_model_without_a_public_page_is_a_404(admin_a, layanan_a):
    jenis = ContentType.objects.get_for_model(Layanan)
    url = reverse("admin:view_on_site", args=[jenis.pk, layanan_a.pk])
    assert admin_a.get(url).status_code == 404


@pytest.mark.parametrize("nilai", ["abc", "1e5", "99999999999999999999999"])
def test_a_malformed_history_version_is_a_404(admin_a, layanan_a, nilai):
    url = f"/admin/layanan/layanan/{layanan_a.pk}/history/{nilai}/"
    assert admin_a.get(url).status_code == 404


@pytest.mark.parametrize("klien", ["admin_a", "superadmin"])
def test_every_admin_url_answers_a_malformed_id_without_a_500(request, klien):
    client = request.getfixturevalue(klien)
    client.raise_request_exception = False
    dicoba = 0
    for pola in _pola_url(admin_site.get_urls()):
        if "<" not in pola:
            continue
        for nilai in ID_BURUK:
            url = _dengan_id(pola, nilai)
            response = client.get(url)
            assert response.status_code < 500, url
            dicoba += 1
    assert dicoba > 50  # the scan reached the model admins' own URLs


@pytest.mark.parametrize("ids", [("abc", None), ("1", "abc"), ("1e5", "1")])
def test_unscoped_history_admins_read_ids_through_their_fields(rf, pengguna, ids):
    from django.http import Http404

    from layanan.admin.site import RiwayatAdmin

    request = rf.get("/")
    request.user = pengguna("superadmin")
    model_admin = RiwayatAdmin(Layanan, admin_site)
    object_id, version_id = ids
    with pytest.raises(Http404):
        if version_id is None:
            model_admin.history_view(request, object_id)
        else:
            model_admin.history_form_view(request, object_id, version_id)


@pytest.mark.parametrize("nilai", ["99999999999999999999", "1e5", "-1"])
def test_a_malformed_id_in_a_many_to_many_choice_is_refused_not_a_500(admin_a, pengguna, nilai):
    """The roles of a user (any many-to-many of the office-scoped admin) posted by a hostile
    administrator: SQLite raised OverflowError on an id past 64 bits."""
    from tests.admin.helpers import data_dari_halaman

    url = reverse("admin:layanan_pengguna_change", args=[pengguna("blitar.petugas").pk])
    data = {**data_dari_halaman(admin_a.get(url)), "peran": [nilai]}
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert "peran" in response.context["adminform"].form.errors
