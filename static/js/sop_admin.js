// The service's admin page, built from nothing in one go: rows added to a table get their
// number in their labels ("Langkah 4"), a new step gets the next step number, the outcomes typed
// above are offered at once in the steps' "ends with" lists (the categories in the documents'),
// and a step's paraf chain shows
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
    isiPilihan(SAUDARA[0], baris);
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

  // -- rows of an earlier section offered in a later one's lists --------------------------------
  // The outcomes in the steps' "ends with", the applicant categories in the documents' category.
  const SAUDARA = [
    { sumber: "hasil", tujuan: "langkah",
      pilih: "select[name$='-lanjut_hasil'], select[name$='-tidak_hasil']" },
    { sumber: "kategori", tujuan: "berkas", pilih: "select[name$='-kategori']" },
  ];

  function diketik(sumber) {
    const grup = document.getElementById(sumber + "-group");
    if (!grup) return [];
    return barisIsi(grup).map(function (baris) {
      const kode = baris.querySelector("input[name$='-kode']");
      const nama = baris.querySelector("input[name$='-nama']");
      const hapus = baris.querySelector("input[name$='-DELETE']");
      return {
        kode: kode ? kode.value.trim() : "",
        nama: nama ? nama.value.trim() : "",
        hapus: Boolean(hapus && hapus.checked),
      };
    }).filter(function (h) { return h.kode && !h.hapus; });
  }

  function isiPilihan(s, lingkup) {
    const baris = diketik(s.sumber);
    const akar = lingkup || document.getElementById(s.tujuan + "-group");
    if (!akar) return;
    akar.querySelectorAll(s.pilih).forEach(function (select) {
      const nilai = select.dataset.ikut || select.value;
      delete select.dataset.ikut;
      const kosong = select.options.length ? select.options[0].textContent : "—";
      select.replaceChildren(new Option(kosong, ""));
      baris.forEach(function (h) { select.add(new Option(h.nama || h.kode, h.kode)); });
      select.value = baris.some(function (h) { return h.kode === nilai; }) ? nilai : "";
    });
  }

  // A code being retyped: the rows that chose it follow it.
  function gantiKode(s, lama, baru) {
    if (!lama || lama === baru) return;
    document.querySelectorAll("#" + s.tujuan + "-group " + s.pilih.split(", ").join(", #" + s.tujuan + "-group "))
      .forEach(function (select) {
        if (select.value === lama) select.dataset.ikut = baru;
      });
  }

  function saudaraDari(el) {
    return SAUDARA.find(function (s) { return el.closest("#" + s.sumber + "-group"); });
  }

  document.addEventListener("focusin", function (e) {
    const input = e.target;
    if (input.matches && input.matches("input[name$='-kode']") && saudaraDari(input)) {
      input.dataset.lama = input.value.trim();
    }
  });

  document.addEventListener("input", function (e) {
    const el = e.target;
    if (!el.matches) return;
    const s = saudaraDari(el);
    if (s && el.matches("input[name$='-kode']")) {
      gantiKode(s, el.dataset.lama, el.value.trim());
      el.dataset.lama = el.value.trim();
      isiPilihan(s);
    } else if (s && el.matches("input[name$='-nama']")) {
      isiPilihan(s);
    } else if (el.matches("#langkah-group input[name$='-nomor']")) {
      teksNomor(el.closest("tr"), el.value.trim());
    }
  });

  document.addEventListener("change", function (e) {
    const el = e.target;
    if (!el.matches) return;
    const s = saudaraDari(el);
    if (s && el.matches("input[name$='-DELETE']")) isiPilihan(s);
    if (el.matches("#langkah-group select[name$='-jenis'], #langkah-group details.paraf input")) {
      aturParaf(el.closest("tr"));
    }
  });

  document.addEventListener("formset:added", function (e) {
    const baris = e.target;
    const nama = e.detail && e.detail.formsetName;
    if (nama === "langkah") {
      langkahBaru(baris);
      return;
    }
    teksNomor(baris, barisIsi(baris.closest(".inline-group")).indexOf(baris) + 1);
    SAUDARA.forEach(function (s) {
      if (s.tujuan === nama) isiPilihan(s, baris);
      if (s.sumber === nama) isiPilihan(s);
    });
  });

  document.addEventListener("formset:removed", function (e) {
    SAUDARA.forEach(function (s) {
      if (e.detail && s.sumber === e.detail.formsetName) isiPilihan(s);
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#langkah-group tr.form-row:not(.empty-form)").forEach(aturParaf);
  });
})();
