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
