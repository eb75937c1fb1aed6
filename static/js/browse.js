// Browse page enhancement: apply sorting as soon as it changes.
// Without JavaScript the "Sortieren" button does the same.
(function () {
  "use strict";
  var select = document.getElementById("id_sortierung");
  if (!select || !select.form) {
    return;
  }
  document.querySelectorAll(".js-hide").forEach(function (element) {
    element.hidden = true;
  });
  select.addEventListener("change", function () {
    select.form.submit();
  });
})();
