// Progressive enhancement of the clarity feedback widget ("Quanto sono chiare le informazioni su
// questa pagina?"). Without this file the form shows both follow-up questions and posts to the
// daemon, which answers with a page of its own. With it: only the question for the chosen rating
// shows, the stars fill up to the chosen one, and the form is sent in the background with the
// thanks shown in place. The request carries a header of its own, so the browser asks the daemon
// first (CORS preflight): from an address the daemon does not know as the portal's, nothing is
// sent and the plain form takes over.
(function () {
  "use strict";
  var form = document.querySelector("form[data-feedback]");
  if (!form) { return; }
  var section = form.parentNode;
  var status = section.querySelector("[data-feedback-status]");
  var branches = form.querySelectorAll("[data-branch]");
  var stars = form.querySelectorAll("input[name=valutazione]");

  function rating() {
    var checked = form.querySelector("input[name=valutazione]:checked");
    return checked ? Number(checked.value) : 0;
  }

  function update() {
    var chosen = rating();
    // 1 to 3 stars: where the difficulties were; 4 and 5: what was liked (ClarityFeedback.Branch).
    var open = chosen === 0 ? "" : (chosen <= 3 ? "negative" : "positive");
    branches.forEach(function (branch) {
      var shown = branch.getAttribute("data-branch") === open;
      branch.hidden = !shown;
      if (!shown) {
        branch.querySelectorAll("input:checked").forEach(function (input) { input.checked = false; });
      }
    });
    stars.forEach(function (star) {
      star.parentNode.classList.toggle("is-filled", Number(star.value) <= chosen);
    });
  }

  section.querySelectorAll(".feedback-applies").forEach(function (note) { note.hidden = true; });
  stars.forEach(function (star) { star.addEventListener("change", update); });
  update();

  if (!window.fetch || !window.URLSearchParams || !window.FormData) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json", "X-Piazza-Feedback": "1" },
      credentials: "omit",
      mode: "cors"
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      button.disabled = false;
      if (result.ok) {
        form.hidden = true;
        status.textContent = result.answer.message;
        status.tabIndex = -1;
        status.focus();
        return;
      }
      var problems = (result.answer.problems || []).map(function (problem) { return problem.message; });
      status.textContent = "La valutazione non è stata inviata. " + problems.join(" ");
    }, function () {
      // No answer the page may read (another address, the daemon unreachable, a page instead of
      // JSON), so nothing was stored: the plain form, which shows the daemon's own page.
      form.submit();
    });
  });
})();
