"""Search over published profiles.

PostgreSQL: German full-text search (config "german") over a stored, weighted
``Profile.search_vector`` (title A, summary and Handlungsfeld names B, sections
C) with websearch syntax, ranking and highlighted snippets. Words with umlauts
or ß are indexed a second time in their folded spelling (ä → ae, ß → ss) and
the query is OR-ed with its folded form, so "Flaechennutzungsplan" finds
"Flächennutzungsplan"; the Snowball stemmer already maps "Flächennutzungspläne"
to the same stem. When full text finds nothing at all, a trigram (pg_trgm)
similarity over titles takes over, with a "Meinten Sie …?" suggestion.

SQLite (laptops, tests): ``Profile.search_text`` holds the same text as a
lowercase, umlaut-insensitive match key (see ``text.search_key``); every query
word must occur in it, after a light German suffix stripping.

The index is kept up to date by signals (``connect_search_signals``): on saving a
profile, on changing its Handlungsfelder, and on renaming a Handlungsfeld.
"""

import difflib
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat, Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe

from profiles.text import fold_umlauts, search_key, strip_control_chars, umlaut_words

CONFIG = "german"
MAX_QUERY_LENGTH = 200

# Private-use characters mark highlights in ts_headline's output; the text is
# escaped first and only these marks become <mark> tags.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")


def clean_query(raw: str) -> str:
    """A search string safe for every backend: no control characters, capped length."""
    return strip_control_chars(raw)[:MAX_QUERY_LENGTH].strip()


def full_text_available() -> bool:
    return connection.vendor == "postgresql"


# The index ------------------------------------------------------------------


def _with_folded_words(text: str) -> str:
    """text plus the folded spelling of its words with umlauts or ß."""
    extra = " ".join(fold_umlauts(word) for word in umlaut_words(text))
    return f"{text} {extra}" if extra else text


def index_texts(profile, area_names) -> dict[str, str]:
    """The text of a profile by weight: A title, B summary and Handlungsfelder, C sections."""
    from profiles.models import Profile

    sections = [getattr(profile, name) or "" for name, _anchor in Profile.SECTIONS]
    return {
        "A": profile.title or "",
        "B": " ".join([profile.summary or "", *area_names]),
        "C": "\n".join(sections),
    }


def index_values(profile, area_names) -> dict:
    """Field values for the search columns of one profile."""
    texts = index_texts(profile, area_names)
    values = {"search_text": search_key(" \n".join(texts.values()))}
    if full_text_available():
        vector = None
        for weight, text in texts.items():
            part = SearchVector(Value(_with_folded_words(text)), config=CONFIG, weight=weight)
            vector = part if vector is None else vector + part
        values["search_vector"] = vector
    return values


def reindex_profile(profile) -> None:
    """Rebuild the search columns of one profile (two queries, no signals)."""
    from profiles.models import Profile, TaggedProfile

    names = list(
        TaggedProfile.objects.filter(content_object_id=profile.pk)
        .order_by("tag__name")
        .values_list("tag__name", flat=True)
    )
    Profile.objects.filter(pk=profile.pk).update(**index_values(profile, names))


def reindex_profiles(queryset=None, batch_size=500) -> int:
    """Rebuild the search columns of many profiles in batches; returns the number.

    Reads only the indexed columns, so it also works inside a migration while
    later migrations still have columns to add.
    """
    from profiles.models import Profile, TaggedProfile

    queryset = Profile.objects.all() if queryset is None else queryset
    fields = ["search_text", "search_vector"] if full_text_available() else ["search_text"]
    text_fields = ["title", "summary", *[name for name, _anchor in Profile.SECTIONS]]
    profiles = queryset.order_by("pk").only("pk", *text_fields)
    done = 0
    last_pk = None
    while batch := list(
        (profiles if last_pk is None else profiles.filter(pk__gt=last_pk))[:batch_size]
    ):
        last_pk = batch[-1].pk
        names = {}
        for profile_id, name in (
            TaggedProfile.objects.filter(content_object_id__in=[p.pk for p in batch])
            .order_by("tag__name")
            .values_list("content_object_id", "tag__name")
        ):
            names.setdefault(profile_id, []).append(name)
        for profile in batch:
            for field, value in index_values(profile, names.get(profile.pk, [])).items():
                setattr(profile, field, value)
        Profile.objects.bulk_update(batch, fields)
        done += len(batch)
    return done


def _profile_saved(sender, instance, raw=False, **kwargs):
    reindex_profile(instance)


def _profile_tags_changed(sender, instance, action, reverse, pk_set=None, **kwargs):
    from profiles.models import Profile

    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # tag.profile_set.add(...): instance is the Handlungsfeld
        reindex_profiles(Profile.objects.filter(pk__in=pk_set or []))
    else:
        reindex_profile(instance)


def _tagging_saved(sender, instance, raw=False, **kwargs):
    # taggit's add() goes through m2m_changed; this catches fixture loads and
    # through-model rows created directly.
    reindex_profile(instance.content_object)


def _tagging_deleted(sender, instance, origin=None, **kwargs):
    from profiles.models import PolicyArea

    # Deleting a Handlungsfeld cascades to its taggings without m2m_changed.
    if isinstance(origin, PolicyArea):
        reindex_profile(instance.content_object)


