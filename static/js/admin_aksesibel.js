// Django's own admin widgets, made to pass WCAG 2.1 AA where their markup does not: the
// filter_horizontal box (SelectFilter2.js) puts its "type here to filter" hint as aria-label on a
// bare <span> icon, which a span may not carry (axe: aria-prohibited-attr). Given role="img" the
// icon is an image with that hint as its text. The widget builds itself on window load and again
// for every inline row added, so new icons are fixed as they appear.
(function () {
  "use strict";
  function perbaiki(akar) {
    akar.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (ikon) {
      ikon.setAttribute("role", "img");
    });
  }
  perbaiki(document);
  new MutationObserver(function (perubahan) {
    perubahan.forEach(function (p) {
      p.addedNodes.forEach(function (n) {
        if (n.nodeType === 1) perbaiki(n.parentNode || n);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
