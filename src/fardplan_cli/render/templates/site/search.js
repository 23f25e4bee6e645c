/* The search page: Pagefind's own search interface, loaded from the site's pagefind/ folder
   (written with the index when the site is built; nothing comes from elsewhere).

   Every page of the site loads this file; it acts only on the page that has an element with the
   id "search". The site's root is the folder above this file's (assets/), so the search works
   whether the site is served at a domain's root or below it. A search can be linked:
   sok/index.html?q=Science+Park. Pagefind reads its index with fetch(), which browsers refuse
   for files opened from disk: the page then says so, and the lists still reach every page. */
(function () {
  "use strict";

  var box = document.getElementById("search");
  var self = document.currentScript;
  if (!box || !self) {
    return;
  }
  var swedish = (document.documentElement.lang || "").slice(0, 2) === "sv";
  var root = new URL("../", self.src);
  var bundle = new URL("pagefind/", root);

  function note(swedishText, englishText) {
    var paragraph = document.createElement("p");
    paragraph.className = "search-note";
    paragraph.setAttribute("role", "status");
    paragraph.textContent = swedish ? swedishText : englishText;
    box.appendChild(paragraph);
  }

  if (window.location.protocol === "file:") {
    note("Sökningen fungerar när webbplatsen visas av en webbserver, inte från filer på disken. " +
         "Listorna når alla sidor.",
         "Search works when the site is served by a web server, not from files on disk. " +
         "The lists reach every page.");
    return;
  }

  function start() {
    /* global PagefindUI */
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showImages: false,
      showSubResults: true,
      resetStyles: false
    });
    /* Pagefind's field has only a placeholder; a visible label names it for everyone. */
    var input = box.querySelector("input");
    if (input) {
      input.id = "search-input";
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.className = "search-label";
      label.textContent = swedish ? "Sök på webbplatsen" : "Search the site";
      box.insertBefore(label, box.firstChild);
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle.href + "pagefind-ui.css";
  document.head.appendChild(style);

  var script = document.createElement("script");
  script.src = bundle.href + "pagefind-ui.js";
  script.onload = start;
  script.onerror = function () {
    note("Sökindexet saknas: webbplatsen byggdes utan det.",
         "The search index is missing: the site was built without it.");
  };
  document.head.appendChild(script);
}());