def _policy_area_saved(sender, instance, raw=False, **kwargs):
    from profiles.models import Profile

    # A renamed Handlungsfeld changes the indexed text of all its profiles.
    reindex_profiles(Profile.objects.filter(tags=instance))


def connect_search_signals():
    from profiles.models import PolicyArea, Profile, TaggedProfile

    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="search_profile_saved")
    m2m_changed.connect(
        _profile_tags_changed, sender=TaggedProfile, dispatch_uid="search_profile_tags"
    )
    post_save.connect(_tagging_saved, sender=TaggedProfile, dispatch_uid="search_tagging_saved")
    post_delete.connect(
        _tagging_deleted, sender=TaggedProfile, dispatch_uid="search_tagging_deleted"
    )
    post_save.connect(_policy_area_saved, sender=PolicyArea, dispatch_uid="search_area_saved")


# Querying -------------------------------------------------------------------


def _search_query(q: str):
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    folded = fold_umlauts(q)
    if folded != q:
        query |= SearchQuery(folded, config=CONFIG, search_type="websearch")
    return query


_GERMAN_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")


def _stem(key: str) -> str:
    """Strip one common German ending so plural and singular match as substrings."""
    for suffix in _GERMAN_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            return key[: -len(suffix)]
    return key


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _plain_condition(q: str) -> Q:
    """websearch-like syntax for the SQLite fallback: words (AND), "phrases", -not, or."""
    groups: list[Q] = []
    join_next = False
    for negated, phrase, word in _TOKEN.findall(q):
        if word and word.lower() in {"or", "oder"}:
            join_next = bool(groups)
            continue
        if word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        text = phrase if phrase else word
        keys = [search_key(w) for w in _WORD.findall(text)]
        if not keys:
            continue
        key = " ".join(keys) if phrase else _stem(keys[0])
        if not phrase and len(keys) > 1:  # "Lasten-Nutzen" → both parts
            term = Q()
            for part in keys:
                term &= Q(search_text__contains=_stem(part))
        else:
            term = Q(search_text__contains=key)
        if negated:
            term = ~term
        if join_next:
            groups[-1] |= term
            join_next = False
        else:
            groups.append(term)
    if not groups:
        return Q(pk__in=[])
    condition = Q()
    for group in groups:
        condition &= group
    return condition


def matching(queryset, q: str):
    """Profiles whose text matches q (full text on PostgreSQL, words on SQLite)."""
    if full_text_available():
        return queryset.filter(search_vector=_search_query(q))
    return queryset.filter(_plain_condition(q))


def _unfold(q: str) -> str:
    """Guess umlauts back for trigram comparison: "Flaechen" → "Flächen"."""
    for pair, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü")):
        q = q.replace(pair, umlaut)
    return q


def _similarity(q: str):
    similarity = TrigramWordSimilarity(Value(q), "title")
    if _unfold(q) != q:
        similarity = Greatest(similarity, TrigramWordSimilarity(Value(_unfold(q)), "title"))
    return similarity


def fuzzy_matching(queryset, q: str):
    """Profiles whose title resembles every word of q (typo tolerance, PostgreSQL only).

    ``title %> word`` (word_similarity ≥ pg_trgm.word_similarity_threshold,
    0.6 by default) uses the trigram index on the title.
    """
    words = [word for word in _WORD.findall(q) if len(word) >= 3]
    if not full_text_available() or not words:
        return queryset.none()
    condition = Q()
    for word in words:
        similar = Q(title__trigram_word_similar=word)
        if _unfold(word) != word:
            similar |= Q(title__trigram_word_similar=_unfold(word))
        condition &= similar
    return queryset.filter(condition)


def order_by_relevance(queryset, q: str, fuzzy=False):
    if not full_text_available():
        return queryset.order_by("title", "pk")
    if fuzzy:
        return queryset.annotate(relevance=_similarity(q)).order_by("-relevance", "title", "pk")
    rank = SearchRank(F("search_vector"), _search_query(q))
    return queryset.annotate(relevance=rank).order_by("-relevance", "title", "pk")


def with_headlines(queryset, q: str):
    """Annotate ``search_headline`` (PostgreSQL): matching passages with marks."""
    if not full_text_available():
        return queryset
    # The card shows the summary already; passages come from the two main
    # sections (ts_headline parses its whole input, so less text is faster).
    text = Concat(F("description"), Value("\n"), F("burdens_benefits"), output_field=TextField())
    return queryset.annotate(
        search_headline=SearchHeadline(
            text,
            _search_query(q),
            config=CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=28,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def render_headline(headline: str) -> str:
    """Safe HTML for a headline: all text escaped, only the highlight marks become <mark>."""
    if not headline or _START not in headline:
        return ""
    html = escape(headline.replace("*", "").replace("#", ""))
    return mark_safe(html.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def suggest(q: str, titles) -> str:
    """A corrected query for "Meinten Sie …?": each word replaced by its closest title word."""
    vocabulary = {w for title in titles for w in _WORD.findall(title) if len(w) > 3}
    by_key = {search_key(w): w for w in vocabulary}
    words = []
    changed = False
    for word in q.split():
        match = difflib.get_close_matches(search_key(word), list(by_key), n=1, cutoff=0.7)
        if match and by_key[match[0]].lower() != word.lower():
            words.append(by_key[match[0]])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""
