/* Share box: "Link kopieren" and "Drucken" buttons. Optional: without this
   script the link stays a read-only field to copy by hand. */
(function () {
  "use strict";

  function copyWithSelection(input) {
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function setUp(box) {
    var input = box.querySelector("[data-share-url]");
    var button = box.querySelector("[data-share-copy]");
    var status = box.querySelector("[data-share-status]");
    if (!input || !button || !status) {
      return;
    }
    input.addEventListener("focus", function () {
      input.select();
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        status.textContent = "Link kopiert.";
      };
      var fallback = function () {
        if (copyWithSelection(input)) {
          done();
        } else {
          status.textContent =
            "Kopieren war nicht möglich. Der Link ist markiert: bitte mit Strg+C (Mac: ⌘+C) kopieren.";
        }
      };
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  document.querySelectorAll("[data-share]").forEach(setUp);
  document.querySelectorAll("[data-share-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
