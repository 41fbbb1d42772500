// Full-text search over the portal's Pagefind index (pagefind/ at the portal root). Without JavaScript,
// or when the site was built without Pagefind, the page stays the catalogue it already shows.
(function () {
  "use strict";
  var box = document.getElementById("ricerca");
  if (!box || !window.URL || !window.Promise) return;
  var form = box.querySelector("form");
  var input = document.getElementById("parole");
  var status = document.getElementById("stato-ricerca");
  var list = document.getElementById("risultati");
  var root = new URL(box.getAttribute("data-root") || "./", location.href);
  var index = new URL(box.getAttribute("data-index"), location.href).href;
  var loading = null;

  box.hidden = false;
  var notice = document.getElementById("ricerca-senza-script");
  if (notice) notice.hidden = true;

  function engine() {
    if (!loading) {
      loading = import(index + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return loading;
  }

  // Pagefind's excerpt is text with <mark> around the words found: keep exactly that, nothing else.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var paragraph = document.createElement("p");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function show(query, results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(excerpt(result.excerpt || ""));
      list.appendChild(item);
    });
    var count = results.length;
    status.textContent = count === 0 ? "Nessun risultato per «" + query + "»."
      : (count === 1 ? "1 risultato" : count + " risultati") + " per «" + query + "».";
  }

  function search(query) {
    query = query.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Ricerca in corso…";
    engine()
      .then(function (pagefind) { return pagefind.search(query); })
      .then(function (found) {
        return Promise.all(found.results.slice(0, 20).map(function (result) { return result.data(); }));
      })
      .then(function (results) { show(query, results); })
      .catch(function () {
        status.textContent = "La ricerca non è disponibile in questo momento: usa le sezioni e i filtri qui sotto.";
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url.href);
    search(input.value);
  });

  var initial = new URL(location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
