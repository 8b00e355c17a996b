// The patient's programme: tapping an exercise in the list at the top unfolds it, so one tap
// shows its steps. Without this script the list still scrolls to the exercise's name.
(function () {
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();

// Under each picture: a hold timer (tap to start, counts the seconds down, then the holds done)
// or a rep counter (tap after each one). Nothing is sent anywhere; the page still reads
// without it.
(function () {
  function holdTimer(box, show, button) {
    var seconds = parseInt(box.dataset.seconds, 10), reps = parseInt(box.dataset.reps, 10) || 1;
    var done = 0, timer = null;
    button.addEventListener("click", function () {
      if (timer) { return; }
      var left = seconds;
      show.textContent = left + " s";
      button.disabled = true;
      timer = setInterval(function () {
        left -= 1;
        if (left > 0) { show.textContent = left + " s"; return; }
        clearInterval(timer); timer = null; done += 1;
        show.textContent = done >= reps ? "All " + reps + " done" : done + " of " + reps + " done";
        button.disabled = false;
      }, 1000);
    });
  }
  function repCounter(box, show, button) {
    var reps = parseInt(box.dataset.reps, 10), count = 0;
    button.addEventListener("click", function () {
      count = Math.min(count + 1, reps);
      show.textContent = count >= reps ? "All " + reps + " done" : count + " of " + reps;
    });
  }
  document.querySelectorAll(".counter").forEach(function (box) {
    var show = box.querySelector(".counter-show"), button = box.querySelector(".counter-go");
    (box.dataset.kind === "hold" ? holdTimer : repCounter)(box, show, button);
  });
})();

