"""Running a parsed query on the database: matching, ranking (both engines alike).

PostgreSQL: ``@@`` against the weighted tsvector (german config), ranked by
``ts_rank`` with weights D 0.1, C 0.2, B 0.4, A 1.0.
SQLite: FTS5 ``MATCH`` against the match keys, ranked by ``bm25`` with the
same column weights (A 1.0, B 0.4, C 0.2).
Typos: PostgreSQL compares titles by trigram word similarity (pg_trgm);
SQLite replaces each query word by its nearest title word (edit distance,
difflib) and matches titles. Either way every query word must resemble a
title word.
"""

import difflib

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from search import text
from search.index import CONFIG, FTS_TABLE, is_postgres, rowid_range
from search.models import SearchDocument
from search.query import Group, Query, Unit, to_fts5
from search.registry import WEIGHTS

# PostgreSQL ----------------------------------------------------------------


def _pg_unit(unit: Unit):
    phrase = " ".join(unit.words)
    kind = "phrase" if len(unit.words) > 1 else "plain"
    query = SearchQuery(phrase, config=CONFIG, search_type=kind)
    if text.fold_umlauts(phrase) != phrase:
        query |= SearchQuery(text.fold_umlauts(phrase), config=CONFIG, search_type=kind)
    return query


def _pg_group(group: Group):
    query = None
    for unit in group.units:
        if unit.keys:
            part = _pg_unit(unit)
            query = part if query is None else query | part
    return query


def pg_query(query: Query):
    result = None
    for group in query.positive:
        part = _pg_group(group)
        result = part if result is None else result & part
    for group in query.negative:
        result = result & ~_pg_group(group)
    return result


# SQLite --------------------------------------------------------------------


def _fts_ids(searchable, expression: str) -> RawSQL:
    lo, hi = rowid_range(searchable)
    return RawSQL(
        f"SELECT rowid - %s FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
        [lo, expression, lo, hi],
    )


class RankedResults:
    """Objects in the order of the SQLite ranking, fetched page by page.

    FTS5 ranks all matches in one pass (``bm25``); joining that to the
    model's table, or ranking row by row in a subquery, makes SQLite
    evaluate the MATCH once per row. So the ranked ids are computed once
    and each slice loads only its objects (with the queryset's prefetches).
    Supports what pages, the paginator and the API use: len/count, slices,
    iteration, exists().
    """

    def __init__(self, queryset, ranked: list[tuple[int, float]]):
        self.queryset = queryset
        self.model = queryset.model
        self.ranked = ranked

    def __len__(self) -> int:
        return len(self.ranked)

    def count(self) -> int:
        return len(self.ranked)

    def exists(self) -> bool:
        return bool(self.ranked)

    def _load(self, ranked):
        objects = self.queryset.in_bulk([pk for pk, _rank in ranked])
        out = []
        for pk, rank in ranked:
            obj = objects.get(pk)
            if obj is not None:
                obj.relevance = rank
                out.append(obj)
        return out

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._load(self.ranked[index])
        return self._load([self.ranked[index]])[0]

    def __iter__(self):
        for start in range(0, len(self.ranked), 100):
            yield from self._load(self.ranked[start : start + 100])


def _fts_ids_matching(searchable, expression: str) -> set[int]:
    lo, hi = rowid_range(searchable)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid - %s FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "AND rowid BETWEEN %s AND %s",
            [lo, expression, lo, hi],
        )
        return {row[0] for row in cursor.fetchall()}


def _fts_ranked(searchable, queryset, expression: str, coverage=None) -> RankedResults:
    """queryset (already matched) best first by −bm25, then by title and pk.

    With ``coverage`` (a query of several groups), objects matching more of
    its groups come first, whatever their bm25.
    """
    weights = ", ".join(str(WEIGHTS[w]) for w in ("A", "B", "C"))
    lo, hi = rowid_range(searchable)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid - %s, -bm25({FTS_TABLE}, {weights}) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid BETWEEN %s AND %s",
            [lo, expression, lo, hi],
        )
        ranks = dict(cursor.fetchall())
    covered: dict[int, int] = {}
    for group in coverage.positive if coverage else []:
        for pk in _fts_ids_matching(searchable, to_fts5(Query([group]))):
            covered[pk] = covered.get(pk, 0) + 1
    titles = dict(queryset.order_by().values_list("pk", title_field(searchable)))
    order = sorted(
        titles, key=lambda pk: (-covered.get(pk, 0), -ranks.get(pk, 0.0), titles[pk], pk)
    )
    return RankedResults(queryset, [(pk, ranks.get(pk, 0.0)) for pk in order])


