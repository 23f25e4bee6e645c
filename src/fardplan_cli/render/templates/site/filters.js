/* The filters of the initiative lists: the form that site/filters.html.j2 renders hidden is shown
   and narrows the rows of every table.initiatives on the page by their data-core, data-area,
   data-status, data-actors and data-priority attributes (space-separated ids). Without this
   script the lists are whole.

   The choice is kept in the address (?status=ongoing&core=sodertalje), so a filtered list can be
   linked, bookmarked, and comes back with the browser's Back button. Every page of the site loads
   this file; it acts only on a page with the form. */
(function () {
  "use strict";

  var form = document.querySelector("form.initiative-filters");
  if (!form) {
    return;
  }
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  if (selects.length === 0) {
    return;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.initiatives > tbody > tr"));
  var count = form.querySelector(".filter-count");
  /* the attribute each select narrows by: actor -> data-actors (a list), the others by their name */
  var attribute = { core: "data-core", area: "data-area", status: "data-status",
                    actor: "data-actors", priority: "data-priority" };

  function holds(row, name, value) {
    var ids = (row.getAttribute(attribute[name]) || "").split(" ");
    return ids.indexOf(value) !== -1;
  }

  function apply() {
    var chosen = selects.filter(function (select) { return select.value !== ""; });
    var shown = 0;
    rows.forEach(function (row) {
      var keep = chosen.every(function (select) {
        return holds(row, select.getAttribute("data-filter"), select.value);
      });
      row.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    if (count) {
      count.textContent = chosen.length === 0 ? "" : form.getAttribute("data-count")
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }
  }

  function fromAddress() {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var value = query.get(select.name) || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = known ? value : "";
    });
  }

  function toAddress() {
    var query = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      if (select.value) {
        query.set(select.name, select.value);
      } else {
        query.delete(select.name);
      }
    });
    var search = query.toString();
    var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      window.history.pushState(null, "", address);
    } catch (refused) {
      /* some browsers refuse to change the address of a file opened from disk; the list still narrows */
    }
  }

  form.addEventListener("change", function () {
    apply();
    toAddress();
  });
  form.addEventListener("reset", function () {
    /* the form's fields are reset after this event: read them once they are */
    window.setTimeout(function () {
      apply();
      toAddress();
    }, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  window.addEventListener("popstate", function () {
    fromAddress();
    apply();
  });

  fromAddress();
  apply();
  form.hidden = false;
}());
