/* A table wider than a phone's screen scrolls sideways in its own box (site.css): such a table
   takes the keyboard's focus, so that it can be scrolled without a pointer too. Every page of
   the site loads this file; a table that fits is left as it is. */
(function () {
  "use strict";

  function scrollableTablesFocusable() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.scrollWidth > table.clientWidth) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    }
  }

  scrollableTablesFocusable();
  window.addEventListener("resize", scrollableTablesFocusable);
})();
