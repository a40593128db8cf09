// A table wider than the screen scrolls inside its box (.table-responsive with tabindex="0",
// role="region" and a name in the template), which the keyboard can then reach and scroll with
// the arrow keys. A box that fits is no Tab stop: its tabindex goes while it fits and comes
// back when it stops fitting (a narrower window, a longer table).
(function () {
  "use strict";
  const kotak = Array.from(document.querySelectorAll(".table-responsive[tabindex]"));
  if (!kotak.length) return;
  function perbarui(k) {
    if (k.scrollWidth > k.clientWidth + 1) {
      k.setAttribute("tabindex", "0");
    } else if (k !== document.activeElement) {
      k.removeAttribute("tabindex");
    }
  }
  kotak.forEach(perbarui);
  if (window.ResizeObserver) {
    const pengamat = new ResizeObserver(function (entri) {
      entri.forEach(function (e) { perbarui(e.target); });
    });
    kotak.forEach(function (k) { pengamat.observe(k); });
  }
})();
