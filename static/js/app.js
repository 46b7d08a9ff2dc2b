// Progressive enhancements only: every page works without JavaScript.
(function () {
  "use strict";
  // A field that only matters after another choice (e.g. "Treatment started on" once a treatment
  // is chosen) is hidden until then: <div data-hide-when-field="treatment" data-hide-when="none">.
  document.querySelectorAll("[data-hide-when-field]").forEach(function (box) {
    var form = box.closest("form");
    var select = form && form.elements[box.getAttribute("data-hide-when-field")];
    if (!select) return;
    var update = function () {
      box.hidden = select.value === box.getAttribute("data-hide-when");
    };
    select.addEventListener("change", update);
    update();
  });

  // Installable app: the service worker caches the app's own static files only (see sw.js).
  var url = document.body && document.body.getAttribute("data-service-worker");
  if (url && "serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {});
    });
  }
})();
