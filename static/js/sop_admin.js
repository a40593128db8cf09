// The service's admin page, built from nothing in one go: rows added to a table get their
// number in their labels ("Langkah 4"), a new step gets the next step number, the outcomes typed
// above are offered at once in the steps' "ends with" lists, and a step's paraf chain shows
// only on a signature step (or where one is already chosen). Without this script the page
// still works: outcomes then appear in the lists once saved.
(function () {
  "use strict";

  function teksNomor(baris, nomor) {
    baris.querySelectorAll(".nomor-baris").forEach(function (el) { el.textContent = nomor; });
    const judul = baris.querySelector("th.original");
    if (judul && baris.closest("#langkah-group")) {
      if (nomor && /^\d+$/.test(String(nomor))) judul.id = "langkah-nomor-" + nomor;
      else judul.removeAttribute("id");
    }
  }

  function barisIsi(grup) {
    return Array.from(grup.querySelectorAll("tbody tr.form-row:not(.empty-form)"));
  }

  // -- the steps ---------------------------------------------------------------------------
  function nomorLangkah(baris) {
    const input = baris.querySelector("input[name$='-nomor']");
    return input ? input.value.trim() : "";
  }

  function langkahBaru(baris) {
    const grup = baris.closest("#langkah-group");
    const input = baris.querySelector("input[name$='-nomor']");
    if (input && !input.value) {
      const ada = barisIsi(grup).map(nomorLangkah).map(Number).filter(Number.isFinite);
      input.value = String(ada.length ? Math.max.apply(null, ada) + 1 : 1);
    }
    teksNomor(baris, nomorLangkah(baris));
    isiPilihanHasil(baris);
    aturParaf(baris);
  }

  function aturParaf(baris) {
    const jenis = baris.querySelector("select[name$='-jenis']");
    const paraf = baris.querySelector("details.paraf");
    if (!jenis || !paraf) return;
    const dipilih = Array.from(paraf.querySelectorAll("input[type=checkbox]:checked"));
    paraf.hidden = jenis.value !== "tanda_tangan" && dipilih.length === 0;
    const ringkas = paraf.querySelector(".paraf-ringkas");
    if (ringkas) {
      ringkas.textContent = dipilih.map(function (cb) {
        return cb.parentElement.textContent.trim();
      }).join(", ") || "—";
    }
  }

  // -- the outcomes offered in the steps' lists ----------------------------------------------
  function hasilDiketik() {
    const grup = document.getElementById("hasil-group");
    if (!grup) return [];
    return barisIsi(grup).map(function (baris) {
      const kode = baris.querySelector("input[name$='-kode']");
      const nama = baris.querySelector("input[name$='-nama']");
      const hapus = baris.querySelector("input[name$='-DELETE']");
      return {
        baris: baris,
        kode: kode ? kode.value.trim() : "",
        nama: nama ? nama.value.trim() : "",
        hapus: Boolean(hapus && hapus.checked),
      };
    }).filter(function (h) { return h.kode && !h.hapus; });
  }

  function isiPilihanHasil(lingkup) {
    const hasil = hasilDiketik();
    const akar = lingkup || document.getElementById("langkah-group");
    if (!akar) return;
    akar.querySelectorAll("select[name$='-lanjut_hasil'], select[name$='-tidak_hasil']")
      .forEach(function (select) {
        const nilai = select.value;
        const kosong = select.options.length ? select.options[0].textContent : "—";
        select.replaceChildren(new Option(kosong, ""));
        hasil.forEach(function (h) { select.add(new Option(h.nama || h.kode, h.kode)); });
        select.value = hasil.some(function (h) { return h.kode === nilai; }) ? nilai : "";
      });
  }

  // An outcome's code being retyped: the steps that end with it follow it.
  function gantiKode(lama, baru) {
    if (!lama || lama === baru) return;
    document.querySelectorAll("#langkah-group select[name$='-lanjut_hasil'], " +
                              "#langkah-group select[name$='-tidak_hasil']")
      .forEach(function (select) {
        if (select.value === lama) select.dataset.ikut = baru;
      });
  }

  function setelahHasilBerubah() {
    const pilihan = {};
    document.querySelectorAll("#langkah-group select[data-ikut]").forEach(function (select) {
      pilihan[select.name] = select.dataset.ikut;
      delete select.dataset.ikut;
    });
    isiPilihanHasil();
    Object.keys(pilihan).forEach(function (name) {
      const select = document.querySelector("select[name='" + name + "']");
      if (select) select.value = pilihan[name];
    });
  }

  document.addEventListener("focusin", function (e) {
    const input = e.target;
    if (input.matches && input.matches("#hasil-group input[name$='-kode']")) {
      input.dataset.lama = input.value.trim();
    }
  });

  document.addEventListener("input", function (e) {
    const el = e.target;
    if (!el.matches) return;
    if (el.matches("#hasil-group input[name$='-kode']")) {
      gantiKode(el.dataset.lama, el.value.trim());
      el.dataset.lama = el.value.trim();
      setelahHasilBerubah();
    } else if (el.matches("#hasil-group input[name$='-nama']")) {
      setelahHasilBerubah();
    } else if (el.matches("#langkah-group input[name$='-nomor']")) {
      teksNomor(el.closest("tr"), el.value.trim());
    }
  });

  document.addEventListener("change", function (e) {
    const el = e.target;
    if (!el.matches) return;
    if (el.matches("#hasil-group input[name$='-DELETE']")) setelahHasilBerubah();
    if (el.matches("#langkah-group select[name$='-jenis'], #langkah-group details.paraf input")) {
      aturParaf(el.closest("tr"));
    }
  });

  document.addEventListener("formset:added", function (e) {
    const baris = e.target;
    if (e.detail && e.detail.formsetName === "langkah") {
      langkahBaru(baris);
    } else {
      teksNomor(baris, barisIsi(baris.closest(".inline-group")).indexOf(baris) + 1);
      if (e.detail && e.detail.formsetName === "hasil") setelahHasilBerubah();
    }
  });

  document.addEventListener("formset:removed", function (e) {
    if (e.detail && e.detail.formsetName === "hasil") setelahHasilBerubah();
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#langkah-group tr.form-row:not(.empty-form)").forEach(aturParaf);
  });
})();
