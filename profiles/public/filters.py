"""Filters over published profiles, shared by the browse page and the open-data API.

The URL is the state, so parameter names are German and stable (they end up in
shared links): art, handlungsfeld (several), verknuepfung (oder/und),
verbindlichkeit, ausgleich (several), aufwand, kleine_gemeinden (ja/nein),
land (several; profiles.facts declares every fact's filter), q (free text, see
the search app), sortierung (relevanz/titel/aktualisiert).
Pages use Django's ``page``.

Input arrives from shared links and bots: control characters are stripped from
every value and the query is capped (``sanitized``); invalid values become
German form errors that the page shows, while the valid filters still apply.
"""

import django_filters
from django import forms
from django.db.models import Min, Q
from django.http import QueryDict

from profiles import facts
from profiles.models import (
    Bundesland,
    PolicyArea,
    PracticeExample,
    Profile,
    TaggedProfile,
)
from profiles.public.facets import ChoiceFacet, FacetMixin, RelatedFacet
from profiles.text import strip_control_chars
from search import registry as search_registry
from search.request import MODE_ANY, MODE_FULL_TEXT, MODE_FUZZY, Search, clean_query

__all__ = ["MODE_ANY", "MODE_FULL_TEXT", "MODE_FUZZY"]

MATCH_ANY = "oder"
MATCH_ALL = "und"

SORT_RELEVANCE = "relevanz"
SORT_TITLE = "titel"
SORT_UPDATED = "aktualisiert"

MAX_VALUE_LENGTH = 300


def invalid_choice(label):
    return {"invalid_choice": f"„%(value)s“ ist kein gültiger Wert für „{label}“."}


def checkbox_filter(label, choices, **kwargs):
    """Several values of one column or predicate, shown as checkboxes (OR within)."""
    return django_filters.MultipleChoiceFilter(
        choices=choices,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # plain column filters: no join, no duplicates
        error_messages=invalid_choice(label),
        **kwargs,
    )


def policy_area_filter():
    """Handlungsfelder by slug; the FilterSet's filter_policy_areas applies them."""
    return django_filters.ModelMultipleChoiceFilter(
        queryset=PolicyArea.objects.order_by("name"),
        to_field_name="slug",
        label="Handlungsfelder",
        method="filter_policy_areas",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Das Handlungsfeld „%(value)s“ gibt es nicht.",
            "invalid_pk_value": "„%(pk)s“ ist kein gültiges Handlungsfeld.",
        },
    )


def fact_filter(fact):
    """The filter of a registry fact: its condition for any of the chosen values.

    The same condition counts the fact's facet, so filter and count agree.
    """

    def apply(queryset, name, value):
        if value in (None, "", [], ()):
            return queryset
        values = value if isinstance(value, list | tuple) else [value]
        return queryset.filter(fact.matching(values))

    label = fact.filter_label or fact.label
    if fact.multiple:
        return checkbox_filter(label, fact.choices, method=apply)
    return django_filters.ChoiceFilter(
        choices=fact.choices,
        label=label,
        method=apply,
        empty_label=fact.any_label,
        error_messages=invalid_choice(label),
    )


def sanitized(data):
    """A copy of the GET data without control characters, values and query capped.

    Returns the data and the request's search object (built from the raw term).
    """
    if data is None:
        return None, Search("")
    clean = QueryDict(mutable=True)
    term = ""
    if hasattr(data, "lists"):
        items = data.lists()
    else:  # a plain dict, as tests and the API may pass
        items = [(k, list(v) if isinstance(v, list | tuple) else [v]) for k, v in data.items()]
    for key, values in items:
        values = [str(value) for value in values]
        key = strip_control_chars(key)[:MAX_VALUE_LENGTH]
        if key == "q":
            term = values[0] if values else ""
            cleaned = [clean_query(value) for value in values[:1]]
        else:
            cleaned = [strip_control_chars(value)[:MAX_VALUE_LENGTH] for value in values[:50]]
        clean.setlist(key, cleaned)
    return clean, Search(term)


def tagged_profiles(area_ids):
    return TaggedProfile.objects.filter(tag_id__in=area_ids).values("content_object_id")


class SanitizingFilterSet(django_filters.FilterSet):
    """Sanitises its data and builds the request's one ``search`` object (search.request)."""

    def __init__(self, data=None, *args, **kwargs):
        data, self.search = sanitized(data)
        super().__init__(data, *args, **kwargs)


def search_filter():
    return django_filters.CharFilter(
        label="Suchbegriff",
        method="filter_search",
        help_text="Wörter, „genaue Wortfolge“, -ausschließen, oder",
    )


