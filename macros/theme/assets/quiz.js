/* Self-check quizzes (macros/render/quiz.py): checks the answers in the page, marks each question
   with the right answer in words, and says the result in a live region. Inside a SCORM module the
   page sits in the module's launch page (macros/release/sco.js), which it tells the score so that
   the learning platform receives it; no other page is told. */
(function () {
  "use strict";
  // The words it shows, in the guide's language: a JSON block in the page (theme main.html).
  var words = {};
  try { words = JSON.parse(document.getElementById("guide-words").textContent); } catch (e) { words = {}; }
  // A message's {name} filled in: "You answered {right} of {total} ..." (theme.yml keeps whole sentences).
  function say(key, values) {
    return String(words[key] || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : whole;
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("form.guide-quiz__form"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var questions = form.querySelectorAll("fieldset[data-answer]");
      var right = 0;
      Array.prototype.forEach.call(questions, function (fieldset) {
        var answer = fieldset.getAttribute("data-answer");
        var chosen = fieldset.querySelector("input:checked");
        var correct = fieldset.querySelector('input[value="' + answer + '"]');
        var label = correct && form.querySelector('label[for="' + correct.id + '"]');
        var ok = Boolean(chosen) && chosen.value === answer;
        var feedback = fieldset.querySelector(".guide-quiz__feedback");
        if (ok) { right += 1; }
        feedback.textContent = ok ? say("quizRight") :
          say(chosen ? "quizWrong" : "quizUnanswered", { answer: label ? label.textContent.trim() : "" });
        feedback.hidden = false;
        fieldset.setAttribute("data-result", ok ? "right" : "wrong");
      });
      var score = Math.round(100 * right / questions.length);
      form.querySelector(".guide-quiz__result").textContent =
        say("quizResult", { right: right, total: questions.length, score: score });
      // Only to a page of the same site holding this one (a module's launch page): a page that
      // embeds the guide from elsewhere is not told anyone's result.
      var launcher = null;
      try { launcher = window.parent !== window && window.parent.document ? window.parent : null; } catch (e) { launcher = null; }
      if (launcher) {
        launcher.postMessage({
          guideQuiz: form.getAttribute("data-quiz"), score: score,
          passMark: Number(form.getAttribute("data-pass-mark"))
        }, "*");
      }
    });
  });
})();
