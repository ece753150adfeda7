/* The edition's reading aids, on top of the theme:
   - margin notes on/off, remembered across pages (localStorage); the class is
     set on <html> before the page is drawn, so a reader who hid the notes
     never sees them flash;
   - on a phone or tablet (below 992 px) each note is closed until its phrase
     is tapped: the phrase is a disclosure button (aria-expanded,
     aria-controls), a second tap or Escape closes it;
   - on wider screens a click on a phrase highlights its note in place, with
     no jump;
   - between 992 and 1199 px, on pages with notes, the navigation opens from
     its button as a dialog, leaving its width to the margin notes;
   - each ¶/R number opens a small dialog with the paragraph's citation and a
     copy button;
   - search results quote the text, not the notes run into it;
   - a link from a quotation loads the script that marks the quoted words.
   Without the script every note stays visible and every link works. */
(function () {
  "use strict";
  var KEY = "edition-notes";
  var root = document.documentElement;
  var NARROW = window.matchMedia("(max-width: 991.98px)");
  var LAPTOP = window.matchMedia("(min-width: 992px) and (max-width: 1199.98px)");

  root.classList.add("edition-js");

  /* A quotation in the editors' text links here with its words (?quote=…):
     only then is the script that marks them loaded (edition-quote.js). */
  /* Likewise a search result links here with the searched words
     (?highlight=…): only then is Sphinx's script that marks them loaded. */
  function loadBeside(name) {
    var script = document.createElement("script");
    script.src = document.currentScript.src.replace(/edition\.js(\?.*)?$/, name);
    document.head.appendChild(script);
  }
  if (document.currentScript) {
    if (/[?&]quote=/.test(window.location.search)) { loadBeside("edition-quote.js"); }
    if (/[?&]highlight=/.test(window.location.search)) { loadBeside("sphinx_highlight.js"); }
  }

  function stored() {
    try { return window.localStorage.getItem(KEY) === "hidden"; } catch (e) { return false; }
  }
  function store(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "hidden" : "shown"); } catch (e) { /* private mode */ }
  }
  function anchors() {
    return Array.prototype.slice.call(document.querySelectorAll("a.annotation-anchor"));
  }
  function noteOf(anchor) {
    return document.getElementById("note-" + anchor.id.replace(/^anchor-/, ""));
  }
  function anchorOf(note) {
    return document.getElementById("anchor-" + note.id.replace(/^note-/, ""));
  }
  function notesHidden() {
    return root.classList.contains("edition-notes-hidden");
  }

  /* ------------------------------------------------ notes on and off */
  function apply(hidden) {
    root.classList.toggle("edition-notes-hidden", hidden);
    document.querySelectorAll("[data-edition-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", hidden ? "false" : "true");
    });
    anchors().forEach(function (anchor) {
      // Hidden notes: the phrase is plain text, not a link to a hidden target.
      if (hidden) {
        if (anchor.hasAttribute("href")) { anchor.dataset.href = anchor.getAttribute("href"); }
        anchor.removeAttribute("href");
        anchor.setAttribute("tabindex", "-1");
        closeNote(anchor, false);
      } else {
        if (anchor.dataset.href) { anchor.setAttribute("href", anchor.dataset.href); }
        anchor.removeAttribute("tabindex");
      }
    });
    setMode();
  }

  /* ------------------------------------------------ phrases and notes */
  function setMode() {
    var narrow = NARROW.matches && !notesHidden();
    anchors().forEach(function (anchor) {
      var note = noteOf(anchor);
      if (!note) { return; }
      if (narrow) {
        anchor.setAttribute("role", "button");
        anchor.setAttribute("aria-controls", note.id);
        anchor.setAttribute("aria-expanded", note.classList.contains("edition-open") ? "true" : "false");
      } else {
        anchor.removeAttribute("role");
        anchor.removeAttribute("aria-controls");
        anchor.removeAttribute("aria-expanded");
      }
    });
  }
  function openNote(anchor) {
    var note = noteOf(anchor);
    note.classList.add("edition-open");
    anchor.setAttribute("aria-expanded", "true");
  }
  function closeNote(anchor, focus) {
    var note = noteOf(anchor);
    if (!note || !note.classList.contains("edition-open")) { return; }
    note.classList.remove("edition-open");
    if (anchor.hasAttribute("aria-expanded")) { anchor.setAttribute("aria-expanded", "false"); }
    if (focus) { anchor.focus({ preventScroll: true }); }
  }
  function highlight(anchor) {
    var note = noteOf(anchor);
    document.querySelectorAll(".edition-current").forEach(function (el) { el.classList.remove("edition-current"); });
    anchor.classList.add("edition-current");
    note.classList.add("edition-current");
    // Bring the note into view only if it is not there already, and by the least amount.
    var r = note.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { note.scrollIntoView({ block: "nearest" }); }
    note.setAttribute("tabindex", "-1");
    note.focus({ preventScroll: true });
  }
  function onPhrase(event) {
    var anchor = event.target.closest("a.annotation-anchor");
    if (!anchor || notesHidden() || !noteOf(anchor)) { return; }
    event.preventDefault();
    if (NARROW.matches) {
      if (noteOf(anchor).classList.contains("edition-open")) { closeNote(anchor, false); } else { openNote(anchor); }
    } else {
      highlight(anchor);
    }
  }
  function onBack(event) {
    var back = event.target.closest("a.annotation-back");
    if (!back) { return; }
    var note = back.closest("span.annotation");
    var anchor = note && anchorOf(note);
    if (!anchor) { return; }
    event.preventDefault();
    note.classList.remove("edition-current");
    anchor.classList.remove("edition-current");
    if (NARROW.matches) {
      closeNote(anchor, true);
    } else {
      var r = anchor.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) { anchor.scrollIntoView({ block: "center" }); }
      anchor.focus({ preventScroll: true });
    }
  }
  function onKey(event) {
    if (event.key === " " || event.key === "Spacebar") {
      var anchor = event.target.closest && event.target.closest("a.annotation-anchor[role=button], a.unit-number[role=button]");
      if (anchor) { event.preventDefault(); anchor.click(); }
      return;
    }
    if (event.key !== "Escape") { return; }
    if (closeCite(true)) { return; }
    var open = document.querySelectorAll("span.annotation.edition-open");
    if (!open.length) { return; }
    var focused = document.activeElement;
    open.forEach(function (note) {
      var anchor = anchorOf(note);
      var inside = focused && (note.contains(focused) || focused === anchor);
      closeNote(anchor, inside);
    });
  }

  /* ------------------------------------------------ navigation on laptops */
  function onNavToggle(event) {
    var toggle = event.target.closest && event.target.closest(".primary-toggle");
    if (!toggle || !LAPTOP.matches || !document.querySelector("span.annotation")) { return; }
    var sidebar = document.getElementById("pst-primary-sidebar");
    var dialog = document.getElementById("pst-primary-sidebar-modal");
    if (!sidebar || !dialog || dialog.open) { return; }
    // The theme would fold the sidebar away in place; here it opens as the
    // theme's own dialog, as on a phone. The theme moves it back on close.
    event.preventDefault();
    event.stopPropagation();
    var previous = document.activeElement;
    Array.prototype.slice.call(sidebar.childNodes).forEach(function (node) { dialog.appendChild(node); });
    Array.prototype.slice.call(sidebar.classList).forEach(function (cls) {
      sidebar.classList.remove(cls);
      dialog.classList.add(cls);
    });
    dialog.showModal();
    dialog.addEventListener("close", function () { if (previous && previous.focus) { previous.focus(); } }, { once: true });
  }

  /* ------------------------------------------------ cite this paragraph */
  var cite = null;
  var citeOwner = null;

  function buildCite() {
    var box = document.createElement("div");
    box.className = "edition-cite";
    box.id = "edition-cite";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", "edition-cite-title");
    box.setAttribute("aria-modal", "true");
    box.hidden = true;
    box.innerHTML =
      '<p class="edition-cite-title" id="edition-cite-title"></p>' +
      '<p class="edition-cite-text" id="edition-cite-text"></p>' +
      '<div class="edition-cite-actions">' +
      '<button type="button" class="edition-cite-copy">Copy citation</button>' +
      '<a class="edition-cite-link" href="#">Link to this paragraph</a>' +
      '<span class="edition-cite-status" role="status" aria-live="polite"></span>' +
      '<button type="button" class="edition-cite-close" aria-label="Close">×</button>' +
      "</div>";
    document.body.appendChild(box);
    box.querySelector(".edition-cite-copy").addEventListener("click", copyCitation);
    box.querySelector(".edition-cite-close").addEventListener("click", function () { closeCite(true); });
    box.querySelector(".edition-cite-link").addEventListener("click", function () { closeCite(false); });
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") { return; }
      // Keep Tab within the dialog while it is open; Escape leaves it.
      var items = box.querySelectorAll("button, a[href]");
      var first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    return box;
  }
  function openCite(number) {
    cite = cite || buildCite();
    if (citeOwner && citeOwner !== number) { citeOwner.setAttribute("aria-expanded", "false"); }
    citeOwner = number;
    var label = number.dataset.citeLabel;
    var name = number.getAttribute("data-cite-name");
    cite.querySelector(".edition-cite-title").textContent = "Cite " + name.toLowerCase();
    cite.querySelector(".edition-cite-text").textContent = citationText(number);
    cite.querySelector(".edition-cite-status").textContent = "";
    var link = cite.querySelector(".edition-cite-link");
    link.setAttribute("href", number.getAttribute("href"));
    link.textContent = "Go to " + label;
    cite.hidden = false;
    var r = number.getBoundingClientRect();
    var width = cite.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    cite.style.left = left + "px";
    cite.style.top = (r.bottom + window.scrollY + 6) + "px";
    number.setAttribute("aria-expanded", "true");
    cite.querySelector(".edition-cite-copy").focus({ preventScroll: true });
  }
  // The citation the reader copies, as edition/citation.py's with_address
  // composes it: the unit's absolute address (from html_baseurl, or else the
  // page's own location) and the date the reader opened the box.
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  function citationText(number) {
    var url = number.dataset.citeUrl ||
      window.location.href.split("#")[0].split("?")[0] + number.getAttribute("href");
    var today = new Date();
    var accessed = today.getDate() + " " + MONTHS[today.getMonth()] + " " + today.getFullYear();
    return number.dataset.citation + " " + url + " (accessed " + accessed + ").";
  }
  function closeCite(focus) {
    if (!cite || cite.hidden) { return false; }
    cite.hidden = true;
    if (citeOwner) {
      citeOwner.setAttribute("aria-expanded", "false");
      if (focus) { citeOwner.focus({ preventScroll: true }); }
    }
    citeOwner = null;
    return true;
  }
  function copyCitation() {
    var text = cite.querySelector(".edition-cite-text").textContent;
    var status = cite.querySelector(".edition-cite-status");
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      cite.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      cite.removeChild(area);
      cite.querySelector(".edition-cite-copy").focus({ preventScroll: true });
      status.textContent = done ? "Copied" : "Select the text to copy it";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied"; }, fallback);
    } else {
      fallback();
    }
  }
  function setUpNumbers() {
    document.querySelectorAll("a.unit-number[data-citation]").forEach(function (number) {
      number.setAttribute("data-cite-name", number.getAttribute("aria-label"));
      number.setAttribute("role", "button");
      number.setAttribute("aria-haspopup", "dialog");
      number.setAttribute("aria-expanded", "false");
      number.setAttribute("aria-controls", "edition-cite");
      number.setAttribute("aria-label", number.getAttribute("aria-label") + ": cite");
      number.setAttribute("title", "Cite " + number.dataset.citeLabel);
    });
  }
  function onNumber(event) {
    var number = event.target.closest("a.unit-number[data-citation]");
    if (number) {
      event.preventDefault();
      if (citeOwner === number && cite && !cite.hidden) { closeCite(true); } else { openCite(number); }
      return;
    }
    if (cite && !cite.hidden && !cite.contains(event.target)) { closeCite(false); }
  }

  /* ------------------------------------------------ search snippets */
  // Sphinx builds each result's snippet from the page's text; the notes
  // (kind label and all) would run into the sentence they annotate, and the
  // header's buttons would open every snippet.
  function patchSearch() {
    // searchtools.js declares Search with const: a global name, not a property of window.
    var search = typeof Search !== "undefined" ? Search : window.Search; // eslint-disable-line no-undef
    if (!search || typeof search.htmlToText !== "function" || search.editionPatched) { return; }
    var original = search.htmlToText;
    search.htmlToText = function (htmlString, anchor) {
      var doc = new DOMParser().parseFromString(htmlString, "text/html");
      var apart = ["span.annotation", "a.unit-number", "p.edition-intro-label", // notes and labels
                   ".bd-header-article", "#jb-print-docs-body", ".prev-next-area"]; // the page's controls
      doc.querySelectorAll(apart.join(", ")).forEach(function (el) { el.remove(); });
      return original.call(this, doc.documentElement.outerHTML, anchor);
    };
    search.editionPatched = true;
  }

  root.classList.toggle("edition-notes-hidden", stored());
  patchSearch();
  document.addEventListener("DOMContentLoaded", function () {
    patchSearch();
    apply(stored());
    setUpNumbers();
    document.querySelectorAll("[data-edition-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var hidden = !notesHidden();
        store(hidden);
        apply(hidden);
      });
    });
    document.addEventListener("click", onPhrase);
    document.addEventListener("click", onBack);
    document.addEventListener("click", onNumber);
    document.addEventListener("keydown", onKey);
    window.addEventListener("click", onNavToggle, true);
    var modeChange = function () {
      setMode();
      closeCite(false);
    };
    if (NARROW.addEventListener) { NARROW.addEventListener("change", modeChange); } else { NARROW.addListener(modeChange); }
    window.addEventListener("resize", function () { closeCite(false); });
  });
})();
