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