class SearchFilterMixin:
    """The filter ``q`` of a FilterSet, through the request's search object.

    Comes first among the bases; ``search_kind`` names the kind in the
    search registry. The view asks this FilterSet (never the search
    internals) for the term, the mode and the chip.
    """

    search_kind = None

    @property
    def query_shortened(self) -> bool:
        return self.search.shortened

    @property
    def searchable(self):
        return search_registry.get(self.search_kind)

    # Search and ordering (the filter "q" and the sort "relevanz")

    @property
    def search_term(self) -> str:
        return self.search.term if self.cleaned.get("q") else ""

    @property
    def search_mode(self) -> str | None:
        """MODE_FULL_TEXT, MODE_ANY, MODE_FUZZY (see search.request.Search.mode), or None."""
        if not self.search_term:
            return None
        return self.search.mode(self.searchable, self.queryset)

    def filter_search(self, queryset, name, value):
        # The mode is decided once, over everything this page lists.
        return self.search.filter(self.searchable, queryset, base=self.queryset)

    def filter_noop(self, queryset, name, value):
        # Parameters that change how others apply (verknuepfung) or the order
        # (sortierung, applied last in filter_queryset) filter nothing themselves.
        return queryset

    @property
    def sort_key(self) -> str:
        """The chosen sort; "relevanz" only with a search term, which makes it the default."""
        chosen = self.cleaned.get("sortierung")
        if chosen == SORT_RELEVANCE and not self.search_term:
            chosen = SORT_TITLE
        return chosen or (SORT_RELEVANCE if self.search_term else SORT_TITLE)

    def search_chip(self) -> list[dict]:
        """The removable chip of the search term (the query string without q)."""
        if not self.search_term:
            return []
        return [{"label": f"Suche: „{self.search_term}“", "query": self.query_without("q")}]

    def active_filters(self) -> list[dict]:
        return self.search_chip() + super().active_filters()


class ProfileFilterSet(SearchFilterMixin, FacetMixin, SanitizingFilterSet):
    search_kind = "steckbriefe"
    q = search_filter()
    handlungsfeld = policy_area_filter()
    verknuepfung = django_filters.ChoiceFilter(
        choices=[
            (MATCH_ANY, "mindestens eines der gewählten Handlungsfelder"),
            (MATCH_ALL, "alle gewählten Handlungsfelder"),
        ],
        label="Handlungsfelder verknüpfen",
        method="filter_noop",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages=invalid_choice("Handlungsfelder verknüpfen"),
    )
    # One filter per fact of the registry (profiles.facts), added in __init__.
    sortierung = django_filters.ChoiceFilter(
        choices=[
            (SORT_RELEVANCE, "Relevanz (bei Suche)"),
            (SORT_TITLE, "Titel (A–Z)"),
            (SORT_UPDATED, "zuletzt aktualisiert"),
        ],
        label="Sortierung",
        method="filter_noop",
        empty_label=None,
        error_messages=invalid_choice("Sortierung"),
    )

    class Meta:
        model = Profile
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for fact in facts.filterable():
            filter_ = fact_filter(fact)
            filter_.model, filter_.parent = Profile, self
            self.filters[fact.name] = filter_

    def sort(self, queryset):
        if self.sort_key == SORT_RELEVANCE:
            self.search_mode  # noqa: B018 (decides the mode before ordering)
            return self.search.order(self.searchable, queryset)
        if self.sort_key == SORT_UPDATED:
            return queryset.order_by("-updated", "title", "pk")
        return queryset.order_by("title", "pk")

    def filter_queryset(self, queryset):
        return self.sort(super().filter_queryset(queryset))

    # Facets (see profiles.public.facets)

    def facet_specs(self):
        specs = [
            ChoiceFacet(fact.name, fact.choices, fact.condition, fact.multiple)
            for fact in facts.filterable()
        ]
        # Handlungsfelder second, after the kind of Steckbrief.
        specs.insert(
            1,
            RelatedFacet(
                "handlungsfeld",
                lambda: PolicyArea.objects.order_by("name"),
                TaggedProfile,
                "tag_id",
                "content_object_id",
            ),
        )
        return specs

    def is_conjunctive(self, name) -> bool:
        # With "und", another Handlungsfeld narrows the results further.
        return name == "handlungsfeld" and self.cleaned.get("verknuepfung") == MATCH_ALL

    def filter_policy_areas(self, queryset, name, value):
        if not value:
            return queryset
        # Subqueries over the link table by tag id instead of a join keep one
        # row per profile (no distinct()) and give PostgreSQL good estimates.
        ids = [area.pk for area in value]
        mode = self.form.cleaned_data.get("verknuepfung") or MATCH_ANY
        if mode == MATCH_ALL:
            for area_id in ids:
                queryset = queryset.filter(pk__in=tagged_profiles([area_id]))
            return queryset
        return queryset.filter(pk__in=tagged_profiles(ids))


