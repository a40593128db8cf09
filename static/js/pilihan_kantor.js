// A select of an office's rows (layanan/admin/pilihan.py) offers only the rows of the office
// chosen on the same form; with no office chosen, every office's rows stay, grouped. The server
// checks the choice again: this only spares a wrong pick.
(function () {
  "use strict";

  function saring(pilih, kantor) {
    pilih.querySelectorAll("option[data-kantor]").forEach(function (opsi) {
      const lain = kantor !== "" && opsi.dataset.kantor !== kantor;
      opsi.hidden = lain;
      opsi.disabled = lain;
      if (lain && opsi.selected) pilih.value = "";
    });
    pilih.querySelectorAll("optgroup").forEach(function (grup) {
      grup.hidden = !grup.querySelector("option:not([hidden])");
    });
  }

  function pasang() {
    document.querySelectorAll("select[data-kantor-dari]").forEach(function (pilih) {
      const kantor = document.getElementById("id_" + pilih.dataset.kantorDari);
      if (!kantor || kantor.tagName !== "SELECT") return;
      saring(pilih, kantor.value);
      kantor.addEventListener("change", function () { saring(pilih, kantor.value); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pasang);
  } else {
    pasang();
  }
})();
