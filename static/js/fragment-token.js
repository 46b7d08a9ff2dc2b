// A token sent in a link's #fragment (never sent to the server, so never in an access log) is
// put into the page's form and posted; the fragment is removed from the address bar.
(function () {
  "use strict";
  var input = document.querySelector("[data-fragment-token]");
  var token = window.location.hash.slice(1);
  if (!input || !token) return;
  input.value = decodeURIComponent(token);
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  input.form.requestSubmit ? input.form.requestSubmit() : input.form.submit();
})();
