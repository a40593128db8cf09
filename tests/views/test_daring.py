"""Applying from home (issue 21): the form, the code, one open application per NIK, the loket's
check with its deadline, the clock starting at acceptance, limits, and who may see what."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layanan.daring import services
from layanan.hari_kerja import MENIT_PER_HARI_KERJA, tenggat
from layanan.models import (
    AksesData,
    JanjiTemu,
    JenisSaluran,
    Layanan,
    Pemohon,
    PengaturanDaring,
    Permohonan,
    PermohonanDaring,
    Pesan,
    Pindaian,
    SaluranKantor,
    StatusDaring,
    StatusPermohonan,
)
from tests import berkas_uji

pytestmark = pytest.mark.django_db
NIK = "3572010501890001"
NIK_ANAK = "3572011203150002"


@pytest.fixture(autouse=True)
def _bersih():
    cache.clear()  # the rate limits count in the shared cache
    yield
    cache.clear()


@pytest.fixture
def kip(layanan_a: Layanan) -> Layanan:
    Layanan.objects.filter(pk=layanan_a.pk).update(terima_daring=True)
    SaluranKantor.objects.get_or_create(kantor=layanan_a.kantor, jenis=JenisSaluran.LOG)
    layanan_a.refresh_from_db()
    return layanan_a


def _url(layanan: Layanan) -> str:
    return reverse("layanan:daring-formulir", args=[layanan.kantor.kode, layanan.kode])


def data_daring(layanan: Layanan, *, scans: bool = True, **ubah) -> dict:
    data = {
        "nik": NIK,
        "nomor_kk": "3572011203180004",
        "nama": "Budi Santoso",
        "tempat_lahir": "Blitar",
        "tanggal_lahir": "05-01-1989",
        "jenis_kelamin": "L",
        "alamat": "Jl. Merdeka No. 5",
        "rt": "002",
        "rw": "004",
        "kode_kelurahan": "35.72.01.1001",
        "telepon": "0812 3456 7890",
        "isian_nama_anak": "Rina Santoso",
        "isian_nik_anak": NIK_ANAK,
        "isian_nama_sekolah": "SDN Kepanjenkidul 1",
        "isian_jenjang": "SD",
        "kontak_telepon": "0812 3456 7890",
        "setuju": "on",
    }
    if scans:
        for p in layanan.berkas.all():
            data[f"berkas_{p.pk}_file"] = SimpleUploadedFile(f"{p.pk}.png", berkas_uji.png())
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def _kode_terakhir(d: PermohonanDaring) -> str:
    pesan = Pesan.objects.filter(kantor_id=d.kantor_id, penerima=d.telepon).order_by("-pk")
    return re.search(r"\b(\d{6})\b", pesan.first().isi).group(1)


def _kirim(client: Client, layanan: Layanan, **ubah) -> PermohonanDaring:
    r = client.post(_url(layanan), data_daring(layanan, **ubah))
    assert r.status_code == 302, r.content.decode()[:3000]
    d = PermohonanDaring.objects.order_by("-pk").first()
    r = client.post(reverse("layanan:daring-kode"), {"kode": _kode_terakhir(d)})
    assert r.status_code == 302
    d.refresh_from_db()
    return d


def test_form_needs_the_service_switched_on(layanan_a):
    assert Client().get(_url(layanan_a)).status_code == 404
    Layanan.objects.filter(pk=layanan_a.pk).update(terima_daring=True)
    r = Client().get(_url(layanan_a))
    assert r.status_code == 200
    assert "UU PDP" in r.content.decode()
    assert layanan_a.nama_tampil in Client().get(reverse("layanan:daring")).content.decode()


def test_sent_application_waits_for_the_check_with_its_deadline(kip, kantor_a):
    client = Client()
    d = _kirim(client, kip)
    assert d.status == StatusDaring.MENUNGGU
    assert d.kontak_dikonfirmasi_pada is not None
    # One working day (the default) of the office's working time.
    assert d.tenggat_periksa == tenggat(kantor_a, d.dikirim_pada, MENIT_PER_HARI_KERJA)
    assert Pindaian.objects.filter(token_formulir=d.token).count() == kip.berkas.count()
    # Nothing reaches the office's applicant records before the loket decides.
    assert not Pemohon.objects.filter(kantor=kantor_a, nik=NIK, nama="Budi Santoso").exists()
    # The tracking code travels to the confirmed contact only (the page is the same for all).
    r = client.get(reverse("layanan:daring-terkirim"))
    assert d.kode_lacak not in r.content.decode()
    assert "•••• 7890" in r.content.decode()
    assert any(d.kode_lacak in p.isi for p in Pesan.objects.filter(penerima=d.telepon))


def test_check_deadline_follows_the_office_setting(kip, kantor_a):
    PengaturanDaring.objects.create(kantor=kantor_a, hari_periksa=3)
    d = _kirim(Client(), kip)
    assert d.tenggat_periksa == tenggat(kantor_a, d.dikirim_pada, 3 * MENIT_PER_HARI_KERJA)


def test_consent_is_required_and_nothing_is_lost(kip):
    client = Client()
    r = client.post(_url(kip), data_daring(kip, setuju=None))
    assert r.status_code == 400
    html = r.content.decode()
    assert "Budi Santoso" in html  # typed values kept
    assert html.count("pindaian-tersimpan") == kip.berkas.count()  # scans kept server-side
    assert not PermohonanDaring.objects.exists()
    # Sent again without files: the scans kept count.
    r = client.post(_url(kip), data_daring(kip, scans=False))
    assert r.status_code == 302


def test_honeypot_refuses(kip):
    r = Client().post(_url(kip), data_daring(kip, situs_web="http://spam"))
    assert r.status_code == 400
    assert not PermohonanDaring.objects.exists()


def test_wrong_code_then_expired_after_five(kip):
    client = Client()
    client.post(_url(kip), data_daring(kip))
    for _ in range(5):
        r = client.post(reverse("layanan:daring-kode"), {"kode": "000000x"})
        assert r.status_code == 400
    d = PermohonanDaring.objects.get()
    r = client.post(reverse("layanan:daring-kode"), {"kode": _kode_terakhir(d)})
    assert r.status_code == 400  # too many tries: a new code is needed
    assert PermohonanDaring.objects.get().status == StatusDaring.KODE


def _halaman_terkirim(client: Client, layanan: Layanan, nik: str) -> tuple[PermohonanDaring, str]:
    r = client.post(_url(layanan), data_daring(layanan, nik=nik, kontak_telepon="0813 1111 2222"))
    assert r.status_code == 302
    d = PermohonanDaring.objects.order_by("-pk").first()
    r = client.post(reverse("layanan:daring-kode"), {"kode": _kode_terakhir(d)}, follow=True)
    assert r.redirect_chain == [(reverse("layanan:daring-terkirim"), 302)]
    html = r.content.decode()
    # Tokens and nonces differ per request; minutes may tick between the two.
    for pola in (r'value="[^"]{40,}"', r'nonce="[^"]*"', r"\d{2}:\d{2}"):
        html = re.sub(pola, "", html)
    d.refresh_from_db()
    return d, html


def test_one_open_application_per_nik_and_service(kip):
    pertama = _kirim(Client(), kip)
    sebelum = Pesan.objects.count()
    kedua, html_dikenal = _halaman_terkirim(Client(), kip, NIK)
    assert kedua.status == StatusDaring.KODE  # no second application
    assert pertama.kode_lacak not in html_dikenal
    # The first application's own contact is told where it stands; the sender nothing of it.
    kabar = Pesan.objects.filter(pk__gt=sebelum, penerima=pertama.telepon)
    assert any(pertama.kode_lacak in p.isi for p in kabar)
    assert not Pesan.objects.filter(pk__gt=sebelum, isi__contains=pertama.kode_lacak).exclude(
        penerima=pertama.telepon
    )
    # A NIK nobody applied with gets the very same page: the answer does not enumerate NIKs.
    baru, html_baru = _halaman_terkirim(Client(), kip, "3572010501890002")
    assert baru.status == StatusDaring.MENUNGGU
    assert html_baru == html_dikenal


def test_rate_limit_per_contact(kip, settings):
    settings.DINSOS_BATAS_PERMINTAAN = {
        **settings.DINSOS_BATAS_PERMINTAAN,
        "daring_kontak": (1, 3600),
    }
    assert Client().post(_url(kip), data_daring(kip)).status_code == 302
    r = Client().post(_url(kip), data_daring(kip, nik="3572010501890002"))
    assert r.status_code == 429
    assert "Budi Santoso" in r.content.decode()


def test_rate_limit_per_address(kip, settings):
    settings.DINSOS_BATAS_PERMINTAAN = {**settings.DINSOS_BATAS_PERMINTAAN, "daring": (1, 3600)}
    client = Client()
    assert client.post(_url(kip), data_daring(kip, setuju=None)).status_code == 400
    r = client.post(_url(kip), data_daring(kip))
    assert r.status_code == 429
    assert r["Retry-After"]


def test_loket_returns_then_accepts_and_the_clock_starts_at_acceptance(kip, petugas_a):
    client = Client()
    d = _kirim(client, kip)
    wajib = [p for p in kip.berkas.all() if p.sifat == "wajib"]
    url = reverse("layanan:daring-putuskan", args=[d.pk])
    assert petugas_a.get(reverse("layanan:daring-antrean")).content.decode().count(d.kode_lacak)
    assert petugas_a.get(reverse("layanan:daring-periksa", args=[d.pk])).status_code == 200
    r = petugas_a.post(url, {"aksi": "tidak_lengkap", f"berkas_{wajib[0].pk}_ada": "1"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == StatusDaring.DIKEMBALIKAN
    assert wajib[0].nama not in d.kurang and len(d.kurang) == len(wajib) - 1
    ditolak = d.percobaan.get()
    assert ditolak.status == StatusPermohonan.TIDAK_DITERIMA and not ditolak.kode_lacak
    # The citizen opens it again from the status page and sends it as it was.
    r = client.post(reverse("layanan:status"), {"kode": d.kode_lacak})
    assert "Complete the application" in r.content.decode() or "Lengkapi" in r.content.decode()
    r = client.post(reverse("layanan:daring-perbaiki"), {"kode": d.kode_lacak})
    assert r.status_code == 302
    r = client.post(_url(kip), data_daring(kip, scans=False))
    assert r.status_code == 302
    client.post(reverse("layanan:daring-kode"), {"kode": _kode_terakhir(d)})
    d.refresh_from_db()
    assert d.status == StatusDaring.MENUNGGU
    sebelum = timezone.now()
    ada = {f"berkas_{p.pk}_ada": "1" for p in kip.berkas.all()}
    r = petugas_a.post(url, {"aksi": "lengkap", **ada})
    assert r.status_code == 302
    d.refresh_from_db()
    p = d.permohonan
    assert d.status == StatusDaring.DITERIMA and p.status == StatusPermohonan.DITERIMA
    assert p.kode_lacak == d.kode_lacak and p.nomor_registrasi
    assert p.daring_id == d.pk
    assert p.diputuskan_pada >= sebelum  # the clock starts at acceptance, not at sending
    assert p.tenggat > sebelum
    assert p.pindaian.count() == kip.berkas.count()
    r = client.post(reverse("layanan:status"), {"kode": d.kode_lacak})
    assert p.nomor_registrasi in r.content.decode()


def test_other_office_and_strangers_get_404(kip, admin_b, petugas_a):
    d = _kirim(Client(), kip)
    scan = Pindaian.objects.filter(token_formulir=d.token).first()
    for url in (
        reverse("layanan:daring-periksa", args=[d.pk]),
        reverse("layanan:daring-pindaian", args=[d.pk, scan.pk]),
    ):
        assert admin_b.get(url).status_code == 404
        assert petugas_a.get(url).status_code == 200
    assert admin_b.post(reverse("layanan:daring-putuskan", args=[d.pk])).status_code == 404
    # Another citizen's session never reaches this one's code page or scans.
    lain = Client()
    assert lain.get(reverse("layanan:daring-kode")).status_code == 302
    r = lain.get(_url(kip))
    assert "pindaian-tersimpan" not in r.content.decode()


def test_status_page_unknown_code_same_answer(kip):
    r = Client().post(reverse("layanan:status"), {"kode": "AAAA-BBBB-CCCC"})
    assert r.status_code == 200
    assert "No application" in r.content.decode() or "Tidak ada" in r.content.decode()


def test_figures(kip, petugas_a, admin_a):
    from layanan.daring.angka import angka_daring
    from layanan.dasbor.periode import Periode

    d = _kirim(Client(), kip)
    ada = {f"berkas_{p.pk}_ada": "1" for p in kip.berkas.all()}
    petugas_a.post(reverse("layanan:daring-putuskan", args=[d.pk]), {"aksi": "lengkap", **ada})
    hari = timezone.localdate(timezone=kip.kantor.zona)
    hasil = angka_daring(
        kip.kantor, Periode(hari - dt.timedelta(days=1), hari + dt.timedelta(days=1))
    )
    baris = next(b for b in hasil.per_layanan if b.layanan_id == kip.pk)
    assert baris.daring == 1
    assert hasil.dikembalikan_persen == 0
    assert hasil.menit_ke_terima is not None
    r = admin_a.get(reverse("layanan:dasbor"))
    assert 'id="tabel-daring"' in r.content.decode()


def test_services_refuse_double_decision(kip, pengguna):
    d = _kirim(Client(), kip)
    user = pengguna("blitar.petugas")
    ada = {p.pk: "fotokopi" for p in kip.berkas.all()}
    services.daring_putuskan(daring=d, oleh=user, ada=ada, aksi="lengkap", catatan="")
    with pytest.raises(services.mesin.TransisiDitolak):
        services.daring_putuskan(daring=d, oleh=user, ada=ada, aksi="lengkap", catatan="")
    assert Permohonan.objects.filter(daring=d).count() == 1


def _terima(client_loket: Client, d: PermohonanDaring, kip: Layanan) -> None:
    ada = {f"berkas_{p.pk}_ada": "1" for p in kip.berkas.all()}
    client_loket.post(reverse("layanan:daring-putuskan", args=[d.pk]), {"aksi": "lengkap", **ada})


def test_appointments_are_limited_per_slot(kip, kantor_a, petugas_a):
    PengaturanDaring.objects.create(
        kantor=kantor_a, janji_temu=True, jam_janji="08:00", kuota_janji=1
    )
    pertama = _kirim(Client(), kip)
    kedua = _kirim(Client(), kip, nik="3572010501890002", kontak_telepon="0813 1111 2222")
    # Not offered before the loket accepts.
    r = Client().post(reverse("layanan:status"), {"kode": pertama.kode_lacak})
    assert 'name="slot"' not in r.content.decode()
    _terima(petugas_a, pertama, kip)
    _terima(petugas_a, kedua, kip)
    r = Client().post(reverse("layanan:status"), {"kode": pertama.kode_lacak})
    slot = re.search(r'<option value="([^"]+)"', r.content.decode()).group(1)
    r = Client().post(reverse("layanan:daring-janji"), {"kode": pertama.kode_lacak, "slot": slot})
    assert 'id="janji-saya"' in r.content.decode()
    # The one place of that slot is taken: the second application cannot have it.
    r = Client().post(reverse("layanan:daring-janji"), {"kode": kedua.kode_lacak, "slot": slot})
    assert 'id="janji-saya"' not in r.content.decode()
    assert JanjiTemu.objects.count() == 1
    assert (
        petugas_a.get(reverse("layanan:daring-periksa", args=[pertama.pk]))
        .content.decode()
        .count('id="janji-loket"')
    )


def test_the_database_holds_one_open_application_when_the_check_is_raced(kip, monkeypatch):
    """Two codes confirmed at the same moment both pass the look-up (each locks only its own
    row); the constraint lets one through and the other reads as a second application."""
    pertama = _kirim(Client(), kip)
    client = Client()
    client.post(_url(kip), data_daring(kip, kontak_telepon="0813 1111 2222"))
    kedua = PermohonanDaring.objects.order_by("-pk").first()
    asli = services._terbuka_lain
    panggilan: list[int] = []

    def terlambat(d):  # the first look-up ran before the other's commit
        panggilan.append(d.pk)
        return None if len(panggilan) == 1 else asli(d)

    monkeypatch.setattr(services, "_terbuka_lain", terlambat)
    sebelum = Pesan.objects.count()
    r = client.post(reverse("layanan:daring-kode"), {"kode": _kode_terakhir(kedua)})
    assert r.status_code == 302
    assert PermohonanDaring.objects.filter(status=StatusDaring.MENUNGGU).get() == pertama
    kabar = Pesan.objects.filter(pk__gt=sebelum, penerima=pertama.telepon)
    assert any(pertama.kode_lacak in p.isi for p in kabar)


def test_loket_reads_of_an_online_application_are_in_the_access_trail(kip, petugas_a, admin_a):
    """Before the loket's decision there is no Permohonan: the trail keys the read to the
    online application, and the NIK's trail shows it (UU PDP: who processed the data)."""
    d = _kirim(Client(), kip)
    scan = Pindaian.objects.filter(token_formulir=d.token).first()
    assert petugas_a.get(reverse("layanan:daring-periksa", args=[d.pk])).status_code == 200
    r = petugas_a.get(reverse("layanan:daring-pindaian", args=[d.pk, scan.pk]))
    assert r.status_code == 200
    akses = AksesData.objects.filter(daring=d).order_by("pk")
    assert [(a.jenis, a.pengguna.username) for a in akses] == [
        ("lihat", "blitar.petugas"),
        ("unduh_pindaian", "blitar.petugas"),
    ]
    assert akses[1].keterangan == scan.nama_asli
    r = admin_a.post(reverse("admin:jejak-akses"), {"nik": NIK})
    assert r.content.decode().count(d.kode_lacak) == 2


