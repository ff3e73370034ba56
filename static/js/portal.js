// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Language switch: submit on change for mouse users; the button stays for keyboard users.
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Put focus on the first error summary so screen readers announce what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});

// A table wider than its box scrolls in it (.table-responsive): a keyboard user must reach the
// box to scroll it (WCAG 2.1.1), so the box takes focus while it scrolls, and a screen reader
// names it after the table's caption. Again on resize: a phone turned sideways may fit it.
document.addEventListener("DOMContentLoaded", function () {
  var boxes = document.querySelectorAll(".table-responsive");
  function update() {
    boxes.forEach(function (box, index) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        var caption = box.querySelector("caption");
        if (caption) {
          if (!caption.id) { caption.id = "tabel-bijschrift-" + (index + 1); }
          box.setAttribute("role", "region");
          box.setAttribute("aria-labelledby", caption.id);
        }
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    });
  }
  if (boxes.length) {
    update();
    window.addEventListener("resize", update);
  }
});
