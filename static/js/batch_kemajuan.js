// A batch's progress page (templates/tugas/batch_kemajuan.html), kept up to date while the worker
// runs it: every 1.5 s the page asks its JSON (data-url) and updates the bar, the summary (a
// role="status" region, so screen readers hear it) and each draft's result in place, so keyboard
// focus stays where it is. When the batch is done the
// links to the next task and the register appear. Without this script the Refresh link works.
(function () {
  "use strict";
  const wadah = document.getElementById("kemajuan-batch");
  if (!wadah || wadah.dataset.selesai === "1") return;
  const bar = document.getElementById("kemajuan-batch-bar");
  const ringkasan = document.getElementById("kemajuan-batch-ringkasan");
  const muatUlang = document.getElementById("kemajuan-batch-muat-ulang");
  const tautanSelesai = document.getElementById("kemajuan-batch-selesai");
  const JEDA = 1500;
  muatUlang.hidden = true;

  function perbarui(data) {
    bar.max = data.jumlah;
    bar.value = data.diproses;
    bar.textContent = data.diproses + " / " + data.jumlah;
    if (ringkasan.textContent !== data.ringkasan) ringkasan.textContent = data.ringkasan;
    data.butir.forEach(function (b) {
      const sel = document.querySelector("#butir-" + b.urutan + " .keadaan-butir");
      if (!sel || sel.dataset.keadaan === b.keadaan + b.teks) return;
      sel.dataset.keadaan = b.keadaan + b.teks;
      sel.className = "keadaan-butir keadaan-" + b.keadaan;
      sel.textContent = b.teks;
    });
    if (data.selesai) {
      wadah.dataset.selesai = "1";
      tautanSelesai.hidden = false;
    }
  }

  // No answer (the server restarting, the session ended): the Refresh link shows again, and
  // the page keeps asking, less often.
  function gagal() {
    muatUlang.hidden = false;
    setTimeout(tanya, JEDA * 4);
  }

  function tanya() {
    fetch(wadah.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok || r.redirected) throw new Error(String(r.status));
        return r.json();
      })
      .then(function (data) {
        muatUlang.hidden = true;
        perbarui(data);
        if (wadah.dataset.selesai !== "1") setTimeout(tanya, JEDA);
      })
      .catch(gagal);
  }

  setTimeout(tanya, JEDA);
})();
