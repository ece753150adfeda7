/* Live discussion with Hypothesis, opt in (edition_hypothesis in _config.yml).
   The header gets a "Discuss" button; nothing is loaded from another host
   until the reader has read what that means and chosen to go on. Only then
   are the client's settings written to the page (its JSON settings, where
   the client reads "group", and window.hypothesisConfig) and the client
   script requested. The choice is remembered for the site (localStorage),
   so later pages load the client at once; the Discuss button then offers to
   withdraw it, which forgets the choice and reloads the page without it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var client = script ? script.getAttribute("data-client") : "";
  var group = script ? script.getAttribute("data-group") : "";
  if (!client) { return; }
  var CONSENT = "edition-discuss-consent";
  function consented() {
    try { return window.localStorage.getItem(CONSENT) === client; } catch (e) { return false; }
  }
  function remember(yes) {
    try {
      if (yes) { window.localStorage.setItem(CONSENT, client); } else { window.localStorage.removeItem(CONSENT); }
    } catch (e) { /* private mode: asked again on each page */ }
  }
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
    button.title = "The discussion is on for this site; press to turn it off";
  }

  function withdrawal(button) {
    var box = document.createElement("dialog");
    box.className = "edition-discuss-dialog edition-discuss-withdraw";
    box.setAttribute("aria-labelledby", "edition-discuss-off-title");
    box.innerHTML =
      '<h2 id="edition-discuss-off-title">Turn the discussion off?</h2>' +
      "<p>You agreed to load Hypothesis on the pages of this edition. Turning it off forgets that " +
      "choice and reloads this page without Hypothesis; the edition then loads nothing from another " +
      "site until you agree again. What you wrote stays with Hypothesis.</p>" +
      '<div class="edition-discuss-actions">' +
      '<button type="button" class="btn edition-discuss-off" value="off">Turn off</button> ' +
      '<button type="button" class="btn edition-discuss-cancel" value="cancel">Keep it on</button></div>';
    box.querySelector(".edition-discuss-off").addEventListener("click", function () { box.close("off"); });
    box.querySelector(".edition-discuss-cancel").addEventListener("click", function () { box.close("cancel"); });
    box.addEventListener("close", function () {
      if (box.returnValue === "off") { remember(false); window.location.reload(); return; }
      button.focus();
    });
    document.body.appendChild(box);
    return box;
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
      if (box.returnValue === "go") { remember(true); load(button); }
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
    var off = null;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-pressed") === "true";
      var shown = open ? (off = off || withdrawal(button)) : (box = box || dialog(button));
      shown.returnValue = "";
      shown.showModal();
    });
    buttons.appendChild(button);
    if (consented()) { load(button); }
  });
})();
