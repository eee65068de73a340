/* "New since your last visit" on the change log. The date of the newest change a reader
 * has seen is kept in localStorage (no cookies); entries after it are marked. Without
 * JavaScript, or on a first visit, the log simply shows every entry unmarked. */
(function () {
  "use strict";
  var KEY = "guide-changes-seen";
  // The words it shows, in the guide's language: a JSON block in the page (theme main.html).
  var words = {};
  try { words = JSON.parse(document.getElementById("guide-words").textContent); } catch (e) { words = {}; }
  var entries = document.querySelectorAll("section.change[data-date]");
  if (!entries.length) return;
  var store;
  try { store = window.localStorage; store.getItem(KEY); } catch (e) { return; }
  var seen = store.getItem(KEY);
  var newest = "";
  entries.forEach(function (el) {
    var date = el.getAttribute("data-date");
    if (date > newest) newest = date;
    if (seen && date > seen) {
      var mark = document.createElement("p");
      mark.className = "change__new";
      mark.textContent = words.newSince || "";
      el.insertBefore(mark, el.firstChild);
    }
  });
  store.setItem(KEY, newest);
})();
