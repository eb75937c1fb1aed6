"""Text processing for the search index and queries: linear time, no regex backtracking.

Every function here walks its input once (``re`` with a single character class,
``str.translate``), so a 10,000-character query or a long section costs time
proportional to its length.

- ``words(text)``: the words of a text, as the index and the query see them.
- ``match_key(word)``: lowercase, ß → ss, German Snowball stem (which also folds
  ä/ae, ö/oe, ü/ue), so "Zweckverbände", "zweckverbaende" and "Zweckverband"
  agree. SQLite's FTS5 index stores these keys; PostgreSQL stems itself with
  its german configuration (the same Snowball algorithm).
- ``highlight(text, units)``: an escaped passage with <mark> around matches.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

_WORD = re.compile(r"\w+")
_UMLAUTS = frozenset("äöüÄÖÜß")
_SHARP_S = str.maketrans({"ß": "ss", "ẞ": "ss"})
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})

# PostgreSQL's german configuration drops these (Snowball's German stop list,
# the most frequent part); SQLite drops them too, at index and query time, so
# "und die der" finds nothing on both and phrases skip them alike.
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das dass daß derselbe derselben denselben desselben demselben dieselbe
    dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich
    dir du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer
    eines einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure
    eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin
    hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem
    jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen
    keiner keines können könnte machen man manche manchem manchen mancher manches mein
    meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob
    oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so
    solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unsere
    unserem unseren unser unseres unter viel vom von vor während war waren warst was weg
    weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir
    wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
    """.split()
)

_stemmer = snowballstemmer.stemmer("german")


def words(text: str) -> list[str]:
    """The words of text in order (letters and digits; everything else separates)."""
    return _WORD.findall(text)


def fold_umlauts(text: str) -> str:
    """ä → ae, ß → ss: the spelling of a keyboard without umlauts."""
    return text.translate(_FOLD)


def has_umlaut(word: str) -> bool:
    return not _UMLAUTS.isdisjoint(word)


@lru_cache(maxsize=65536)
def match_key(word: str) -> str:
    """The index key of one word: lowercase, ß → ss, German Snowball stem."""
    return _stemmer.stemWord(word.lower().translate(_SHARP_S))


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS


def index_keys(text: str) -> str:
    """The text as SQLite's FTS5 index stores it: the keys of its words, stopwords left out."""
    return " ".join(match_key(w) for w in words(text) if not is_stopword(w))


def plain_words(text: str) -> str:
    """The text as PostgreSQL indexes it: its words separated by spaces.

    PostgreSQL's parser would keep "P+R-Platz" as one hyphenated word with
    parts at shifted positions; plain words keep "p r platz" in order on both
    engines, so a phrase like "P+R" matches the same places. Words with
    umlauts are repeated in their folded spelling ("Fläche Flaeche"), so a
    query typed without umlauts finds them.
    """
    out = []
    for word in words(text):
        out.append(word)
        if has_umlaut(word):
            out.append(fold_umlauts(word))
    return " ".join(out)


# Highlighting ------------------------------------------------------------


def _spans(text: str, units: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character spans of the query units (sequences of keys) found in text."""
    tokens = [(m.start(), m.end(), match_key(m.group())) for m in _WORD.finditer(text)]
    keys = [key for _s, _e, key in tokens]
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for unit in units:
        if unit:
            firsts.setdefault(unit[0], []).append(unit)
    spans = []
    i = 0
    while i < len(tokens):
        found = 0
        for unit in firsts.get(keys[i], ()):
            n = len(unit)
            if tuple(keys[i : i + n]) == unit and n > found:
                found = n
        if found:
            spans.append((tokens[i][0], tokens[i + found - 1][1]))
            i += found
        else:
            i += 1
    return spans


def highlight(text: str, units: list[tuple[str, ...]], *, max_chars=220, fragments=2) -> str:
    """Safe HTML: up to ``fragments`` passages of text around matches, matches in <mark>.

    ``units`` are the positive query terms as tuples of match keys (a phrase
    has several). Everything is escaped; only the marks are HTML. Empty when
    nothing in text matches.
    """
    spans = _spans(text, units)
    if not spans:
        return ""
    half = max_chars // 2
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        if windows and start < windows[-1][1]:
            continue  # already shown in the previous passage
        if len(windows) == fragments:
            break
        lo = max(0, start - half // 2)
        hi = min(len(text), max(end, lo + max_chars))
        # Start and end at word boundaries.
        if lo > 0:
            space = text.find(" ", lo, start)
            lo = space + 1 if space != -1 else lo
        if hi < len(text):
            space = text.rfind(" ", end, hi)
            hi = space if space != -1 else hi
        windows.append((lo, hi))
    parts = []
    for lo, hi in windows:
        out = []
        pos = lo
        for start, end in spans:
            if start < lo or end > hi:
                continue
            out.append(escape(_plain(text[pos:start])))
            out.append(f"<mark>{escape(_plain(text[start:end]))}</mark>")
            pos = end
        out.append(escape(_plain(text[pos:hi])))
        passage = "".join(out).strip()
        if lo > 0:
            passage = "… " + passage
        if hi < len(text):
            passage += " …"
        parts.append(passage)
    return mark_safe(" ".join(parts))  # noqa: S308 (every piece is escaped above)


_MARKDOWN = str.maketrans({"*": "", "#": "", "_": " ", "\n": " "})


def _plain(text: str) -> str:
    """Markdown emphasis and headings out of a passage (links stay as text)."""
    return text.translate(_MARKDOWN)
