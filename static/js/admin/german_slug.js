/* Admin: slugs from titles spell umlauts the German way (ä → ae, ß → ss), as the
   server does (profiles.text.german_slugify). Wraps Django's URLify, which
   prepopulate.js calls while the editor types the title. */
(function () {
  "use strict";
  var FOLD = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS" };

  function foldUmlauts(text) {
    return String(text).replace(/[äöüßÄÖÜẞ]/g, function (letter) {
      return FOLD[letter];
    });
  }

  var original = window.URLify;
  if (typeof original !== "function" || original.germanUmlauts) {
    return;
  }
  var german = function (text, maxLength, allowUnicode) {
    // NFC first: a decomposed "a" + combining diaeresis is an ä too.
    var composed = String(text).normalize ? String(text).normalize("NFC") : String(text);
    return original(foldUmlauts(composed), maxLength, allowUnicode);
  };
  german.germanUmlauts = true;
  window.URLify = german;
})();
