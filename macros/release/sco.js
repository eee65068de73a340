/* The SCO of one module of a SCORM package (macros/release/scorm.py). The launch page holds the
   module's pages in a frame and keeps one session with the learning platform, through the pinned
   SCORM wrapper (npm @gamestdio/scorm, a port of the pipwerks wrapper, copied into the package):
   it finds the platform's API up the frame and opener chain, reports "incomplete" on launch,
   stores the page shown as lesson_location (and reopens it on the next launch), reports
   "completed" once the learner has reached the module's last page, and ends the session when the
   launch page is left; a quiz answered in the module gives the score and passed or failed.
   SCORM 1.2 or 2004, whichever API the platform offers (the wrapper looks for 2004's first): the
   same facts under each version's names (FIELDS). Outside a platform there is no API: the pages are the public site's, and
   nothing else happens (no errors, no prompts). */
(function () {
  "use strict";
  var frame = document.getElementById("sco-frame");
  var pages = Array.prototype.map.call(document.querySelectorAll("#sco-pages a"), function (a) {
    return a.getAttribute("href");
  });
  var wrapper = window.GuideScorm && window.GuideScorm.scorm;
  if (!frame || !pages.length || !wrapper) { return; }
  wrapper.configure({ debug: false, handleExitMode: true, handleCompletionStatus: false });
  if (!wrapper.initialize()) { return; }
  // SCORM 1.2 keeps completion and success in one status; 2004 has one element for each.
  var FIELDS = {
    "1.2": { status: "cmi.core.lesson_status", success: "cmi.core.lesson_status", location: "cmi.core.lesson_location",
             score: "cmi.core.score." },
    "2004": { status: "cmi.completion_status", success: "cmi.success_status", location: "cmi.location",
              score: "cmi.score." }
  };
  var cmi = FIELDS[wrapper.version];
  if (!cmi) { return; }

  var status = wrapper.get(cmi.status);
  var done = status === "completed" || status === "passed";
  if (!done) { wrapper.set(cmi.status, "incomplete"); }
  var resume = wrapper.get(cmi.location);
  var resuming = Boolean(resume) && pages.indexOf(resume) > 0;
  if (resuming) { frame.src = resume; }
  wrapper.commit();

  var base = location.href.replace(/[?#].*$/, "").replace(/[^\/]*$/, "");
  function shown() {
    var here;
    try { here = frame.contentWindow.location.href.replace(/[?#].*$/, ""); } catch (e) { return; }
    if (here.indexOf(base) !== 0) { return; }
    var page = decodeURI(here.slice(base.length));
    var index = pages.indexOf(page);
    if (index < 0) { return; }  // a page of the guide outside this module: keep the last place
    wrapper.set(cmi.location, page);
    if (!done && index === pages.length - 1) {
      done = true;
      wrapper.set(cmi.status, "completed");
    }
    wrapper.commit();
  }
  frame.addEventListener("load", shown);
  // This script is deferred: the frame may have shown its first page before it ran.
  if (!resuming) {
    try { if (frame.contentDocument && frame.contentDocument.readyState === "complete") { shown(); } } catch (e) { /* not ours */ }
  }
  // The module's self-check quiz (assets/quiz.js) tells this page its score: a percentage, passed
  // or failed against the pack's pass mark (quiz.yml). Only from a page of this module in the frame.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || !data || typeof data.guideQuiz !== "string") { return; }
    var page;
    try { page = decodeURI(frame.contentWindow.location.href.replace(/[?#].*$/, "").slice(base.length)); } catch (e) { return; }
    var score = Number(data.score), mark = Number(data.passMark);
    if (pages.indexOf(page) < 0 || !(score >= 0 && score <= 100) || !(mark >= 0 && mark <= 100)) { return; }
    wrapper.set(cmi.score + "min", "0");
    wrapper.set(cmi.score + "max", "100");
    wrapper.set(cmi.score + "raw", String(score));
    if (wrapper.version === "2004") {
      wrapper.set(cmi.score + "scaled", String(score / 100));
      wrapper.set(cmi.status, "completed");  // the quiz is on the module's last page
    }
    wrapper.set(cmi.success, score >= mark ? "passed" : "failed");
    done = true;  // a result stands: reaching the last page again does not turn it back into "completed"
    wrapper.commit();
  });
  var ended = false;
  window.addEventListener("pagehide", function () {
    if (!ended) { ended = true; wrapper.terminate(); }
  });
})();
