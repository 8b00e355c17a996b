// The patient's programme, offline. Registered from the patient's link and scoped to it: it
// keeps a copy of the page, its pictures, CSS and scripts, the manifest and the PDF, serves
// them fresh when online and from the copy when not. Only same-origin GET requests are
// touched: nothing is sent to another site. (The logs queued offline live in the page's
// offline.js, not here.)
// The pose model for "Count my reps" (several MB under vendor/mediapipe-pose/) is never
// copied up front: it is kept the first time the patient counts, in its own cache, and served
// from there afterwards, so counting works offline from then on.
"use strict";
var CACHE = "backpath-programme-v1";
var MODEL_CACHE = "backpath-pose-model-v1";
var MODEL_PATH = "/vendor/mediapipe-pose/";

function isModel(url) {  // the model's folder: its scripts, wasm, weights and graph
  return new URL(url, self.location.href).pathname.indexOf(MODEL_PATH) !== -1;
}
function isModelData(url) {  // the heavy part, never copied up front (pose.js, on the page, is)
  return isModel(url) && !/\.js$/.test(new URL(url, self.location.href).pathname);
}

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}

function keep(cache, url, response) {
  if (response && response.status === 200 && response.type === "basic") {
    return cache.put(url, response.clone());
  }
  return Promise.resolve();
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// The page tells the worker what it uses: keep each in the cache.
self.addEventListener("message", function (event) {
  var urls = ((event.data && event.data.cache) || []).filter(function (url) {
    return sameOrigin(url) && !isModelData(url);
  });
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return fetch(url, { credentials: "same-origin" })
        .then(function (response) { return keep(cache, url, response); })
        .catch(function () { return null; });
    }));
  }).then(function () {
    if (event.source) { event.source.postMessage({ cached: urls.length }); }
  }));
});

// The model's files: the kept copy if there is one, else fetched and kept (on first use).
function modelFile(request) {
  return caches.match(request.url).then(function (hit) {
    return hit || caches.open(MODEL_CACHE).then(function (cache) {
      return fetch(request).then(function (response) {
        return keep(cache, request.url, response).then(function () { return response; });
      });
    });
  });
}

// Fresh when online (and the copy refreshed, for addresses without a query), the copy when not.
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) { return; }
  if (isModel(request.url)) { event.respondWith(modelFile(request)); return; }
  var url = new URL(request.url);
  url.hash = "";
  var plain = url.origin + url.pathname;
  event.respondWith(fetch(request).then(function (response) {
    if (!url.search) {
      caches.open(CACHE).then(function (cache) { return keep(cache, plain, response); });
    }
    return response.clone();
  }).catch(function () {
    return caches.match(plain).then(function (hit) { return hit || Response.error(); });
  }));
});
