// The intake form's applicant, filled from the NIK as it is typed: the birth date and sex the NIK
// carries, then a returning applicant's data from the office's records. Only what is empty, or
// was filled here and not touched since, is written: what the officer typed stays. The server
// reads the NIK again (layanan/loket/validators.py urai_nik) and warns where the two disagree.
(function () {
  "use strict";
  const form = document.getElementById("form-permohonan");
  const nik = form && form.querySelector("input[name=nik]");
  if (!nik) return;
  const pesan = document.getElementById("pesan-nik");
  const tombolCari = document.getElementById("tombol-cari-nik");
  const KOLOM = ["nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "alamat", "rt", "rw",
    "telepon", "kode_kelurahan", "kelurahan_lain", "kecamatan_lain", "kabupaten_kota_lain", "nomor_kk"];

  function dua(n) { return String(n).padStart(2, "0"); }

  // urai_nik's reading: digits 7-8 the day (+ 40 for women), 9-10 the month, 11-12 the year; of
  // 19yy and 20yy the dates that exist and are not after today, the latest one (the century from
  // the current year). Null for anything the server would refuse.
  function uraiNik(nilai) {
    const n = nilai.replace(/[ .\u00a0]/g, "");
    if (!/^[0-9]{16}$/.test(n) || n.slice(0, 2) === "00" || n.slice(12) === "0000") return null;
    let hari = +n.slice(6, 8);
    const bulan = +n.slice(8, 10);
    const tahun = +n.slice(10, 12);
    if (bulan < 1 || bulan > 12 || !((hari >= 1 && hari <= 31) || (hari >= 41 && hari <= 71))) return null;
    const perempuan = hari > 40;
    if (perempuan) hari -= 40;
    const kini = new Date();
    const hariIni = new Date(kini.getFullYear(), kini.getMonth(), kini.getDate());
    const mungkin = [1900 + tahun, 2000 + tahun]
      .map(function (y) { return new Date(y, bulan - 1, hari); })
      .filter(function (d) { return d.getMonth() === bulan - 1 && d.getDate() === hari && d <= hariIni; });
    if (!mungkin.length) return null;
    const d = mungkin[mungkin.length - 1];
    return { nik: n, lahir: dua(d.getDate()) + "/" + dua(d.getMonth() + 1) + "/" + d.getFullYear(), perempuan: perempuan };
  }

  function kolom(nama) { return form.elements.namedItem(nama); }

  // Writes a value unless the officer typed their own; remembers it as filled here.
  function isi(nama, nilai) {
    const el = kolom(nama);
    if (!el || nilai === null || nilai === undefined) return;
    if (el.value !== "" && el.value !== el.dataset.otomatis) return;
    el.value = String(nilai);
    el.dataset.otomatis = el.value;
    el.classList.toggle("terisi-otomatis", el.value !== "");
    el.dispatchEvent(new Event("change", { bubbles: true })); // e.g. "outside the region" fields
  }

  // The officer's own change makes a field theirs.
  form.addEventListener("input", function (e) {
    const el = e.target;
    if (el !== nik && el.dataset && "otomatis" in el.dataset) {
      delete el.dataset.otomatis;
      el.classList.remove("terisi-otomatis");
    }
  });

  let dicari = "";
  let urutan = 0;

  function baca(paksa) {
    const hasil = uraiNik(nik.value);
    if (!hasil) {
      dicari = "";
      return;
    }
    if (hasil.nik === dicari && !paksa) return;
    dicari = hasil.nik;
    KOLOM.forEach(function (nama) { isi(nama, ""); }); // another person's data, filled here
    isi("tanggal_lahir", hasil.lahir);
    isi("jenis_kelamin", hasil.perempuan ? "P" : "L");
    cari(hasil);
  }

  function cari(hasil) {
    const nomor = ++urutan;
    const data = new FormData();
    data.append("nik", hasil.nik);
    data.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    fetch(form.dataset.urlPemohon, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (jawab) {
        if (nomor !== urutan) return; // the NIK changed meanwhile
        if (jawab.ditemukan) {
          Object.keys(jawab.isian).forEach(function (nama) { isi(nama, jawab.isian[nama]); });
          // The records know the applicant's own birth date; the NIK's stays where they have none.
          if (!jawab.isian.tanggal_lahir) isi("tanggal_lahir", hasil.lahir);
          if (!jawab.isian.jenis_kelamin) isi("jenis_kelamin", hasil.perempuan ? "P" : "L");
          // The officer goes on where something is left to fill (for KIP: the child), unless
          // they have already moved on by themselves.
          if (document.activeElement === nik) {
            const kosong = Array.from(form.querySelectorAll("[required]")).find(function (el) {
              return !el.value && el.getClientRects().length;
            });
            if (kosong) kosong.focus();
          }
        }
        pesan.textContent = jawab.pesan;
        pesan.className = "small mb-2 " + (jawab.ditemukan ? "text-success-emphasis" : "text-body-secondary");
      })
      .catch(function () {
        if (nomor !== urutan) return;
        pesan.textContent = form.dataset.pesanGagal;
        pesan.className = "small mb-2 text-danger";
      });
  }

  nik.addEventListener("input", function () { baca(false); });
  nik.addEventListener("change", function () { baca(false); });
  // Typed before this script had loaded (the field has the focus from the start).
  if (document.activeElement === nik && nik.value) baca(false);
  if (tombolCari) {
    // The lookup needs no reload here; and the first button of the form is no longer the one
    // Enter would press.
    tombolCari.type = "button";
    tombolCari.addEventListener("click", function () { baca(true); nik.focus(); });
  }
})();
