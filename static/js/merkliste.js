// Merkliste: Steckbriefe collected while browsing, kept in this browser
// (localStorage, never sent to the server) and shared by every tab and page.
// Without JavaScript (or storage) the "Merken" buttons and the header link stay
// hidden, and the page /merkliste/ says what to do instead.
(function () {
  "use strict";
  var KEY = "steckbrief-merkliste";
  var MAX_COMPARE = 4;
  var SLUG = /^[-a-z0-9_]{1,200}$/i;

  function storageWorks() {
    try {
      window.localStorage.setItem(KEY + "-probe", "1");
      window.localStorage.removeItem(KEY + "-probe");
      return true;
    } catch (error) {
      return false;
    }
  }
  if (!storageWorks()) {
    return;
  }

  // Only well-formed entries: a slug, a title and a path on this site.
  function read() {
    var items;
    try {
      items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
    } catch (error) {
      items = [];
    }
    if (!Array.isArray(items)) {
      return [];
    }
    return items.filter(function (item) {
      return (
        item &&
        typeof item.slug === "string" &&
        SLUG.test(item.slug) &&
        typeof item.title === "string" &&
        typeof item.url === "string" &&
        item.url.charAt(0) === "/" &&
        item.url.charAt(1) !== "/"
      );
    });
  }

  function write(items) {
    window.localStorage.setItem(KEY, JSON.stringify(items));
  }

  function has(items, slug) {
    return items.some(function (item) {
      return item.slug === slug;
    });
  }

  var status = document.querySelector("[data-merkliste-status]");
  function announce(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function toggle(button) {
    var items = read();
    var slug = button.getAttribute("data-slug");
    var title = button.getAttribute("data-title");
    if (has(items, slug)) {
      items = items.filter(function (item) {
        return item.slug !== slug;
      });
      announce("„" + title + "“ von der Merkliste entfernt (" + items.length + ").");
    } else {
      items.push({ slug: slug, title: title, url: button.getAttribute("data-url") });
      announce("„" + title + "“ gemerkt. Auf der Merkliste: " + items.length + ".");
    }
    write(items);
    render();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function hiddenText(text) {
    return element("span", "visually-hidden", text);
  }

  function renderPage(page, items) {
    var list = page.querySelector("[data-merkliste-items]");
    var form = page.querySelector("[data-merkliste-form]");
    var empty = page.querySelector("[data-merkliste-empty]");
    var checked = {};
    list.querySelectorAll("input[name=s]").forEach(function (box) {
      checked[box.value] = box.checked;
    });
    list.textContent = "";
    items.forEach(function (item, index) {
      var li = element("li", "merkliste__item");
      var link = element("a", "merkliste__title", item.title);
      link.href = item.url;
      li.appendChild(link);
      var check = element("div", "kern-form-check");
      var box = element("input", "kern-form-check__checkbox");
      box.type = "checkbox";
      box.name = "s";
      box.value = item.slug;
      box.id = "merk-" + item.slug;
      box.checked = item.slug in checked ? checked[item.slug] : index < MAX_COMPARE;
      var label = element("label", "kern-label", "vergleichen");
      label.htmlFor = box.id;
      label.appendChild(hiddenText(": " + item.title));
      check.appendChild(box);
      check.appendChild(label);
      li.appendChild(check);
      var remove = element("button", "kern-btn kern-btn--tertiary");
      remove.type = "button";
      var removeLabel = element("span", "kern-label", "Entfernen");
      removeLabel.appendChild(hiddenText(": " + item.title));
      remove.appendChild(removeLabel);
      remove.addEventListener("click", function () {
        write(
          read().filter(function (other) {
            return other.slug !== item.slug;
          })
        );
        announce("„" + item.title + "“ von der Merkliste entfernt.");
        render();
        // The button is gone: keep the keyboard focus on the page.
        var heading = page.querySelector("h1");
        if (heading) {
          heading.focus();
        }
      });
      li.appendChild(remove);
      list.appendChild(li);
    });
    form.hidden = items.length === 0;
    empty.hidden = items.length !== 0;
  }

  function render() {
    var items = read();
    document.querySelectorAll("[data-merken]").forEach(function (button) {
      button.hidden = false;
      button.setAttribute("aria-pressed", has(items, button.getAttribute("data-slug")) ? "true" : "false");
    });
    document.querySelectorAll("[data-merkliste-link]").forEach(function (link) {
      link.hidden = false;
    });
    document.querySelectorAll("[data-merkliste-count]").forEach(function (count) {
      count.textContent = String(items.length);
    });
    var page = document.querySelector("[data-merkliste-page]");
    if (page) {
      page.querySelectorAll("[data-merkliste-nojs]").forEach(function (note) {
        note.hidden = true;
      });
      renderPage(page, items);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-merken]");
    if (button) {
      toggle(button);
      return;
    }
    if (event.target.closest("[data-merkliste-clear]")) {
      write([]);
      announce("Die Merkliste ist leer.");
      render();
    }
  });
  // Another tab changed the list.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      render();
    }
  });
  render();
})();
