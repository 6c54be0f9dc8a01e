/* Idle sessions: a warning before the session ends, with a "Stay signed in" button.
 *
 * The server ends a session 30 minutes after the last request (SESSION_COOKIE_AGE, renewed on
 * every request). Two minutes before that, a banner with role="alert" says so (no dialog: it
 * does not trap focus or hide the page); the button posts to the keep-alive address, whose
 * request renews the session. When time is up the banner says the person was signed out.
 * Tabs of the same site share the time of the last request through localStorage.
 *
 * Configured by the script tag: data-keep-alive-url, data-csrf, data-sign-in-url,
 * data-timeout (seconds, default 1800), data-warn (seconds, default 120), and the texts
 * data-text-warning, data-text-stay, data-text-ended, data-text-sign-in, data-text-kept.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || window.shebaoIdle) { return; }
  window.shebaoIdle = true;
  var d = script.dataset;
  var timeout = (parseInt(d.timeout, 10) || 1800) * 1000;
  var warnBefore = (parseInt(d.warn, 10) || 120) * 1000;
  var KEY = "shebao.lastRequest";
  var lastRequest = Date.now();
  var timers = [];
  var banner = null;

  function share() {
    try { localStorage.setItem(KEY, String(lastRequest)); } catch (e) { /* private mode */ }
  }

  function clearTimers() {
    timers.forEach(clearTimeout);
    timers = [];
  }

  function removeBanner() {
    if (banner && banner.parentNode) { banner.parentNode.removeChild(banner); }
    banner = null;
  }

  function showBanner(text, withButton, withLink) {
    removeBanner();
    banner = document.createElement("div");
    banner.className = "notice idle-warning";
    banner.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = text;
    banner.appendChild(p);
    if (withButton) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "primary";
      button.textContent = d.textStay;
      button.addEventListener("click", keepAlive);
      banner.appendChild(button);
    }
    if (withLink) {
      var link = document.createElement("a");
      link.className = "button";
      link.href = d.signInUrl;
      link.textContent = d.textSignIn;
      banner.appendChild(link);
    }
    var main = document.getElementById("main") || document.body;
    main.insertBefore(banner, main.firstChild);
  }

  function schedule() {
    clearTimers();
    var elapsed = Date.now() - lastRequest;
    timers.push(setTimeout(function () {
      showBanner(d.textWarning, true, false);
    }, Math.max(0, timeout - warnBefore - elapsed)));
    timers.push(setTimeout(function () {
      showBanner(d.textEnded, false, true);
    }, Math.max(0, timeout - elapsed)));
  }

  function keepAlive() {
    fetch(d.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": d.csrf, "Accept": "application/json" }
    }).then(function (res) {
      if (!res.ok) { throw new Error("signed out"); }
      lastRequest = Date.now();
      share();
      schedule();
      removeBanner();
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
      // Filled after insertion so screen readers announce it; the button it replaces is gone,
      // so focus returns to the main content.
      setTimeout(function () { status.textContent = d.textKept; }, 50);
      var main = document.getElementById("main");
      if (main) { main.focus(); }
    }).catch(function () {
      showBanner(d.textEnded, false, true);
    });
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY && event.newValue) {
      lastRequest = Math.max(lastRequest, parseInt(event.newValue, 10) || 0);
      removeBanner();
      schedule();
    }
  });

  share();
  schedule();
})();
