"""Filters over published profiles, shared by the browse page and the open-data API.

The URL is the state, so parameter names are German and stable (they end up in
shared links): art, handlungsfeld (several), verknuepfung (oder/und),
verbindlichkeit, ausgleich (several), aufwand, kleine_gemeinden (ja/nein).
"""

import django_filters
from django import forms
from django.db.models import Q

from .models import (
    COMPENSATION_FIELDS,
    Bindingness,
    Compensation,
    Effort,
    Kind,
    PolicyArea,
    Profile,
)

MATCH_ANY = "oder"
MATCH_ALL = "und"


class ProfileFilterSet(django_filters.FilterSet):
    art = django_filters.MultipleChoiceFilter(
        field_name="kind",
        choices=Kind.choices,
        label="Art des Steckbriefs",
        widget=forms.CheckboxSelectMultiple,
    )
    handlungsfeld = django_filters.ModelMultipleChoiceFilter(
        queryset=PolicyArea.objects.order_by("name"),
        to_field_name="slug",
        label="Handlungsfelder",
        method="filter_policy_areas",
        widget=forms.CheckboxSelectMultiple,
    )
    verknuepfung = django_filters.ChoiceFilter(
        choices=[
            (MATCH_ANY, "mindestens eines der gewählten Handlungsfelder"),
            (MATCH_ALL, "alle gewählten Handlungsfelder"),
        ],
        label="Handlungsfelder verknüpfen",
        method="filter_noop",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    verbindlichkeit = django_filters.MultipleChoiceFilter(
        field_name="bindingness",
        choices=Bindingness.choices,
        label="Verbindlichkeit",
        widget=forms.CheckboxSelectMultiple,
    )
    ausgleich = django_filters.MultipleChoiceFilter(
        choices=Compensation.choices,
        label="Art des Ausgleichs",
        method="filter_compensation",
        widget=forms.CheckboxSelectMultiple,
    )
    aufwand = django_filters.MultipleChoiceFilter(
        field_name="effort",
        choices=Effort.choices,
        label="Aufwand",
        widget=forms.CheckboxSelectMultiple,
    )
    kleine_gemeinden = django_filters.ChoiceFilter(
        choices=[("ja", "geeignet"), ("nein", "eher nicht geeignet")],
        label="Für kleine Gemeinden",
        method="filter_small_municipalities",
        empty_label="egal",
    )

    class Meta:
        model = Profile
        fields = []

    def filter_noop(self, queryset, name, value):
        # verknuepfung only changes how handlungsfeld is applied.
        return queryset

    def filter_policy_areas(self, queryset, name, value):
        if not value:
            return queryset
        slugs = [area.slug for area in value]
        mode = self.form.cleaned_data.get("verknuepfung") or MATCH_ANY
        if mode == MATCH_ALL:
            for slug in slugs:
                queryset = queryset.filter(pk__in=Profile.objects.filter(tags__slug=slug))
            return queryset
        # A subquery instead of a join keeps one row per profile (no distinct()).
        return queryset.filter(pk__in=Profile.objects.filter(tags__slug__in=slugs))

    def filter_compensation(self, queryset, name, value):
        """Profiles offering any of the chosen kinds of compensation."""
        condition = Q()
        for kind in value:
            condition |= Q(**{COMPENSATION_FIELDS[kind]: True})
        return queryset.filter(condition) if value else queryset

    def filter_small_municipalities(self, queryset, name, value):
        return queryset.filter(small_municipalities=(value == "ja")) if value else queryset
