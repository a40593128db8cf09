/* The letter template editor: insert a documented variable at the cursor, and refresh the PDF
   preview when typing pauses (the form itself is posted to the preview, into its frame). */
"use strict";
(function () {
  const JEDA_MS = 800;
  const BATAS_TUNGGU_MS = 20000;
  const tombol = document.getElementById("tombol-pratinjau");
  const bingkai = document.getElementById("bingkai-pratinjau");
  const kabar = document.getElementById("status-pratinjau");
  const form = tombol ? tombol.form : null;
  const layanan = document.getElementById("id_layanan");

  function bentukHtml() {
    const pilihan = form && form.querySelector('input[name="bentuk"]:checked');
    return Boolean(pilihan && pilihan.value === "html");
  }

  // The picker: shown only with script; without it the list beside the preview is read.
  document.querySelectorAll(".pemilih-variabel").forEach(function (pemilih) {
    const pilih = pemilih.querySelector("select");
    const area = document.getElementById(pilih.dataset.untuk);
    const kabarSisip = pemilih.querySelector(".status-sisip");
    if (!area) {
      return;
    }
    pemilih.hidden = false;
    pemilih.querySelector("[data-sisipkan]").addEventListener("click", function () {
      const opsi = pilih.selectedOptions[0];
      if (!opsi || opsi.disabled) {
        return;
      }
      const teks = (bentukHtml() && opsi.dataset.sisipHtml) || opsi.value;
      const awal = area.selectionStart;
      const akhir = area.selectionEnd;
      area.focus();
      area.setRangeText(teks, awal, akhir, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      kabarSisip.textContent = kabarSisip.dataset.pesan + " " + teks;
    });
  });

  // On the add page every service's own fields are listed: only the chosen one's are offered.
  function saringLayanan() {
    document.querySelectorAll(".pemilih-variabel optgroup[data-layanan]").forEach(function (g) {
      const tampil = Boolean(layanan) && g.dataset.layanan === layanan.value;
      g.hidden = !tampil;
      g.disabled = !tampil;
    });
    document.querySelectorAll(".pemilih-variabel select").forEach(function (pilih) {
      const opsi = pilih.selectedOptions[0];
      if (opsi && opsi.parentElement.disabled) {
        pilih.selectedIndex = 0;
      }
    });
  }
  if (layanan) {
    layanan.addEventListener("change", saringLayanan);
    saringLayanan();
  }

  if (!form || !bingkai || !kabar) {
    return;
  }
  let pewaktu = null;
  let sedangMemuat = false;
  let antre = false;
  let batasTunggu = null;
  let terakhir = "";

  function isiForm() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function perbarui() {
    if (sedangMemuat) {
      antre = true; // once the one under way is shown
      return;
    }
    if (layanan && !layanan.value) {
      return; // the sample data are the chosen service's
    }
    const isi = isiForm();
    if (isi === terakhir) {
      return; // shown already (a field left without a change)
    }
    terakhir = isi;
    sedangMemuat = true;
    kabar.textContent = kabar.dataset.memuat;
    batasTunggu = window.setTimeout(selesai, BATAS_TUNGGU_MS);
    form.requestSubmit(tombol);
  }

  function selesai() {
    window.clearTimeout(batasTunggu);
    sedangMemuat = false;
    if (antre) {
      antre = false;
      perbarui();
    }
  }

  function jadwalkan(event) {
    if (event.target && event.target.closest(".pemilih-variabel")) {
      return; // choosing in the picker changes nothing yet
    }
    window.clearTimeout(pewaktu);
    pewaktu = window.setTimeout(perbarui, JEDA_MS);
  }

  bingkai.addEventListener("load", function () {
    if (!sedangMemuat) {
      return;
    }
    let galat = null;
    try {
      galat = bingkai.contentDocument.querySelector("[data-galat-pratinjau]");
    } catch (e) {
      galat = null; // the PDF viewer's document: a letter
    }
    const jam = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    if (galat) {
      // Announced where the writer is, not only shown in the frame.
      const pesan = Array.from(galat.querySelectorAll("li"), function (li) {
        return li.textContent.trim();
      });
      kabar.textContent = kabar.dataset.galat + " " + pesan.join(" ");
    } else {
      kabar.textContent = kabar.dataset.selesai + " " + jam + ".";
    }
    bingkai.dataset.dimuat = String(Number(bingkai.dataset.dimuat || "0") + 1);
    selesai();
  });
  form.addEventListener("input", jadwalkan);
  form.addEventListener("change", jadwalkan);
  tombol.addEventListener("click", function () {
    window.clearTimeout(pewaktu);
    terakhir = isiForm();
    sedangMemuat = true; // a press by hand: its result is announced too
    kabar.textContent = kabar.dataset.memuat;
  });
  if (tombol.dataset.segera) {
    perbarui();
  } else {
    terakhir = isiForm(); // the saved template's preview is shown already
  }
})();
