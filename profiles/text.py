"""German text helpers: umlaut folding for slugs and search."""

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
