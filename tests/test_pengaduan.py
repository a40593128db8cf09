"""Complaints walked by the step engine through the office's complaint SOP (Metro's four stages,
Tarakan's three, from fixtures/): intake and numbering, the category's limit and handling role,
the conflict rule, closing with a decision, one extension, the paused clock, one appeal."""

from __future__ import annotations

import re
import uuid

import pytest

from layanan import hari_kerja, mesin
from layanan.models import (
    KategoriPengaduan,
    KeputusanPengaduan,
    Pengaduan,
    Pengguna,
    Peran,
    SaluranPengaduan,
    StatusJalan,
)
from layanan.pengaduan import penanganan, services
from layanan.pengaduan.selectors import pengaduan_untuk, tugas_pengaduan

pytestmark = pytest.mark.django_db


def orang(username: str) -> Pengguna:
    return Pengguna.objects.get(username=username)


def aduan(
    kantor: str = "metro",
    kategori: str = "waktu-layanan",
    *,
    oleh: str | None = None,
    **isian: object,
) -> Pengaduan:
    """A complaint received by an office (from the web form unless `oleh` recorded it)."""
    k = KategoriPengaduan.objects.get(kantor__kode=kantor, kode=kategori)
    return services.pengaduan_terima(
        kantor=k.kantor,
        isian=services.Isian(
            jenis=k.kantor.jenis_pengaduan.get(kode="pengaduan"),
            kategori=k,
            uraian=str(isian.pop("uraian", "Pelayanan lambat.")),
            **isian,  # type: ignore[arg-type]
        ),
        token=uuid.uuid4(),
        oleh=orang(oleh) if oleh else None,
    )


def lanjut(p: Pengaduan, username: str) -> Pengaduan:
    return mesin.kerjakan_langkah(
        subjek=p, oleh=orang(username), aksi="selesai", versi=p.versi, catatan="Dicek."
    )


def tutup(p: Pengaduan, username: str, keputusan: str = KeputusanPengaduan.TERBUKTI) -> Pengaduan:
    return penanganan.pengaduan_tutup(
        pengaduan=p, oleh=orang(username), versi=p.versi, keputusan=keputusan, jawaban="Beres."
    )


def test_a_complaint_is_numbered_per_office_and_year_and_gets_a_tracking_code():
    a, b = aduan(), aduan()
    c = aduan("tarakan", "kualitas-layanan")
    assert re.fullmatch(r"\d{5}/ADU/\d{4}", a.nomor)
    assert (b.tahun, b.urutan) == (a.tahun, a.urutan + 1)
    assert c.urutan < a.urutan or c.kantor_id != a.kantor_id  # its own sequence
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", a.kode_lacak)
    assert a.kode_lacak != b.kode_lacak


def test_it_waits_at_verification_for_the_categorys_role_within_the_categorys_limit():
    p = aduan(kategori="pungutan")  # 10 working days, under "Kualitas pelayanan"
    assert (p.status, p.langkah_nomor, p.peran_saat_ini.kode) == ("diterima", 1, "petugas")
    assert p.tenggat == hari_kerja.tenggat(p.kantor, p.langkah_siap_pada, 10 * 480)
    tarakan = aduan("tarakan", "data-dtks")  # Tarakan's DTKS complaints go to the Analis
    assert tarakan.peran_saat_ini.kode == "analis"
    assert [s.peran for s in mesin.potret(tarakan).langkah][:2] == ["Analis", "Analis"]


def test_metros_four_stages_then_a_decision_and_an_answer_close_it():
    p = aduan()
    for username in ("metro.petugas", "metro.kabid", "metro.petugas"):
        p = lanjut(p, username)
    assert (p.langkah_nomor, p.peran_saat_ini.kode) == (4, "kadin")
    with pytest.raises(mesin.TransisiDitolak, match="keputusan"):
        lanjut(p, "metro.kadin")  # the last stage ends only with a decision
    with pytest.raises(mesin.TransisiDitolak):
        penanganan.pengaduan_tutup(
            pengaduan=p, oleh=orang("metro.kadin"), versi=p.versi, keputusan="terbukti", jawaban=" "
        )
    p = tutup(p, "metro.kadin", KeputusanPengaduan.SEBAGIAN)
    assert (p.status, p.keputusan, p.jawaban, p.hasil.kode) == (
        "selesai",
        "sebagian",
        "Beres.",
        "selesai",
    )
    assert p.tepat_waktu is True and p.menit_penyelesaian is not None
    assert [r.nomor for r in p.riwayat.all()] == [1, 2, 3, 4]
    assert p.riwayat.last().aksi == "ditutup"


