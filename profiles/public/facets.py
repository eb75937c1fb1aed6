"""Facet counts for FilterSets: next to every option, how many results it would give.

Each facet is counted with every other active filter applied and its own filter
left out (disjunctive facets, as CKAN or keep.eu show them), so a visitor sees
what ticking one more option of the same group would add. The counts come from
conditional aggregation (``Count(..., filter=Q(...))``): one query for all
facets over fixed choices and one per related facet, never one per option or
per result.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool

    @property
    def disabled(self) -> bool:
        """An option that would give no results (and is not ticked)."""
        return self.count == 0 and not self.selected


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    multiple: bool = True
    errors: list[str] = field(default_factory=list)
    # Results with this facet's filter removed (None when not counted).
    total_without: int | None = None

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class ChoiceFacet:
    """A facet over fixed choices; ``condition(value)`` is the Q of one option."""

    name: str
    choices: list[tuple[str, str]]
    condition: object
    multiple: bool = True


@dataclass
class RelatedFacet:
    """A facet over related objects (many-to-many), counted in the link table.

    ``options`` returns the option queryset; ``links`` the link (through)
    model; ``option_field`` and ``object_field`` its two foreign key columns.
    Counting starts from the filtered objects, so a narrow search stays cheap.
    """

    name: str
    options: object
    links: object
    option_field: str
    object_field: str
    value_attr: str = "slug"
    label_attr: str = "name"


class FacetMixin:
    """For a django-filter FilterSet: ``facets()``, ``filtered_without()``, ``active_filters()``.

    Subclasses list ``facet_specs()`` and may mark facets as conjunctive
    (``is_conjunctive(name)``: counted with their own filter applied).
    After ``facets()``, ``result_total`` holds the number of results when one
    of the aggregate queries counted it (else None).
    """

    result_total = None

    def facet_specs(self):
        return []

    def is_conjunctive(self, name) -> bool:
        return False

    @property
    def cleaned(self) -> dict:
        """The valid filter values ({} when nothing was submitted).

        A multiple-choice parameter with some invalid values keeps its valid
        ones (the form error still names the others).
        """
        if not self.is_bound:
            return {}
        if not getattr(self, "_partially_cleaned", False):
            self._partially_cleaned = True
            for name in self.errors:  # validates the form
                kept = self._valid_values(name)
                if kept is not None:
                    self.form.cleaned_data[name] = kept
        return self.form.cleaned_data

    def _valid_values(self, name):
        field = self.form.fields.get(name)
        values = self.data.getlist(name)
        if isinstance(field, forms.ModelMultipleChoiceField):
            key = field.to_field_name or "pk"
            kept = field.queryset.filter(**{f"{key}__in": values})
            return kept if kept else None
        if isinstance(field, forms.MultipleChoiceField):
            kept = [value for value in values if field.valid_value(value)]
            return kept or None
        return None

    def filter_queryset(self, queryset):
        _ = self.cleaned  # keeps the valid part of partly invalid parameters
        return super().filter_queryset(queryset)

    def filtered_without(self, exclude=None):
        """The queryset with all valid filters applied except ``exclude`` (unordered).

        ``exclude`` is one filter name or a set of them.
        """
        excluded = {exclude} if isinstance(exclude, str) or exclude is None else set(exclude)
        queryset = self.queryset.all()
        for name, value in self.cleaned.items():
            if name not in excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _selected(self, name) -> set[str]:
        value = self.cleaned.get(name)
        if value in EMPTY_VALUES:
            return set()
        values = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
        return {str(getattr(item, "slug", item)) for item in values}

    def _condition(self, spec) -> Q:
        """A choice facet's own filter as a Q: any of the selected values."""
        condition = Q()
        for value in self._selected(spec.name):
            condition |= spec.condition(value)
        return condition

    def facets(self) -> list[Facet]:
        if hasattr(self, "_facets"):
            return self._facets
        specs = self.facet_specs()
        active = {spec.name for spec in specs if self._selected(spec.name)}

        def excluded(name):
            return name if name in active and not self.is_conjunctive(name) else None

        # All choice facets are counted in one aggregate query over the
        # results without the active (disjunctive) choice filters; each
        # count adds back, as a FILTER condition, the active filters other
        # than its own facet's.
        choice_specs = [spec for spec in specs if isinstance(spec, ChoiceFacet)]
        own = {
            spec.name: self._condition(spec)
            for spec in choice_specs
            if excluded(spec.name) is not None
        }

        def others(name):
            condition = Q()
            for other, other_condition in own.items():
                if other != name:
                    condition &= other_condition
            return condition

        def count(condition):
            return Count("pk", filter=condition) if condition else Count("pk")

        aggregates, counts, totals = {}, {}, {}
        for exclude in [None, *own]:
            aggregates[f"total_{exclude}"] = count(others(exclude))
        for i, spec in enumerate(choice_specs):
            base = others(excluded(spec.name))
            for j, (value, _label) in enumerate(spec.choices):
                aggregates[f"f{i}_{j}"] = count(base & spec.condition(value))
        if choice_specs:
            result = self.filtered_without(set(own)).aggregate(**aggregates)
            for exclude in [None, *own]:
                totals[exclude] = result[f"total_{exclude}"]
            for i, spec in enumerate(choice_specs):
                for j, (value, _label) in enumerate(spec.choices):
                    counts[(spec.name, value)] = result[f"f{i}_{j}"]

        facets = []
        for spec in specs:
            selected = self._selected(spec.name)
            errors = list(self.errors.get(spec.name, []))
            label = self.filters[spec.name].label
            if isinstance(spec, ChoiceFacet):
                options = [
                    FacetOption(value, label_, counts[(spec.name, value)], value in selected)
                    for value, label_ in spec.choices
                ]
                total_without = totals.get(excluded(spec.name))
                facets.append(
                    Facet(spec.name, label, options, spec.multiple, errors, total_without)
                )
            else:
                base = self.filtered_without(excluded(spec.name))
                per_option = dict(
                    spec.links.objects.filter(**{f"{spec.object_field}__in": base.values("pk")})
                    .values_list(spec.option_field)
                    .annotate(n=Count("pk"))
                    .order_by()
                )
                rows = spec.options().only("pk", spec.value_attr, spec.label_attr)
                options = [
                    FacetOption(
                        str(getattr(row, spec.value_attr)),
                        str(getattr(row, spec.label_attr)),
                        per_option.get(row.pk, 0),
                        str(getattr(row, spec.value_attr)) in selected,
                    )
                    for row in rows
                ]
                facets.append(Facet(spec.name, label, options, True, errors))
        self._facets = facets
        self.result_total = totals.get(None)
        return facets

    def active_filters(self) -> list[dict]:
        """Removable chips: a label and the query string without that one value."""
        chips = []
        for facet in self.facets():
            for option in facet.options:
                if option.selected:
                    params = self.query_without(facet.name, option.value)
                    chips.append({"label": f"{facet.label}: {option.label}", "query": params})
        return chips

    def query_without(self, name, value=None) -> str:
        """The current query string without parameter ``name`` (only its ``value``
        when given) and without the page number: the link of a removable chip."""
        params = QueryDict(mutable=True)
        for key, values in self.data.lists():
            if key == "page":
                continue
            if key == name:
                values = [v for v in values if value is not None and v != value]
            values = [v for v in values if v != ""]
            if values:
                params.setlist(key, values)
        return params.urlencode()
