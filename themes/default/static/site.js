/* jobjournal default theme: sortable, filterable tables, the webcal link, and days said as
   people say them ("3 days ago", "tomorrow") from the pages' ISO dates, counted from the day
   the page is read. No framework and nothing fetched. Without this script every page still
   shows everything, with absolute dates, in the order jobjournal wrote it. */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ""; }
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim().toLowerCase() : value;
  }

  function compare(a, b, type) {
    if (type === "number") { return parseFloat(a) - parseFloat(b); }
    return collator.compare(a, b);
  }

  function sortTable(table, index, direction) {
    var body = table.tBodies[0];
    var header = table.tHead.rows[0].cells[index];
    var type = header.getAttribute("data-type") || "text";
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, position) {
      return { row: row, value: cellValue(row, index), position: position };
    });
    keyed.sort(function (x, y) {
      // Empty cells go last whichever the direction: "no follow-up" is never the most urgent.
      if (x.value === "" && y.value !== "") { return 1; }
      if (y.value === "" && x.value !== "") { return -1; }
      var result = compare(x.value, y.value, type);
      if (result === 0) { return x.position - y.position; }
      return direction === "descending" ? -result : result;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, i) {
      if (i === index) { cell.setAttribute("aria-sort", direction); }
      else { cell.removeAttribute("aria-sort"); }
    });
  }

  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      if (!cell.hasAttribute("data-type")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (cell.firstChild) { button.appendChild(cell.firstChild); }
      cell.appendChild(button);
      button.addEventListener("click", function () {
        var next = cell.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortTable(table, index, next);
      });
    });
  }

  function matchesStatus(row, wanted) {
    if (!wanted) { return true; }
    if (wanted === "live") { return row.getAttribute("data-live") === "yes"; }
    if (wanted === "closed") {
      return ["signed", "rejected", "withdrawn", "ghosted"].indexOf(row.getAttribute("data-status")) >= 0;
    }
    return row.getAttribute("data-status") === wanted;
  }

  function makeFilterable(tools) {
    var table = document.getElementById(tools.getAttribute("data-filter-for"));
    if (!table) { return null; }
    var status = tools.querySelector('[data-filter="status"]');
    var text = tools.querySelector('[data-filter="text"]');
    var counter = tools.querySelector("[data-filter-count]");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });

    function apply() {
      var wanted = status ? status.value : "";
      var words = (text ? text.value : "").toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = matchesStatus(row, wanted) && words.every(function (word) {
          return haystacks[i].indexOf(word) >= 0;
        });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (counter) {
        counter.textContent = shown === rows.length ? "Showing all " + rows.length
          : "Showing " + shown + " of " + rows.length;
      }
    }

    if (status) { status.addEventListener("change", apply); }
    if (text) { text.addEventListener("input", apply); }
    tools.hidden = false;
    return { apply: apply, status: status, text: text };
  }

  function setStatus(filter, value) {
    if (!filter || !filter.status) { return; }
    var known = Array.prototype.some.call(filter.status.options, function (o) { return o.value === value; });
    filter.status.value = known ? value : "";
    filter.apply();
  }

  function webcal(link) {
    var protocol = window.location.protocol;
    if (!link.hidden || (protocol !== "http:" && protocol !== "https:")) { return; }
    var absolute = new URL(link.getAttribute("data-webcal"), window.location.href);
    link.href = "webcal://" + absolute.host + absolute.pathname;
    link.hidden = false;
  }

  // The day of an ISO date or date-time as written by jobjournal (2026-11-25, or
  // 2026-11-25T14:00+00:00 in the journal's zone), as a count of days.
  function dayNumber(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    if (!match) { return null; }
    return Date.UTC(+match[1], +match[2] - 1, +match[3]) / 86400000;
  }

  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000;
  }

  function relativeDay(iso, from) {
    var day = dayNumber(iso);
    if (day === null) { return ""; }
    var delta = day - from;
    if (delta === 0) { return "today"; }
    if (delta === 1) { return "tomorrow"; }
    if (delta === -1) { return "yesterday"; }
    return delta > 0 ? "in " + delta + " days" : -delta + " days ago";
  }

  function showRelativeDays() {
    var from = today();
    Array.prototype.forEach.call(document.querySelectorAll("[data-relative]"), function (node) {
      var text = relativeDay(node.getAttribute("data-relative"), from);
      if (!text) { return; }
      node.textContent = node.hasAttribute("data-bracket") ? "(" + text + ")" : text;
    });
    Array.prototype.forEach.call(document.querySelectorAll("time[data-as-of]"), function (node) {
      var text = relativeDay(node.getAttribute("datetime"), from);
      if (!text) { return; }
      if (!node.hasAttribute("title")) { node.setAttribute("title", node.textContent); }
      node.textContent = text === "today" ? "today" : text + " (" + node.getAttribute("title") + ")";
    });
  }

  function start() {
    showRelativeDays();
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), makeSortable);
    var filters = {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter-for]"), function (tools) {
      var filter = makeFilterable(tools);
      if (filter) { filters[tools.getAttribute("data-filter-for")] = filter; filter.apply(); }
    });
    var applications = filters["applications-table"];
    var params = new URLSearchParams(window.location.search);
    if (applications) {
      if (params.get("q") && applications.text) { applications.text.value = params.get("q"); }
      setStatus(applications, params.get("status") || "");
      Array.prototype.forEach.call(document.querySelectorAll(".pipeline a[data-status]"), function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          setStatus(applications, link.getAttribute("data-status"));
          document.getElementById("applications").scrollIntoView();
        });
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("a[data-webcal]"), webcal);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
