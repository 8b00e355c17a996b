/* The assessment form's side of the camera page: its numbers arrive on a BroadcastChannel
 * (same origin only) and fill the row's hidden camera fields, reps and mechanical response. */
(function () {
  "use strict";
  if (window.backpathCameraLink) return;
  window.backpathCameraLink = true;
  new BroadcastChannel("backpath-camera").onmessage = function (e) {
    var m = e.data || {};
    var row = document.querySelector('[data-camera-row="' + m.test + '"]');
    if (!row) return;
    var set = function (name, value) {
      var el = document.querySelector('[name="test-' + m.test + "-" + name + '"]');
      if (!el) return;
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true })); // autosave and validation see it
      el.dispatchEvent(new Event("change", { bubbles: true }));
    };
    set("camera-reps", m.reps); set("camera-first_deg", m.first_deg); set("camera-last_deg", m.last_deg);
    set("reps", m.reps); set("mechanical", m.mechanical);
    row.querySelector("[data-camera-summary]").textContent =
      "Camera: " + m.reps + " reps, " + m.first_deg + "° → " + m.last_deg + "°";
  };
})();
