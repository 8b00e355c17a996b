/* Pose tracking shared by the clinic's camera page (measure.js) and the patient's "Count my
 * reps" (home-count.js): pose landmarks -> trunk inclination, a hysteresis repetition counter,
 * the framing / visibility / off-side checks, and the pose model itself with its fall-back to
 * the lite model on a slow device.
 *
 * Nothing leaves the device: the model and the wasm come from backpath's own static files,
 * frames are never stored or sent. Trunk inclination = hip midpoint -> shoulder midpoint
 * against vertical, seen from the side; flexion positive, extension negative. It includes the
 * hips: it is not lumbar range.
 */
(function () {
  "use strict";
  var ENTER = 10, EXIT = 5; // degrees in the movement's direction: a rep starts above ENTER, ends below EXIT
  var SLOW_MS = 150; // mean inference time above which the full model gives way to the lite one
  /* Off-side check: how far apart the two shoulders (or hips) look, over the trunk's length,
   * while standing up (|angle| < UPRIGHT). Side-on they overlap; turned by a yaw they spread
   * by about 0.73 x sin(yaw) plus the model's jitter. Calibrated on the Blender renders:
   * side-on 0.07-0.17, 35 deg off 0.25-0.38 (upper quartile 0.32). */
  var OFF_SIDE_RATIO = 0.25, UPRIGHT = 15;
  var MIN_VISIBILITY = 0.5;
  var MIN_GOOD_SHARE = 0.6; // share of frames with a usable pose needed for a measurement
  var L = { nose: 0, lEar: 7, rEar: 8, lSh: 11, rSh: 12, lHip: 23, rHip: 24, lAnk: 27, rAnk: 28 };

  function mid(a, b) { return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }; }

  function quantile(xs, q) {
    if (!xs.length) return 0;
    var s = xs.slice().sort(function (a, b) { return a - b; });
    return s[Math.min(s.length - 1, Math.floor(s.length * q))];
  }
  function median(xs) { return quantile(xs, 0.5); }
  function round1(x) { return Math.round(x * 10) / 10; }

  /* One frame's landmarks -> {angle, ok, why, ratio} in image pixels (w x h); why is
   * "no_person", "low_visibility" or "not_whole_body" when the frame cannot be used. */
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

  /* One measurement of repetitions in one direction ("flexion" or "extension"). */
  function Tracker(direction) {
    this.direction = direction;
    this.frames = []; this.reps = []; this.ratios = [];
    this.inRep = false; this.peak = 0;
  }
  Tracker.prototype.track = function (m) {
    this.frames.push(m);
    if (!m.ok) return;
    if (Math.abs(m.angle) < UPRIGHT) this.ratios.push(m.ratio);
    var d = this.direction === "flexion" ? m.angle : -m.angle;
    if (!this.inRep && d > ENTER) { this.inRep = true; this.peak = d; }
    else if (this.inRep) {
      this.peak = Math.max(this.peak, d);
      if (d < EXIT) { this.inRep = false; this.reps.push(this.peak); }
    }
  };
  Tracker.prototype.offSide = function () {
    return this.ratios.length >= 3 && quantile(this.ratios, 0.75) > OFF_SIDE_RATIO;
  };
  /* Why no number may be given: "few_frames", "no_reps", "off_side"; null when measured. */
  Tracker.prototype.why = function () {
    var good = this.frames.filter(function (f) { return f.ok; }).length;
    var share = this.frames.length ? good / this.frames.length : 0;
    if (share < MIN_GOOD_SHARE) return "few_frames";
    if (!this.reps.length) return "no_reps";
    if (this.offSide()) return "off_side";
    return null;
  };
  Tracker.prototype.summary = function () {
    var why = this.why(), reps = this.reps.map(round1);
    return {
      measured: why === null, why_code: why, reps: reps.length, rep_peaks_deg: reps,
      first_deg: reps.length ? reps[0] : null, last_deg: reps.length ? reps[reps.length - 1] : null,
      angles: this.frames.map(function (f) { return f.ok ? round1(f.angle) : null; }),
      off_side_ratio: Math.round(quantile(this.ratios, 0.75) * 100) / 100
    };
  };

  /* The pose model, served from ``vendor`` (this site's own files). ``forced`` "full" or
   * "lite" fixes the model; else the full one, switching to lite when a frame takes longer
   * than SLOW_MS (mean of 5). ``onLoading`` is told when the model starts loading. */
  function Model(vendor, forced, onLoading) {
    this.vendor = vendor; this.forced = forced === "full" || forced === "lite" ? forced : "";
    this.complexity = this.forced === "lite" ? 0 : 1;
    this.onLoading = onLoading || function () {};
    this.pose = null; this.ready = null; this.last = null;
    this.begin();
  }
  Model.prototype.name = function () { return this.complexity ? "full" : "lite"; };
  /* A new measurement: its own timings. */
  Model.prototype.begin = function () { this.ms = []; this.switched = false; };
  Model.prototype.load = function () {
    if (this.ready) return this.ready;
    var self = this, vendor = this.vendor;
    /* global Pose */
    this.pose = new Pose({ locateFile: function (file) { return vendor + file; } });
    this.pose.setOptions({ modelComplexity: this.complexity, smoothLandmarks: false, enableSegmentation: false,
                           minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 });
    this.pose.onResults(function (r) { self.last = r; });
    this.onLoading();
    this.ready = this.pose.initialize().then(function () { return self; });
    return this.ready;
  };
  /* One image -> {landmarks, ms, slow}; slow is true on the frame where it switched to lite. */
  Model.prototype.step = function (image) {
    var self = this, t0 = performance.now();
    return this.pose.send({ image: image }).then(function () {
      var ms = performance.now() - t0;
      return { landmarks: self.last && self.last.poseLandmarks, ms: ms, slow: self.checkSpeed(ms) };
    });
  };
  Model.prototype.checkSpeed = function (ms) {
    this.ms.push(ms);
    if (this.forced || this.switched || this.complexity === 0 || this.ms.length < 5) return false;
    var recent = this.ms.slice(-5), mean = recent.reduce(function (a, b) { return a + b; }, 0) / 5;
    if (mean <= SLOW_MS) return false;
    this.complexity = 0; this.switched = true;
    this.pose.setOptions({ modelComplexity: 0 });
    return true;
  };
  Model.prototype.msPerFrame = function () { return Math.round(median(this.ms)); };

  /* A still image (a same-origin URL) loaded, for the test and benchmark hooks. */
  function loadImage(url) {
    return new Promise(function (ok, fail) {
      var img = new Image(); img.onload = function () { ok(img); }; img.onerror = fail; img.src = url;
    });
  }

  window.backpathPoseTrack = {
    measureFrame: measureFrame, Tracker: Tracker, Model: Model, loadImage: loadImage,
    quantile: quantile, median: median
  };
})();
