/* Registers the guide's service worker (sw.js at the site's root, generated at build time by
   Workbox: macros/webapp.mjs), so that the patient pages and every page opened once can be read
   again without a network. Only where a service worker can run (http(s)); the offline (file://)
   build has neither this script nor the worker. An enhancement: if registering fails, the page is
   simply the page. Registered once the page has loaded: installing the worker fetches the whole precache
   (patient pages, assets, search index), which would otherwise compete with the page's own files
   on a slow connection. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) { return; }
  var root = new URL("../", script.src);  // this script is assets/sw-register.js
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
  }
  if (document.readyState === "complete") { register(); } else { window.addEventListener("load", register); }
})();
