"""Login throttling: a password cannot be guessed, and one person's lockout is theirs alone."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from layanan.demo import KATA_SANDI_DEMO

pytestmark = pytest.mark.django_db

PESAN_TERKUNCI = "Terlalu banyak percobaan masuk yang gagal"


@pytest.fixture(autouse=True)
def _axes_aktif(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.DINSOS_PROXY_TEPERCAYA = ["10.9.0.1"]


def _klien(alamat: str = "203.0.113.7", **meta: str) -> Client:
    return Client(REMOTE_ADDR=alamat, **meta)


def _masuk(client: Client, username: str, password: str, url: str = "/masuk/"):
    return client.post(url, {"username": username, "password": password})


def _terkunci(client: Client, username: str, kali: int = 5) -> None:
    for _ in range(kali):
        _masuk(client, username, "salah-sekali")


def test_forty_wrong_passwords_then_the_right_one_is_refused():
    client = _klien()
    for _ in range(40):
        response = _masuk(client, "blitar.petugas", "salah-sekali")
    assert response.status_code == 429
    response = _masuk(client, "blitar.petugas", KATA_SANDI_DEMO)
    assert response.status_code == 429
    assert PESAN_TERKUNCI in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_comes_at_the_fifth_failure_with_an_indonesian_page():
    client = _klien()
    for _ in range(4):
        assert _masuk(client, "blitar.petugas", "salah").status_code == 200
    response = _masuk(client, "blitar.petugas", "salah")
    assert response.status_code == 429
    teks = response.content.decode()
    assert PESAN_TERKUNCI in teks and "15 menit" in teks


def test_the_admin_login_is_throttled_too():
    client = _klien()
    _terkunci(client, "blitar.admin")
    response = _masuk(client, "blitar.admin", KATA_SANDI_DEMO, url=reverse("admin:login"))
    assert response.status_code == 429


def test_a_colleague_behind_the_same_address_still_logs_in():
    _terkunci(_klien(), "blitar.petugas")
    rekan = _klien()
    assert _masuk(rekan, "blitar.peksos", KATA_SANDI_DEMO).status_code == 302


def test_the_same_user_from_another_address_still_logs_in():
    _terkunci(_klien("203.0.113.7"), "blitar.petugas")
    assert _masuk(_klien("198.51.100.20"), "blitar.petugas", KATA_SANDI_DEMO).status_code == 302


def test_a_forged_forwarded_for_from_outside_does_not_escape_the_lockout():
    client = _klien("203.0.113.7")
    for i in range(5):
        client.defaults["HTTP_X_FORWARDED_FOR"] = f"192.0.2.{i}"
        _masuk(client, "blitar.petugas", "salah")
    client.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.99"
    assert _masuk(client, "blitar.petugas", KATA_SANDI_DEMO).status_code == 429


def test_behind_our_proxy_each_client_address_is_counted_apart():
    lewat_proxy = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    _terkunci(_klien("10.9.0.1", **lewat_proxy), "blitar.petugas")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.1"
    lain = _klien("10.9.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert _masuk(lain, "blitar.petugas", KATA_SANDI_DEMO).status_code == 302


def _admin(pengguna, username: str) -> Client:
    client = Client()
    client.force_login(pengguna(username))
    return client


def test_the_office_administrator_unlocks_their_own_staff(pengguna):
    client = _klien()
    _terkunci(client, "blitar.petugas")
    percobaan = AccessAttempt.objects.get(username="blitar.petugas")
    url = reverse("admin:axes_accessattempt_delete", args=[percobaan.pk])
    # Another office's administrator does not even see it.
    assert _admin(pengguna, "bima.admin").get(url).status_code == 302
    assert _admin(pengguna, "bima.admin").post(url, {"post": "yes"}).status_code == 302
    assert AccessAttempt.objects.filter(pk=percobaan.pk).exists()
    admin_a = _admin(pengguna, "blitar.admin")
    daftar = admin_a.get(reverse("admin:axes_accessattempt_changelist"))
    assert list(daftar.context["cl"].result_list) == [percobaan]
    assert admin_a.post(url, {"post": "yes"}).status_code == 302
    assert _masuk(client, "blitar.petugas", KATA_SANDI_DEMO).status_code == 302


def test_attempts_on_other_offices_or_unknown_names_are_the_superusers(pengguna):
    _terkunci(_klien(), "bima.admin")
    _terkunci(_klien(), "tidak.ada")
    admin_a = _admin(pengguna, "blitar.admin")
    daftar = admin_a.get(reverse("admin:axes_accessattempt_changelist"))
    assert list(daftar.context["cl"].result_list) == []
    superadmin = _admin(pengguna, "superadmin")
    daftar = superadmin.get(reverse("admin:axes_accessattempt_changelist"))
    assert {a.username for a in daftar.context["cl"].result_list} == {"bima.admin", "tidak.ada"}
    percobaan = AccessAttempt.objects.get(username="tidak.ada")
    url = reverse("admin:axes_accessattempt_delete", args=[percobaan.pk])
    assert superadmin.post(url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.filter(pk=percobaan.pk).exists()


def test_only_the_superuser_reads_the_login_log(pengguna):
    url = reverse("admin:axes_accesslog_changelist")
    assert _admin(pengguna, "superadmin").get(url).status_code == 200
    assert _admin(pengguna, "blitar.admin").get(url).status_code == 403


def test_production_settings_keep_axes_on():
    from dinsos import settings as produksi

    assert getattr(produksi, "AXES_ENABLED", True) is True
    assert produksi.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
