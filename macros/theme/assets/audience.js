/* Audience switch. The two links work without JavaScript; this script only adds the
 * optional "Remember my choice" box. The choice is kept in localStorage (no cookies,
 * nothing leaves the browser). A reader who asked to be remembered and opens the guide
 * at the other version is taken to theirs, but only on the first page of a visit
 * (sessionStorage), so links between the two versions keep working afterwards. */
(function () {
  "use strict";
  var KEY = "guide-audience";
  var VISIT = "guide-visit-started";
  var nav = document.querySelector(".audience-switch");
  var local, session;
  try {
    local = window.localStorage;
    session = window.sessionStorage;
    local.getItem(KEY);
  } catch (e) {
    return; // storage blocked: the plain links still work
  }
  var firstPage = !session.getItem(VISIT);
  session.setItem(VISIT, "1");
  if (!nav) return;

  var current = nav.getAttribute("data-audience");
  var other = nav.querySelector("a[data-audience]");
  var saved = local.getItem(KEY);
  if (firstPage && saved && other && saved !== current) {
    window.location.replace(other.href);
    return;
  }

  var label = document.createElement("label");
  label.className = "audience-switch__remember";
  var box = document.createElement("input");
  box.type = "checkbox";
  box.checked = saved === current;
  label.appendChild(box);
  label.appendChild(document.createTextNode(" Remember my choice on this device"));
  nav.appendChild(label);

  box.addEventListener("change", function () {
    if (box.checked) local.setItem(KEY, current);
    else local.removeItem(KEY);
  });
  if (other) {
    other.addEventListener("click", function () {
      if (box.checked) local.setItem(KEY, other.getAttribute("data-audience"));
    });
  }
})();
