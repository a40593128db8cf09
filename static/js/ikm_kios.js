// The survey kiosk starts over by itself: after the thank-you page, and a questionnaire left half-answered is emptied after
// some minutes without a touch (the next person must not find someone else's answers), and a
// questionnaire is sent once however many times "Send" is touched.
(function () {
  "use strict";
  // The thank-you page: back to an empty questionnaire for the next person.
  const kembali = document.getElementById("ikm-kembali");
  if (kembali && kembali.dataset.url) {
    window.setTimeout(function () {
      window.location.replace(kembali.dataset.url);
    }, parseInt(kembali.dataset.detik || "8", 10) * 1000);
    return;
  }
  const form = document.getElementById("form-ikm");
  if (!form) return;
  const detik = parseInt(form.dataset.kosongkanDetik || "0", 10);
  const awal = form.dataset.urlAwal;
  let pewaktu = null;

  function tunda() {
    if (pewaktu) window.clearTimeout(pewaktu);
    if (detik > 0 && awal) {
      pewaktu = window.setTimeout(function () {
        window.location.assign(awal);
      }, detik * 1000);
    }
  }

  ["input", "change", "pointerdown", "keydown"].forEach(function (jenis) {
    document.addEventListener(jenis, tunda, { passive: true });
  });
  tunda();

  form.addEventListener("submit", function (e) {
    if (form.dataset.terkirim) {
      e.preventDefault();
      return;
    }
    form.dataset.terkirim = "1";
  });
})();
