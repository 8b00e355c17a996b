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
