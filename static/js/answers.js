// The applicant's forms (wizard and edit page); each works without this file.
(function () {
  "use strict";

  // The words the server reads as none ("none", "n/a", "not yet"...), rendered into the
  // page from the parser's own list (advisor/engine/number_input.py).
  var noneWords = [];
  var listed = document.querySelector("meta[name='reads-as-none']");
  if (listed) noneWords = JSON.parse(listed.content);

  // A count that reads as none: empty, one of those words, or zero however written
  // (0, 0.0, "0 papers").
  function readsAsNone(text) {
    var plain = text.trim().toLowerCase().split(/\s+/).join(" ");
    if (plain === "" || noneWords.indexOf(plain) !== -1) return true;
    return /^\+?0*([.,]0*)?( [^\d\s]+)?$/.test(plain) && plain.indexOf("0") !== -1;
  }

  // The value of the answer named: a list's choice, the checked radio button, or text.
  function valueOf(name) {
    var inputs = document.getElementsByName(name);
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type !== "radio" && input.type !== "checkbox") || input.checked) return input.value;
    }
    return null;
  }

  // Whether a question is asked, given the answers it depends on: with an answer
  // elsewhere (data-asked-with="usce-a usce-b": research details only with research
  // output) and/or only for some values of another (data-asked-if="logistics-visa:j1,h1b").
  function isAsked(input) {
    var asked = true;
    if (input.dataset.askedWith) {
      asked = input.dataset.askedWith.split(" ").some(function (name) {
        var value = valueOf(name);
        return value !== null && !readsAsNone(value);
      });
    }
    if (asked && input.dataset.askedIf) {
      var parts = input.dataset.askedIf.split(":");
      var value = valueOf(parts[0]);
      // A source not on this page was answered elsewhere: the server decides.
      asked = value === null || parts[1].split(",").indexOf(value) !== -1;
    }
    return asked;
  }

  // Questions that only apply with some answer elsewhere are hidden until then; the
  // server ignores them too (profiles/forms.py, AnswersForm.clean).
  function revealAsked(root) {
    root.querySelectorAll("[data-asked-with], [data-asked-if]").forEach(function (input) {
      var wrapper = input.closest("[id^='div_id_']");
      if (!wrapper) return;
      var asked = isAsked(input);
      wrapper.hidden = !asked;
      // An error about a question no longer asked must not stay in the summary either.
      document.querySelectorAll(".error-summary a[href='#" + input.id + "']").forEach(function (link) {
        var item = link.closest("li");
        if (item) item.hidden = !asked;
      });
    });
  }

  function focusErrorSummary(root) {
    var summary = root.querySelector(".error-summary[data-focus]");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    revealAsked(document);
    focusErrorSummary(document);
  });
  document.addEventListener("input", function () { revealAsked(document); });
  // A list's choice and a radio button fire "change" (some browsers no "input").
  document.addEventListener("change", function () { revealAsked(document); });
  // On the swap itself, before the browser paints the new step: hiding a question
  // later would move the buttons below it under a pointer already on its way.
  document.addEventListener("htmx:afterSwap", function () { revealAsked(document); });
  document.addEventListener("htmx:afterSettle", function () {
    revealAsked(document);
    // The page title names the step (and "Error:" when there is one); an
    // outerHTML swap leaves the event's target detached, so look the page up.
    var titled = document.querySelector("[data-page-title]");
    if (titled) document.title = titled.dataset.pageTitle;
  });
})();
