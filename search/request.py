"""The one search object of a request: built once from the term, used by everyone.

The browse FilterSets, their facets, their views and the site search all
read the same ``Search``: the cleaned term, whether it was shortened, the
parsed query (with synonyms), per kind whether full text or the typo fallback
answers (the mode), highlighted passages, and a "Meinten Sie …?" suggestion.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from profiles.text import strip_control_chars
from search import engine, text
from search.models import Synonym
from search.query import MAX_QUERY_LENGTH, parse, synonym_table

MODE_FULL_TEXT = "volltext"  # every word (or phrase) occurs
MODE_ANY = "einige"  # nothing has all words: those with some of them, best first
MODE_FUZZY = "unscharf"  # no word occurs: titles spelled alike (typos)

_SYNONYM_CACHE_KEY = "search:synonyms:v1"

# A search matching more objects of a kind than this counts, filters and ranks
# a bounded candidate set (search.engine.candidates), and the page says so.
CANDIDATE_LIMIT = 1000


def _limit_text() -> str:
    return f"{CANDIDATE_LIMIT:,}".replace(",", ".")


def capped_label() -> str:
    """How a capped count reads on the page: "mehr als 1.000"."""
    return f"mehr als {_limit_text()}"


def clean_query(raw: str) -> str:
    """A search string safe for every engine: no control characters, capped length."""
    return strip_control_chars(raw)[:MAX_QUERY_LENGTH].strip()


def synonyms() -> dict:
    """The editors' synonyms as a lookup table (cached until one changes)."""
    table = cache.get(_SYNONYM_CACHE_KEY)
    if table is None:
        table = synonym_table(s.spellings for s in Synonym.objects.all())
        cache.set(_SYNONYM_CACHE_KEY, table, 300)
    return table


def _synonyms_changed(**kwargs):
    cache.delete(_SYNONYM_CACHE_KEY)


post_save.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search_synonyms_saved")
post_delete.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search_synonyms_deleted")