def test_a_complaint_about_an_officer_is_kept_from_everyone_but_the_head_and_roles_named():
    p = aduan(kategori="perilaku-petugas", terlapor_nama="Petugas loket pagi")
    assert p.rahasia and p.peran_saat_ini.kode == "kadin"
    assert {s.peran for s in mesin.potret(p).langkah} == {
        "Kepala Dinas Sosial",
        "Kepala Bidang Perlindungan, Jaminan Sosial dan Penanganan Fakir Miskin",
    }
    assert not pengaduan_untuk(orang("metro.petugas")).filter(pk=p.pk).exists()
    assert pengaduan_untuk(orang("metro.kadin")).filter(pk=p.pk).exists()
    assert pengaduan_untuk(orang("metro.kabid")).filter(pk=p.pk).exists()
    assert not pengaduan_untuk(orang("blitar.kadin")).filter(pk=p.pk).exists()


def test_the_officer_named_neither_sees_nor_handles_it_and_their_steps_go_to_the_head():
    p = aduan(kategori="perilaku-petugas", terlapor=orang("metro.kabid"))
    # Mediation (the Kabid's stage) goes to the Kadin: the Kabid is the officer named.
    assert [s.peran_id for s in mesin.potret(p).langkah] == [
        Peran.objects.get(kantor__kode="metro", kode="kadin").pk
    ] * 4
    kabid = orang("metro.kabid")
    assert not pengaduan_untuk(kabid).filter(pk=p.pk).exists()
    assert all(not qs.filter(pk=p.pk).exists() for qs in tugas_pengaduan(kabid))


def test_an_officer_named_later_loses_the_complaint_at_once():
    p = aduan()
    assert pengaduan_untuk(orang("metro.petugas")).filter(pk=p.pk).exists()
    p = penanganan.pengaduan_tandai_terlapor(
        pengaduan=p,
        oleh=orang("metro.petugas"),
        versi=p.versi,
        terlapor=orang("metro.petugas"),
        catatan="Aduan menyebut petugas loket.",
    )
    assert p.rahasia and p.peran_saat_ini.kode == "kadin"
    assert not pengaduan_untuk(orang("metro.petugas")).filter(pk=p.pk).exists()
    with pytest.raises(mesin.TransisiDitolak):
        lanjut(p, "metro.petugas")
    p = lanjut(p, "metro.kadin")
    assert p.peran_saat_ini.kode == "kabid"


def test_the_officer_named_is_refused_even_holding_the_role_it_waits_for():
    p = aduan()
    Pengaduan.objects.filter(pk=p.pk).update(terlapor=orang("metro.petugas"))
    p.refresh_from_db()
    with pytest.raises(mesin.TransisiDitolak, match="disebut"):
        lanjut(p, "metro.petugas")


def test_the_limit_is_extended_once_with_a_reason_and_at_most_the_offices_days():
    p = aduan()
    lama = p.tenggat
    petugas = orang("metro.petugas")
    with pytest.raises(mesin.TransisiDitolak, match="paling lama 10"):
        penanganan.pengaduan_perpanjang(
            pengaduan=p, oleh=petugas, versi=p.versi, hari_kerja=11, alasan="Cek lokasi"
        )
    p = penanganan.pengaduan_perpanjang(
        pengaduan=p, oleh=petugas, versi=p.versi, hari_kerja=3, alasan="Menunggu data bank"
    )
    assert p.tenggat == hari_kerja.tenggat(p.kantor, lama, 3 * 480)
    assert p.riwayat.last().catatan.startswith("Menunggu data bank")
    with pytest.raises(mesin.TransisiDitolak, match=r"pernah|satu kali"):
        penanganan.pengaduan_perpanjang(
            pengaduan=p, oleh=petugas, versi=p.versi, hari_kerja=1, alasan="Lagi"
        )


