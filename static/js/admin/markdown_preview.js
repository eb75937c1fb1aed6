/* Admin: a live preview beside each Markdown textarea (data-markdown-preview).
   The server renders the text exactly as the public page does (sanitised
   Markdown); this script only asks for it and shows it. Without JavaScript the
   textarea works as before. */
(function () {
  "use strict";
  var DELAY = 400;

  function csrfToken(textarea) {
    var form = textarea.form;
    var field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function setUp(textarea, index) {
    var url = textarea.getAttribute("data-markdown-preview");
    var wrapper = document.createElement("div");
    wrapper.className = "markdown-editor";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(textarea);

    var panel = document.createElement("section");
    panel.className = "markdown-preview";
    var headingId = "markdown-preview-title-" + index;
    panel.setAttribute("aria-labelledby", headingId);
    var heading = document.createElement("h3");
    heading.id = headingId;
    heading.className = "markdown-preview__title";
    heading.textContent = "Vorschau";
    var body = document.createElement("div");
    body.className = "markdown-preview__body";
    body.setAttribute("data-markdown-preview-body", "");
    var status = document.createElement("p");
    status.className = "markdown-preview__status";
    status.setAttribute("role", "status");
    panel.appendChild(heading);
    panel.appendChild(status);
    panel.appendChild(body);
    wrapper.appendChild(panel);

    var timer = null;
    var requestNumber = 0;

    function render() {
      var number = ++requestNumber;
      var data = new FormData();
      data.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) }
      })
        .then(function (response) {
          return response.text().then(function (text) {
            return { ok: response.ok, text: text };
          });
        })
        .then(function (result) {
          if (number !== requestNumber) {
            return; // an older answer arriving late
          }
          if (result.ok) {
            // Sanitised on the server by the same rules as the public pages.
            body.innerHTML = result.text;
            status.textContent = textarea.value.trim() ? "" : "Noch kein Text.";
          } else {
            status.textContent = result.text || "Die Vorschau ist gerade nicht verfügbar.";
          }
        })
        .catch(function () {
          status.textContent = "Die Vorschau ist gerade nicht verfügbar.";
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(render, DELAY);
    });
    render();
  }

  function init() {
    var areas = document.querySelectorAll("textarea[data-markdown-preview]");
    Array.prototype.forEach.call(areas, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
