// The applicant's forms (wizard and edit page); each works without this file.
(function () {
  "use strict";

  // A count that reads as none: empty, 0, 0.0, "none", "no".
  function readsAsNone(text) {
    return /^\s*(0*([.,]0*)?|none|no|nil)\s*$/i.test(text);
  }

  // Questions that only apply with an answer elsewhere (research details only
  // with research output) are hidden until then; the server ignores them too.
  function revealAsked(root) {
    root.querySelectorAll("[data-asked-with]").forEach(function (input) {
      var wrapper = input.closest("[id^='div_id_']");
      if (!wrapper) return;
      var sources = input.dataset.askedWith.split(" ").map(function (name) {
        return document.getElementsByName(name)[0];
      }).filter(Boolean);
      var asked = sources.some(function (source) { return !readsAsNone(source.value); });
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
  document.addEventListener("htmx:afterSettle", function () {
    revealAsked(document);
    // The page title names the step (and "Error:" when there is one); an
    // outerHTML swap leaves the event's target detached, so look the page up.
    var titled = document.querySelector("[data-page-title]");
    if (titled) document.title = titled.dataset.pageTitle;
  });
})();