def test_asking_the_complainant_pauses_the_clock_until_their_answer_arrives():
    p = aduan()
    petugas = orang("metro.petugas")
    p = penanganan.pengaduan_minta_info(
        pengaduan=p, oleh=petugas, versi=p.versi, pertanyaan="Tanggal berapa Anda datang?"
    )
    assert p.dijeda_pada is not None
    with pytest.raises(mesin.TransisiDitolak, match="dihentikan"):
        lanjut(p, "metro.petugas")
    jawaban = penanganan.pengaduan_info_pelapor(pengaduan=p, isi="Senin, 5 Januari.")
    assert penanganan.jawaban_pelapor_pertama(p) == jawaban
    p = penanganan.pengaduan_lanjutkan(pengaduan=p, oleh=petugas, versi=p.versi, catatan="")
    assert p.dijeda_pada is None
    assert [r.aksi for r in p.riwayat.all()] == ["jeda", "lanjut"]
    with pytest.raises(mesin.TransisiDitolak):
        penanganan.pengaduan_info_pelapor(pengaduan=p, isi="Lagi")  # nothing is asked now


def test_a_closed_complaint_is_appealed_once_to_the_appeal_role_linked_to_the_original():
    p = tutup(aduan(), "metro.petugas", KeputusanPengaduan.TIDAK_TERBUKTI)
    with pytest.raises(mesin.TransisiDitolak):
        services.pengaduan_lanjutan(induk=aduan(), jenis="banding", alasan="x", oleh=None)
    banding = services.pengaduan_lanjutan(
        induk=p, jenis="banding", alasan="Saya tidak puas.", oleh=None
    )
    assert (banding.induk, banding.jenis_lanjutan, banding.uraian) == (
        p,
        "banding",
        "Saya tidak puas.",
    )
    assert banding.peran_saat_ini.kode == "kadin"  # Metro's appeal role takes the handler's steps
    assert banding.kode_lacak != p.kode_lacak and banding.rujukan == p.nomor
    with pytest.raises(mesin.TransisiDitolak, match=r"pernah|satu kali"):
        services.pengaduan_lanjutan(induk=p, jenis="buka_kembali", alasan="Lagi", oleh=None)


def test_forwarding_closes_it_numbers_its_letter_and_another_office_receives_it():
    p = aduan(kategori="bpnt-pin", nama_pelapor="Siti", kontak_pelapor="0812")
    p = penanganan.pengaduan_teruskan(
        pengaduan=p,
        oleh=orang("metro.petugas"),
        versi=p.versi,
        tujuan="",
        kantor_tujuan=p.kantor.__class__.objects.get(kode="tarakan"),
        jawaban="Diteruskan ke Dinsos Tarakan, tempat Anda terdaftar.",
    )
    assert (p.keputusan, p.hasil.kode) == ("diteruskan", "diteruskan")
    assert re.fullmatch(r"\d+/PGD/[IVX]+/\d{4}", p.nomor_surat_penerusan)
    diterima = Pengaduan.objects.get(kantor__kode="tarakan", rujukan=p.nomor)
    assert (diterima.saluran, diterima.kategori.kode) == (SaluranPengaduan.DITERUSKAN, "bpnt-pin")
    assert diterima.status == StatusJalan.DITERIMA and diterima.nama_pelapor == "Siti"


def test_a_web_complaint_without_name_or_contact_is_anonymous():
    assert aduan().anonim
    assert not aduan(kontak_pelapor="0812 1111 2222").anonim


def test_the_demo_complaints_stand_at_their_stages_and_load_once():
    from layanan.pengaduan.demo import muat_contoh_pengaduan

    assert muat_contoh_pengaduan() == 5
    assert muat_contoh_pengaduan() == 0
    demo = {p.kode_lacak: p for p in Pengaduan.objects.filter(kode_lacak__startswith="PGDN")}
    assert demo["PGDN-2026-0001"].langkah_nomor == 1 and demo["PGDN-2026-0001"].anonim
    assert demo["PGDN-2026-0002"].peran_saat_ini.kode == "kabid"
    assert demo["PGDN-2026-0003"].dijeda_pada is not None
    assert (demo["PGDN-2026-0004"].status, demo["PGDN-2026-0004"].keputusan) == (
        "selesai",
        "terbukti",
    )
    assert demo["PGDN-2026-0005"].kantor.kode == "tarakan"


