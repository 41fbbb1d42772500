// Progressive enhancement for piazza calendar pages: the seats each slot has left now, read from
// the daemon's availability.json, replace the seats known when the page was built. Everything
// works without this file: the daemon counts the seats again when a family books.
(function () {
  "use strict";
  var status = document.querySelector("[data-availability]");
  if (!status || !window.fetch) { return; }
  fetch(status.getAttribute("data-availability"), { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (seats) {
      if (!seats) { return; }
      document.querySelectorAll("article[data-slot]").forEach(function (slot) {
        var left = seats[slot.getAttribute("data-slot")];
        var count = slot.querySelector("[data-seats]");
        if (typeof left !== "number" || !count) { return; }
        count.textContent = left === 0 ? "0 (al completo)" : String(left);
        count.parentNode.firstChild.textContent = "Posti liberi ora: ";
      });
      var now = new Date();
      status.textContent = "Posti liberi aggiornati alle " + ("0" + now.getHours()).slice(-2) + ":" +
        ("0" + now.getMinutes()).slice(-2) + ".";
    })
    .catch(function () { /* the built-in counts stay */ });
})();
