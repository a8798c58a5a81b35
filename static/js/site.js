// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  function enhance(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.querySelector(button.dataset.copy);
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = "Copied";
        });
      });
    });
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });

  // Print every FAQ answer, not only the open ones.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });

  // After a wizard step swaps in, move focus to its heading (or its error
  // summary) so keyboard and screen-reader users know the page changed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "wizard") return;
    var wizard = document.getElementById("wizard");
    var focus = wizard.querySelector(".error-summary") || wizard.querySelector("#step-heading");
    if (focus) focus.focus();
    var heading = wizard.querySelector("#step-heading");
    if (heading) document.title = heading.textContent + " · IMG Pathway Advisor";
  });

  // A request htmx made failed (a 400, 403 or 500 page is not a fragment to swap
  // in): say so where the person is looking, instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var main = document.querySelector("main");
    var note = document.getElementById("request-failed");
    if (!main) return;
    if (!note) {
      note = document.createElement("div");
      note.id = "request-failed";
      note.className = "alert alert-danger";
      note.setAttribute("role", "alert");
      note.tabIndex = -1;
      main.insertBefore(note, main.firstChild);
    }
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    note.textContent = status === 400 || status === 413
      ? "What was sent was too large or not in a shape we accept, so nothing was saved. " +
        "Shorten the long answer and try again."
      : "Something went wrong on our side (error " + status + "), so nothing was saved. " +
        "Reload the page and try again.";
    note.focus();
  });
})();
