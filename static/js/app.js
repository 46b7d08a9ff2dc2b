// Progressive enhancements only: every page works without JavaScript.
(function () {
  "use strict";
  // Installable app: the service worker caches the app's own static files only (see sw.js).
  var url = document.body && document.body.getAttribute("data-service-worker");
  if (url && "serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {});
    });
  }
})();
