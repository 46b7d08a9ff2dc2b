// Follow the phone's light or dark setting (Bootstrap 5.3 colour modes). Loaded in <head>, before
// the styles, so the page never flashes white at night. Without JavaScript the page is light.
(function () {
  "use strict";
  var query = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.documentElement.setAttribute("data-bs-theme", query && query.matches ? "dark" : "light");
  }
  apply();
  if (query && query.addEventListener) query.addEventListener("change", apply);
})();
