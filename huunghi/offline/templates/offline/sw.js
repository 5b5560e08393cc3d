/* Hữu Nghị service worker: the offline page, its styles and scripts, and the signed-in
 * user's reference data (which expires after seven days). Nothing else is cached: other
 * pages and all writes go to the network. Rendered by a view so the cached static
 * addresses match this release. */
"use strict";

const VERSION = "{{ version }}";
const SHELL = "huunghi-shell-" + VERSION;
const DATA = "huunghi-data";
const PRECACHE = [{% for url in precache %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const OFFLINE_PAGE = "/offline/";
const REFERENCE = "/api/v1/offline/reference";
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;  // as the reference data's expiry

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("huunghi-shell-") && name !== SHELL)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "claim") {
    event.waitUntil(self.clients.claim());
  } else if (event.data && event.data.type === "wipe") {
    event.waitUntil(
      caches.keys().then((names) => Promise.all(
        names.filter((name) => name.startsWith("huunghi-")).map((name) => caches.delete(name)),
      )),
    );
  }
});

function fresh(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function networkFirst(request, cacheName, key, expires) {
  try {
    const response = await fetch(request);
    if (fresh(response)) {
      const cache = await caches.open(cacheName);
      const copy = response.clone();
      await cache.put(key || request, expires ? await stamped(copy) : copy);
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key || request);
    if (cached && !expired(cached)) return cached;
    if (cached) await (await caches.open(cacheName)).delete(key || request);
    throw error;
  }
}

async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set("X-Cached-At", String(Date.now()));
  const body = await response.blob();
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function expired(response) {
  const at = Number(response.headers.get("X-Cached-At") || 0);
  return at > 0 && Date.now() - at > MAX_AGE_MS;
}

// Only the offline page, its files and the reference data are answered here, always
// from the network first: online nothing is stale, offline the last copy is used.
// Every other request goes to the network untouched.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === REFERENCE) {
    event.respondWith(networkFirst(request, DATA, REFERENCE, true));
  } else if (url.pathname === OFFLINE_PAGE) {
    event.respondWith(networkFirst(request, SHELL, OFFLINE_PAGE, false));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL, null, false));
  }
});
