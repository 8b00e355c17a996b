/* Camera-assisted repeated movements in the clinic: trunk inclination from pose landmarks, in
 * the browser (pose-track.js does the tracking; this page shows it and asks the core for the
 * suggested mechanical response).
 *
 * Nothing leaves the device: the model and the wasm come from backpath's own static files,
 * frames are never stored or sent; only the numbers (reps, first and last range) are.
 * Trunk inclination = hip midpoint -> shoulder midpoint against vertical, seen from the
 * side; flexion positive, extension negative. It includes the hips: it is not lumbar range.
 */
(function () {
  "use strict";
  var root = document.getElementById("camera-measure");
  var PT = window.backpathPoseTrack;
  if (!root || !PT) return;
  var cfg = root.dataset;
  var DIR = cfg.direction; // "flexion" or "extension"
  var WHY = {
    few_frames: "too few frames showed a whole person clearly",
    no_reps: "no repetition was seen",
    off_side: "the camera was not side-on"
  };

  var $ = function (id) { return document.getElementById(id); };
  var status = $("cam-status"), video = $("cam-video"), canvas = $("cam-canvas");
  var model = new PT.Model(cfg.vendor, new URLSearchParams(location.search).get("model"), function () {
    say("Loading the pose model (from this app, nothing is sent)…");
  });
  var stream = null, running = false, tracker = null, modelName = model.name();

  function say(text) { status.textContent = text; }

  function begin() { tracker = new PT.Tracker(DIR); model.begin(); modelName = model.name(); }

  function showWarning(code, text) {
    var box = $("cam-warnings");
    if (box.querySelector('[data-code="' + code + '"]')) return;
    var li = document.createElement("li");
    li.dataset.code = code; li.textContent = text;
    box.appendChild(li);
  }

  function step(image, w, h) {
    return model.step(image).then(function (r) {
      if (r.slow) {
        modelName = "lite";
        showWarning("slow", "This device is slow for the full model: switched to the lite model.");
      }
      var m = PT.measureFrame(r.landmarks, w, h);
      tracker.track(m);
      live(m);
      return m;
    });
  }

  function live(m) {
    $("cam-count").textContent = String(tracker.reps.length);
    $("cam-angle").textContent = m.ok ? Math.round(m.angle) + "°" : "—";
    if (m.why === "not_whole_body") showWarning("frame", "Step back: the whole body, head to feet, must be in view.");
    if (m.why === "low_visibility") showWarning("visibility", "The shoulders and hips are hard to see: more light, plainer background.");
    if (tracker.offSide())
      showWarning("off_side", "The camera is not side-on (the shoulders and hips look turned): place it at the patient's side.");
  }

  function summary() {
    var s = tracker.summary();
    s.why = s.why_code ? WHY[s.why_code] : null;
    s.warnings = Array.prototype.map.call($("cam-warnings").children, function (li) { return li.dataset.code; });
    s.model = modelName; s.ms_per_frame = model.msPerFrame();
    return s;
  }

  function showResult(s) {
    var out = $("cam-result");
    out.hidden = false;
    $("cam-unmeasured").hidden = s.measured;
    $("cam-measured").hidden = !s.measured;
    if (!s.measured) { $("cam-why").textContent = s.why; say("Could not measure."); return Promise.resolve(s); }
    var list = $("cam-reps");
    list.textContent = "";
    s.rep_peaks_deg.forEach(function (p, i) {
      var li = document.createElement("li"); li.textContent = "Rep " + (i + 1) + ": " + Math.round(p) + "°"; list.appendChild(li);
    });
    $("cam-first").textContent = Math.round(s.first_deg) + "°";
    $("cam-last").textContent = Math.round(s.last_deg) + "°";
    $("cam-rep-total").textContent = String(s.reps);
    say("Measured " + s.reps + " repetitions.");
    var q = new URLSearchParams({ test: cfg.test, first_deg: s.first_deg, last_deg: s.last_deg });
    return fetch(cfg.suggestUrl + "?" + q.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        s.suggestion = j;
        $("cam-suggested").textContent = j.label;
        $("cam-reasons").textContent = j.reasons.join("; ") + " (rule " + j.rule + ")";
        $("cam-mechanical").value = j.mechanical;
        return s;
      });
  }

  function finish() { var s = summary(); root.dataset.state = "done"; return showResult(s); }

  /* Test and benchmark hook: feed still frames (same-origin URLs) through the real pipeline. */
  function feedFrames(urls) {
    return model.load().then(function () {
      begin(); root.dataset.state = "running"; say("Measuring…");
      var chain = Promise.resolve();
      urls.forEach(function (url) {
        chain = chain.then(function () {
          return PT.loadImage(url).then(function (img) { return step(img, img.naturalWidth, img.naturalHeight); });
        });
      });
      return chain.then(finish);
    });
  }

  function loop() {
    if (!running) return;
    step(video, video.videoWidth, video.videoHeight).then(function () { requestAnimationFrame(loop); });
  }

  $("cam-start").addEventListener("click", function () {
    $("cam-start").disabled = true;
    model.load().then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (s) {
      stream = s; video.srcObject = s; return video.play();
    }).then(function () {
      begin(); running = true; root.dataset.state = "running";
      $("cam-stop").disabled = false; say("Measuring: do the repetitions, then press Stop.");
      loop();
    }).catch(function (e) {
      $("cam-start").disabled = false; say("The camera could not start: " + e.message);
    });
  });

  $("cam-stop").addEventListener("click", function () {
    running = false; $("cam-stop").disabled = true; $("cam-start").disabled = false;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; video.srcObject = null;
    finish();
  });

  $("cam-use").addEventListener("click", function () {
    var s = summary();
    if (!s.measured) return;
    var msg = { test: cfg.test, reps: s.reps, first_deg: s.first_deg, last_deg: s.last_deg,
                mechanical: $("cam-mechanical").value };
    new BroadcastChannel("backpath-camera").postMessage(msg);
    say("Sent to the assessment form: " + s.reps + " reps, " + msg.mechanical.replace("_", " ") + ". You can close this tab.");
    root.dataset.sent = "yes";
  });

  if (canvas) canvas.hidden = true;
  window.backpathCamera = { feedFrames: feedFrames, measureFrame: PT.measureFrame };
})();
