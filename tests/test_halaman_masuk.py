"""Both login pages: the application's (/masuk/) and the administration's (/admin/login/).

Anyone the admin site lets in (a national superuser, an office administrator) logs in on either;
anyone else is told in Indonesian why, and where to go. The lockout counts on both pages.
"""

import pytest
from django.test import Client
from django.urls import reverse

from layanan.demo import KATA_SANDI_DEMO

pytestmark = pytest.mark.django_db

MASUK = "/masuk/"
MASUK_ADMIN = "/admin/login/"
PESAN_SALAH = "Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan."
PESAN_BUKAN_ADMIN = "Akun ini tidak memiliki akses ke administrasi."
GANDA = "nama pengguna nama pengguna"


@pytest.fixture(autouse=True)
def _axes_aktif(settings):
    settings.AXES_ENABLED = True  # the lockout is part of logging in: keep it on
    settings.AXES_FAILURE_LIMIT = 5


def _masuk(client: Client, url: str, username: str, password: str = KATA_SANDI_DEMO, **extra):
    return client.post(url, {"username": username, "password": password, **extra})


@pytest.mark.parametrize("url", [MASUK, MASUK_ADMIN])
@pytest.mark.parametrize("username", ["superadmin", "blitar.admin"])
def test_an_administrator_logs_in_on_either_page_and_reaches_the_admin(url, username):
    client = Client()
    response = _masuk(client, url, username, next="/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_office_administrator_needs_no_staff_flag(pengguna):
    """Django's admin would ask for is_staff; ours asks what the admin site itself asks."""
    admin = pengguna("blitar.admin")
    assert not admin.is_staff and admin.adalah_admin_kantor
    response = _masuk(Client(), MASUK_ADMIN, "blitar.admin")
    assert response.status_code == 302


def test_a_loket_officer_is_told_on_the_admin_page_and_sent_to_the_apps_login():
    client = Client()
    response = _masuk(client, MASUK_ADMIN, "blitar.petugas")
    assert response.status_code == 200
    teks = response.content.decode()
    assert PESAN_BUKAN_ADMIN in teks
    assert f'href="{reverse("login")}"' in teks and "Masuk ke aplikasi" in teks
    assert GANDA not in teks
    assert "_auth_user_id" not in client.session


def test_a_loket_officer_logs_in_on_the_apps_page():
    client = Client()
    response = _masuk(client, MASUK, "blitar.petugas")
    assert response.status_code == 302
    assert response["Location"] == reverse("layanan:setelah-masuk")


def test_a_loket_officer_already_logged_in_is_told_the_admin_is_not_theirs():
    client = Client()
    _masuk(client, MASUK, "blitar.petugas")
    response = client.get("/admin/", follow=True)
    teks = response.content.decode()
    assert "Anda masuk sebagai blitar.petugas" in teks
    assert "tidak memiliki akses ke administrasi" in teks
    assert f'href="{reverse("layanan:setelah-masuk")}"' in teks


def test_a_disabled_office_administrator_is_refused(pengguna):
    admin = pengguna("blitar.admin")
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = _masuk(Client(), MASUK_ADMIN, "blitar.admin")
    assert response.status_code == 200
    assert PESAN_SALAH in response.content.decode()


@pytest.mark.parametrize("url", [MASUK, MASUK_ADMIN])
@pytest.mark.parametrize("username", ["superadmin", "blitar.admin", "blitar.petugas", "tidak.ada"])
def test_a_wrong_password_reads_as_one_indonesian_sentence(url, username):
    response = _masuk(Client(), url, username, "salah-sekali")
    assert response.status_code == 200
    teks = response.content.decode()
    assert PESAN_SALAH in teks
    assert GANDA not in teks and "Masukkan nama pengguna" not in teks


@pytest.mark.parametrize(("gagal_di", "lalu_di"), [(MASUK_ADMIN, MASUK), (MASUK, MASUK_ADMIN)])
def test_failures_on_one_page_lock_the_other_too(gagal_di, lalu_di):
    client = Client()
    for _ in range(4):
        assert _masuk(client, gagal_di, "blitar.admin", "salah").status_code == 200
    assert _masuk(client, gagal_di, "blitar.admin", "salah").status_code == 429
    response = _masuk(client, lalu_di, "blitar.admin")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session
