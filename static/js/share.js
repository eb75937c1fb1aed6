/* Share: "Link kopieren" and "Drucken" buttons (in the share box or in a page's
   action bar). Optional: without this script the buttons stay hidden and the
   link is a read-only field to copy by hand. A copy button names its field
   (data-share-target, an id) and may name its status line (data-share-status). */
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

  function statusFor(button) {
    var id = button.getAttribute("data-share-status");
    if (id && document.getElementById(id)) {
      return document.getElementById(id);
    }
    var box = button.closest("[data-share]") || document;
    return box.querySelector("[data-share-status]");
  }

  function setUp(button) {
    var input = document.getElementById(button.getAttribute("data-share-target") || "share-url");
    var status = statusFor(button);
    if (!input || !status) {
      return;
    }
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

  document.querySelectorAll("[data-share-url]").forEach(function (input) {
    input.addEventListener("focus", function () {
      input.select();
    });
  });
  document.querySelectorAll("[data-share-copy]").forEach(setUp);
  document.querySelectorAll("[data-share-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
