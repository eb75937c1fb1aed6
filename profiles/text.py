"""German text helpers: umlaut folding for slugs and search."""

from django.utils.text import slugify

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def fold_umlauts(text: str) -> str:
    """Spell umlauts and ß the way a keyboard without them would: ä → ae, ß → ss."""
    return text.translate(_FOLD)


def german_slugify(text: str) -> str:
    """An ASCII slug that keeps German words readable: "Mobilität" → "mobilitaet"."""
    return slugify(fold_umlauts(text))
