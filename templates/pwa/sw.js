// Skin Change Tracker's service worker. It caches ONLY the app's own static files (styles,
// scripts, icons) so the app opens fast on a phone. It never stores a page, a photo or any other
// response that could hold health data: every request that is not a GET under the static prefix
// of this origin is left alone (the handler returns without answering), and the browser fetches it as usual.
"use strict";
var STATIC_PREFIX = "{{ static_prefix|escapejs }}";
var CACHE = "static-{{ version }}";
var SHELL = [{% for url in shell %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];

function isAppStatic(request) {
  if (request.method !== "GET") return false;
  var url = new URL(request.url);
  return url.origin === self.location.origin && url.pathname.indexOf(STATIC_PREFIX) === 0;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  if (!isAppStatic(event.request)) return; // pages, photos, everything else: network only
  // Stale while revalidate: answer from the cache at once, refresh it in the background.
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(event.request).then(function (cached) {
        var fresh = fetch(event.request).then(function (response) {
          if (response.ok && response.type === "basic") cache.put(event.request, response.clone());
          return response;
        });
        if (cached) {
          fresh.catch(function () {});
          return cached;
        }
        return fresh;
      });
    })
  );
});

// Reminders by Web Push (only when the patient turned them on for this device). The message
// holds nothing but "It is time for your skin check"; a tap opens the app.
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  event.waitUntil(
    self.registration.showNotification(data.title || "Skin Change Tracker", {
      body: data.body || "",
      icon: STATIC_PREFIX + "icons/icon-192.png",
      data: { url: "/" }
    })
  );
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow("/"));
});
