// The reminders page: turn reminders by Web Push on or off for this device. Shown only where the
// browser can (a service worker, PushManager, a secure page) and the server has VAPID keys.
"use strict";
(function () {
  var box = document.getElementById("push-box");
  if (!box) return;
  var key = box.getAttribute("data-key");
  var status = document.getElementById("push-status");
  var on = document.getElementById("push-on");
  var off = document.getElementById("push-off");
  if (!key || !("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
    status.textContent = box.getAttribute("data-unsupported");
    return;
  }
  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body)
    }).then(function (response) { return response.json(); });
  }
  function bytes(base64) {
    var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function show(subscribed) { on.hidden = subscribed; off.hidden = !subscribed; }
  navigator.serviceWorker.ready.then(function (registration) {
    registration.pushManager.getSubscription().then(function (current) { show(!!current); });
    on.addEventListener("click", function () {
      registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(key) })
        .then(function (subscription) { return post(box.getAttribute("data-subscribe"), subscription.toJSON()); })
        .then(function (answer) { status.textContent = answer.message || answer.error; show(!!answer.ok); })
        .catch(function () { status.textContent = box.getAttribute("data-refused"); });
    });
    off.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (subscription) {
        if (!subscription) { show(false); return null; }
        return post(box.getAttribute("data-unsubscribe"), { endpoint: subscription.endpoint })
          .then(function (answer) { return subscription.unsubscribe().then(function () { return answer; }); });
      }).then(function (answer) { if (answer) status.textContent = answer.message || answer.error; show(false); });
    });
  });
})();
