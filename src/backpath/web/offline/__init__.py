"""The patient page as an installable web app that works offline: a manifest and icons drawn
by our own code, and a service worker scoped to the patient's link (static/backpath/sw.js)."""
