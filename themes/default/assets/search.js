// Full-text search over Pagefind indexes. On a portal's search page (cerca/) the box names the portal's
// index (pagefind/ at the portal root); on the network home it names none and every link with
// data-index (the links to each portal's search page, the search without JavaScript) gives one index,
// merged into one search with Pagefind's mergeIndex, each result labelled with its portal. Without
// JavaScript, or when the site was built without Pagefind, the page stays what it already shows.
(function () {
  "use strict";
  var box = document.getElementById("ricerca");
  if (!box || !window.URL || !window.Promise) return;
  var form = box.querySelector("form");
  var input = document.getElementById("parole");
  var status = document.getElementById("stato-ricerca");
  var list = document.getElementById("risultati");
  var headingTag = box.getAttribute("data-result-heading") || "h2";
  var unavailable = box.getAttribute("data-unavailable")
    || "La ricerca non è disponibile in questo momento: usa le sezioni e i filtri qui sotto.";
  var sources = (box.hasAttribute("data-index") ? [box] : Array.from(document.querySelectorAll("a[data-index]")))
    .map(function (element) {
      return {
        index: new URL(element.getAttribute("data-index"), location.href).href,
        root: new URL(element.getAttribute("data-root") || "./", location.href).pathname,
        label: element.getAttribute("data-portal")
      };
    });
  var loading = null;
  if (sources.length === 0) return;

  box.hidden = false;
  var notice = document.getElementById("ricerca-senza-script");
  if (notice) notice.hidden = true;

  // The first index is Pagefind's primary one; the others are merged into it, each with the base URL of
  // its own portal so that results link into the right folder.
  function engine() {
    if (!loading) {
      var primary = sources[0];
      loading = import(primary.index + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: primary.root })
          .then(function () {
            return Promise.all(sources.slice(1).map(function (source) {
              return pagefind.mergeIndex(source.index, { baseUrl: source.root });
            }));
          })
          .then(function () { return pagefind; });
      });
    }
    return loading;
  }

  // The portal a result belongs to: the source whose root is the longest start of its URL.
  function portalOf(url) {
    var best = null;
    sources.forEach(function (source) {
      if (url.indexOf(source.root) === 0 && (!best || source.root.length > best.root.length)) best = source;
    });
    return best && best.label;
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
      var heading = document.createElement(headingTag);
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      heading.appendChild(link);
      item.appendChild(heading);
      var portal = portalOf(result.url);
      if (portal) {
        var label = document.createElement("p");
        label.className = "search-portal";
        label.textContent = "Portale: " + portal;
        item.appendChild(label);
      }
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
        status.textContent = unavailable;
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
