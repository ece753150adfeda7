/* A quotation in the editors' text links to its paragraph with the quoted
   words in the query (?quote=…#p7). On arrival, mark those words in that
   paragraph or response (margin notes and paragraph numbers are skipped, a
   line break counts as a space) and bring the first mark into view. */
(function () {
  "use strict";
  var SKIP = ".annotation, .unit-number, .response-byline";

  function squeeze(text) { return text.replace(/\s+/g, " ").trim(); }

  function highlight() {
    var words = new URLSearchParams(window.location.search).get("quote");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var unit = id && document.getElementById(id);
    if (!words || !unit) { return; }
    words = squeeze(words);
    /* The unit's visible text, one character per entry, with where it came from. */
    var chars = [];
    var walker = document.createTreeWalker(unit, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1 && node.matches(SKIP)) { return NodeFilter.FILTER_REJECT; }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var node;
    while ((node = walker.nextNode())) {
      if (node.nodeType === 1) {
        if (node.tagName === "BR" || /^(P|DIV)$/.test(node.tagName)) { chars.push({ c: " " }); }
        continue;
      }
      for (var i = 0; i < node.data.length; i++) { chars.push({ c: node.data[i], node: node, at: i }); }
    }
    /* Collapse white space as the quotation does, keeping the map. */
    var text = "", map = [];
    chars.forEach(function (entry) {
      var space = /\s/.test(entry.c);
      if (space && (text === "" || text[text.length - 1] === " ")) { return; }
      text += space ? " " : entry.c;
      map.push(entry);
    });
    var start = text.indexOf(words);
    if (start < 0) { return; }
    /* Wrap each text node's share of the match in a <mark>, last node first. */
    var pieces = [];
    for (var k = start; k < start + words.length; k++) {
      var e = map[k];
      if (!e.node) { continue; }
      var last = pieces[pieces.length - 1];
      if (last && last.node === e.node && last.end === e.at) { last.end = e.at + 1; }
      else { pieces.push({ node: e.node, begin: e.at, end: e.at + 1 }); }
    }
    var marks = [];
    for (var p = pieces.length - 1; p >= 0; p--) {
      var piece = pieces[p];
      var range = document.createRange();
      range.setStart(piece.node, piece.begin);
      range.setEnd(piece.node, piece.end);
      var mark = document.createElement("mark");
      mark.className = "quoted-words";
      range.surroundContents(mark);
      marks.unshift(mark);
    }
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", highlight); }
  else { highlight(); }
})();
