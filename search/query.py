"""What a visitor typed, parsed once into a query both engines run alike.

Syntax (that of web search engines, as PostgreSQL's websearch_to_tsquery reads it):
words must all occur; "a phrase" in quotes; -word or -"a phrase" excludes;
``oder``/``or`` between two terms accepts either. A word joined by symbols
("P+R", "Lasten-Nutzen-Ausgleich") is a phrase of its parts. Anything else
(FTS5 operators, brackets, stars, colons, unbalanced quotes) is plain text:
the query is never handed to an engine's own parser, so no input can make
it fail.

Abbreviations and synonyms that editors maintain (``search.models.Synonym``)
widen a term to all its spellings: "P+R" also finds "Park-and-Ride".
"""

import re
from dataclasses import dataclass, field

from search import text

MAX_QUERY_LENGTH = 200
MAX_TERMS = 32
MAX_SYNONYM_WORDS = 6

# A quoted phrase (the closing quote may be missing) or a run of non-spaces.
_ITEM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OR = {"oder", "or"}


@dataclass(frozen=True)
class Unit:
    """One word, or several as a phrase (in order, next to each other)."""

    words: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """Match keys without stopwords (the SQLite index leaves those out too)."""
        return tuple(text.match_key(w) for w in self.words if not text.is_stopword(w))


@dataclass
class Group:
    """Alternatives for one term (a word and its synonyms); negated ones exclude."""

    units: list[Unit]
    negated: bool = False


@dataclass
class Query:
    groups: list[Group] = field(default_factory=list)

    @property
    def positive(self) -> list[Group]:
        return [g for g in self.groups if not g.negated]

    @property
    def negative(self) -> list[Group]:
        return [g for g in self.groups if g.negated]

    def __bool__(self) -> bool:
        return bool(self.positive)

    def highlight_units(self) -> list[tuple[str, ...]]:
        """The positive terms as key sequences, for marking matches in text."""
        return [unit.keys for group in self.positive for unit in group.units if unit.keys]

    def any_word(self) -> "Query":
        """The same terms, any of them enough (for questions of several words)."""
        units = [unit for group in self.positive for unit in group.units]
        return Query([Group(units)] + self.negative) if units else Query()

    def words(self) -> list[str]:
        """The words of the positive terms as typed (first alternative of each)."""
        return [w for group in self.positive for w in group.units[0].words]


def _norm(words) -> tuple[str, ...]:
    return tuple(text.fold_umlauts(w.lower()) for w in words)


def synonym_table(entries) -> dict[tuple[str, ...], list[Unit]]:
    """{normalised spelling: all spellings as units} from (term, variants) pairs."""
    table: dict[tuple[str, ...], list[Unit]] = {}
    for entry in entries:
        units = []
        for spelling in entry:
            spelled = tuple(text.words(spelling))[:MAX_SYNONYM_WORDS]
            if spelled and Unit(spelled) not in units:
                units.append(Unit(spelled))
        if len(units) < 2:
            continue
        for unit in units:
            table.setdefault(_norm(unit.words), [])
            for other in units:
                if other not in table[_norm(unit.words)]:
                    table[_norm(unit.words)].append(other)
    return table


def parse(raw: str, synonyms: dict | None = None) -> Query:
    """The query for raw (already cleaned of control characters and capped)."""
    items = []  # (negated, quoted, words, or_before)
    or_next = False
    for match in _ITEM.finditer(raw):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() in _OR:
                or_next = bool(items)
                continue
            negated = "-" if bare.startswith("-") and len(bare) > 1 else ""
            found = tuple(text.words(bare))
            quoted = False
        else:
            found = tuple(text.words(phrase))
            quoted = True
        if not found:
            continue
        items.append((bool(negated), quoted, found, or_next))
        or_next = False
        if len(items) >= MAX_TERMS:
            break

    groups: list[Group] = []
    i = 0
    while i < len(items):
        negated, quoted, found, or_before = items[i]
        group, used = None, 1
        if synonyms and not negated and not quoted:
            # Longest run of plain items that spells a known abbreviation/synonym.
            for j in range(min(len(items), i + MAX_SYNONYM_WORDS), i, -1):
                run = items[i:j]
                if any(n or q or (k > 0 and o) for k, (n, q, _w, o) in enumerate(run)):
                    continue
                key = _norm(w for _n, _q, ws, _o in run for w in ws)
                if key in synonyms:
                    group, used = Group(list(synonyms[key])), j - i
                    break
        if group is None:
            group = Group([Unit(found)], negated)
        if not any(unit.keys for unit in group.units):
            i += used
            continue  # only stopwords: ignored, as PostgreSQL does
        if or_before and groups and not groups[-1].negated and not group.negated:
            groups[-1].units.extend(u for u in group.units if u not in groups[-1].units)
        else:
            groups.append(group)
        i += used
    return Query(groups)


# Rendering for SQLite FTS5 -------------------------------------------------


def _fts_unit(unit: Unit) -> str:
    # Keys are letters and digits only, so a quoted string is always valid.
    return '"' + " ".join(unit.keys) + '"'


def _fts_group(group: Group) -> str:
    units = [_fts_unit(u) for u in group.units if u.keys]
    return units[0] if len(units) == 1 else "(" + " OR ".join(units) + ")"


def to_fts5(query: Query, column: str | None = None) -> str:
    """An FTS5 MATCH expression: positive groups AND-ed, negated ones NOT-ed."""
    expr = " AND ".join(_fts_group(g) for g in query.positive)
    if column:
        expr = f"{{{column}}} : ({expr})"
    for group in query.negative:
        expr = f"({expr}) NOT {_fts_group(group)}"
    return expr
