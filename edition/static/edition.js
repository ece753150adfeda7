/* Margin notes on/off, remembered across pages (localStorage). The class is
   set on <html> before the page is drawn, so a reader who hid the notes
   never sees them flash. */
(function () {
  "use strict";
  var KEY = "edition-notes";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "hidden"; } catch (e) { return false; }
  }
  function store(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "hidden" : "shown"); } catch (e) { /* private mode */ }
  }
  function apply(hidden) {
    root.classList.toggle("edition-notes-hidden", hidden);
    document.querySelectorAll("[data-edition-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", hidden ? "false" : "true");
    });
    document.querySelectorAll("a.annotation-anchor").forEach(function (anchor) {
      if (hidden) { anchor.setAttribute("tabindex", "-1"); } else { anchor.removeAttribute("tabindex"); }
    });
  }

  root.classList.toggle("edition-notes-hidden", stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    document.querySelectorAll("[data-edition-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var hidden = !root.classList.contains("edition-notes-hidden");
        store(hidden);
        apply(hidden);
      });
    });
  });
})();
