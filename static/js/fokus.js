// Where the focus starts when a page loads (after a link or a form sent alike): on what the page
// has to say first — an error summary, a result, a field marked invalid ([data-fokus], in page
// order), then the first field the server marked invalid, then a field with autofocus, else the
// page's main heading — so a screen reader reads it out and the next Tab goes on from there,
// not from the top of the page. A page opened at an #anchor keeps the browser's own behaviour.
(function () {
  "use strict";

  function sasaran() {
    return (
      document.querySelector("[data-fokus]") ||
      document.querySelector("main [aria-invalid='true']") ||
      (document.querySelector("[autofocus]") ? null : document.querySelector("main h1"))
    );
  }

  function fokuskan() {
    // The user got there first (a click or Tab while the page loaded): leave the focus alone.
    if (document.activeElement && document.activeElement !== document.body) return;
    const el = sasaran();
    if (!el) return;
    if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      el.setAttribute("tabindex", "-1"); // focusable by script only, not a Tab stop
    }
    el.focus();
  }

  // A link of an error summary (partials/_ringkasan_kesalahan.html) puts the cursor in its
  // field, the field's label in sight in the middle of the screen.
  document.addEventListener("click", function (e) {
    const tautan = e.target instanceof Element && e.target.closest(".ringkasan-kesalahan a[href^='#']");
    const kolom = tautan && document.getElementById(tautan.getAttribute("href").slice(1));
    if (!kolom) return;
    e.preventDefault();
    kolom.focus({ preventScroll: true });
    (kolom.closest(".mb-3, .baris-berkas, .form-check") || kolom).scrollIntoView({ block: "center" });
  });

  if (window.location.hash) return;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fokuskan);
  } else {
    fokuskan();
  }
})();
