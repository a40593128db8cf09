"""Inboxes and step buttons in the browser's terms: each role sees its own work and acts on it."""

import pytest
from django.test import Client
from django.urls import reverse

from layanan.demo import FRASA_TTD_DEMO, KATA_SANDI_DEMO
from layanan.models import Permohonan
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db


def _masuk(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


def _kerjakan(client: Client, p: Permohonan, aksi: str, catatan: str = ""):
    p.refresh_from_db()
    return client.post(
        reverse("layanan:kerjakan-langkah", args=[p.pk]),
        {
            "aksi": aksi,
            "langkah_nomor": p.langkah_nomor,
            "paraf_ke": p.paraf_ke,
            "catatan": catatan,
        },
    )


def test_blitar_kip_through_every_inbox(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    peksos, kabid, kadin = _masuk("blitar.peksos"), _masuk("blitar.kabid"), _masuk("blitar.kadin")
    assert [t.pk for t in peksos.get(reverse("layanan:tugas-saya")).context["halaman"]] == [p.pk]
    assert not kabid.get(reverse("layanan:tugas-saya")).context["halaman"].object_list
    halaman = peksos.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "Langkah 3 · menunggu Pekerja Sosial Ahli Muda" in halaman
    peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    assert _kerjakan(peksos, p, "selesai").status_code == 302  # 3 → 4 (petugas drafts)
    assert _kerjakan(petugas_a, p, "selesai").status_code == 302  # 4 → 5
    assert [t.pk for t in kabid.get(reverse("layanan:tugas-saya")).context["halaman"]] == [p.pk]
    _kerjakan(kabid, p, "paraf")
    refused = _kerjakan(kabid, p, "tanda_tangan")  # the Kadin signs, not the Kabid
    assert refused.status_code == 302
    p.refresh_from_db()
    assert p.paraf_ke == 1
    assert _kerjakan(kadin, p, "tanda_tangan").status_code == 302  # refused: sign the letter
    p.refresh_from_db()
    assert p.langkah_nomor == 5
    kadin.post(reverse("layanan:surat-tandatangani", args=[p.pk]), {"frasa_sandi": "salah"})
    p.refresh_from_db()
    assert p.langkah_nomor == 5 and not p.surat.exists()  # a wrong passphrase signs nothing
    kadin.post(reverse("layanan:surat-tandatangani", args=[p.pk]), {"frasa_sandi": FRASA_TTD_DEMO})
    _kerjakan(petugas_a, p, "selesai", "Diterima oleh Budi Santoso")  # hand-over
    p.refresh_from_db()
    assert (p.status, p.hasil.kode) == ("selesai", "selesai")
    riwayat = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).context["riwayat"]
    assert [r.aksi for r in riwayat] == [
        "di_loket",
        "di_loket",
        "selesai",
        "selesai",
        "paraf",
        "tanda_tangan",
        "selesai",
    ]


def test_a_stale_button_tells_who_did_the_step(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    peksos = _masuk("blitar.peksos")
    basi = {"aksi": "selesai", "langkah_nomor": 3, "paraf_ke": 0}
    peksos.post(reverse("layanan:kerjakan-langkah", args=[p.pk]), basi)
    response = peksos.post(reverse("layanan:kerjakan-langkah", args=[p.pk]), basi, follow=True)
    assert "sudah dikerjakan oleh" in response.content.decode()


def test_another_office_cannot_act(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    assert _kerjakan(_masuk("bima.operator"), p, "selesai").status_code == 404
    p.refresh_from_db()
    assert p.langkah_nomor == 3


def test_cancelling_keeps_the_application_with_its_reason(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    url = reverse("layanan:batalkan", args=[p.pk])
    _masuk("blitar.kabid").post(url, {"alasan": "x"})  # not the loket: refused
    petugas_a.post(url, {"alasan": ""})  # no reason: refused
    p.refresh_from_db()
    assert p.status == "diterima"
    petugas_a.post(url, {"alasan": "Pemohon membatalkan sendiri"})
    p.refresh_from_db()
    assert (p.status, p.alasan_batal, p.langkah_nomor) == (
        "dibatalkan",
        "Pemohon membatalkan sendiri",
        None,
    )
    assert (
        not _masuk("blitar.peksos")
        .get(reverse("layanan:tugas-saya"))
        .context["halaman"]
        .object_list
    )


def test_a_step_records_ready_started_and_done(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    peksos = _masuk("blitar.peksos")
    _masuk("blitar.kadin").get(reverse("layanan:permohonan-detail", args=[p.pk]))
    p.refresh_from_db()
    assert p.langkah_mulai_pada is None  # another role looking does not start it
    peksos.get(reverse("layanan:permohonan-detail", args=[p.pk]))
    p.refresh_from_db()
    assert p.langkah_mulai_pada is not None
    _kerjakan(peksos, p, "selesai")
    r = p.riwayat.get(nomor=3)
    assert r.siap_pada <= r.mulai_pada <= r.selesai_pada