# Both ----------------------------------------------------------------------


def matching(searchable, queryset, query: Query):
    """The objects of queryset that match query (none for an empty query)."""
    if not query:
        return queryset.none()
    if is_postgres():
        tsquery = pg_query(query)
        if searchable.vector_field:
            return queryset.filter(**{searchable.vector_field: tsquery})
        documents = SearchDocument.objects.filter(kind=searchable.code, search_vector=tsquery)
        return queryset.filter(pk__in=documents.values("object_id"))
    return queryset.filter(pk__in=_fts_ids(searchable, to_fts5(query)))


def title_field(searchable) -> str:
    return searchable.fields["A"][0]


def title_matching(searchable, queryset, query: Query):
    """The objects of queryset whose title alone matches query.

    PostgreSQL: the title's own tsvector (an expression GIN index per growing
    kind, migration search 0005); SQLite: the FTS5 column of the titles.
    """
    title = title_field(searchable)
    if is_postgres():
        return queryset.annotate(title_vector=SearchVector(title, config=CONFIG)).filter(
            title_vector=pg_query(query)
        )
    return queryset.filter(pk__in=_fts_ids(searchable, to_fts5(query, column="a")))


def newest_matches(searchable, queryset, query: Query, limit: int) -> list[int]:
    """Ids of the newest matches, at most ``limit + 1`` (more than limit: capped)."""
    matched = matching(searchable, queryset, query)
    return list(matched.order_by("-pk").values_list("pk", flat=True)[: limit + 1])


def candidates(
    searchable, queryset, query: Query, limit: int, newest: list[int] | None = None
) -> list[int] | None:
    """A bounded set of the matches to count, filter and rank, or None for all.

    None when at most ``limit`` objects of queryset match: then every match
    counts. Otherwise the ``limit`` newest matches (highest ids) and every
    match whose title holds the query (up to ``limit`` more), so a word that
    occurs in almost every text costs the same at 1,000 and 100,000 entries
    and the objects named by the query are never left out. ``newest``: the
    result of ``newest_matches`` when the caller has it already.
    """
    if not query:
        return None
    if newest is None:
        newest = newest_matches(searchable, queryset, query, limit)
    if len(newest) <= limit:
        return None
    matched = matching(searchable, queryset, query)
    titled = title_matching(searchable, matched, query).order_by("-pk")
    ids = set(newest[:limit]) | set(titled.values_list("pk", flat=True)[:limit])
    return sorted(ids)


def _pg_matches(searchable, group_query):
    """A condition: the object's document matches the PostgreSQL query."""
    if searchable.vector_field:
        return Q(**{searchable.vector_field: group_query})
    return Exists(
        SearchDocument.objects.filter(
            kind=searchable.code, object_id=OuterRef("pk"), search_vector=group_query
        )
    )


