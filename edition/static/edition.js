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
  /* Likewise a page opened from a search result (?highlight=…, or the words
     Sphinx 7 leaves in localStorage): only then is Sphinx's script that marks
     them loaded. */
  function loadBeside(name, then) {
    var script = document.createElement("script");
    if (then) { script.addEventListener("load", then); }
    script.src = document.currentScript.src.replace(/edition\.js(\?.*)?$/, name);
    document.head.appendChild(script);
  }
  if (document.currentScript) {
    if (/[?&]quote=/.test(window.location.search)) { loadBeside("edition-quote.js"); }
    if (/[?&]highlight=/.test(window.location.search) || fromSearch()) { loadBeside("sphinx_highlight.js", toMatch); }
  }
  /* Sphinx 7 passes a result's words in localStorage (sphinx_highlight_terms),
     not in the link: a page opened from the search page marks them too. */
  function fromSearch() {
    var terms = null;
    try { terms = window.localStorage.getItem("sphinx_highlight_terms"); } catch (e) { return false; }
    if (!terms || /(^|\/)search\.html$/.test(window.location.pathname)) { return false; }
    try { return /(^|\/)search\.html$/.test(new URL(document.referrer).pathname); } catch (e) { return false; }
  }
  /* A result opens at its first marked word (unless its link names a place). */
  function toMatch() {
    window.setTimeout(function () {
      if (window.location.hash) { return; }
      var marks = Array.prototype.slice.call(document.querySelectorAll("article.bd-article span.highlighted"));
      var first = marks.filter(function (mark) { return mark.getClientRects().length > 0; })[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    }, 60);
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
  /* The mark after a phrase's closing punctuation stands for the phrase: a
     tap on it (the triangle on a phone) opens the note as the phrase does. */
  function markedAnchor(target) {
    var mark = target.closest && target.closest("span.annotation-mark");
    var note = mark && mark.nextElementSibling;
    return note && note.classList.contains("annotation") ? anchorOf(note) : null;
  }
  function onPhrase(event) {
    var anchor = event.target.closest("a.annotation-anchor") || markedAnchor(event.target);
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

  /* ------------------------------------------------ notes in the margin (from 992 px) */
  /* Each paragraph's notes move out of it, into a list right after it, so the
     paragraph is read whole and its notes after it; each note is then set in
     the margin beside its phrase. Notes that would overlap spread as a group,
     up as well as down, as little as they can: the group stands where the sum
     of the squared distances of its notes from their phrases is least
     (pool-adjacent-violators; in document order, a fixed gap apart). Below
     992 px, or without the script, each note stays in its paragraph. */
  var MARGIN = window.matchMedia("(min-width: 992px)");
  var NOTE_GAP = 12;
  var NOTE_MEASURE = 24; // rem: the widest a note's column grows
  var printing = false;

  function notesOut() {
    document.querySelectorAll("span.annotation").forEach(function (note) {
      var parent = note.parentElement;
      if (parent.classList.contains("edition-notes")) { return; }
      if (!note.editionHome) {
        note.editionHome = document.createComment(" " + note.id + " ");
        parent.insertBefore(note.editionHome, note);
      }
      var block = parent.closest("p") || parent;
      var list = block.nextElementSibling;
      if (!list || !list.classList.contains("edition-notes")) {
        list = document.createElement("div");
        list.className = "edition-notes";
        block.parentNode.insertBefore(list, block.nextSibling);
      }
      list.appendChild(note);
      var anchor = anchorOf(note);
      if (anchor) { anchor.setAttribute("aria-details", note.id); }
    });
  }
  function notesHome() {
    document.querySelectorAll(".edition-notes > span.annotation").forEach(function (note) {
      var home = note.editionHome;
      home.parentNode.insertBefore(note, home.nextSibling);
      note.style.top = note.style.left = note.style.width = "";
      var anchor = anchorOf(note);
      if (anchor) { anchor.removeAttribute("aria-details"); }
    });
    document.querySelectorAll("div.edition-notes").forEach(function (list) { list.remove(); });
    var article = document.querySelector("article.bd-article");
    if (article) { article.style.minHeight = ""; }
  }
  /* Tops for boxes wanting tops ``want`` with ``height``s, in order, ``gap``
     apart, none above ``least``: each run of boxes that would overlap is set
     as one block at the mean of its wishes. */
  function spread(want, height, gap, least) {
    var blocks = [];
    want.forEach(function (w, i) {
      var block = { first: i, n: 1, sum: w, height: height[i] };
      block.top = Math.max(w, i === 0 ? least : -Infinity);
      while (blocks.length) {
        var prev = blocks[blocks.length - 1];
        if (prev.top + prev.height + gap <= block.top) { break; }
        blocks.pop();
        prev.sum += block.sum - (prev.height + gap) * block.n;
        prev.n += block.n;
        prev.height += gap + block.height;
        prev.top = prev.first === 0 ? Math.max(prev.sum / prev.n, least) : prev.sum / prev.n;
        block = prev;
      }
      blocks.push(block);
    });
    var tops = [];
    blocks.forEach(function (block) {
      var y = block.top;
      for (var i = block.first; i < block.first + block.n; i++) { tops.push(y); y += height[i] + gap; }
    });
    return tops;
  }
  function layOut() {
    var article = document.querySelector("article.bd-article");
    if (!article || !document.querySelector("span.annotation")) { return; }
    if (!MARGIN.matches && !printing) { notesHome(); return; }
    notesOut();
    if (printing) { return; }
    article.style.minHeight = "";
    var notes = Array.prototype.slice.call(article.querySelectorAll(".edition-notes > span.annotation"))
      .filter(function (note) { return note.getClientRects().length > 0; });
    if (!notes.length) { return; }
    var box = article.getBoundingClientRect();
    var right = box.right - parseFloat(getComputedStyle(article).paddingRight);
    var last = box.top;
    var want = notes.map(function (note) {
      var anchor = anchorOf(note);
      var line = anchor && Array.prototype.slice.call(anchor.getClientRects()).filter(function (r) { return r.width > 0; })[0];
      last = line ? line.top : last;
      return last;
    });
    // The column takes the room there is right of the text (at 1024 px the
    // stylesheet's width would leave a fifth of the screen empty), up to a
    // comfortable measure for the notes' smaller type.
    var rem = parseFloat(getComputedStyle(root).fontSize);
    var gap = parseFloat(getComputedStyle(notes[0]).marginLeft);
    var room = root.clientWidth - right - gap - rem;
    notes.forEach(function (note) {
      note.style.width = "";
      var width = Math.max(note.getBoundingClientRect().width, Math.min(room, NOTE_MEASURE * rem));
      note.style.width = width + "px";
      note.style.left = (right - note.offsetParent.getBoundingClientRect().left) + "px";
    });
    var height = notes.map(function (note) { return note.getBoundingClientRect().height; });
    var tops = spread(want, height, NOTE_GAP, box.top);
    notes.forEach(function (note, i) {
      note.style.top = (tops[i] - note.offsetParent.getBoundingClientRect().top) + "px";
    });
    var bottom = tops[tops.length - 1] + height[height.length - 1];
    if (bottom > box.bottom) { article.style.minHeight = (bottom - box.top + NOTE_GAP) + "px"; }
  }
  var pending = false;
  function layOutSoon() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; layOut(); });
  }

  /* Hovering or focusing a phrase marks its note, and the other way round. */
  function pairOf(target) {
    var note = target.closest && target.closest("span.annotation");
    if (note) { return note; }
    var anchor = target.closest && target.closest("a.annotation-anchor");
    return anchor ? document.querySelector(anchor.getAttribute("href") || anchor.dataset.href || "#none") : null;
  }
  function pair(event) {
    var note = pairOf(event.target);
    if (!note || !note.id) { return; }
    var on = event.type === "mouseover" || event.type === "focusin";
    note.classList.toggle("edition-paired", on);
    document.querySelectorAll('a.annotation-anchor[href="#' + note.id + '"], a.annotation-anchor[data-href="#' + note.id + '"]')
      .forEach(function (anchor) { anchor.classList.toggle("edition-paired", on); });
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
  /* Each table can reflow on a phone: every cell carries its column's heading. */
  function labelTables() {
    document.querySelectorAll("article.bd-article table").forEach(function (table) {
      var heads = Array.prototype.slice.call(table.querySelectorAll("thead tr:last-child th"));
      if (!heads.length) { return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.slice.call(row.children).forEach(function (cell, i) {
          if (heads[i]) { cell.setAttribute("data-label", heads[i].textContent.trim()); }
        });
      });
      table.classList.add("edition-reflow");
    });
  }
  function setUpNumbers() {
    // The dialog the numbers control exists from the start (aria-controls names it).
    if (document.querySelector("a.unit-number[data-citation]")) { cite = cite || buildCite(); }
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
                   ".lining .edition-sr-only", // “paragraph” said for a ¶ sign
                   ".bd-header-article", "#jb-print-docs-body", ".prev-next-area"]; // the page's controls
      doc.querySelectorAll(apart.join(", ")).forEach(function (el) { el.remove(); });
      // A heading or a paragraph ends with a space: no “grievingEditors’ introduction”.
      doc.querySelectorAll("h1, h2, h3, h4, p, li, dt, dd, th, td, div, article").forEach(function (el) {
        el.appendChild(doc.createTextNode(" "));
      });
      return original.call(this, doc.documentElement.outerHTML, anchor);
    };
    // One result a page: its best match (a glossary term or a unit's number
    // opens the page at that place), not the page again for each way it matched.
    var perform = search._performSearch;
    if (typeof perform === "function") {
      search._performSearch = function () {
        var results = perform.apply(this, arguments);
        var seen = {};
        var kept = [];
        for (var i = results.length - 1; i >= 0; i--) {  // best last: Sphinx shows the last first
          if (!seen[results[i][0]]) { seen[results[i][0]] = true; kept.unshift(results[i]); }
        }
        return kept;
      };
    }
    search.editionPatched = true;
  }

  root.classList.toggle("edition-notes-hidden", stored());
  patchSearch();
  document.addEventListener("DOMContentLoaded", function () {
    patchSearch();
    apply(stored());
    setUpNumbers();
    labelTables();
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
    window.addEventListener("resize", function () { closeCite(false); layOutSoon(); });
    layOut();
    if (document.fonts) {
      document.fonts.ready.then(layOutSoon);
      if (document.fonts.addEventListener) { document.fonts.addEventListener("loadingdone", layOutSoon); }
    }
    window.addEventListener("load", layOutSoon);
    window.addEventListener("beforeprint", function () { printing = true; layOut(); });
    window.addEventListener("afterprint", function () { printing = false; layOut(); });
    ["mouseover", "mouseout", "focusin", "focusout"].forEach(function (type) { document.addEventListener(type, pair); });
    // Notes shown or hidden (the notes switch, a layer) change the margin.
    new MutationObserver(layOutSoon).observe(root, { attributes: true, attributeFilter: ["class"] });
    var article = document.querySelector("article.bd-article");
    if (article) {
      new MutationObserver(function (changes) {
        if (changes.some(function (c) { return /edition-layer-hidden/.test(c.oldValue || "") !== c.target.classList.contains("edition-layer-hidden"); })) { layOutSoon(); }
      }).observe(article, { attributes: true, attributeFilter: ["class"], attributeOldValue: true, subtree: true });
    }
  });
})();
