// Browse pages (Steckbriefe, Praxisbeispiele, Karte): progressive enhancement of
// the filter form. Without JavaScript the form works as it is: the filter panel
// is a <details>, "Filter anwenden" and "Sortieren" submit it, and the server
// redirects a URL with empty parameters to the one without them.
//
// With JavaScript:
// - the filter panel opens on wide screens (it stays closed on phones, so the
//   results come first);
// - on wide screens every change of a filter applies at once (the list reloads;
//   focus returns to the control that was changed), sorting applies on change;
// - the form is sent without empty fields, so URLs carry no "?q=&kleine_gemeinden=".
(function () {
  "use strict";
  var form = document.getElementById("browse-form");
  if (!form) {
    return;
  }
  var FOCUS_KEY = "browse-focus";
  var wide = window.matchMedia("(min-width: 48.0625em)");
  var panel = form.querySelector("[data-filter-panel]");
  var liveHint = form.querySelector("[data-live-hint]");
  var timer = null;

  document.querySelectorAll(".js-hide").forEach(function (element) {
    element.hidden = true;
  });

  function fitToScreen() {
    if (liveHint) {
      liveHint.hidden = !wide.matches;
    }
  }
  if (panel && wide.matches) {
    panel.open = true;
  }
  fitToScreen();
  if (wide.addEventListener) {
    wide.addEventListener("change", fitToScreen);
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(key, value);
      }
    });
    return params.toString();
  }

  function go() {
    var search = query();
    window.location.assign(form.getAttribute("action") + (search ? "?" + search : ""));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    go();
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "id_sortierung") {
      go();
      return;
    }
    if (!wide.matches || !panel || !panel.contains(target)) {
      return;
    }
    try {
      window.sessionStorage.setItem(FOCUS_KEY, target.id);
    } catch (error) {
      // Storage may be blocked; the filter still applies, only focus is not restored.
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(go, 250);
  });
  // The sort select sits outside the form element (form="browse-form").
  var sort = document.getElementById("id_sortierung");
  if (sort && !form.contains(sort)) {
    sort.addEventListener("change", go);
  }

  // Back after an applied change: focus where the user was.
  var focusId = null;
  try {
    focusId = window.sessionStorage.getItem(FOCUS_KEY);
    window.sessionStorage.removeItem(FOCUS_KEY);
  } catch (error) {
    focusId = null;
  }
  if (focusId && panel && panel.open) {
    var control = document.getElementById(focusId);
    if (control && !control.disabled) {
      control.focus();
    } else {
      panel.querySelector("summary").focus();
    }
  }
})();
