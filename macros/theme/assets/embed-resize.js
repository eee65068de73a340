/* An embed page tells the page holding its iframe how tall its content is, whenever that changes
   (fonts arriving, the frame's width changing, a <details> opening), so the iframe can be exactly
   that tall: no cut-off, no empty space. The iframe code the guide offers (macros/reuse/embeds.py,
   `snippet`) carries the listener. Outside an iframe, or with JavaScript off, nothing changes. */
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var root = document.documentElement;
  var last = 0;
  function post() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "guide-embed-height", height: height }, "*");
    }
  }
  if (window.ResizeObserver) { new ResizeObserver(post).observe(root); }
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  document.addEventListener("toggle", post, true);
  post();
})();
