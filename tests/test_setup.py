"""bin/setup installs the Debian packages it needs when missing, PostgreSQL 15 for the tests too,
without letting the default cluster a Debian install creates start. Run with stand-ins for
dpkg-query, apt-get and sudo in a copy of the project, so nothing is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
TIDAK_MULAI = "#!/bin/sh\nexit 101\n"

DPKG_QUERY = """#!/bin/sh
for p; do :; done
case " $TERPASANG " in *" $p "*) printf 'install ok installed' ;; *) exit 1 ;; esac
"""
# Records its arguments, and what a package's maintainer script would be told about starting a
# service (invoke-rc.d asks policy-rc.d; 101 means "do not start").
APT_GET = """#!/bin/sh
echo "$*" >> "$CATATAN"
if [ -x "$DINSOS_POLICY_RC_D" ]; then "$DINSOS_POLICY_RC_D" postgresql start; echo "rc=$?" >> "$CATATAN"
else echo "rc=none" >> "$CATATAN"; fi
"""
SUDO = '#!/bin/sh\nexec "$@"\n'


def _jalankan_setup(tmp_path: Path, *args: str, terpasang: str = "") -> tuple[list[str], Path]:
    proyek, alat = tmp_path / "proyek", tmp_path / "alat"
    (proyek / "bin").mkdir(parents=True)
    shutil.copy(AKAR / "bin" / "setup", proyek / "bin" / "setup")
    (proyek / "requirements.lock").write_text("# nothing to install\n")
    (proyek / ".venv" / "bin").mkdir(parents=True)
    (proyek / ".venv" / "bin" / "python").write_text("#!/bin/sh\nexit 0\n")
    (proyek / ".venv" / "bin" / "python").chmod(0o755)
    stempel = subprocess.run(
        ["sha256sum", "requirements.lock"], cwd=proyek, capture_output=True, text=True, check=True
    ).stdout
    (proyek / ".venv" / ".requirements.lock.sha256").write_text(stempel)
    alat.mkdir()
    for nama, isi in (("dpkg-query", DPKG_QUERY), ("apt-get", APT_GET), ("sudo", SUDO)):
        (alat / nama).write_text(isi)
        (alat / nama).chmod(0o755)
    catatan, kebijakan = tmp_path / "apt-get.log", tmp_path / "policy-rc.d"
    env = {
        **os.environ,
        "PATH": f"{alat}:{os.environ['PATH']}",
        "TERPASANG": terpasang,
        "CATATAN": str(catatan),
        "DINSOS_POLICY_RC_D": str(kebijakan),
    }
    hasil = subprocess.run(
        [str(proyek / "bin" / "setup"), *args], env=env, capture_output=True, text=True
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return (catatan.read_text().splitlines() if catatan.exists() else []), kebijakan


def test_the_test_setup_installs_postgresql_15_with_service_starts_refused(tmp_path):
    panggilan, kebijakan = _jalankan_setup(
        tmp_path, "--test", terpasang="libharfbuzz-subset0 chromium poppler-utils gettext"
    )
    assert panggilan[0].startswith("install ") and panggilan[0].split()[-1] == "postgresql-15"
    assert panggilan[1] == "rc=101"  # its default cluster is created but never started
    assert not kebijakan.exists()  # and the refusal is gone once the install is over


def test_an_existing_policy_rc_d_is_left_as_it_was(tmp_path):
    kebijakan = tmp_path / "policy-rc.d"
    kebijakan.write_text("#!/bin/sh\n# the administrator's own\nexit 0\n")
    kebijakan.chmod(0o755)
    panggilan, _ = _jalankan_setup(tmp_path, "--test")
    assert "postgresql-15" in panggilan[0].split()
    assert panggilan[1] == "rc=0"
    assert kebijakan.read_text() == "#!/bin/sh\n# the administrator's own\nexit 0\n"


def test_nothing_is_installed_when_everything_is_there(tmp_path):
    semua = "libharfbuzz-subset0 chromium poppler-utils postgresql-15 gettext"
    assert _jalankan_setup(tmp_path, "--test", terpasang=semua)[0] == []


def test_the_app_alone_needs_no_postgresql(tmp_path):
    panggilan, _ = _jalankan_setup(tmp_path)
    assert panggilan[0].split()[-1] == "libharfbuzz-subset0"
    assert panggilan[1] == "rc=none"  # starting services is only held back for PostgreSQL
