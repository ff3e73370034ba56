// Two minutes before the idle timeout (SESSION_IDLE_TIMEOUT, accounts/middleware.py) a dialog
// asks whether the person stays signed in; "Ingelogd blijven" (or Escape) asks the server to
// keep the session. At the timeout the page goes to the sign-in, which leads back here. The
// count starts from the server's own mark (<body data-session-seconds-left>); tabs share the
// latest deadline through localStorage, and an autosave counts as activity. Whatever the
// activity, the session ends SESSION_ABSOLUTE_TIMEOUT after the sign-in
// (<body data-session-final-seconds-left>): before that end the dialog says it cannot be put
// off and offers "Begrepen" instead of "Ingelogd blijven".
(function () {
  "use strict";
  var WARN_SECONDS = 120;
  var DEADLINE_KEY = "weerbaar:session-deadline";
  var dialog = document.querySelector("[data-session-dialog]");
  var left = parseInt(document.body.getAttribute("data-session-seconds-left"), 10);
  if (!dialog || isNaN(left) || typeof dialog.showModal !== "function" || !window.fetch) {
    return;
  }
  var countdown = dialog.querySelector("[data-session-countdown]");
  var problem = dialog.querySelector("[data-session-problem]");
  var stay = dialog.querySelector("[data-session-stay]");
  var close_ = dialog.querySelector("[data-session-close]");
  var title = dialog.querySelector("#sessie-titel");
  var finalLeft = parseInt(document.body.getAttribute("data-session-final-seconds-left"), 10);
  var hardDeadline = isNaN(finalLeft) ? Infinity : Date.now() + finalLeft * 1000;
  var deadline = Math.min(Date.now() + left * 1000, hardDeadline);
  var returnFocus = null;
  var ended = false;
  var dismissed = false;

  function shared() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function publish() {
    var store = shared();
    try {
      if (store) { store.setItem(DEADLINE_KEY, String(deadline)); }
    } catch (error) { /* no shared deadline: each tab counts for itself */ }
  }

  function adopt(value) {
    var other = parseInt(value, 10);
    if (other > deadline) { deadline = Math.min(other, hardDeadline); }
  }

  function clock(seconds) {
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function close() {
    if (dialog.open) {
      dialog.close();
      if (returnFocus && document.contains(returnFocus)) { returnFocus.focus(); }
    }
  }

  function extend(secondsLeft) {
    deadline = Math.min(Date.now() + secondsLeft * 1000, hardDeadline);
    publish();
    tick();
  }

  function signIn() {
    // The same page without its fragment: a fresh GET, which the server answers with the
    // sign-in page and `next` back to here.
    window.location.assign(window.location.pathname + window.location.search);
  }

  function end() {
    ended = true;
    countdown.textContent = deadline >= hardDeadline ?
      dialog.dataset.textFinalEnded : dialog.dataset.textEnded;
    stay.hidden = true;
    close_.hidden = true;
    if (!dialog.open) { dialog.showModal(); }
    window.setTimeout(signIn, 3000);
  }

  function tick() {
    if (ended) { return; }
    var remaining = Math.ceil((deadline - Date.now()) / 1000);
    if (remaining <= 0) {
      end();
    } else if (remaining <= WARN_SECONDS) {
      var final = deadline >= hardDeadline;
      if (final && dismissed) { return; }
      var text = final ? dialog.dataset.textFinalCountdown : dialog.dataset.textCountdown;
      countdown.textContent = text.replace("{time}", clock(remaining));
      if (final) { title.textContent = dialog.dataset.textFinalTitle; }
      stay.hidden = final;
      close_.hidden = !final;
      if (!dialog.open) {
        returnFocus = document.activeElement;
        problem.hidden = true;
        dialog.showModal();
        (final ? close_ : stay.querySelector("button")).focus();
      }
    } else {
      close();
    }
  }

  function keepAlive() {
    var body = new FormData(stay);
    fetch(stay.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" },
      redirect: "error",
    }).then(function (response) {
      if (response.status === 401) { return end(); }
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json().then(function (answer) {
        extend(answer.seconds_left);
        close();
      });
    }).catch(function () {
      problem.hidden = false;
    });
  }

  stay.addEventListener("submit", function (event) {
    event.preventDefault();
    keepAlive();
  });
  close_.addEventListener("click", function () {
    dismissed = true;
    close();
  });
  dialog.addEventListener("cancel", function (event) {
    // Escape: the person is there, so it means the same as "Ingelogd blijven" (or, before the
    // fixed end, "Begrepen").
    event.preventDefault();
    if (ended) { return; }
    if (!close_.hidden) {
      dismissed = true;
      close();
    } else {
      keepAlive();
    }
  });
  document.addEventListener("weerbaar:session-seen", function (event) {
    extend(event.detail.secondsLeft);
  });
  window.addEventListener("storage", function (event) {
    if (event.key === DEADLINE_KEY) {
      adopt(event.newValue);
      tick();
    }
  });
  // Signing out on purpose leaves nothing behind for a next person: no kept draft text.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute && form.getAttribute("action") === dialog.dataset.logout) {
      try {
        window.sessionStorage.clear();
      } catch (error) { /* nothing kept */ }
    }
  });

  var store = shared();
  if (store) { adopt(store.getItem(DEADLINE_KEY)); }
  publish();
  tick();
  window.setInterval(tick, 1000);
})();