class Search:
    """What was searched for, and how each kind answers it."""

    def __init__(self, raw: str | None):
        raw = "" if raw is None else str(raw)
        stripped = strip_control_chars(raw)
        self.term = clean_query(raw)
        self.shortened = len(stripped) > MAX_QUERY_LENGTH
        self.query = parse(self.term, synonyms()) if self.term else parse("")
        self._modes: dict[str, str] = {}
        self._candidates: dict[str, list[int] | None] = {}
        self._newest: dict[str, list[int]] = {}

    def __bool__(self) -> bool:
        """True when a term was given (even one without searchable words)."""
        return bool(self.term)

    @property
    def searchable(self) -> bool:
        """True when the term has at least one word to look for."""
        return bool(self.query)

    @property
    def notices(self) -> list[str]:
        """German notes about the term itself, for the page."""
        notes = []
        if self.shortened:
            notes.append(
                f"Der Suchbegriff war sehr lang und wurde auf {MAX_QUERY_LENGTH} Zeichen gekürzt."
            )
        if self.term and not self.query:
            notes.append(
                f"„{self.term}“ enthält kein Wort, nach dem gesucht werden kann "
                "(nur Füllwörter, Zeichen oder Ausschlüsse). Bitte geben Sie ein Suchwort ein."
            )
        return notes

    def mode(self, searchable, queryset) -> str | None:
        """How the kind answers, decided once over queryset (what the page lists).

        All words (full text); else titles spelled alike, every word resembling
        one (typos); else, for several words, objects with some of them.
        """
        if not self.term:
            return None
        if searchable.kind not in self._modes:
            mode = MODE_FULL_TEXT
            newest = []
            if self.query:
                # The newest matches tell whether there is any, and start the
                # candidate set (one query for both).
                newest = engine.newest_matches(searchable, queryset, self.query, CANDIDATE_LIMIT)
                self._newest[searchable.kind] = newest
            if self.query and not newest:
                mode = MODE_FUZZY
                if (
                    len(self.query.positive) > 1
                    and not engine.fuzzy_matching(searchable, queryset, self.query).exists()
                    and engine.matching(searchable, queryset, self.query.any_word()).exists()
                ):
                    mode = MODE_ANY
            self._modes[searchable.kind] = mode
        return self._modes[searchable.kind]

    def query_for(self, searchable):
        """The query as the kind's mode runs it."""
        return self.query.any_word() if self._modes.get(searchable.kind) == MODE_ANY else self.query

    def set_mode(self, searchable, mode: str) -> None:
        self._modes[searchable.kind] = mode

    def filter(self, searchable, queryset, base=None):
        """queryset narrowed to the matches; ``base`` decides the mode (default: queryset)."""
        if not self.term:
            return queryset
        base = base if base is not None else queryset
        if self.mode(searchable, base) == MODE_FUZZY:
            return engine.fuzzy_matching(searchable, queryset, self.query)
        ids = self.candidates(searchable, base)
        if ids is not None:
            return queryset.filter(pk__in=ids)
        return engine.matching(searchable, queryset, self.query_for(searchable))

    def candidates(self, searchable, base):
        """The bounded candidate ids of the kind over base, or None when all matches count.

        Decided once per kind, like the mode, over everything the page lists.
        """
        if searchable.kind not in self._candidates:
            any_word = self._modes.get(searchable.kind) == MODE_ANY
            self._candidates[searchable.kind] = engine.candidates(
                searchable,
                base,
                self.query_for(searchable),
                CANDIDATE_LIMIT,
                newest=None if any_word else self._newest.get(searchable.kind),
            )
        return self._candidates[searchable.kind]

    def capped(self, searchable) -> bool:
        """True when the kind's matches were more than CANDIDATE_LIMIT (after filter())."""
        return self._candidates.get(searchable.kind) is not None

    def cap_notice(self, searchable) -> str:
        """The German note for a capped kind ("" when every match counts)."""
        if not self.capped(searchable):
            return ""
        limit = _limit_text()
        return (
            f"Mehr als {limit} {searchable.label_plural} enthalten diese Suchwörter. "
            f"Gezählt, gefiltert und nach Relevanz geordnet werden die {limit} zuletzt "
            "aufgenommenen und alle, die die Suchwörter im Titel tragen. Mit weiteren "
            "Wörtern oder Filtern wird die Auswahl genauer."
        )

    def order(self, searchable, queryset):
        """Best matches first (then by title)."""
        if self._modes.get(searchable.kind) == MODE_FUZZY:
            return engine.order_by_similarity(searchable, queryset, self.query)
        coverage = self.query if self._modes.get(searchable.kind) == MODE_ANY else None
        return engine.order_by_relevance(
            searchable, queryset, self.query_for(searchable), coverage=coverage
        )

    def snippet(self, searchable, obj) -> str:
        """A highlighted, escaped passage of obj's text around the matches ("" if none)."""
        if not self.query or self._modes.get(searchable.kind) == MODE_FUZZY:
            return ""
        units = self.query.highlight_units()
        for name in searchable.snippet_fields:
            html = text.highlight(getattr(obj, name, "") or "", units)
            if html:
                return html
        return ""

    def suggestion(self, searchables) -> str:
        """A corrected term ("Meinten Sie …?") from the published titles of the kinds."""
        words = text.words(self.term)
        if not words:
            return ""
        return engine.suggestion(words, engine.title_vocabulary(searchables))

    def suggestion_from_titles(self, titles) -> str:
        """A corrected term from the words of the given titles (e.g. the similar ones)."""
        words = text.words(self.term)
        if not words:
            return ""
        return engine.suggestion(words, engine.vocabulary(titles))


def find(kind: str, term: str, queryset=None):
    """The published objects of a kind that the search shows for term, best first.

    What the browse page and the site search run, in one call (for the shell,
    commands and tests).
    """
    from search import registry

    searchable = registry.get(kind)
    queryset = searchable.published() if queryset is None else queryset
    search = Search(term)
    return search.order(searchable, search.filter(searchable, queryset))
