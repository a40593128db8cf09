"""Inboxes and step buttons in the browser's terms: each role sees its own work and acts on it."""

import datetime as dt
import re

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


def isian_tersembunyi(client: Client, pk: int) -> dict[str, str]:
    """The hidden fields the application page gives its step forms (step token, draft
    fingerprint), read from the HTML as a browser would submit them."""
    html = client.get(reverse("layanan:permohonan-detail", args=[pk])).content.decode()
    return dict(re.findall(r'type="hidden" name="(versi|sidik_konsep)" value="([^"]*)"', html))


def _kerjakan(client: Client, p: Permohonan, aksi: str, catatan: str = "", *, follow=False):
    return client.post(
        reverse("layanan:kerjakan-langkah", args=[p.pk]),
        {"aksi": aksi, "catatan": catatan, **isian_tersembunyi(client, p.pk)},
        follow=follow,
    )


def _tandatangani(client: Client, p: Permohonan, frasa_sandi: str, *, follow=False):
    return client.post(
        reverse("layanan:surat-tandatangani", args=[p.pk]),
        {"frasa_sandi": frasa_sandi, **isian_tersembunyi(client, p.pk)},
        follow=follow,
    )


def pesan(response) -> list[tuple[str, str]]:
    """The messages the page a POST redirected to shows (follow=True): a step view redirects on
    success and on refusal alike, so its message and the state say what happened."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


# What each step's message says (tests/views/test_pesan_langkah.py): done, and where next.
KE_4 = "Langkah 3 selesai; permohonan diteruskan ke Petugas/Staf untuk langkah 4."
KE_5 = "Langkah 4 selesai; permohonan diteruskan ke Kabid untuk diparaf (langkah 5)."
DIPARAF = "Langkah 5 diparaf; permohonan diteruskan ke Kadin untuk ditandatangani (langkah 5)."


def test_blitar_kip_through_every_inbox(petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    peksos, kabid, kadin = _masuk("blitar.peksos"), _masuk("blitar.kabid"), _masuk("blitar.kadin")
    assert [t["pk"] for t in peksos.get(reverse("layanan:tugas-saya")).context["halaman"]] == [p.pk]
    assert not kabid.get(reverse("layanan:tugas-saya")).context["halaman"].object_list
    halaman = peksos.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "Langkah 3 · menunggu Pekerja Sosial Ahli Muda" in halaman
    peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    assert p.pemeriksaan_dtks.exists()
    jawab = _kerjakan(peksos, p, "selesai", follow=True)  # 3 → 4 (petugas drafts)
    p.refresh_from_db()
    assert (pesan(jawab), p.langkah_nomor) == ([("success", KE_4)], 4)
    jawab = _kerjakan(petugas_a, p, "selesai", follow=True)  # 4 → 5
    p.refresh_from_db()
    assert (pesan(jawab), p.langkah_nomor, p.paraf_ke) == ([("success", KE_5)], 5, 0)
    assert [t["pk"] for t in kabid.get(reverse("layanan:tugas-saya")).context["halaman"]] == [p.pk]
    jawab = _kerjakan(kabid, p, "paraf", follow=True)
    p.refresh_from_db()
    assert (pesan(jawab), p.langkah_nomor, p.paraf_ke) == ([("success", DIPARAF)], 5, 1)
    # The Kadin signs, not the Kabid: not even with the form of the Kadin's page, up to date.
    refused = kabid.post(
        reverse("layanan:kerjakan-langkah", args=[p.pk]),
        {"aksi": "tanda_tangan", **isian_tersembunyi(kadin, p.pk)},
        follow=True,
    )
    assert pesan(refused) == [("error", "Langkah ini untuk peran lain.")]
    p.refresh_from_db()
    assert (p.langkah_nomor, p.paraf_ke, p.surat.count()) == (5, 1, 0)
    # A service with a letter is signed by signing the letter, with the passphrase.
    refused = _kerjakan(kadin, p, "tanda_tangan", follow=True)
    assert pesan(refused) == [("error", "Tanda tangani surat dengan frasa sandi Anda.")]
    p.refresh_from_db()
    assert (p.langkah_nomor, p.paraf_ke, p.surat.count()) == (5, 1, 0)
    refused = _tandatangani(kadin, p, "salah", follow=True)
    assert pesan(refused) == [
        ("error", "Frasa sandi salah, atau ini bukan berkas sertifikat PKCS#12.")
    ]
    p.refresh_from_db()
    assert p.langkah_nomor == 5 and not p.surat.exists()  # a wrong passphrase signs nothing
    jawab = _tandatangani(kadin, p, FRASA_TTD_DEMO, follow=True)
    p.refresh_from_db()
    assert pesan(jawab) == [("success", f"Surat {p.surat.get().nomor} sudah ditandatangani.")]
    assert p.langkah_nomor == 6
    _kerjakan(petugas_a, p, "selesai", "Diterima oleh Budi Santoso")  # hand-over
    p.refresh_from_db()
    assert (p.status, p.hasil.kode) == ("selesai", "selesai")
    riwayat = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).context["riwayat"]
    assert [b.riwayat.aksi for b in riwayat] == [
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
    basi = {"aksi": "selesai", **isian_tersembunyi(peksos, p.pk)}
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
    jawab = _masuk("blitar.kabid").post(url, {"alasan": "x"}, follow=True)  # not the loket
    assert pesan(jawab) == [("error", "Hanya loket layanan ini yang dapat membatalkannya.")]
    jawab = petugas_a.post(url, {"alasan": ""}, follow=True)  # no reason
    assert pesan(jawab)[-1] == ("error", "Tuliskan alasan pembatalan.")  # after the intake's
    p.refresh_from_db()
    assert p.status == "diterima"
    jawab = petugas_a.post(url, {"alasan": "Pemohon membatalkan sendiri"}, follow=True)
    assert pesan(jawab) == [("success", "Permohonan dibatalkan.")]
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
    mulai = reverse("layanan:mulai-langkah", args=[p.pk])
    _masuk("blitar.kadin").post(mulai)
    peksos.get(reverse("layanan:permohonan-detail", args=[p.pk]))
    p.refresh_from_db()
    assert p.langkah_mulai_pada is None  # another role, or only looking, does not start it
    assert peksos.post(mulai).url == reverse("layanan:permohonan-detail", args=[p.pk])
    p.refresh_from_db()
    assert p.langkah_mulai_pada is not None
    _kerjakan(peksos, p, "selesai")
    r = p.riwayat.get(nomor=3)
    assert r.siap_pada <= r.mulai_pada <= r.selesai_pada


def test_the_timeline_and_the_inbox_count_working_minutes(petugas_a, layanan_a):
    from tests.test_selectors import WIB, catat_langkah

    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    senin_sore = dt.datetime(2026, 11, 23, 15, 50, tzinfo=WIB)
    catat_langkah(p, senin_sore, senin_sore + dt.timedelta(hours=16, minutes=20), standar=105)
    halaman = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "20 dari 105 menit kerja" in halaman  # not 980 minutes of the wall clock
    kotak = _masuk("blitar.peksos").get(reverse("layanan:tugas-saya")).content.decode()
    assert re.search(r"(sisa|lewat) \d+ menit kerja", kotak)


# ---------------------------------------------------------------------------
# A paraf is given to one draft in one state: never replayed, never carried over a change
# ---------------------------------------------------------------------------
def _sampai_paraf_kabid(p: Permohonan) -> Permohonan:
    from tests.factories import jalan

    while p.langkah_nomor != 5:
        p = jalan(p)
    return p


def test_an_old_paraf_replayed_after_a_send_back_is_refused():
    from tests.factories import daftar, jalan

    p = _sampai_paraf_kabid(daftar("blitar"))
    kabid, kadin = _masuk("blitar.kabid"), _masuk("blitar.kadin")
    url = reverse("layanan:kerjakan-langkah", args=[p.pk])
    lama = {"aksi": "paraf", **isian_tersembunyi(kabid, p.pk)}
    assert pesan(kabid.post(url, lama, follow=True)) == [("success", DIPARAF)]
    p.refresh_from_db()
    assert p.paraf_ke == 1
    jawab = _kerjakan(kadin, p, "kembali", "Nama sekolah salah", follow=True)  # back to step 4
    assert pesan(jawab) == [
        ("success", "Langkah 5 dikembalikan; permohonan dikembalikan ke Petugas/Staf, langkah 4.")
    ]
    p = jalan(p)  # the petugas corrects the draft; step 5 and paraf 0 come round again
    assert (p.langkah_nomor, p.paraf_ke) == (5, 0)
    jawab = kabid.post(url, lama, follow=True).content.decode()  # the old form, sent again
    assert "sudah dikerjakan oleh" in jawab
    p.refresh_from_db()
    assert (p.langkah_nomor, p.paraf_ke) == (5, 0)


def test_a_paraf_is_refused_when_the_draft_changed_since_it_was_read():
    from layanan.models import TemplatSurat
    from tests.factories import daftar

    p = _sampai_paraf_kabid(daftar("blitar"))
    kabid = _masuk("blitar.kabid")
    dibaca = isian_tersembunyi(kabid, p.pk)
    TemplatSurat.objects.filter(layanan=p.layanan).update(isi="<p>Isi yang lain</p>")
    url = reverse("layanan:kerjakan-langkah", args=[p.pk])
    jawab = kabid.post(url, {"aksi": "paraf", **dibaca}, follow=True).content.decode()
    assert "Konsep surat berubah sejak Anda membukanya" in jawab
    p.refresh_from_db()
    assert p.paraf_ke == 0


def test_a_draft_changed_after_its_paraf_voids_it_before_the_signature():
    from layanan.models import TemplatSurat
    from tests.factories import daftar

    p = _sampai_paraf_kabid(daftar("blitar"))
    kabid, kadin = _masuk("blitar.kabid"), _masuk("blitar.kadin")
    _kerjakan(kabid, p, "paraf")
    halaman_kadin = isian_tersembunyi(kadin, p.pk)
    TemplatSurat.objects.filter(layanan=p.layanan).update(isi="<p>Isi yang lain</p>")
    jawab = kadin.post(
        reverse("layanan:surat-tandatangani", args=[p.pk]),
        {"frasa_sandi": FRASA_TTD_DEMO, **halaman_kadin},
        follow=True,
    ).content.decode()
    assert "paraf dibatalkan" in jawab
    p.refresh_from_db()
    assert (p.langkah_nomor, p.paraf_ke, p.surat.count()) == (5, 0, 0)
    assert p.riwayat.order_by("-id").first().aksi == "paraf_batal"
    _kerjakan(kabid, p, "paraf")  # the Kabid initials the new draft, the Kadin signs it
    _tandatangani(kadin, p, FRASA_TTD_DEMO)
    p.refresh_from_db()
    assert p.surat.count() == 1


def test_dtks_cannot_be_rechecked_after_the_check_step():
    """The audit: a manual record after the Kabid's paraf swapped the letter's variant."""
    from layanan.dtks import services as services_dtks
    from layanan.mesin import TransisiDitolak
    from tests.factories import daftar

    p = _sampai_paraf_kabid(daftar("blitar"))
    _kerjakan(_masuk("blitar.kabid"), p, "paraf")
    p.refresh_from_db()
    assert (p.langkah_nomor, p.paraf_ke) == (5, 1)  # initialled: the draft is settled
    peksos = _masuk("blitar.peksos")
    assert peksos.post(reverse("layanan:dtks-cek", args=[p.pk])).status_code == 404
    assert peksos.get(reverse("layanan:dtks-manual", args=[p.pk])).status_code == 404
    with pytest.raises(TransisiDitolak):
        services_dtks.dtks_catat_manual(
            permohonan=p,
            oleh=p.kantor.pengguna.get(username="blitar.peksos"),
            subjek=services_dtks.subjek_pemeriksaan(p)[0],
            terdaftar=False,
        )


def test_a_send_back_records_the_role_of_the_person_who_acted():
    from tests.factories import daftar

    p = _sampai_paraf_kabid(daftar("blitar"))
    _kerjakan(_masuk("blitar.kabid"), p, "kembali", "Nama sekolah salah")
    kembali = p.riwayat.get(aksi="kembali")
    assert (kembali.peran, str(kembali.oleh)) == ("Kabid", "Rina Kusumawati")
