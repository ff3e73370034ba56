// Progressive enhancement: pick a standard reply to start the message with.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-reply-target]").forEach(function (select) {
    select.addEventListener("change", function () {
      var template = document.getElementById("reply-" + select.value);
      var target = document.getElementById(select.dataset.replyTarget);
      if (!template || !target) { return; }
      if (target.value.trim() && !window.confirm(select.dataset.confirm)) { return; }
      target.value = template.content ? template.content.textContent : template.textContent;
      target.focus();
    });
  });
});

// Nothing typed is lost when another form on the case page is sent: the text of every box
// (a textarea marked data-keep) travels along under the box's own name, and the server puts it
// back when it shows the page again. Only to the portal itself, in the POST body.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-keeps-drafts] form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[data-kept-draft]").forEach(function (input) { input.remove(); });
      document.querySelectorAll("[data-keeps-drafts] textarea[data-keep]").forEach(function (box) {
        if (form.contains(box) || !box.value.trim()) { return; }
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = box.name;
        input.value = box.value;
        input.setAttribute("data-kept-draft", "");
        form.appendChild(input);
      });
    });
  });
});
