/* Registers the guide's service worker (sw.js at the site's root, generated at build time by
   Workbox: macros/webapp.mjs), so that the patient pages and every page opened once can be read
   again without a network. Only where a service worker can run (http(s)); the offline (file://)
   build has neither this script nor the worker. An enhancement: if registering fails, the page is
   simply the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) { return; }
  var root = new URL("../", script.src);  // this script is assets/sw-register.js
  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
})();
