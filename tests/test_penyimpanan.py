"""Stored files in an S3-compatible bucket: streamed reads, no signed links, settings from the
environment, checksums only when required (layanan.penyimpanan)."""

from __future__ import annotations

import os

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from moto import mock_aws

from dinsos.env import env_pilihan, env_url_s3
from dinsos.penyimpanan import penyimpanan_dari_env
from layanan.penyimpanan import PenyimpananObjek, _Aliran, respons_berkas, salinan_lokal


@pytest.fixture(scope="module")
def ember():
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="dinsos")
        yield PenyimpananObjek(
            bucket_name="dinsos",
            location="pribadi",
            region_name="us-east-1",
            access_key="uji",
            secret_key="uji",
            default_acl="private",
            file_overwrite=False,
        )


def test_a_stored_object_is_private_and_read_back_streamed(ember):
    isi = os.urandom(300_000)
    nama = ember.save("pindaian/a.pdf", ContentFile(isi))
    klien = boto3.client("s3", region_name="us-east-1")
    hibah = klien.get_object_acl(Bucket="dinsos", Key=f"pribadi/{nama}")["Grants"]
    assert [g["Grantee"].get("URI") for g in hibah] == [None]  # the owner only, nobody public
    with ember.open(nama) as f:
        assert isinstance(f, _Aliran) and f.size == len(isi) and not f.seekable()
        assert f.read(1000) + f.read() == isi


def test_a_missing_object_is_file_not_found_and_no_link_is_ever_signed(ember):
    with pytest.raises(FileNotFoundError):
        ember.open("pindaian/tidak-ada.pdf")
    assert ember.url("pindaian/a.pdf") == "pindaian/a.pdf"


def test_checksums_only_when_the_operation_requires_one(ember):
    konfigurasi = ember.connection.meta.client.meta.config
    assert konfigurasi.request_checksum_calculation == "when_required"
    assert konfigurasi.response_checksum_validation == "when_required"
    assert konfigurasi.s3["addressing_style"] == "path"


def test_a_download_streams_with_its_length(ember):
    from layanan.models import Pindaian

    nama = ember.save("pindaian/b.png", ContentFile(b"x" * 200_000))
    scan = Pindaian(berkas=nama)
    scan.berkas.storage = ember
    jawab = respons_berkas(scan.berkas, nama="p.png", jenis="image/png")
    assert jawab.streaming and jawab["Content-Length"] == "200000"
    assert b"".join(jawab.streaming_content) == b"x" * 200_000
    assert "attachment" in jawab["Content-Disposition"]


def test_a_reader_that_needs_a_path_gets_a_temporary_copy(ember):
    from layanan.models import ImporDtks

    nama = ember.save("dtks/e.csv", ContentFile(b"NIK,NAMA\n"))
    impor = ImporDtks(berkas=nama)
    impor.berkas.storage = ember
    with salinan_lokal(impor.berkas) as path:
        assert path.read_bytes() == b"NIK,NAMA\n" and path.suffix == ".csv"
    assert not path.exists()


def test_s3_settings_come_from_the_environment(monkeypatch, tmp_path):
    assert penyimpanan_dari_env("pribadi", tmp_path)["OPTIONS"]["location"] == tmp_path / "pribadi"
    monkeypatch.setenv("DINSOS_S3_BUCKET", "arsip")
    monkeypatch.setenv("DINSOS_S3_ENDPOINT", "http://127.0.0.1:9000/")
    monkeypatch.setenv("DINSOS_S3_PREFIX", "/blitar/")
    monkeypatch.setenv("DINSOS_S3_ACL", "")
    pribadi = penyimpanan_dari_env("pribadi", tmp_path)["OPTIONS"]
    assert penyimpanan_dari_env("", tmp_path)["OPTIONS"]["location"] == "blitar/media"
    assert (pribadi["location"], pribadi["endpoint_url"], pribadi["default_acl"]) == (
        "blitar/pribadi",
        "http://127.0.0.1:9000",
        None,
    )


@pytest.mark.parametrize("nilai", ["s3.example.go.id", "ftp://x", "http://x/?a=1"])
def test_a_bad_store_address_stops_start_up(monkeypatch, nilai):
    monkeypatch.setenv("DINSOS_S3_ENDPOINT", nilai)
    with pytest.raises(ImproperlyConfigured):
        env_url_s3("DINSOS_S3_ENDPOINT")


def test_addressing_style_is_path_or_virtual(monkeypatch):
    monkeypatch.setenv("DINSOS_S3_ADDRESSING", "Virtual")
    assert env_pilihan("DINSOS_S3_ADDRESSING", "path", ("path", "virtual")) == "virtual"
    monkeypatch.setenv("DINSOS_S3_ADDRESSING", "dns")
    with pytest.raises(ImproperlyConfigured):
        env_pilihan("DINSOS_S3_ADDRESSING", "path", ("path", "virtual"))
