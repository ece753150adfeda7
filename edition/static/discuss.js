/* Live discussion with Hypothesis, opt in (edition_hypothesis in _config.yml).
   The header gets a "Discuss" button; nothing is loaded from another host
   until the reader has read what that means and chosen to go on. Only then
   are the client's settings written to the page (its JSON settings, where
   the client reads "group", and window.hypothesisConfig) and the client
   script requested. */
(function () {
  "use strict";
  var script = document.currentScript;
  var client = script ? script.getAttribute("data-client") : "";
  var group = script ? script.getAttribute("data-group") : "";
  if (!client) { return; }
  var host;
  try { host = new URL(client, document.baseURI).host; } catch (e) { host = client; }

  function settings() {
    var value = { openSidebar: true };
    if (group) { value.group = group; }
    return value;
  }

  function load(button) {
    if (document.querySelector("script[data-edition-hypothesis-client]")) { return; }
    var config = document.createElement("script");
    config.type = "application/json";
    config.className = "js-hypothesis-config";
    config.textContent = JSON.stringify(settings());
    document.head.appendChild(config);
    window.hypothesisConfig = function () { return settings(); };
    var tag = document.createElement("script");
    tag.src = client;
    tag.async = true;
    tag.setAttribute("data-edition-hypothesis-client", "");
    document.head.appendChild(tag);
    button.setAttribute("aria-pressed", "true");
    button.title = "The discussion is open in the panel at the side of the page";
  }

  function dialog(button) {
    var box = document.createElement("dialog");
    box.className = "edition-discuss-dialog";
    box.setAttribute("aria-labelledby", "edition-discuss-title");
    var where = group
      ? "in the class’s private group, visible to its members"
      : "publicly, visible to anyone";
    box.innerHTML =
      '<h2 id="edition-discuss-title">Discuss this page with Hypothesis</h2>' +
      "<p>The discussion runs on Hypothesis, an annotation service that is not part of this edition. " +
      "If you go on, your browser loads its software from <strong></strong>, and from then on this page " +
      "talks to Hypothesis’s servers: they learn the address of the page and your IP address, and " +
      "whatever you write there, with your Hypothesis account name, is stored by them under their own " +
      "terms and privacy policy, " + where + ".</p>" +
      "<p>Nothing has been sent yet. If you choose “Not now”, the edition keeps loading nothing from " +
      "another site.</p>" +
      '<div class="edition-discuss-actions">' +
      '<button type="button" class="btn edition-discuss-go" value="go">Load Hypothesis</button> ' +
      '<button type="button" class="btn edition-discuss-cancel" value="cancel">Not now</button></div>';
    box.querySelector("strong").textContent = host;
    box.querySelector(".edition-discuss-go").addEventListener("click", function () {
      box.close("go");
    });
    box.querySelector(".edition-discuss-cancel").addEventListener("click", function () {
      box.close("cancel");
    });
    box.addEventListener("close", function () {
      if (box.returnValue === "go") { load(button); }
      button.focus();
    });
    document.body.appendChild(box);
    return box;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelector(".edition-buttons");
    if (!buttons) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn edition-discuss";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-haspopup", "dialog");
    button.title = "Annotate and discuss this page with Hypothesis (asks first; loads nothing until you agree)";
    button.innerHTML = '<span class="edition-discuss-icon" aria-hidden="true">✎</span> Discuss';
    var box = null;
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") { return; }
      box = box || dialog(button);
      box.returnValue = "";
      box.showModal();
    });
    buttons.appendChild(button);
  });
})();
