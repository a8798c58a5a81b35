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

  // A link to something folded (a "jump to" link, an FAQ named in the text) opens it.
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    var fold = target && target.closest("details");
    if (fold) fold.open = true;
  }

  // An error summary's link shows the whole question, not only its first radio
  // (which can sit below a long legend): the legend or label scrolls into view and
  // the field takes the focus, as GOV.UK's error summary does.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    var fieldset = field.closest("fieldset");
    var question = (fieldset && fieldset.querySelector("legend")) ||
      document.querySelector("label[for='" + field.id + "']") || field;
    event.preventDefault();
    question.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  // "Sent." belongs to the address it was sent to: typing another clears it.
  document.addEventListener("input", function (event) {
    if (event.target.id !== "link-email") return;
    var status = document.getElementById("email-link-status");
    if (status) status.textContent = "";
  });

  document.addEventListener("DOMContentLoaded", function () { enhance(document); openTarget(); });
  window.addEventListener("hashchange", openTarget);

  // On paper, what a printed page keeps (the cost's items) is shown open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not(.no-print details)").forEach(function (d) { d.open = true; });
  });

  // After a wizard step swaps in, move focus to its heading (or its error
  // summary) so keyboard and screen-reader users know the page changed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "wizard") return;
    var wizard = document.getElementById("wizard");
    var focus = wizard.querySelector(".error-summary") || wizard.querySelector("#step-heading");
    if (focus) focus.focus();
    // The step's full title ("(step n of 5)", "Error:") when the page gives it.
    var heading = wizard.querySelector("#step-heading");
    if (wizard.dataset.pageTitle) document.title = wizard.dataset.pageTitle;
    else if (heading) document.title = heading.textContent + " · IMG Pathway Advisor";
  });

  // The advisor list: after a sort, a page or applied filters swap the results in,
  // focus goes to the line that says what the list now holds ("25 of 33 profiles,
  // sorted by readiness, highest first"). While someone types a search, focus stays
  // in the box and the same line is announced instead.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "results") return;
    var count = document.getElementById("results-count");
    var announce = document.getElementById("results-announce");
    if (!count) return;
    var typing = document.activeElement && document.activeElement.id === "id_q";
    if (typing && announce) {
      announce.textContent = count.textContent;
    } else {
      count.focus();
    }
  });

  // A note saved in place: focus (and so the screen reader) goes to the line that
  // says it was saved, or to the note itself when it was refused, with its error.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "notes") return;
    var refused = document.querySelector("#notes .is-invalid");
    var status = document.getElementById("note-status");
    if (refused) refused.focus();
    else if (status) status.focus();
  });

  // "Email me this link" answered in place: a refused address takes the focus, so it
  // can be corrected at once, and the title says there is an error, as a page would.
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.detail.elt;
    if (!elt || elt.id !== "email-link") return;
    var refused = document.querySelector("#email-link .is-invalid");
    var title = document.title.replace(/^Error: /, "");
    document.title = refused ? "Error: " + title : title;
    if (refused) refused.focus();
  });

  // The what-if panel (templates/profiles/_what_if.html). The server renders every
  // state (errors by field, Save off and why); this only covers the moments between
  // a keystroke and the server's answer, and keeps typing undisturbed by the swaps.
  var PENDING_NOTE = "Updating the advice for the answers above…";

  function whatIfAnswers(formData) {
    var answers = new URLSearchParams();
    formData.forEach(function (value, name) {
      // Not the answers: the token, and the "Show the advice" button a submit sends.
      if (name !== "csrfmiddlewaretoken" && name !== "preview") answers.append(name, value);
    });
    return answers.toString();
  }

  // An answer changed: what is shown is for the previous answers, so grey it and turn
  // Save off until the preview for these answers arrives (Save never saves unseen advice).
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!window.htmx || !form || form.id !== "what-if-form") return;
    document.getElementById("what-if-outcome").classList.add("is-stale");
    document.querySelector("[data-what-if-save]").disabled = true;
    var why = document.getElementById("what-if-save-why");
    why.className = "small mb-0";
    why.textContent = PENDING_NOTE;
    why.hidden = false;
  });

  var whatIfKept = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var config = event.detail.requestConfig;
    var form = document.getElementById("what-if-form");
    if (!config || !form || !config.elt.closest("#what-if-panel")) return;
    // A preview for answers since changed again: a newer one is on its way, and
    // swapping this one in would put back the older answers under the person's fingers.
    if (config.verb === "get" && whatIfAnswers(new FormData(form)) !== whatIfAnswers(config.formData)) {
      event.detail.shouldSwap = false;
      return;
    }
    var active = document.activeElement;
    whatIfKept = {
      open: Array.prototype.map.call(form.querySelectorAll("details[open]"), function (d) { return d.id; }),
      focus: active && active.id && form.contains(active) ? active.id : null,
      start: active && "selectionStart" in active ? active.selectionStart : null,
      end: active && "selectionEnd" in active ? active.selectionEnd : null,
    };
  });

  // htmx puts focus and caret back in the field being typed in; a folded group the
  // person opened must stay open too, or that field could not take the focus back.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "what-if-panel" || !whatIfKept) return;
    var kept = whatIfKept;
    whatIfKept = null;
    kept.open.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) details.open = true;
    });
    var field = kept.focus && document.getElementById(kept.focus);
    if (field && document.activeElement !== field) {
      field.focus({ preventScroll: true });
      if (kept.start !== null && field.setSelectionRange) {
        try { field.setSelectionRange(kept.start, kept.end); } catch (e) { /* not a text field */ }
      }
    }
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
