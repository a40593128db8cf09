// File inputs (templates/partials/_pilih_berkas.html): the chosen file's name beside our button,
// and a file over the input's data-maks-bytes refused before the form can send it (the server
// checks again). Delegated, so inputs added later (admin inlines) work too.
(function () {
  "use strict";
  const bahasa = document.documentElement.lang || "id";
  const mb = new Intl.NumberFormat(bahasa, { maximumFractionDigits: 1 });

  function perbarui(input) {
    const wadah = input.closest(".pilih-berkas");
    if (!wadah) return;
    const nama = wadah.querySelector(".pilih-berkas-nama");
    const pesan = wadah.querySelector(".pilih-berkas-pesan");
    const maks = parseInt(input.dataset.maksBytes || "0", 10);
    const besar = maks ? Array.from(input.files || []).find(function (f) { return f.size > maks; }) : null;
    if (besar) {
      input.value = ""; // nothing this large leaves the browser
      // "photo.jpg (44.1 MB) is larger than 5 MB, ..."
      pesan.textContent = besar.name + " (" + mb.format(besar.size / 1048576) + " MB) " + input.dataset.pesanBesar;
      input.setAttribute("aria-invalid", "true");
      wadah.classList.add("terlalu-besar");
    } else if (input.files && input.files.length) {
      pesan.textContent = "";
      input.removeAttribute("aria-invalid");
      wadah.classList.remove("terlalu-besar");
    }
    const dipilih = Array.from(input.files || []).map(function (f) { return f.name; });
    nama.textContent = dipilih.length ? dipilih.join(", ") : nama.dataset.kosong;
  }

  document.addEventListener("change", function (e) {
    if (e.target instanceof HTMLInputElement && e.target.classList.contains("pilih-berkas-asli")) {
      perbarui(e.target);
    }
  });
  // A page restored from the back/forward cache keeps its chosen files: show their names.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("input.pilih-berkas-asli").forEach(perbarui);
  });
})();
