/* "You can ask for a new code in N seconds": counts down on the page. Without JavaScript the
 * page shows the number of seconds when it was loaded, and the server answers an early request
 * with how long to wait. Only the final "you can ask now" is announced (role="status"), so
 * screen readers are not interrupted every second. */
(function () {
  "use strict";
  var el = document.querySelector("[data-countdown]");
  if (!el) { return; }
  var left = parseInt(el.dataset.countdown, 10);
  if (!(left > 0)) { return; }
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      el.setAttribute("role", "status");
      setTimeout(function () { el.textContent = el.dataset.countdownDone; }, 50);
    } else if (left === 1) {
      el.textContent = el.dataset.countdownOne;
    } else {
      el.textContent = el.dataset.countdownMany.replace("{seconds}", String(left));
    }
  }, 1000);
})();