# The instrument filter of /praxisbeispiele/ lists the Steckbriefe applied most often.
INSTRUMENT_OPTIONS = 30


def applied_profiles():
    """Published profiles that at least one published Praxisbeispiel applies."""
    links = PracticeExample.profiles.through.objects.filter(
        practiceexample__in=PracticeExample.objects.published()
    )
    return Profile.objects.published().filter(pk__in=links.values("profile_id")).order_by("title")


# Size classes of an example's smallest member municipality (by Einwohner), as
# (value, label, lower bound, upper bound exclusive); the parameter is "groesse".
SIZE_CLASSES = [
    ("unter-5000", "unter 5.000 Einwohner", None, 5000),
    ("5000-20000", "5.000 bis 20.000 Einwohner", 5000, 20001),
    ("ueber-20000", "über 20.000 Einwohner", 20001, None),
]
SIZE_CHOICES = [(value, label) for value, label, _low, _high in SIZE_CLASSES]


def size_class_q(value):
    """Examples whose smallest member with a known Einwohner count is in this class."""
    low, high = next((lo, hi) for v, _label, lo, hi in SIZE_CLASSES if v == value)
    smallest = (
        PracticeExample.members.through.objects.filter(municipality__population__isnull=False)
        .values("practiceexample_id")
        .annotate(smallest=Min("municipality__population"))
    )
    if low is not None:
        smallest = smallest.filter(smallest__gte=low)
    if high is not None:
        smallest = smallest.filter(smallest__lt=high)
    return Q(pk__in=smallest.values("practiceexample_id"))


class PracticeExampleFilterSet(SearchFilterMixin, FacetMixin, SanitizingFilterSet):
    """Filters of /praxisbeispiele/ and its map: q, handlungsfeld, bundesland, groesse,
    instrument (all several, OR within one)."""

    search_kind = "praxisbeispiele"
    q = search_filter()
    handlungsfeld = policy_area_filter()
    bundesland = checkbox_filter("Bundesland", Bundesland.choices, field_name="state")
    groesse = checkbox_filter(
        "Größe der kleinsten beteiligten Kommune", SIZE_CHOICES, method="filter_size"
    )
    instrument = django_filters.ModelMultipleChoiceFilter(
        # A callable: published() must be evaluated per request, not at import.
        queryset=lambda request: Profile.objects.published().order_by("title"),
        to_field_name="slug",
        label="Angewandter Steckbrief",
        method="filter_profiles",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Den Steckbrief „%(value)s“ gibt es nicht."},
    )

    class Meta:
        model = PracticeExample
        fields = []

    def filter_policy_areas(self, queryset, name, value):
        ids = [area.pk for area in value]
        if not ids:
            return queryset
        links = PracticeExample.tags.through.objects.filter(tag_id__in=ids)
        return queryset.filter(pk__in=links.values("content_object_id"))

    def filter_profiles(self, queryset, name, value):
        ids = [profile.pk for profile in value]
        if not ids:
            return queryset
        links = PracticeExample.profiles.through.objects.filter(profile_id__in=ids)
        return queryset.filter(pk__in=links.values("practiceexample_id"))

    sortierung = django_filters.ChoiceFilter(
        choices=[(SORT_RELEVANCE, "Relevanz (bei Suche)"), (SORT_TITLE, "Titel (A–Z)")],
        label="Sortierung",
        method="filter_noop",
        empty_label=None,
        error_messages=invalid_choice("Sortierung"),
    )

    def filter_size(self, queryset, name, value):
        condition = Q()
        for size in value:
            condition |= size_class_q(size)
        return queryset.filter(condition) if value else queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.sort_key == SORT_RELEVANCE:
            self.search_mode  # noqa: B018 (decides the mode before ordering)
            return self.search.order(self.searchable, queryset)
        return queryset.order_by("title", "pk")

    def facet_specs(self):
        return [
            RelatedFacet(
                "handlungsfeld",
                lambda: PolicyArea.objects.order_by("name"),
                PracticeExample.tags.through,
                "tag_id",
                "content_object_id",
            ),
            ChoiceFacet("bundesland", Bundesland.choices, lambda v: Q(state=v)),
            ChoiceFacet("groesse", SIZE_CHOICES, size_class_q),
            RelatedFacet(
                "instrument",
                applied_profiles,
                PracticeExample.profiles.through,
                "profile_id",
                "practiceexample_id",
                label_attr="title",
                limit=INSTRUMENT_OPTIONS,
            ),
        ]
