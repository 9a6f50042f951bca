// upr-extract review page: link the record list to the boxes on the page images.
// Our own script, no library. It never builds markup from text: only classes, attributes and scrolling.
(function () {
  "use strict";

  var pages = document.getElementById("pages");
  var panel = document.getElementById("panel");
  if (!pages || !panel) return;

  function q(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function attr(name, value) { return "[" + name + '="' + CSS.escape(value) + '"]'; }
  function boxesOf(id) { return q(".box" + attr("data-record", id), pages); }
  function itemsOf(id) { return q(".item" + attr("data-target", id), panel); }

  function clear() {
    q(".active").forEach(function (el) { el.classList.remove("active"); });
  }

  function flashPage(n) {
    var p = document.getElementById("page-" + n);
    if (!p) return;
    p.scrollIntoView({ block: "start" });
    p.classList.add("flash");
    window.setTimeout(function () { p.classList.remove("flash"); }, 1200);
  }

  function showItem(li) {
    var group = li.closest("details");
    if (group) group.open = true;
    li.classList.add("active");
  }

  // Highlight every box of the given record ids and their panel entries.
  // `scrollTo`: "box" (bring the first box into view), "item" (bring the panel entry into view), or an element.
  function select(ids, scrollTo, page) {
    clear();
    var boxes = [];
    ids.forEach(function (id) {
      boxesOf(id).forEach(function (b) { b.classList.add("active"); boxes.push(b); });
      itemsOf(id).forEach(showItem);
    });
    if (ids.length === 1) {
      try { history.replaceState(null, "", "#rec-" + encodeURIComponent(ids[0])); } catch (e) { /* file: URLs in some browsers */ }
    }
    var main = boxes.filter(function (b) { return b.dataset.type !== "anchor"; })[0] || boxes[0];
    if (scrollTo === "box") {
      if (main) main.scrollIntoView({ block: "center", inline: "nearest" });
      else if (page) flashPage(page);
    } else if (scrollTo === "item") {
      var li = itemsOf(ids[0])[0];
      if (li) li.scrollIntoView({ block: "nearest" });
    } else if (scrollTo && scrollTo.scrollIntoView) {
      scrollTo.scrollIntoView({ block: "center", inline: "nearest" });
    }
    document.body.dataset.selected = ids.join(" ");
    return boxes.length;
  }

  panel.addEventListener("click", function (ev) {
    var go = ev.target.closest(".goto");
    if (go) {
      var marker = document.getElementById(go.dataset.goto);
      var li0 = go.closest(".item");
      if (marker && li0) select([li0.dataset.target], marker);
      else if (go.dataset.page) flashPage(go.dataset.page);
      return;
    }
    var pick = ev.target.closest(".pick");
    if (!pick) return;
    var li = pick.closest(".item");
    if (li.classList.contains("active")) { clear(); return; }
    var ids = li.dataset.members ? li.dataset.members.split(" ").filter(Boolean) : (li.dataset.target ? [li.dataset.target] : []);
    if (ids.length) {
      select(ids, "box", li.dataset.page);
      li.classList.add("active");
    } else {
      clear();
      li.classList.add("active");
      if (li.dataset.page) flashPage(li.dataset.page);
    }
  });

  pages.addEventListener("click", function (ev) {
    var box = ev.target.closest(".box");
    if (!box) { clear(); return; }
    ev.preventDefault();
    if (box.dataset.type === "anchor") {
      // A footnote marker: go to its note.
      select([box.dataset.record], "box");
      var li = itemsOf(box.dataset.record)[0];
      if (li) li.scrollIntoView({ block: "nearest" });
    } else {
      select([box.dataset.record], "item");
    }
  });

  // Filter the list by any text it shows.
  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var needle = filter.value.trim().toLowerCase();
      q(".group", panel).forEach(function (g) {
        var shown = 0;
        q(".item", g).forEach(function (li) {
          var hit = !needle || li.textContent.toLowerCase().indexOf(needle) >= 0;
          li.classList.toggle("filtered-out", !hit);
          if (hit) shown += 1;
        });
        g.classList.toggle("filtered-out", shown === 0);
        if (needle && shown) g.open = true;
      });
    });
  }

  // Show or hide each type of box.
  q("input[data-toggle]", panel).forEach(function (box) {
    box.checked = !document.body.classList.contains("hide-" + box.dataset.toggle);
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") clear();
  });

  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf("rec-") === 0) select([h.slice(4)], "box");
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // Exposed for tests and for the console: select a record by id.
  window.uprReview = { select: function (id) { return select([id], "box"); }, clear: clear };
})();
