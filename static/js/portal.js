// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // Language switch: submit on change for mouse users; the button stays for keyboard users.
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Put focus on the first error summary so screen readers announce what went wrong; unless
  // the page already puts it in the field that needs attention (autofocus, as the case page
  // does for a box low on the page: the summary, role=alert, is still announced).
  var summary = document.querySelector("[data-error-summary]");
  if (summary && !document.querySelector("[autofocus]")) { summary.focus(); }
  // Arriving from a link to a field on another page (the "Nog nodig" list): focus that field.
  var linked = !summary && location.hash && document.getElementById(location.hash.slice(1));
  if (linked && linked.matches("input, select, textarea")) { linked.focus(); }
  // A summary item takes the person to its field: focus it (a plain #link only scrolls) and
  // show its label too, which sits above the field.
  document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var group = (field.type === "radio" || field.type === "checkbox") && field.closest("fieldset");
      var label = document.querySelector("label[for='" + field.id + "']");
      (group || label || field).scrollIntoView();
      field.focus({ preventScroll: true });
      history.replaceState(null, "", "#" + field.id);
    });
  });
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
