/* Reuse helpers, each an enhancement of something that works without JavaScript:
   - copy buttons (hidden in the HTML; the text they copy stays selectable);
   - the page's own address in "Cite this page" when the build did not know it (no site_url);
   - printing: open every collapsed section before printing, close them again after. */
(function () {
  "use strict";
  // The words it shows, in the guide's language: a JSON block in the page (theme main.html).
  var words = {};
  try { words = JSON.parse(document.getElementById("guide-words").textContent); } catch (e) { words = {}; }

  if (/^https?:$/.test(location.protocol)) {
    var here = location.origin + location.pathname;
    document.querySelectorAll("[data-page-address]").forEach(function (el) { el.textContent = here; });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentElement.querySelector(".copy-status");
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.tagName === "CODE" ? target.textContent.trim() : target.textContent.replace(/\s+/g, " ").trim();
      copyText(text).then(function () {
        if (status) { status.textContent = words.copied || ""; }
      }, function () {
        if (status) { status.textContent = words.copyFailed || ""; }
      });
    });
  });

  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
