/* Live reload for `jobjournal serve`; never part of a `jobjournal build`.
   Listens on /__jobjournal/events: a `reload` event reloads the page, an `error` event shows
   its text in an overlay (built with DOM calls and styled by classes: the page's
   Content-Security-Policy allows no inline style). The next reload removes the overlay. */
(function () {
  "use strict";
  if (!window.EventSource) { return; }

  var OVERLAY_ID = "jj-overlay";

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) { old.parentNode.removeChild(old); }
  }

  function showOverlay(text) {
    removeOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.className = "jj-overlay";
    box.setAttribute("role", "alert");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "jj-overlay-close";
    close.textContent = "Dismiss";
    close.addEventListener("click", removeOverlay);
    var title = document.createElement("p");
    title.className = "jj-overlay-title";
    title.textContent = "jobjournal could not rebuild the site";
    var body = document.createElement("pre");
    body.className = "jj-overlay-text";
    body.textContent = text;  // text, never HTML: it may quote the journal
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(body);
    document.body.appendChild(box);
  }

  var source = new EventSource("/__jobjournal/events");
  source.addEventListener("reload", function () {
    removeOverlay();
    window.location.reload();
  });
  source.addEventListener("error", function (event) {
    // A connection problem is also an `error` event, but without data: stay quiet then.
    if (event && typeof event.data === "string" && event.data) { showOverlay(event.data); }
  });
})();
