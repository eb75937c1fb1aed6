"""German text helpers: umlaut folding for slugs and search."""

import re

from django.utils.text import slugify

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def fold_umlauts(text: str) -> str:
    """Spell umlauts and ß the way a keyboard without them would: ä → ae, ß → ss."""
    return text.translate(_FOLD)


def german_slugify(text: str) -> str:
    """An ASCII slug that keeps German words readable: "Mobilität" → "mobilitaet"."""
    return slugify(fold_umlauts(text))


# Control characters (C0, DEL, C1) never belong in a search or a filter value;
# PostgreSQL even rejects NUL in strings. Tabs and newlines become spaces.
_CONTROL = {code: " " for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))}

# For the plain-text search key: umlauts to their base letter, and the
# two-letter spellings too, so "Flächen", "Flaechen" and "flachen" agree.
_BASE_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def strip_control_chars(text: str) -> str:
    """Replace control characters by spaces and collapse runs of whitespace."""
    return " ".join(text.translate(_CONTROL).split())


def search_key(text: str) -> str:
    """A lowercase, umlaut-insensitive spelling of text for plain substring search.

    Both the stored text and the query words go through this, so "Flächen",
    "Flaechen" and "FLÄCHEN" all become "flachen". The result is a match key,
    not for display.
    """
    text = text.lower().translate(_BASE_LETTERS)
    for pair, letter in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        text = text.replace(pair, letter)
    return text


_WORD = re.compile(r"\w+")
_UMLAUTS = frozenset("äöüÄÖÜß")


def umlaut_words(text: str) -> list[str]:
    """The words of text that contain an umlaut or ß, in order. Linear time.

    (The pattern ``\\w*[äöüÄÖÜß]\\w*`` gives the same words but backtracks over
    every long word without an umlaut: quadratic, 6.5 s for one word of
    40,000 letters.)
    """
    return [word for word in _WORD.findall(text) if not _UMLAUTS.isdisjoint(word)]


# Control characters in stored text: C0 except tab and newline, DEL, C1.
_CONTENT_CONTROL = {
    code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
}


def clean_content_text(text: str) -> str:
    """Text as it is stored: line ends as \\n, no control characters but tab and newline.

    Applied on every save of catalogue content, so what a page, the API, CSV
    and XLSX show is exactly what an import of those files gives back (XLSX
    cannot hold most control characters).
    """
    if not text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTENT_CONTROL)


# Spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with
# one of these characters may run as a formula in Excel or LibreOffice.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")


def escape_formula(value):
    """A CSV cell that no spreadsheet runs as a formula, reversibly.

    Text starting with a trigger character gets a leading apostrophe (the
    OWASP advice); text that already looks escaped gets one more, so
    ``unescape_formula`` restores every text exactly.
    """
    if not isinstance(value, str) or not value:
        return value
    first = value[0]
    if first in FORMULA_TRIGGERS or (
        first == "'" and len(value) > 1 and (value[1] in FORMULA_TRIGGERS or value[1] == "'")
    ):
        return "'" + value
    return value


def unescape_formula(value):
    """The text ``escape_formula`` was given; other text is left alone."""
    if (
        isinstance(value, str)
        and len(value) > 1
        and value[0] == "'"
        and (value[1] in FORMULA_TRIGGERS or value[1] == "'")
    ):
        return value[1:]
    return value
