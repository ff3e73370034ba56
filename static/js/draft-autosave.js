// The report form saves itself as the person types: 1.5 s after the last change, when a field
// loses focus and when the page is hidden. Until the server has it, what was typed also waits
// in this tab's sessionStorage (keyed by the draft), so a sign-in after the idle timeout brings
// it back. Without JavaScript the form's own buttons save, as before.
(function () {
  "use strict";
  var DELAY_MS = 1500;
  var RETRY_MS = 15000;
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = form.querySelector("[data-autosave-status]");
  var key = "weerbaar:draft:" + form.dataset.draftId;
  var version = form.dataset.draftVersion;
  var timer = null;
  var saving = false;
  var dirty = false;
  var stopped = false;
  var edits = 0;
  var note = "";

  function say(text, problem) {
    if (!status) { return; }
    status.classList.toggle("is-error", problem === true);
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  // name -> every value it has in the form now (checkboxes and radios: the checked ones).
  function fields() {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") {
        (values[name] = values[name] || []).push(value);
      }
    });
    return values;
  }

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null; // storage switched off: the autosave still works
    }
  }

  function keep() {
    var store = storage();
    if (!store) { return; }
    try {
      store.setItem(key, JSON.stringify({ version: version, fields: fields() }));
    } catch (error) { /* full: the server copy is all there is */ }
  }

  function forget() {
    var store = storage();
    if (store) { store.removeItem(key); }
  }

  // Text kept from before a sign-in, put back only over the same save of the draft: a newer
  // one (sent with the form's own button, or from another tab) wins.
  function restore() {
    var store = storage();
    var kept = null;
    try {
      kept = store && JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept || kept.version !== version || !kept.fields) {
      forget();
      return false;
    }
    var values = kept.fields;
    Array.prototype.forEach.call(form.elements, function (element) {
      var name = element.name;
      if (!name || name === "csrfmiddlewaretoken" || element.type === "file" ||
          element.type === "submit" || element.type === "button") {
        return;
      }
      var wanted = values[name] || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = wanted.indexOf(element.value) !== -1;
      } else if (element.multiple) {
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = wanted.indexOf(option.value) !== -1;
        });
      } else if (Object.prototype.hasOwnProperty.call(values, name)) {
        element.value = wanted[0];
      }
    });
    return true;
  }

  function failed(text) {
    dirty = true;
    say(text, true);
    clearTimeout(timer);
    timer = window.setTimeout(save, RETRY_MS);
  }

  function save(leaving) {
    clearTimeout(timer);
    timer = null;
    if (!dirty || stopped) { return; }
    if (saving) {
      timer = window.setTimeout(save, DELAY_MS);
      return;
    }
    saving = true;
    dirty = false;
    var sentEdits = edits;
    var body = new FormData(form);
    // The save this one builds on: the server refuses it (409 "changed") if the draft was
    // saved since, so an autosave that arrives late never puts older text back.
    body.set("draft_version", version);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") || "" },
      keepalive: leaving === true,
      redirect: "error",
    }).then(function (response) {
      if (response.status === 401) { return failed(form.dataset.textSignedOut); }
      if (response.status === 409) {
        stopped = true;
        return response.json().catch(function () { return {}; }).then(function (answer) {
          say(answer.error === "changed" ? form.dataset.textChanged : form.dataset.textSent, true);
        });
      }
      if (!response.ok) { return failed(form.dataset.textError); }
      return response.json().then(function (answer) {
        version = answer.version;
        if (edits === sentEdits) { forget(); } else { keep(); }
        var text = note + form.dataset.textSaved.replace("{time}", answer.time);
        note = "";
        if (answer.left_out && answer.left_out.length) {
          text += ". " + form.dataset.textLeftOut.replace("{fields}", answer.left_out.join(", "));
        }
        say(text);
        document.dispatchEvent(new CustomEvent("weerbaar:session-seen", {
          detail: { secondsLeft: answer.seconds_left },
        }));
      });
    }).catch(function () {
      failed(form.dataset.textError);
    }).then(function () {
      saving = false;
    });
  }

  function changed() {
    dirty = true;
    edits += 1;
    keep();
    clearTimeout(timer);
    timer = window.setTimeout(save, DELAY_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("focusout", function () {
    if (dirty) { save(); }
  });
  // The form's own buttons save everything; the kept copy stays until the page after shows
  // a newer save (a submit cut off by the idle timeout must not lose it).
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    stopped = true;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); }
  });
  window.addEventListener("pagehide", function () { save(true); });

  if (restore()) {
    dirty = true;
    edits += 1;
    note = form.dataset.textRestored + " ";
    say(form.dataset.textRestored);
    save();
  }
})();