def test_lapor_s_own_clock_runs_beside_ours_and_stops_when_the_follow_up_is_posted():
    from django.utils import timezone

    from layanan.pengaduan.waktu import tenggat_lapor, waktu_lapor

    diterima = timezone.now() - timezone.timedelta(days=1)
    p = aduan(
        saluran="lapor", lapor_id="4455667", lapor_diterima_pada=diterima, oleh="metro.petugas"
    )
    assert tenggat_lapor(p) == hari_kerja.tenggat(p.kantor, diterima, 5 * 480)
    w = waktu_lapor(p)
    assert w is not None and not w.selesai
    p = penanganan.pengaduan_minta_info(
        pengaduan=p, oleh=orang("metro.petugas"), versi=p.versi, pertanyaan="Alamat?"
    )
    assert waktu_lapor(p).tenggat == tenggat_lapor(p)  # ours pauses, LAPOR!'s does not
    penanganan.lapor_tandai_dijawab(pengaduan=p)
    assert waktu_lapor(p).selesai


def test_staff_reopen_a_closed_complaint_once_walked_from_the_start_and_linked():
    p = tutup(aduan(), "metro.petugas", KeputusanPengaduan.TIDAK_TERBUKTI)
    buka = services.pengaduan_lanjutan(
        induk=p, jenis="buka_kembali", alasan="Bukti baru datang.", oleh=orang("metro.petugas")
    )
    assert (buka.induk, buka.jenis_lanjutan, buka.rujukan) == (p, "buka_kembali", p.nomor)
    assert (buka.status, buka.langkah_nomor, buka.dibuat_oleh.username) == (
        "diterima",
        1,
        "metro.petugas",
    )
    with pytest.raises(mesin.TransisiDitolak, match=r"pernah|satu kali"):
        services.pengaduan_lanjutan(induk=p, jenis="banding", alasan="Lagi", oleh=None)


def test_the_figures_count_by_kind_category_channel_and_stage_and_time_to_settle():
    from collections import Counter

    from django.utils import timezone

    from layanan.pengaduan.angka import angka_pengaduan

    kantor = orang("metro.petugas").kantor
    tahun = timezone.localtime(timezone.now(), kantor.zona).year

    def hitung() -> dict[str, Counter[str]]:
        a = angka_pengaduan(kantor, tahun)
        return {
            "jumlah": Counter({"": a.jumlah, "terbuka": a.terbuka, "selesai": a.selesai}),
            "tepat": Counter({"": a.tepat_waktu}),
            **{
                k: Counter({b.nama: b.jumlah for b in getattr(a, k)})
                for k in ("per_jenis", "per_kategori", "per_saluran", "per_tahap", "per_keputusan")
            },
        }

    sebelum = hitung()
    aduan()
    lanjut(
        aduan(kategori="pungutan", saluran=SaluranPengaduan.TELEPON, oleh="metro.petugas"),
        "metro.petugas",
    )
    tutup(aduan(kategori="bpnt-pin"), "metro.petugas", KeputusanPengaduan.TIDAK_TERBUKTI)
    sesudah = hitung()
    beda = {k: sesudah[k] - sebelum[k] for k in sesudah}
    assert beda["jumlah"] == Counter({"": 3, "terbuka": 2, "selesai": 1})
    assert beda["tepat"] == Counter({"": 1})  # closed at once: within its limit
    assert beda["per_jenis"] == Counter({"Pengaduan": 3})
    assert beda["per_saluran"] == Counter({"Formulir web": 2, "Telepon": 1})
    assert sum(beda["per_kategori"].values()) == 3 and len(beda["per_kategori"]) == 3
    assert all(" › " in n for n in beda["per_kategori"]), beda["per_kategori"]  # parent › sub
    assert [n[:2] for n in beda["per_tahap"]] == ["1.", "2."]  # open ones, by the SOP's stage
    assert beda["per_keputusan"] == Counter({"Tidak terbukti": 1})
    a = angka_pengaduan(kantor, tahun)
    assert a.median_hari is not None and a.median_hari < 1 and a.persen_tepat is not None
