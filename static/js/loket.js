// Intake form helpers: show only what applies, and let a scan be taken with the webcam.
(function () {
  "use strict";
  const form = document.getElementById("form-permohonan");
  if (!form) return;

  // Documents of another applicant category are hidden (the server ignores them anyway).
  function saringKategori() {
    const pilih = form.querySelector("input[name=kategori]:checked");
    form.querySelectorAll("tr.baris-berkas[data-kategori]").forEach(function (tr) {
      tr.hidden = !pilih || tr.dataset.kategori !== pilih.value;
    });
  }
  form.querySelectorAll("input[name=kategori]").forEach(function (r) {
    r.addEventListener("change", saringKategori);
  });
  saringKategori();

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
