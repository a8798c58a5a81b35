// The caseload's filters fold on a phone, so its first screen shows profiles, not
// eight empty controls; open while a filter is in use. The page works without this
// file: the filters are simply open.
(function () {
  "use strict";

  var phone = window.matchMedia("(max-width: 575.98px)");

  function fold() {
    document.querySelectorAll("details.caseload-filters").forEach(function (filters) {
      filters.open = !phone.matches || filters.hasAttribute("data-in-use");
    });
  }

  document.addEventListener("DOMContentLoaded", fold);
  phone.addEventListener("change", fold);
})();