def order_by_relevance(searchable, queryset, query: Query, coverage: Query | None = None):
    """queryset (already matched) with ``relevance``, best first, then by title.

    ``coverage``: when only some words matched (the "einige Wörter" mode), the
    typed query; objects containing more of its groups come first, as the page
    says ("zuerst, was die meisten davon enthält"), then by rank.
    PostgreSQL: an ordered queryset. SQLite: a ``RankedResults`` sequence.
    """
    title = title_field(searchable)
    if not query:
        return queryset.order_by(title, "pk")
    if coverage is not None and len(coverage.positive) < 2:
        coverage = None
    if not is_postgres():
        return _fts_ranked(searchable, queryset, to_fts5(query), coverage)
    tsquery = pg_query(query)
    if searchable.vector_field:
        rank = SearchRank(F(searchable.vector_field), tsquery)
    else:
        rank = Subquery(
            SearchDocument.objects.filter(kind=searchable.code, object_id=OuterRef("pk"))
            .annotate(r=SearchRank(F("search_vector"), tsquery))
            .values("r")[:1],
            output_field=FloatField(),
        )
    order = ["-relevance", title, "pk"]
    queryset = queryset.annotate(relevance=rank)
    if coverage is not None:
        covered = sum(
            Case(
                When(_pg_matches(searchable, _pg_group(group)), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for group in coverage.positive
        )
        queryset = queryset.annotate(covered=covered)
        order.insert(0, "-covered")
    return queryset.order_by(*order)


# Typos ---------------------------------------------------------------------

# Longer words are not compared for typos (edit distance grows with length squared).
MAX_TYPO_WORD = 40


def _typo_words(query: Query) -> list[str]:
    return [w for w in query.words() if 3 <= len(w) <= MAX_TYPO_WORD and not text.is_stopword(w)]


def _unfold(word: str) -> str:
    """Guess umlauts back for trigram comparison: "Flaechen" → "Flächen"."""
    for pair, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü")):
        word = word.replace(pair, umlaut)
    return word


def fuzzy_matching(searchable, queryset, query: Query):
    """Objects whose title resembles every query word (typo tolerance)."""
    words = _typo_words(query)
    if not words:
        return queryset.none()
    title = title_field(searchable)
    if is_postgres():
        # ``title %> word``: word_similarity ≥ pg_trgm.word_similarity_threshold (0.6).
        condition = Q()
        for word in words:
            similar = Q(**{f"{title}__trigram_word_similar": word})
            if _unfold(word) != word:
                similar |= Q(**{f"{title}__trigram_word_similar": _unfold(word)})
            condition &= similar
        return queryset.filter(condition)
    corrected = corrected_words(
        words, vocabulary(queryset.values_list(title_field(searchable), flat=True))
    )
    if not corrected:
        return queryset.none()
    from search.query import parse

    groups = [Group([Unit((w,))]) for w in corrected]
    fixed = Query(groups) if groups else parse("")
    lo, hi = rowid_range(searchable)
    return queryset.filter(
        pk__in=RawSQL(
            f"SELECT rowid - %s FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            "AND rowid BETWEEN %s AND %s",
            [lo, to_fts5(fixed, column="a"), lo, hi],
        )
    )


def order_by_similarity(searchable, queryset, query: Query):
    title = title_field(searchable)
    words = _typo_words(query)
    if not is_postgres() or not words:
        return queryset.order_by(title, "pk")
    from django.contrib.postgres.search import TrigramWordSimilarity

    phrase = " ".join(words)
    similarity = TrigramWordSimilarity(Value(phrase), title)
    if _unfold(phrase) != phrase:
        similarity = Greatest(similarity, TrigramWordSimilarity(Value(_unfold(phrase)), title))
    return queryset.annotate(relevance=similarity).order_by("-relevance", title, "pk")


def vocabulary(titles) -> dict[str, str]:
    """{folded lowercase word: word as written} over the words of titles."""
    words: dict[str, str] = {}
    for title in titles:
        for word in text.words(title):
            # Numbers ("2023", "§ 204") are never corrected spellings.
            if 3 < len(word) <= MAX_TYPO_WORD and not any(ch.isdigit() for ch in word):
                words.setdefault(text.fold_umlauts(word.lower()), word)
    return words


def title_vocabulary(searchables) -> dict[str, str]:
    """The vocabulary of the published titles of the kinds.

    Reading every title grows with the catalogue (about 1 s at 110,000
    titles), so the vocabulary is kept in the cache per content version: any
    change to the content reads the titles again.
    """
    from profiles.versioning import cached_per_version

    def read():
        return vocabulary(
            title
            for searchable in searchables
            for title in searchable.published()
            .order_by()
            .values_list(title_field(searchable), flat=True)
        )

    return cached_per_version(
        "search:vocabulary", [searchable.kind for searchable in searchables], read, 3600
    )


def corrected_words(words, vocabulary: dict[str, str]) -> list[str] | None:
    """Each word replaced by its nearest vocabulary word; None if one has none."""
    keys = list(vocabulary)
    out = []
    for word in words:
        key = text.fold_umlauts(word.lower())
        if key in vocabulary:
            out.append(vocabulary[key])
            continue
        match = difflib.get_close_matches(key, keys, n=1, cutoff=0.75)
        if not match:
            return None
        out.append(vocabulary[match[0]])
    return out


def suggestion(raw_words, vocabulary: dict[str, str]) -> str:
    """A corrected query for "Meinten Sie …?", or "" when nothing would change."""
    keys = list(vocabulary)
    out, changed = [], False
    for word in raw_words:
        if len(word) > MAX_TYPO_WORD:
            out.append(word)
            continue
        key = text.fold_umlauts(word.lower())
        match = difflib.get_close_matches(key, keys, n=1, cutoff=0.7)
        if match and vocabulary[match[0]].lower() != word.lower():
            out.append(vocabulary[match[0]])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else ""
