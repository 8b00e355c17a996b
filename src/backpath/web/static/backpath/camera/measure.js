/* Camera-assisted repeated movements: trunk inclination from pose landmarks, in the browser.
 *
 * Nothing leaves the device: the model and the wasm come from backpath's own static files,
 * frames are never stored or sent; only the numbers (reps, first and last range) are.
 * Trunk inclination = hip midpoint -> shoulder midpoint against vertical, seen from the
 * side; flexion positive, extension negative. It includes the hips: it is not lumbar range.
 */
(function () {
  "use strict";
  var root = document.getElementById("camera-measure");
  if (!root) return;
  var cfg = root.dataset;
  var DIR = cfg.direction; // "flexion" or "extension"
  var ENTER = 10, EXIT = 5; // degrees in the test's direction: a rep starts above ENTER, ends below EXIT
  var SLOW_MS = 150; // mean inference time above which the full model gives way to the lite one
  /* Off-side check: how far apart the two shoulders (or hips) look, over the trunk's length,
   * while standing up (|angle| < UPRIGHT). Side-on they overlap; turned by a yaw they spread
   * by about 0.73 x sin(yaw) plus the model's jitter. Calibrated on the Blender renders:
   * side-on 0.07-0.17, 35 deg off 0.25-0.38 (upper quartile 0.32). */
  var OFF_SIDE_RATIO = 0.25, UPRIGHT = 15;
  var MIN_VISIBILITY = 0.5;
  var MIN_GOOD_SHARE = 0.6; // share of frames with a usable pose needed for a measurement
  var L = { nose: 0, lEar: 7, rEar: 8, lSh: 11, rSh: 12, lHip: 23, rHip: 24, lAnk: 27, rAnk: 28 };

  var $ = function (id) { return document.getElementById(id); };
  var status = $("cam-status"), video = $("cam-video"), canvas = $("cam-canvas");
  var forced = new URLSearchParams(location.search).get("model");
  var complexity = forced === "lite" ? 0 : 1;
  var pose = null, lastResult = null, stream = null, running = false;
  var state = null;

  function say(text) { status.textContent = text; }
  function mid(a, b) { return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }; }

  function newState() {
    return { frames: [], reps: [], inRep: false, peak: 0, ms: [], model: complexity ? "full" : "lite",
             switched: false, ratios: [] };
  }

  function ensurePose() {
    if (pose) return Promise.resolve(pose);
    /* global Pose */
    pose = new Pose({ locateFile: function (file) { return cfg.vendor + file; } });
    pose.setOptions({ modelComplexity: complexity, smoothLandmarks: false, enableSegmentation: false,
                      minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
    pose.onResults(function (r) { lastResult = r; });
    say("Loading the pose model (from this app, nothing is sent)…");
    return pose.initialize().then(function () { return pose; });
  }

  /* One frame's landmarks -> {angle, ok, why, ratio} in image pixels (w x h). */
  function measureFrame(lm, w, h) {
    if (!lm) return { ok: false, why: "no_person" };
    var P = function (i) { return { x: lm[i].x * w, y: lm[i].y * h, v: lm[i].visibility }; };
    var core = [P(L.lSh), P(L.rSh), P(L.lHip), P(L.rHip)];
    var vis = Math.max(core[0].v, core[1].v) * Math.max(core[2].v, core[3].v);
    var ends = [lm[L.nose], lm[L.lAnk], lm[L.rAnk]];
    var whole = ends.every(function (p) { return p.y >= -0.02 && p.y <= 1.02 && p.x >= -0.02 && p.x <= 1.02; })
      && Math.max(lm[L.lAnk].visibility, lm[L.rAnk].visibility) >= MIN_VISIBILITY * 0.6;
    var sh = mid(core[0], core[1]), hip = mid(core[2], core[3]);
    var dx = sh.x - hip.x, dy = sh.y - hip.y, len = Math.hypot(dx, dy);
    var ear = mid(P(L.lEar), P(L.rEar)), nose = P(L.nose);
    var facing = nose.x >= ear.x ? 1 : -1; // the nose is in front of the ears
    var angle = Math.atan2(dx * facing, -dy) * 180 / Math.PI;
    var spread = Math.max(Math.hypot(core[0].x - core[1].x, core[0].y - core[1].y),
                          Math.hypot(core[2].x - core[3].x, core[2].y - core[3].y));
    var out = { ok: true, angle: angle, ratio: len ? spread / len : 0, vis: vis, whole: whole };
    if (vis < MIN_VISIBILITY * MIN_VISIBILITY) { out.ok = false; out.why = "low_visibility"; }
    else if (!whole) { out.ok = false; out.why = "not_whole_body"; }
    return out;
  }

  function track(m) {
    state.frames.push(m);
    if (!m.ok) return;
    if (Math.abs(m.angle) < UPRIGHT) state.ratios.push(m.ratio);
    var d = DIR === "flexion" ? m.angle : -m.angle;
    if (!state.inRep && d > ENTER) { state.inRep = true; state.peak = d; }
    else if (state.inRep) {
      state.peak = Math.max(state.peak, d);
      if (d < EXIT) { state.inRep = false; state.reps.push(state.peak); }
    }
  }

  function quantile(xs, q) {
    if (!xs.length) return 0;
    var s = xs.slice().sort(function (a, b) { return a - b; });
    return s[Math.min(s.length - 1, Math.floor(s.length * q))];
  }
  function median(xs) { return quantile(xs, 0.5); }
  function offSide() { return state.ratios.length >= 3 && quantile(state.ratios, 0.75) > OFF_SIDE_RATIO; }

  function checkSpeed(ms) {
    state.ms.push(ms);
    if (forced || state.switched || complexity === 0 || state.ms.length < 5) return;
    var recent = state.ms.slice(-5), mean = recent.reduce(function (a, b) { return a + b; }, 0) / 5;
    if (mean > SLOW_MS) {
      complexity = 0; state.switched = true; state.model = "lite";
      pose.setOptions({ modelComplexity: 0 });
      showWarning("slow", "This device is slow for the full model: switched to the lite model.");
    }
  }

  function showWarning(code, text) {
    var box = $("cam-warnings");
    if (box.querySelector('[data-code="' + code + '"]')) return;
    var li = document.createElement("li");
    li.dataset.code = code; li.textContent = text;
    box.appendChild(li);
  }

  function step(image, w, h) {
    var t0 = performance.now();
    return pose.send({ image: image }).then(function () {
      checkSpeed(performance.now() - t0);
      var m = measureFrame(lastResult && lastResult.poseLandmarks, w, h);
      track(m);
      live(m);
      return m;
    });
  }

  function live(m) {
    $("cam-count").textContent = String(state.reps.length);
    $("cam-angle").textContent = m.ok ? Math.round(m.angle) + "°" : "—";
    if (m.why === "not_whole_body") showWarning("frame", "Step back: the whole body, head to feet, must be in view.");
    if (m.why === "low_visibility") showWarning("visibility", "The shoulders and hips are hard to see: more light, plainer background.");
    if (offSide())
      showWarning("off_side", "The camera is not side-on (the shoulders and hips look turned): place it at the patient's side.");
  }

  function summary() {
    var good = state.frames.filter(function (f) { return f.ok; }).length;
    var share = state.frames.length ? good / state.frames.length : 0;
    var why = null;
    if (share < MIN_GOOD_SHARE) why = "too few frames showed a whole person clearly";
    else if (!state.reps.length) why = "no repetition was seen";
    else if (offSide()) why = "the camera was not side-on";
    var reps = state.reps.map(function (p) { return Math.round(p * 10) / 10; });
    return {
      measured: why === null, why: why, reps: reps.length, rep_peaks_deg: reps,
      first_deg: reps.length ? reps[0] : null, last_deg: reps.length ? reps[reps.length - 1] : null,
      angles: state.frames.map(function (f) { return f.ok ? Math.round(f.angle * 10) / 10 : null; }),
      warnings: Array.prototype.map.call($("cam-warnings").children, function (li) { return li.dataset.code; }),
      off_side_ratio: Math.round(quantile(state.ratios, 0.75) * 100) / 100,
      model: state.model, ms_per_frame: Math.round(median(state.ms))
    };
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
    return ensurePose().then(function () {
      state = newState(); root.dataset.state = "running"; say("Measuring…");
      var chain = Promise.resolve();
      urls.forEach(function (url) {
        chain = chain.then(function () {
          return new Promise(function (ok, fail) {
            var img = new Image(); img.onload = function () { ok(img); }; img.onerror = fail; img.src = url;
          }).then(function (img) { return step(img, img.naturalWidth, img.naturalHeight); });
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
    ensurePose().then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    }).then(function (s) {
      stream = s; video.srcObject = s; return video.play();
    }).then(function () {
      state = newState(); running = true; root.dataset.state = "running";
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
  window.backpathCamera = { feedFrames: feedFrames, measureFrame: measureFrame };
})();
