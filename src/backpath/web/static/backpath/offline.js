// The programme as an offline app: registers the link's service worker (which keeps the page,
// its pictures and the PDF), says when the page shown is a saved copy, and queues sessions
// logged without a connection on this phone (localStorage), each with an idempotency key the
// server honours, sending them when the phone is back online: none lost, none twice.
(function () {
  "use strict";
  var root = document.querySelector("[data-offline]");
  var form = document.querySelector("[data-testid=log-form]");
  if (!root || !form) { return; }
  var OUTBOX = "backpath-outbox:" + root.dataset.scope;
  var note = document.getElementById("offline-note");
  var queued = document.getElementById("offline-queued");

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 14);
  }
  function outbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX)) || []; } catch (e) { return []; }
  }
  function store(items) { localStorage.setItem(OUTBOX, JSON.stringify(items)); }
  function show() {
    note.hidden = navigator.onLine;
    var count = outbox().length;
    queued.hidden = count === 0;
    queued.textContent = count === 1
      ? "1 session is saved on this phone: it will be sent when you are back online."
      : count + " sessions are saved on this phone: they will be sent when you are back online.";
  }

  form.addEventListener("submit", function (event) {
    var key = form.querySelector("input[name=client_key]");
    key.value = newKey();
    if (navigator.onLine) { return; }  // sent now, with its key
    event.preventDefault();
    var items = outbox();
    items.push({ key: key.value, action: form.action.split("#")[0],
                 body: new URLSearchParams(new FormData(form)).toString() });
    store(items);
    form.reset();
    show();
    queued.scrollIntoView({ block: "center" });
  });

  var sending = false;
  function send() {
    var items = outbox();
    if (sending || !navigator.onLine || items.length === 0) { return; }
    sending = true;
    var item = items[0];
    fetch(item.action, {
      method: "POST", body: item.body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }).then(function (response) {
      if (!response.ok && response.status !== 400) { throw new Error(String(response.status)); }
      store(outbox().filter(function (i) { return i.key !== item.key; }));
      sending = false;
      show();
      send();
    }).catch(function () { sending = false; });  // still offline, or busy: the next time
  }

  window.addEventListener("online", function () { show(); send(); });
  window.addEventListener("offline", show);
  show();
  send();

  if (!("serviceWorker" in navigator)) { return; }
  navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.scope })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      var urls = [root.dataset.scope, root.dataset.pdf];
      document.querySelectorAll("link[href], script[src], img[src]").forEach(function (e) {
        var address = e.href || e.src;
        if (address && address.indexOf("data:") !== 0) { urls.push(address); }
      });
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.cached) { root.dataset.cached = "yes"; }
      });
      registration.active.postMessage({ cache: urls });
    });
})();
