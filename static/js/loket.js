// Intake form helpers: show only what applies, tick the documents seen in one go (or by
// attaching their scan), keep Enter from submitting, and let a scan be taken with the webcam.
(function () {
  "use strict";
  const form = document.getElementById("form-permohonan");
  if (!form) return;

  // Documents of another applicant category are hidden (the server ignores them anyway).
  function saringKategori() {
    const pilih = form.querySelector("input[name=kategori]:checked");
    form.querySelectorAll(".baris-berkas[data-kategori]").forEach(function (baris) {
      baris.hidden = !pilih || baris.dataset.kategori !== pilih.value;
    });
    perbaruiSemua();
  }
  form.querySelectorAll("input[name=kategori]").forEach(function (r) {
    r.addEventListener("change", saringKategori);
  });

  // "All documents seen": one tick for every document the list shows; it shows, in turn,
  // whether all, some (indeterminate) or none are ticked.
  const semua = document.getElementById("semua-berkas");
  function kotakBerkas() {
    return Array.from(form.querySelectorAll(".baris-berkas:not([hidden]) input[name$='_ada']"));
  }
  function perbaruiSemua() {
    if (!semua) return;
    const kotak = kotakBerkas();
    const dicentang = kotak.filter(function (k) { return k.checked; }).length;
    semua.checked = kotak.length > 0 && dicentang === kotak.length;
    semua.indeterminate = dicentang > 0 && dicentang < kotak.length;
  }
  if (semua) {
    document.getElementById("semua-berkas-wadah").hidden = false;
    semua.addEventListener("change", function () {
      kotakBerkas().forEach(function (k) { k.checked = semua.checked; });
      perbaruiSemua();
    });
  }
  form.addEventListener("change", function (e) {
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || !el.closest(".baris-berkas")) return;
    if (el.type === "file") {
      // A scan attached is a document seen. After berkas.js has had its say: a file too large
      // is taken out again, and ticks nothing.
      setTimeout(function () {
        if (el.files && el.files.length) {
          el.closest(".baris-berkas").querySelector("input[name$='_ada']").checked = true;
          perbaruiSemua();
        }
      }, 0);
    } else if (el.name.endsWith("_ada")) {
      perbaruiSemua();
    }
  });
  saringKategori();

  // Enter in a field goes to the next field, as on the paper-form desks people are used to; it
  // never submits the form with whichever button happens to come first. The buttons submit.
  function bisaDiisi(el) {
    if (el.disabled || el.tabIndex < 0 || !el.getClientRects().length) return false;
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
    if (el.type === "radio") {
      const grup = form.querySelectorAll("input[type=radio][name='" + el.name + "']");
      const dipilih = Array.from(grup).find(function (r) { return r.checked; });
      return dipilih ? el === dipilih : el === grup[0];
    }
    return true;
  }
  form.addEventListener("keydown", function (e) {
    const el = e.target;
    if (e.key !== "Enter" || e.isComposing || !(el instanceof HTMLInputElement)) return;
    if (el.type === "submit" || el.type === "button" || el.type === "file") return;
    e.preventDefault();
    const isian = Array.from(form.querySelectorAll("input, select, textarea")).filter(bisaDiisi);
    const berikut = isian.slice(isian.indexOf(el) + 1).find(function (x) {
      return x.type !== "radio" || x.name !== el.name;
    });
    (berikut || form.querySelector("button[name=aksi][value=lengkap]")).focus();
  });

  // The sticky decision bar's height, for css/loket.css: the page scrolls the focused field
  // above the bar, never under it.
  const bilah = form.querySelector(".bilah-aksi");
  if (bilah && window.ResizeObserver) {
    new ResizeObserver(function () {
      const tinggi = getComputedStyle(bilah).position === "sticky" ? bilah.offsetHeight : 0;
      document.documentElement.style.setProperty("--tinggi-bilah-aksi", tinggi + 16 + "px");
    }).observe(bilah);
  }

  // "Outside the region" fields only when no kelurahan of the office is chosen.
  const kelurahan = form.querySelector("select[name=kode_kelurahan]");
  const lain = form.querySelector(".wilayah-lain");
  function saringWilayah() { if (lain && kelurahan) lain.hidden = kelurahan.value !== "luar"; }
  if (kelurahan) { kelurahan.addEventListener("change", saringWilayah); saringWilayah(); }

  // Webcam capture into the same file input an upload would use.
  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)) return;
  form.querySelectorAll("input[type=file][data-kamera]").forEach(function (input) {
    const tombol = document.createElement("button");
    tombol.type = "button";
    tombol.className = "btn btn-outline-secondary btn-sm mt-1";
    tombol.textContent = form.dataset.labelKamera || "Kamera";
    (input.closest(".pilih-berkas") || input).after(tombol);
    tombol.addEventListener("click", function () { bukaKamera(input, tombol); });
  });

  function bukaKamera(input, tombol) {
    const wadah = document.createElement("div");
    wadah.className = "kamera mt-2";
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.className = "kamera-video";
    const ambil = document.createElement("button");
    ambil.type = "button";
    ambil.className = "btn btn-success btn-sm mt-1";
    ambil.textContent = form.dataset.labelAmbil || "Ambil";
    wadah.append(video, ambil);
    tombol.after(wadah);
    tombol.disabled = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        ambil.addEventListener("click", function () {
          const kanvas = document.createElement("canvas");
          kanvas.width = video.videoWidth;
          kanvas.height = video.videoHeight;
          kanvas.getContext("2d").drawImage(video, 0, 0);
          kanvas.toBlob(function (blob) {
            const berkas = new File([blob], "kamera-" + Date.now() + ".jpg", { type: "image/jpeg" });
            const dt = new DataTransfer();
            dt.items.add(berkas);
            input.files = dt.files;
            input.dispatchEvent(new Event("change", { bubbles: true })); // name shown, size checked
            stream.getTracks().forEach(function (t) { t.stop(); });
            wadah.remove();
            tombol.disabled = false;
            tombol.textContent = "✔ " + berkas.name;
          }, "image/jpeg", 0.9);
        });
      })
      .catch(function () {
        wadah.textContent = form.dataset.labelGagal || "Camera unavailable";
        tombol.disabled = false;
      });
  }
})();
