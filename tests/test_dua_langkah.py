"""Two-step login, idle sessions and sessions ended with an account's rights (issue 17, item 3)."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from layanan.demo import KATA_SANDI_DEMO
from layanan.masuk.sesi import KUNCI_AKTIF
from layanan.models import CatatanKeamanan, JenisCatatanKeamanan, Pengguna

pytestmark = pytest.mark.django_db

TUGAS = "/tugas/"


@pytest.fixture
def wajib(settings):
    settings.DINSOS_WAJIB_2FA = True


def _kode(perangkat: TOTPDevice, geser: int = 0) -> str:
    totp = TOTP(perangkat.bin_key, perangkat.step, perangkat.t0, perangkat.digits)
    totp.time = time.time() + geser * perangkat.step
    return f"{totp.token():06d}"


def _masuk(username: str) -> Client:
    client = Client()
    jawab = client.post(reverse("login"), {"username": username, "password": KATA_SANDI_DEMO})
    assert jawab.status_code == 302, username
    return client


def _pasang(client: Client, username: str) -> list[str]:
    """Set up the app for `username` through the pages; the recovery codes shown."""
    halaman = client.get(reverse("layanan:dua-langkah"))
    assert 'src="data:image/svg+xml' in halaman.content.decode()
    perangkat = TOTPDevice.objects.get(user__username=username, confirmed=False)
    perangkat.throttle_reset()  # a wrong code before slows the device down for a second
    jawab = client.post(reverse("layanan:dua-langkah"), {"kode": _kode(perangkat)})
    assert jawab.url == reverse("layanan:dua-langkah-kode")
    teks = client.get(jawab.url).content.decode()
    return re.findall(r"<li>([a-z2-7]{8})</li>", teks)


def test_a_signer_must_set_up_the_app_and_then_give_a_code_at_every_login(wajib):
    client = _masuk("blitar.kabid")
    jawab = client.get(TUGAS)
    assert jawab.status_code == 302
    assert jawab.url.startswith(reverse("layanan:dua-langkah"))
    # A wrong code is refused on the page, the QR stays.
    salah = client.post(reverse("layanan:dua-langkah"), {"kode": "000000"})
    assert salah.status_code == 200 and salah.context["form"].errors["kode"]
    kode = _pasang(client, "blitar.kabid")
    assert len(kode) == 10 and len(set(kode)) == 10
    assert client.get(TUGAS).status_code == 200
    # Shown once: the page does not show them again.
    assert client.get(reverse("layanan:dua-langkah-kode")).status_code == 302

    lain = _masuk("blitar.kabid")
    jawab = lain.get(TUGAS)
    assert jawab.url == reverse("layanan:dua-langkah-verifikasi") + "?next=%2Ftugas%2F"
    assert lain.post(jawab.url, {"kode": "123456"}).status_code == 200
    assert lain.get(TUGAS).status_code == 302
    perangkat = TOTPDevice.objects.get(user__username="blitar.kabid")
    perangkat.throttling_failure_count = 0  # the wrong code above slowed the device down
    perangkat.save()
    jawab = lain.post(reverse("layanan:dua-langkah-verifikasi"), {"kode": _kode(perangkat, 1)})
    assert jawab.status_code == 302 and jawab.url == reverse("layanan:setelah-masuk")
    assert lain.get(TUGAS).status_code == 200


def test_a_recovery_code_works_once_and_is_logged(wajib):
    kode = _pasang(_masuk("blitar.kadin"), "blitar.kadin")
    client = _masuk("blitar.kadin")
    url = reverse("layanan:dua-langkah-verifikasi")
    jawab = client.post(url, {"kode": kode[0].upper(), "next": TUGAS})
    assert jawab.status_code == 302 and jawab.url == TUGAS
    assert client.get(TUGAS).status_code == 200
    lagi = _masuk("blitar.kadin")
    StaticDevice.objects.filter(user__username="blitar.kadin").update(throttling_failure_count=0)
    assert lagi.post(url, {"kode": kode[0]}).status_code == 200
    catatan = CatatanKeamanan.objects.filter(jenis=JenisCatatanKeamanan.KODE_CADANGAN)
    assert catatan.get().sasaran.username == "blitar.kadin"
    assert "9" in catatan.get().keterangan


def test_staff_who_neither_sign_nor_administer_are_not_asked(wajib):
    assert _masuk("blitar.petugas").get(reverse("layanan:antrean")).status_code == 200


def test_without_the_setting_nobody_is_forced_but_a_device_set_up_is_asked_for():
    client = _masuk("blitar.kabid")
    assert client.get(TUGAS).status_code == 200
    _pasang(client, "blitar.kabid")
    jawab = _masuk("blitar.kabid").get(TUGAS)
    assert jawab.url.startswith(reverse("layanan:dua-langkah-verifikasi"))


def test_the_admin_is_behind_the_code_too(wajib):
    jawab = _masuk("blitar.admin").get(reverse("admin:index"))
    assert jawab.url.startswith(reverse("layanan:dua-langkah"))


def _admin(username: str) -> Client:
    client = Client()
    client.force_login(Pengguna.objects.get(username=username))
    return client


def test_an_office_administrator_resets_a_colleagues_device_in_their_office_only():
    kabid = _masuk("blitar.kabid")
    _pasang(kabid, "blitar.kabid")
    target = Pengguna.objects.get(username="blitar.kabid")
    aksi = {"action": "reset_dua_langkah", "_selected_action": [target.pk]}
    url = reverse("admin:layanan_pengguna_changelist")
    _admin("bima.admin").post(url, aksi)
    assert TOTPDevice.objects.filter(user=target).exists()
    assert kabid.get(TUGAS).status_code == 200

    jawab = _admin("blitar.admin").post(url, aksi)
    assert jawab.status_code == 302
    assert not TOTPDevice.objects.filter(user=target).exists()
    assert not StaticDevice.objects.filter(user=target).exists()
    assert kabid.get(TUGAS).status_code == 302  # the colleague's session ended
    catatan = CatatanKeamanan.objects.get(jenis=JenisCatatanKeamanan.RESET_2FA)
    assert (catatan.oleh.username, catatan.sasaran, catatan.kantor) == (
        "blitar.admin",
        target,
        target.kantor,
    )


def test_an_idle_session_ends(settings):
    settings.DINSOS_SESI_DIAM_MENIT = 5
    client = _masuk("blitar.petugas")
    sesi = client.session
    sesi[KUNCI_AKTIF] = int(time.time()) - 5 * 60 - 1
    sesi.save()
    jawab = client.get(reverse("layanan:antrean"))
    assert jawab.status_code == 302 and jawab.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_an_active_session_lives_on(settings):
    settings.DINSOS_SESI_DIAM_MENIT = 5
    client = _masuk("blitar.petugas")
    sesi = client.session
    sesi[KUNCI_AKTIF] = int(time.time()) - 4 * 60
    sesi.save()
    assert client.get(reverse("layanan:antrean")).status_code == 200
    assert client.session[KUNCI_AKTIF] >= int(time.time()) - 1


def _ubah_akun(admin: Client, user: Pengguna, **ubah: object) -> None:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "peran": [p.pk for p in user.peran.all()],
    }
    data.update(ubah)
    data = {k: v for k, v in data.items() if v is not None}
    jawab = admin.post(reverse("admin:layanan_pengguna_change", args=[user.pk]), data)
    assert jawab.status_code == 302, jawab.context["adminform"].form.errors


def test_losing_a_role_or_being_disabled_ends_every_session():
    admin = _admin("blitar.admin")
    peksos = Pengguna.objects.get(username="blitar.peksos")
    di_kantor, di_rumah = _masuk("blitar.peksos"), _masuk("blitar.peksos")
    _ubah_akun(admin, peksos, first_name="Baru")  # a name changed: nothing ends
    assert di_kantor.get(TUGAS).status_code == 200
    _ubah_akun(admin, peksos, peran=[])
    assert di_kantor.get(TUGAS).status_code == 302
    assert di_rumah.get(TUGAS).status_code == 302
    assert CatatanKeamanan.objects.filter(
        jenis=JenisCatatanKeamanan.SESI_BERAKHIR, sasaran=peksos
    ).exists()

    kembali = _masuk("blitar.peksos")
    _ubah_akun(admin, peksos, peran=[], is_active=None)
    assert kembali.get(TUGAS).status_code == 302


@pytest.mark.parametrize(
    ("kata_sandi", "boleh"),
    [("Pendek-2026", False), ("password1234", False), ("kopi tubruk di alun-alun", True)],
)
def test_passwords_need_twelve_characters_and_no_common_one(kata_sandi, boleh):
    try:
        validate_password(kata_sandi)
    except ValidationError:
        assert not boleh
    else:
        assert boleh
