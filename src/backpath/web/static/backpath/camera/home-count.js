/* "Count my reps" on the patient's programme (programmes/_count_reps.html): the camera counts
 * the repetitions of a standing exercise seen from the side, with pose-track.js.
 *
 * The camera is asked for only when the patient taps "Count my reps". The picture stays on
 * the phone: the pose model runs in this browser from this site's own files; no frame is
 * stored or sent. "Use this count" writes the number into that exercise's reps in the session
 * log below; nothing is sent until the patient saves the log as usual.
 */
(function () {
  "use strict";
  var PT = window.backpathPoseTrack;
  var script = document.getElementById("home-count-script");
  var roots = document.querySelectorAll("[data-count-reps]");
  if (!PT || !script || !roots.length) return;
  var WHY = {
    few_frames: "the camera could not see your whole body clearly enough.",
    no_reps: "no repetition was seen.",
    off_side: "the phone was not at your side, so it could not see the movement properly."
  };
  var WARN = {
    frame: "Move the phone further away: your whole body, head to feet, must be in the picture.",
    visibility: "The camera cannot see you clearly: try more light, with a plain wall behind you.",
    off_side: "The phone is not at your side: turn so that it sees you side-on.",
    slow: "This phone is slow for the detailed model: it switched to the quicker one."
  };
  var CAMERA_ERRORS = {
    NotAllowedError: "the camera was not allowed (you can allow it in your browser's settings)",
    NotFoundError: "no camera was found on this device",
    NotReadableError: "another app is using the camera",
    other: "the camera is not available here"
  };
  var forced = new URLSearchParams(location.search).get("model");
  var model = null; // one pose model for the page, loaded on the first tap
  var counters = {};

  function Counter(root) {
    var self = this;
    this.root = root; this.code = root.dataset.exercise;
    this.target = parseInt(root.dataset.target, 10) || 0;
    this.tracker = null; this.stream = null; this.running = false; this.modelName = "";
    this.role("open").addEventListener("click", function () { self.start(); });
    this.role("stop").addEventListener("click", function () { self.stop(); });
    this.role("use").addEventListener("click", function () { self.use(); });
  }
  Counter.prototype.role = function (name) { return this.root.querySelector('[data-role="' + name + '"]'); };
  Counter.prototype.say = function (text) { this.role("status").textContent = text; };

  Counter.prototype.ready = function () {
    var self = this;
    if (!model) model = new PT.Model(script.dataset.vendor, forced, function () {
      self.say("Getting ready to count (this happens on this phone; nothing is sent)…");
    });
    return model.load();
  };

  Counter.prototype.warn = function (code) {
    var box = this.role("warnings");
    if (box.querySelector('[data-code="' + code + '"]')) return;
    var li = document.createElement("li");
    li.dataset.code = code; li.textContent = WARN[code];
    box.appendChild(li);
  };

  Counter.prototype.begin = function () {
    var card = this.root.closest("details");
    if (card) card.open = true; // the exercise's card, unfolded to show the counter
    this.role("panel").hidden = false;
    this.role("result").hidden = true;
    this.role("warnings").textContent = "";
    this.tracker = new PT.Tracker(this.root.dataset.direction);
    model.begin(); this.modelName = model.name();
    this.root.dataset.state = "running";
    this.show(0);
  };

  /* The live count against the target line. */
  Counter.prototype.show = function (count) {
    this.role("count").textContent = String(count);
    var fill = this.role("fill");
    if (fill && this.target) fill.style.width = Math.min(100, count / (this.target * 1.25) * 100) + "%";
    if (this.target && count >= this.target) this.say("Target reached: " + count + " of " + this.target + ".");
  };

  Counter.prototype.step = function (image, w, h) {
    var self = this;
    return model.step(image).then(function (r) {
      if (r.slow) { self.modelName = "lite"; self.warn("slow"); }
      var m = PT.measureFrame(r.landmarks, w, h);
      self.tracker.track(m);
      if (m.why === "not_whole_body") self.warn("frame");
      if (m.why === "low_visibility") self.warn("visibility");
      if (self.tracker.offSide()) self.warn("off_side");
      self.show(self.tracker.reps.length);
      return m;
    });
  };

  Counter.prototype.summary = function () {
    var s = this.tracker.summary();
    s.why = s.why_code ? WHY[s.why_code] : null;
    s.warnings = Array.prototype.map.call(this.role("warnings").children, function (li) { return li.dataset.code; });
    s.model = this.modelName; s.ms_per_frame = model.msPerFrame();
    return s;
  };

  Counter.prototype.finish = function () {
    var s = this.summary();
    this.result = s;
    this.root.dataset.state = "done";
    this.role("stop").hidden = true;
    this.role("open").disabled = false;
    this.role("open").textContent = "Count again";
    this.role("result").hidden = false;
    this.role("unmeasured").hidden = s.measured;
    this.role("measured").hidden = !s.measured;
    if (s.measured) {
      this.role("total").textContent = s.reps === 1 ? "1 repetition" : s.reps + " repetitions";
      this.say("Counted " + s.reps + (this.target ? " of " + this.target : "") + ".");
    } else {
      this.role("why").textContent = s.why.charAt(0).toUpperCase() + s.why.slice(1);
      this.say("Could not count.");
    }
    return s;
  };

  /* The tap: only now is the camera asked for, then the model loaded and the counting begun. */
  Counter.prototype.start = function () {
    var self = this, open = this.role("open"), video = this.role("video");
    open.disabled = true;
    this.role("panel").hidden = false;
    this.say("Asking for the camera…");
    Promise.resolve().then(function () {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
    }).then(function (s) {
      self.stream = s; video.srcObject = s; video.dataset.live = "yes";
      return video.play();
    }).then(function () { return self.ready(); }).then(function () {
      self.begin(); self.running = true;
      self.role("stop").hidden = false;
      self.role("stop").disabled = false;
      self.say("Counting: do your repetitions slowly, then tap Stop.");
      self.loop();
    }).catch(function (e) {
      self.release(); open.disabled = false; open.textContent = "Try again";
      self.say("The camera could not start: " + (CAMERA_ERRORS[e && e.name] || CAMERA_ERRORS.other) +
               ". You can count yourself and type the number in the log below.");
    });
  };

  Counter.prototype.loop = function () {
    var self = this, video = this.role("video");
    if (!this.running) return;
    this.step(video, video.videoWidth, video.videoHeight).then(function () { requestAnimationFrame(function () { self.loop(); }); });
  };

  Counter.prototype.release = function () {
    var video = this.role("video");
    if (this.stream) this.stream.getTracks().forEach(function (t) { t.stop(); });
    this.stream = null; video.srcObject = null; delete video.dataset.live;
  };

  Counter.prototype.stop = function () {
    this.running = false;
    this.role("stop").disabled = true;
    this.release();
    this.finish();
  };

  /* "Use this count": the number goes into this exercise's reps in the session log. */
  Counter.prototype.use = function () {
    if (!this.result || !this.result.measured) return;
    var reps = document.getElementById("reps-" + this.code);
    var done = document.querySelector('input[name="ex-' + this.code + '-done"][value="yes"]');
    if (!reps) return;
    reps.value = String(this.result.reps);
    if (done) done.checked = true;
    [reps, done].forEach(function (el) {
      if (!el) return;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    this.root.dataset.used = "yes";
    this.say("Added " + this.result.reps + " to your log below. You can change it before you save.");
  };

  /* Test hook: feed still frames (same-origin or data: URLs) through the real pipeline, as if
   * the camera had seen them; resolves with the summary. */
  Counter.prototype.feed = function (urls) {
    var self = this;
    this.role("panel").hidden = false;
    return this.ready().then(function () {
      self.begin();
      self.say("Counting…");
      var chain = Promise.resolve();
      urls.forEach(function (url) {
        chain = chain.then(function () {
          return PT.loadImage(url).then(function (img) { return self.step(img, img.naturalWidth, img.naturalHeight); });
        });
      });
      return chain.then(function () { return self.finish(); });
    });
  };

  Array.prototype.forEach.call(roots, function (root) { counters[root.dataset.exercise] = new Counter(root); });
  window.backpathCount = {
    feedFrames: function (code, urls) { return counters[code].feed(urls); }
  };
})();
