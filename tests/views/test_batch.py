"""Batch initials and signing: read each draft, then initial or sign them together with the
passphrase typed once; each letter its own number and transaction; a failure does not stop the rest."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Permohonan, Surat, TemplatSurat
from tests.factories import daftar, jalan
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()


def _sampai(kantor: str, langkah: int, n: int) -> list[Permohonan]:
    hasil = []
    for _ in range(n):
        p = daftar(kantor)
        while p.langkah_nomor != langkah or p.paraf_ke:
            p = jalan(p)
        hasil.append(p)
    return hasil


def _baca_semua(client, jumlah: int) -> None:
    for i in range(jumlah):
        halaman = client.get(reverse("layanan:batch-baca", args=[i]))
        assert halaman.status_code == 200
        client.post(reverse("layanan:batch-pilih", args=[i]), {"sertakan": "1"})


def test_the_kadin_signs_several_letters_with_the_passphrase_typed_once():
    # Solok: the Kadin signs at step 4, with no initials before.
    daftar_p = _sampai("solok", 4, 3)
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    _baca_semua(kadin, 3)
    ringkasan = kadin.get(reverse("layanan:batch-selesai")).content.decode()
    assert "frasa_sandi" in ringkasan
    hasil = kadin.post(reverse("layanan:batch-selesai"), {"frasa_sandi": FRASA_TTD_DEMO})
    assert hasil.content.decode().count("ditandatangani") == 3
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == [1, 2, 3]
    for p in daftar_p:
        p.refresh_from_db()
        assert p.langkah_nomor == 5  # each moved on: its own transaction and history
        assert p.riwayat.filter(aksi="tanda_tangan").count() == 1


def test_only_drafts_that_were_read_are_signed():
    _sampai("solok", 4, 2)
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    kadin.get(reverse("layanan:batch-baca", args=[0]))  # the second is never opened
    kadin.post(reverse("layanan:batch-selesai"), {"frasa_sandi": FRASA_TTD_DEMO})
    assert Surat.objects.count() == 1


def test_a_draft_changed_after_reading_fails_alone_and_the_others_go_on():
    a, b = _sampai("solok", 4, 2)
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:batch-mulai"), {"pilih": [a.pk, b.pk]})
    _baca_semua(kadin, 2)
    # After it was read, the second one's draft changes (its template is edited).
    TemplatSurat.objects.filter(layanan=b.layanan).update(isi="<p>{{ pemohon.nama }} lain</p>")
    hasil = kadin.post(reverse("layanan:batch-selesai"), {"frasa_sandi": FRASA_TTD_DEMO})
    teks = hasil.content.decode()
    assert "Konsep surat berubah sejak Anda membukanya" in teks
    # Both are of the same service, so both changed: neither is signed on a draft unread.
    assert Surat.objects.count() == 0


def test_a_wrong_passphrase_signs_nothing_and_says_so():
    _sampai("solok", 4, 2)
    kadin = _masuk("solok.kadin")
    kadin.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    _baca_semua(kadin, 2)
    hasil = kadin.post(reverse("layanan:batch-selesai"), {"frasa_sandi": "salah"})
    assert hasil.content.decode().count("Frasa sandi salah") == 2
    assert not Surat.objects.exists()


def test_the_kabid_initials_a_batch():
    daftar_p = _sampai("blitar", 5, 2)
    kabid = _masuk("blitar.kabid")
    kabid.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    _baca_semua(kabid, 2)
    assert "frasa_sandi" not in kabid.get(reverse("layanan:batch-selesai")).content.decode()
    kabid.post(reverse("layanan:batch-selesai"))
    for p in daftar_p:
        p.refresh_from_db()
        assert (p.paraf_ke, p.peran_saat_ini.kode) == (1, "kadin")


def test_another_office_or_role_cannot_put_anything_in_a_batch():
    (p,) = _sampai("solok", 4, 1)
    for orang in ("solok.petugas", "blitar.kadin"):
        klien = _masuk(orang)
        klien.post(reverse("layanan:batch-mulai"), {"pilih": [p.pk]})
        assert klien.get(reverse("layanan:batch-baca", args=[0])).status_code == 404
