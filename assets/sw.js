// aisle service worker: the app shell and the pages you opened, for use in a dead zone.
// Served at /sw.js with VERSION and SHELL filled in by the server.
"use strict";

const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const SHELL_CACHE = "aisle-shell-" + VERSION;
const PAGES_CACHE = "aisle-pages-v1";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("aisle-shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

// app.js asks to forget cached pages at logout, and a page the worker did not load asks
// to be taken over.
self.addEventListener("message", (event) => {
  if (event.data === "logout") event.waitUntil(caches.delete(PAGES_CACHE));
  if (event.data === "claim") event.waitUntil(self.clients.claim());
});

function cacheablePage(url) {
  return url.pathname === "/" || /^\/lists\/\d+$/.test(url.pathname);
}

async function networkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (cacheablePage(url) && response.ok && !response.redirected) {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match(url.pathname, { cacheName: PAGES_CACHE });
    return cached || (await caches.match("/offline")) || Response.error();
  }
}

// Assets and pictures never change under one URL (assets carry their content hash, and a
// new picture gets a new id), so a kept copy is always right.
async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request, SHELL_CACHE));
  } else if (url.pathname.startsWith("/images/")) {
    // The household's product pictures: kept with its pages (across new versions of the
    // app), and forgotten with them at logout.
    event.respondWith(cacheFirst(request, PAGES_CACHE));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  }
});

// Notifications (Web Push): aisle sends {title, body, url, tag}; a newer message about the
// same list replaces the older one. Tapping it opens the list (in a tab already open when
// there is one).
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (_) {
    message = { body: event.data ? event.data.text() : "" };
  }
  const title = message.title || "aisle";
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || "",
    tag: message.tag || "aisle",
    data: { url: message.url || "/" },
    icon: SHELL.find((url) => url.includes("icon-192")),
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((tabs) => {
      const open = tabs.find((tab) => new URL(tab.url).pathname === url.pathname);
      return open ? open.focus() : self.clients.openWindow(url.href);
    }),
  );
});
