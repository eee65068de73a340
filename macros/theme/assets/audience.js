/* Audience switch and home-page doors. The links work without JavaScript; this script only
 * adds the optional "Remember my choice" box. The choice is kept in localStorage (no cookies,
 * nothing leaves the browser). A reader who asked to be remembered and opens the guide at the
 * other version, or at the home page, is taken to theirs, but only on the first page of a visit
 * (sessionStorage), so links between the two versions and back home keep working afterwards. */
(function () {
  "use strict";
  var KEY = "guide-audience";
  var VISIT = "guide-visit-started";
  var AUDIENCES = ["patient", "clinician"];
  // The words it shows, in the guide's language: a JSON block in the page (theme main.html).
  var words = {};
  try { words = JSON.parse(document.getElementById("guide-words").textContent); } catch (e) { words = {}; }
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
  var saved = local.getItem(KEY);
  if (AUDIENCES.indexOf(saved) < 0) saved = null;

  function rememberBox(container, checked) {
    var label = document.createElement("label");
    label.className = "audience-switch__remember";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = checked;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + (words.remember || "")));
    container.appendChild(label);
    return box;
  }

  // The home page: one door per audience.
  var doors = document.querySelector(".audience-doors");
  if (doors) {
    var door = saved && doors.querySelector('a.audience-door[data-audience="' + saved + '"]');
    if (firstPage && door) {
      window.location.replace(door.href);
      return;
    }
    var doorBox = rememberBox(doors, !!saved);
    doorBox.addEventListener("change", function () {
      if (!doorBox.checked) local.removeItem(KEY);
    });
    Array.prototype.forEach.call(doors.querySelectorAll("a.audience-door[data-audience]"), function (a) {
      a.addEventListener("click", function () {
        if (doorBox.checked) local.setItem(KEY, a.getAttribute("data-audience"));
      });
    });
    return;
  }

  // A topic page: the switch to the same topic for the other audience.
  var nav = document.querySelector(".audience-switch");
  if (!nav) return;
  var current = nav.getAttribute("data-audience");
  var other = nav.querySelector("a[data-audience]");
  if (firstPage && saved && other && saved !== current) {
    window.location.replace(other.href);
    return;
  }
  var box = rememberBox(nav, saved === current);
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

/* Search: each result carries its audience's label (added to the search index by the guide
 * plugin). Results for the reader's own audience come first: the remembered choice, or else the
 * audience of the page being read. Material renders results in batches as the reader scrolls; each
 * batch is sorted again as it arrives. Without JavaScript there is no search to sort. */
(function () {
  "use strict";
  var search = document.querySelector(".md-search");
  var list = search && search.querySelector(".md-search-result__list");
  if (!list) return;
  var saved = null;
  try {
    saved = window.localStorage.getItem("guide-audience");
  } catch (e) {
    saved = null;
  }
  var page = document.querySelector(".audience-switch[data-audience]");
  var mode = saved || (page && page.getAttribute("data-audience"));
  var label = mode && search.getAttribute("data-label-" + mode);
  if (!label) return;

  function ours(item) {
    var tag = item.querySelector(".md-tag"); // the page's own entry comes first, with the label
    return !!tag && tag.textContent.trim() === label;
  }
  function sort() {
    var items = Array.prototype.slice.call(list.children);
    var wanted = items.filter(ours).concat(items.filter(function (i) { return !ours(i); }));
    var same = wanted.every(function (item, i) { return item === items[i]; });
    if (!same) wanted.forEach(function (item) { list.appendChild(item); });
  }
  new MutationObserver(sort).observe(list, { childList: true });
})();
