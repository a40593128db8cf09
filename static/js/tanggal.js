// Date fields typed day-first (dd/mm/yyyy): slashes put in while typing, and a small calendar
// usable with the keyboard. The words come from the field's data-tanggal attribute (the page's
// language); month and day names from the browser's Intl in the page's language.
(function () {
  "use strict";
  const bahasa = document.documentElement.lang || "id";

  function dua(n) { return String(n).padStart(2, "0"); }
  function tulis(d) { return dua(d.getDate()) + "/" + dua(d.getMonth() + 1) + "/" + d.getFullYear(); }

  // "22/07/1992", "22-7-1992", "22.07.1992", "22071992" or "1992-07-22" -> a Date, else null.
  function baca(teks) {
    const t = teks.trim();
    let m = t.match(/^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/) || t.match(/^(\d{2})(\d{2})(\d{4})$/);
    let h, b, y;
    if (m) { h = +m[1]; b = +m[2]; y = +m[3]; }
    else if ((m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/))) { y = +m[1]; b = +m[2]; h = +m[3]; }
    else return null;
    const d = new Date(y, b - 1, h);
    return d.getFullYear() === y && d.getMonth() === b - 1 && d.getDate() === h ? d : null;
  }

  // The mask: digits typed one after another get their slashes.
  function topeng(input, e) {
    if (!e.inputType || !e.inputType.startsWith("insert")) return;
    let v = input.value.replace(/\/\//g, "/");
    if (/^\d{3,8}$/.test(v)) v = v.replace(/^(\d{2})(\d{1,2})?(\d{1,4})?$/, function (_, h, b, y) {
      return h + (b ? "/" + b : "") + (y ? "/" + y : "");
    });
    else if (/^\d{2}$/.test(v) || /^\d{2}\/\d{2}$/.test(v)) v += "/";
    if (v !== input.value) input.value = v;
  }

  function elemen(tag, kelas, teks) {
    const el = document.createElement(tag);
    if (kelas) el.className = kelas;
    if (teks) el.textContent = teks;
    return el;
  }

  function pasang(input) {
    if (input.closest(".tanggal-wadah")) return; // already set up
    const kata = JSON.parse(input.dataset.tanggal || "{}");
    const wadah = elemen("span", "tanggal-wadah");
    input.parentNode.insertBefore(wadah, input);
    wadah.appendChild(input);
    const tombol = elemen("button", "tanggal-buka");
    tombol.type = "button";
    tombol.setAttribute("aria-label", kata.buka || "");
    tombol.setAttribute("aria-haspopup", "dialog");
    tombol.setAttribute("aria-expanded", "false");
    tombol.innerHTML = '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">' +
      '<path fill="currentColor" d="M4 0h1v2h6V0h1v2h3v14H1V2h3zM2 5v10h12V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zm-6 3h2v2H4zm3 0h2v2H7z"/></svg>';
    wadah.appendChild(tombol);

    let kalender = null;
    let fokus = null; // the day the keyboard is on

    input.addEventListener("input", function (e) { topeng(input, e); });
    input.addEventListener("blur", function () {
      const d = baca(input.value);
      if (d) input.value = tulis(d);
    });
    tombol.addEventListener("click", function () { kalender ? tutup(false) : buka(); });

    function buka() {
      fokus = baca(input.value) || new Date();
      kalender = elemen("div", "tanggal-kalender");
      kalender.setAttribute("role", "dialog");
      kalender.setAttribute("aria-label", kata.kalender || "");
      wadah.appendChild(kalender);
      tombol.setAttribute("aria-expanded", "true");
      gambar("hari");
      letakkan();
      kalender.addEventListener("keydown", tombolKalender);
      // Closed by a click or focus elsewhere (not by focusout: redrawing moves the focus).
      document.addEventListener("pointerdown", diLuar);
      document.addEventListener("focusin", diLuar);
      window.addEventListener("scroll", letakkan, true);
      window.addEventListener("resize", letakkan);
    }

    // Fixed to the viewport, so no scrolling or clipping box (the admin's rows) cuts it off:
    // below the field, or above it when there is no room below.
    function letakkan() {
      if (!kalender) return;
      const r = wadah.getBoundingClientRect();
      const tinggi = kalender.offsetHeight;
      const bawah = r.bottom + 4 + tinggi <= window.innerHeight || r.top < tinggi + 4;
      kalender.style.top = (bawah ? r.bottom + 4 : r.top - tinggi - 4) + "px";
      kalender.style.left = Math.max(4, Math.min(r.left, window.innerWidth - kalender.offsetWidth - 4)) + "px";
    }

    function diLuar(e) {
      if (!wadah.contains(e.target)) tutup(false);
    }

    function tutup(kembaliKeTombol) {
      if (!kalender) return;
      kalender.remove();
      kalender = null;
      document.removeEventListener("pointerdown", diLuar);
      document.removeEventListener("focusin", diLuar);
      window.removeEventListener("scroll", letakkan, true);
      window.removeEventListener("resize", letakkan);
      tombol.setAttribute("aria-expanded", "false");
      if (kembaliKeTombol) tombol.focus();
    }

    function pilih(d) {
      input.value = tulis(d);
      input.dispatchEvent(new Event("change", { bubbles: true }));
      tutup(false);
      input.focus();
    }

    // Draws the month of `fokus`, then focuses the control named by `sasaran`.
    function gambar(sasaran) {
      kalender.textContent = "";
      const kepala = elemen("div", "tanggal-kepala");
      const sebelum = elemen("button", "tanggal-geser", "‹");
      const sesudah = elemen("button", "tanggal-geser", "›");
      sebelum.type = sesudah.type = "button";
      sebelum.setAttribute("aria-label", kata.sebelum || "");
      sesudah.setAttribute("aria-label", kata.sesudah || "");
      sebelum.addEventListener("click", function () { geserBulan(-1, "sebelum"); });
      sesudah.addEventListener("click", function () { geserBulan(1, "sesudah"); });
      const bulan = elemen("select");
      bulan.setAttribute("aria-label", kata.bulan || "");
      const namaBulan = new Intl.DateTimeFormat(bahasa, { month: "long" });
      for (let i = 0; i < 12; i++) {
        const o = elemen("option", "", namaBulan.format(new Date(2000, i, 1)));
        o.value = i;
        bulan.appendChild(o);
      }
      bulan.value = fokus.getMonth();
      const tahun = elemen("select");
      tahun.setAttribute("aria-label", kata.tahun || "");
      const kini = new Date().getFullYear();
      for (let y = Math.max(kini + 10, fokus.getFullYear()); y >= Math.min(1900, fokus.getFullYear()); y--) {
        const o = elemen("option", "", String(y));
        o.value = y;
        tahun.appendChild(o);
      }
      tahun.value = fokus.getFullYear();
      bulan.addEventListener("change", function () { keBulan(fokus.getFullYear(), +bulan.value); gambar("bulan"); });
      tahun.addEventListener("change", function () { keBulan(+tahun.value, fokus.getMonth()); gambar("tahun"); });
      kepala.append(sebelum, bulan, tahun, sesudah);

      const tabel = elemen("table", "tanggal-tabel");
      tabel.setAttribute("role", "grid");
      const baris0 = elemen("tr");
      const namaHari = new Intl.DateTimeFormat(bahasa, { weekday: "short" });
      for (let i = 0; i < 7; i++) { // Monday first, as Indonesian calendars are
        const th = elemen("th", "", namaHari.format(new Date(2024, 0, 1 + i)));
        th.scope = "col";
        baris0.appendChild(th);
      }
      tabel.appendChild(elemen("thead")).appendChild(baris0);
      const badan = tabel.appendChild(elemen("tbody"));
      const dipilih = baca(input.value);
      const hariIni = new Date();
      const awal = new Date(fokus.getFullYear(), fokus.getMonth(), 1);
      awal.setDate(1 - ((awal.getDay() + 6) % 7));
      const panjangHari = new Intl.DateTimeFormat(bahasa, { dateStyle: "full" });
      let tombolFokus = null;
      for (let r = 0; r < 6; r++) {
        const baris = badan.appendChild(elemen("tr"));
        for (let c = 0; c < 7; c++) {
          const d = new Date(awal.getFullYear(), awal.getMonth(), awal.getDate() + r * 7 + c);
          const td = baris.appendChild(elemen("td"));
          const b = td.appendChild(elemen("button", "tanggal-hari", String(d.getDate())));
          b.type = "button";
          b.tabIndex = -1;
          b.setAttribute("aria-label", panjangHari.format(d));
          if (d.getMonth() !== fokus.getMonth()) b.classList.add("tanggal-luar");
          if (sama(d, hariIni)) b.classList.add("tanggal-kini");
          if (dipilih && sama(d, dipilih)) { b.classList.add("tanggal-dipilih"); td.setAttribute("aria-selected", "true"); }
          if (sama(d, fokus)) { b.tabIndex = 0; tombolFokus = b; }
          b.addEventListener("click", function () { pilih(d); });
        }
      }
      const kaki = elemen("div", "tanggal-kaki");
      const kini2 = elemen("button", "tanggal-teks", kata.hari_ini || "");
      const tutupB = elemen("button", "tanggal-teks", kata.tutup || "");
      kini2.type = tutupB.type = "button";
      kini2.addEventListener("click", function () { pilih(new Date()); });
      tutupB.addEventListener("click", function () { tutup(true); });
      kaki.append(kini2, tutupB);
      kalender.append(kepala, tabel, kaki);
      const sasaranEl = { hari: tombolFokus, bulan: bulan, tahun: tahun, sebelum: sebelum, sesudah: sesudah }[sasaran];
      if (sasaranEl) sasaranEl.focus();
    }

    function sama(a, b) {
      return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
    }

    function keBulan(y, m) {
      const akhir = new Date(y, m + 1, 0).getDate();
      fokus = new Date(y, m, Math.min(fokus.getDate(), akhir));
    }

    function geserBulan(n, sasaran) {
      keBulan(fokus.getFullYear(), fokus.getMonth() + n);
      gambar(sasaran);
    }

    function tombolKalender(e) {
      if (e.key === "Escape") { e.preventDefault(); tutup(true); return; }
      if (!e.target.classList.contains("tanggal-hari")) return;
      const geser = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
      if (geser) {
        fokus = new Date(fokus.getFullYear(), fokus.getMonth(), fokus.getDate() + geser);
      } else if (e.key === "PageUp" || e.key === "PageDown") {
        keBulan(fokus.getFullYear(), fokus.getMonth() + (e.key === "PageUp" ? -1 : 1));
      } else if (e.key === "Home" || e.key === "End") {
        const hari = (fokus.getDay() + 6) % 7;
        fokus = new Date(fokus.getFullYear(), fokus.getMonth(), fokus.getDate() + (e.key === "Home" ? -hari : 6 - hari));
      } else {
        return;
      }
      e.preventDefault();
      gambar("hari");
    }
  }

  function mulai() { document.querySelectorAll("input[data-tanggal]").forEach(pasang); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