def test_retention_deletes_scans_of_online_applications_left_unfinished(kip, petugas_a, settings):
    """Returned and never sent again, or never confirmed: the scans go after the office's
    period, with the nightly retention; one waiting for the check keeps its own."""
    from layanan.data_pribadi.retensi import terapkan_retensi
    from layanan.models import CatatanKeamanan, JenisCatatanKeamanan

    settings.DINSOS_RETENSI_DARING_HARI = 30
    settings.DINSOS_RETENSI_IMPOR_HARI = 100_000  # the session's DTKS exports: out of reach
    dikembalikan = _kirim(Client(), kip)
    petugas_a.post(
        reverse("layanan:daring-putuskan", args=[dikembalikan.pk]), {"aksi": "tidak_lengkap"}
    )
    dikembalikan.refresh_from_db()
    assert dikembalikan.status == StatusDaring.DIKEMBALIKAN
    Client().post(_url(kip), data_daring(kip, nik="3572010501890002"))  # code never confirmed
    menunggu = _kirim(Client(), kip, nik="3572010501890003")
    scans = {
        str(d.status): Pindaian.objects.filter(token_formulir=d.token)
        for d in PermohonanDaring.objects.all()
    }
    berkas = [s.berkas.name for s in scans["dikembalikan"].all()]  # .all(): keep it unread
    n = kip.berkas.count()
    assert [scans[s].count() for s in ("dikembalikan", "kode")] == [n, n]

    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=29))
    assert hasil.pindaian_daring == 0
    hasil = terapkan_retensi(sekarang=timezone.now() + dt.timedelta(days=31))
    assert hasil.pindaian_daring == 2 * n
    assert not scans["dikembalikan"].exists() and not scans["kode"].exists()
    assert not any(Pindaian.berkas.field.storage.exists(b) for b in berkas)
    assert Pindaian.objects.filter(token_formulir=menunggu.token).count() == n
    catatan = CatatanKeamanan.objects.filter(jenis=JenisCatatanKeamanan.RETENSI).latest("pk")
    assert f"unfinished online applications {2 * n} (>30 d)" in catatan.keterangan


