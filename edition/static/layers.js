/* Layers of margin notes: show or hide each layer (the editors', a
   teacher's, a class's), remembered across pages (localStorage). Loaded
   only when the book shows more than one layer; the script's data-layers
   attribute lists them as JSON (name, title, description). Every layer is shown until the reader
   hides one. */
(function () {
  "use strict";
  var KEY = "edition-hidden-layers";
  var script = document.currentScript;
  var layers = [];
  try { layers = JSON.parse((script && script.getAttribute("data-layers")) || "[]"); } catch (e) { layers = []; }
  if (layers.length < 2) { return; }

  function stored() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (e) { return []; }
  }
  function store(hidden) {
    try { window.localStorage.setItem(KEY, JSON.stringify(hidden)); } catch (e) { /* private mode */ }
  }

  function apply(hidden) {
    document.querySelectorAll("span.annotation[data-layer], span.annotation-reply[data-layer], span.annotation-mark[data-layer]").forEach(function (note) {
      note.classList.toggle("edition-layer-hidden", hidden.indexOf(note.dataset.layer) >= 0);
    });
    // A mark may stand for phrases of several layers where they overlap
    // (its data-notes lists their notes): it stays, linked to a shown
    // note and in that note's style, while any of them is shown.
    document.querySelectorAll("a.annotation-anchor[data-layer]").forEach(function (anchor) {
      if (!anchor.hasAttribute("data-own-href")) {
        anchor.setAttribute("data-own-href", anchor.getAttribute("href"));
        anchor.setAttribute("data-own-described", anchor.getAttribute("data-notes") || "");
        anchor.setAttribute("data-own-mark", anchor.getAttribute("data-layer-mark") || "0");
      }
      var notes = anchor.getAttribute("data-own-described").split(/\s+/).map(function (id) {
        return document.getElementById(id);
      }).filter(Boolean);
      var shown = notes.filter(function (note) { return hidden.indexOf(note.dataset.layer) < 0; });
      var off = notes.length > 0 ? shown.length === 0 : hidden.indexOf(anchor.dataset.layer) >= 0;
      anchor.classList.toggle("edition-layer-off", off);
      if (off) {
        anchor.setAttribute("tabindex", "-1");
        anchor.setAttribute("aria-hidden", "true");
        return;
      }
      anchor.removeAttribute("aria-hidden");
      if (!document.documentElement.classList.contains("edition-notes-hidden")) { anchor.removeAttribute("tabindex"); }
      if (shown.length === notes.length) {
        anchor.setAttribute("href", anchor.getAttribute("data-own-href"));
        anchor.setAttribute("data-layer-mark", anchor.getAttribute("data-own-mark"));
      } else {
        var last = shown[shown.length - 1];
        anchor.setAttribute("href", "#" + last.id);
        anchor.setAttribute("data-layer-mark", last.getAttribute("data-layer-mark") || "0");
      }
    });
    document.querySelectorAll("input[data-edition-layer]").forEach(function (box) {
      box.checked = hidden.indexOf(box.value) < 0;
    });
  }

  function control() {
    var wrap = document.createElement("div");
    wrap.className = "edition-layers";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn edition-layers-button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "edition-layers-panel");
    button.title = "Choose which layers of notes to show (remembered on every page)";
    button.innerHTML = '<span class="edition-layers-icon" aria-hidden="true">≡</span> Layers';
    var panel = document.createElement("fieldset");
    panel.id = "edition-layers-panel";
    panel.className = "edition-layers-panel";
    panel.hidden = true;
    var legend = document.createElement("legend");
    legend.textContent = "Show notes of";
    panel.appendChild(legend);
    layers.forEach(function (layer, index) {
      var label = document.createElement("label");
      label.className = "edition-layer-choice";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = layer.name;
      box.setAttribute("data-edition-layer", "");
      var mark = document.createElement("span");
      mark.className = "edition-layer-swatch";
      mark.setAttribute("data-layer-mark", String(index % 4));
      mark.setAttribute("aria-hidden", "true");
      label.appendChild(box);
      label.appendChild(mark);
      label.appendChild(document.createTextNode(" " + layer.title));
      if (layer.description) { label.title = layer.description; }
      panel.appendChild(label);
      box.addEventListener("change", function () {
        var hidden = stored().filter(function (name) { return name !== layer.name; });
        if (!box.checked) { hidden.push(layer.name); }
        store(hidden);
        apply(hidden);
      });
    });
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.hidden = !open;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        panel.hidden = true;
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
    wrap.appendChild(button);
    wrap.appendChild(panel);
    return wrap;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelector(".edition-buttons");
    if (buttons) { buttons.appendChild(control()); }
    apply(stored());
  });
})();
