// Progressive enhancement for piazza forms. Everything works without this file.
(function () {
  "use strict";
  var form = document.querySelector("form.application-form");
  if (!form) { return; }
  // Fill time for the bot check: how long the page was open, in milliseconds, on the citizen's own
  // clock; a page re-rendered with errors carries the time already spent.
  var ts = form.querySelector("input[name=_ts]");
  var spent = ts && ts.value ? (parseInt(ts.value, 10) || 0) : 0;
  var loadedAt = Date.now();
  // A one-time key so a double click gives one application.
  var key = form.querySelector("input[name=_key]");
  if (key && !key.value && window.crypto && window.crypto.getRandomValues) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    key.value = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  // Conditional fields: hide those whose controlling answer does not match.
  function current(name) {
    var values = [];
    form.querySelectorAll("[name='" + name + "']").forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value) { values.push(input.value); }
    });
    return values;
  }
  function update() {
    form.querySelectorAll("[data-when-name]").forEach(function (field) {
      var wanted = field.getAttribute("data-when-values").split("|");
      var show = current(field.getAttribute("data-when-name")).some(function (v) { return wanted.indexOf(v) >= 0; });
      field.hidden = !show;
      var note = field.querySelector(".when-note");
      if (note) { note.hidden = true; }
    });
  }
  form.addEventListener("change", update);
  update();
  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("riepilogo-errori");
  if (summary) { summary.focus(); }
  // Disable the button after the first submit to avoid double posts.
  form.addEventListener("submit", function () {
    if (ts) { ts.value = String(spent + Date.now() - loadedAt); }
    var button = form.querySelector("button[type=submit]");
    if (button) { setTimeout(function () { button.disabled = true; }, 0); }
  });
})();
