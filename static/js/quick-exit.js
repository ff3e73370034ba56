// "Snel weg" (leave quickly), also on pressing Escape twice: end the session and replace this
// page with a neutral site. Works as a plain link without JavaScript (then the session stays
// until its idle timeout).
(function () {
  "use strict";
  var DOUBLE_PRESS_MS = 800;
  var lastEscape = 0;
  var leaving = false;

  function target() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.href : "https://www.weeronline.nl/";
  }

  // The session ends on the server, so every portal page left in the history asks to sign in
  // when someone goes Back (the pages are no-store: the browser must fetch them again). A
  // beacon survives the navigation that follows at once. Its form data carries a token signed
  // for this person (accounts/quick_exit.py), which also works in a tab whose CSRF token went
  // stale.
  function endSession() {
    var form = document.querySelector("[data-quick-exit-session]");
    if (!form) {
      return;
    }
    var data = new FormData(form);
    var queued = false;
    try {
      queued = navigator.sendBeacon(form.action, data);
    } catch (error) {
      queued = false;
    }
    if (!queued && window.fetch) {
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
  }

  function leave() {
    if (leaving) {
      return;
    }
    leaving = true;
    try {
      window.sessionStorage.clear(); // a report's text kept for after a sign-in (draft-autosave.js)
    } catch (error) { /* nothing kept */ }
    document.title = "";
    document.documentElement.style.visibility = "hidden";
    endSession();
    // replace(), not assign(): this page leaves the history instead of waiting behind Back.
    window.location.replace(target());
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) {
      event.preventDefault();
      leave();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < DOUBLE_PRESS_MS) {
      leave();
    }
    lastEscape = now;
  });
  // A browser that kept this page in its back/forward cache would show it again as it was:
  // ask the server instead, which shows the sign-in page once the session has ended.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.style.visibility = "hidden";
      window.location.reload();
    }
  });
})();
