// "Snel weg" (leave quickly): replace this page with a neutral site, so the Back button does
// not bring it back. Also on pressing Escape twice. Works as a plain link without JavaScript.
(function () {
  "use strict";
  var DOUBLE_PRESS_MS = 800;
  var lastEscape = 0;

  function target() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.href : "https://www.weeronline.nl/";
  }

  function leave() {
    document.title = "";
    document.body.style.visibility = "hidden";
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
})();
