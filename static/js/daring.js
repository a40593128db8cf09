// The online application's form (templates/daring/formulir.html): the "outside the region"
// fields only when no kelurahan of the office is chosen, and only the documents of the chosen
// applicant category. Without this script every field shows, and the server judges the same.
(function () {
  "use strict";
  const form = document.getElementById("form-daring");
  if (!form) return;
  const kelurahan = form.querySelector("select[name=kode_kelurahan]");
  const lain = form.querySelector(".wilayah-lain");
  function saringWilayah() { if (lain && kelurahan) lain.hidden = kelurahan.value !== "luar"; }
  if (kelurahan) { kelurahan.addEventListener("change", saringWilayah); saringWilayah(); }

  function saringBerkas() {
    const pilih = form.querySelector("input[name=kategori]:checked");
    form.querySelectorAll("[data-kategori]").forEach(function (baris) {
      baris.hidden = !pilih || baris.dataset.kategori !== pilih.value;
    });
  }
  const kategori = form.querySelectorAll("input[name=kategori]");
  kategori.forEach(function (r) { r.addEventListener("change", saringBerkas); });
  if (kategori.length) saringBerkas();
})();