def test_appointment_slots_are_per_loket(kip, kantor_a, petugas_a):
    """Issue 21: "a slot per day and loket, limited per slot": two lokets, two slots a time."""
    PengaturanDaring.objects.create(
        kantor=kantor_a,
        janji_temu=True,
        jam_janji="08:00",
        kuota_janji=1,
        loket_janji="Loket 1, Loket 2",
    )
    pertama = _kirim(Client(), kip)
    kedua = _kirim(Client(), kip, nik="3572010501890002", kontak_telepon="0813 1111 2222")
    _terima(petugas_a, pertama, kip)
    _terima(petugas_a, kedua, kip)

    def pilihan(d: PermohonanDaring) -> list[str]:
        r = Client().post(reverse("layanan:status"), {"kode": d.kode_lacak})
        return re.findall(r'<option value="([^"]+)"', r.content.decode())

    loket_1, loket_2 = pilihan(pertama)[:2]
    assert loket_1.endswith("08:00 Loket 1") and loket_2.endswith("08:00 Loket 2")
    Client().post(reverse("layanan:daring-janji"), {"kode": pertama.kode_lacak, "slot": loket_1})
    assert pilihan(kedua)[0] == loket_2  # Loket 1's one place at that time is taken
    r = Client().post(reverse("layanan:daring-janji"), {"kode": kedua.kode_lacak, "slot": loket_2})
    assert 'id="janji-saya"' in r.content.decode() and "Loket 2" in r.content.decode()
    assert sorted(JanjiTemu.objects.values_list("loket", flat=True)) == ["Loket 1", "Loket 2"]


def test_a_returned_application_keeps_its_nik(kip, petugas_a):
    """A fix cannot move an open application onto another NIK (one open per NIK and service)."""
    d = _kirim(Client(), kip)
    petugas_a.post(reverse("layanan:daring-putuskan", args=[d.pk]), {"aksi": "tidak_lengkap"})
    d.refresh_from_db()
    assert d.status == StatusDaring.DIKEMBALIKAN
    with pytest.raises(services.DaringDitolak, match="NIK"):
        services.daring_kirim(
            layanan=kip,
            token=d.token,
            isian={**d.isian, "nik": "3572010501890002"},
            peringatan=[],
            telepon=d.telepon,
            email="",
        )
    d.refresh_from_db()
    assert d.nik == NIK
