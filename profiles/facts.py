"""The structured facts of a Steckbrief, each declared once.

A fact is what a reader compares and filters on: Art, Verbindlichkeit,
Ausgleich, Aufwand, Eignung für kleine Gemeinden, Geltungsbereich. Its entry
in ``FACTS`` says

- which model fields hold it (admin fieldset and ``list_filter``, import/export columns),
- its URL parameter (``name``), which is also its key in the API and the downloads,
- its German label and how a value reads (facts box "Auf einen Blick", compare table),
- its options and the condition of one option (browse filter, facet counts, chips, API filter).

Everything else reads this list: ``profiles.public.filters`` (filters and facets),
``profiles.public.views`` (facts box), ``profiles.public.compare`` (rows),
``profiles.opendata.downloads`` (records for API and downloads),
``profiles.editorial.resources`` (import/export columns) and
``profiles.editorial.admin`` (fieldsets, list filters).
Adding a filterable fact: the model field, its migration, one entry here
(see docs/architecture.md, "Add a filterable fact").

Handlungsfelder are not a fact here: they are a vocabulary of their own
(a tag model with pages, a link table and the "und/oder" switch).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from profiles.models import (
    COMPENSATION_FIELDS,
    NATIONWIDE,
    Bindingness,
    Bundesland,
    Effort,
    Kind,
    Land,
    Profile,
)

YES, NO = "ja", "nein"


@dataclass(frozen=True)
class Column:
    """A fact's import/export column that is not a plain model field (e.g. many-to-many).

    ``render(profile)`` gives the cell text; ``parse(text)`` the value to store
    (raises ValueError with a German message) and ``save(profile, value)`` stores it.
    A column without ``parse`` is exported only.
    """

    name: str
    render: Callable
    parse: Callable | None = None
    save: Callable | None = None
    current: Callable | None = None  # the stored value, comparable to parse()'s


@dataclass(frozen=True)
class Fact:
    name: str  # URL parameter and key in API records and downloads
    label: str  # German label: facts box, compare table, filter (unless filter_label)
    choices: tuple = ()  # (value, label) options of the filter and facet
    condition: Callable[[str], Q] | None = None  # one option as a Q; None: not filterable
    display: Callable[[Profile], str] = str  # how the value reads on a page
    record: Callable[[Profile], dict] = dict  # {key: JSON value} for API and downloads
    fields: tuple = ()  # model fields holding the fact (admin, import/export)
    columns: tuple[Column, ...] = ()  # import/export columns beyond plain model fields
    filter_label: str = ""
    multiple: bool = True  # checkboxes (any of the ticked) or one choice with "egal"
    any_label: str = "egal"
    prefetch: tuple = ()  # relations the display and record read
    list_filter: tuple = ()  # admin list filters
    in_admin_group: bool = True  # shown in the admin group "Merkmale für die Suche"
    in_facts_box: bool = True
    in_compare: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        """``fields`` flattened (a tuple in ``fields`` keeps fields on one admin line)."""
        names = []
        for item in self.fields:
            names.extend(item if isinstance(item, tuple) else [item])
        return names

    @property
    def filterable(self) -> bool:
        return self.condition is not None

    @property
    def choice_values(self) -> list[str]:
        return [value for value, _label in self.choices]

    def matching(self, values) -> Q:
        """Profiles matching any of ``values`` (an empty Q for none)."""
        condition = Q()
        for value in values:
            condition |= self.condition(value)
        return condition


# --- Fact kinds -----------------------------------------------------------


def choice_fact(name, field_name, label, choices, **kwargs) -> Fact:
    """One value out of fixed choices, stored in one column."""
    return Fact(
        name=name,
        label=label,
        choices=tuple(choices),
        condition=lambda value: Q(**{field_name: value}),
        display=lambda p: str(getattr(p, f"get_{field_name}_display")()),
        record=lambda p: {name: getattr(p, field_name)},
        fields=(field_name,),
        list_filter=(field_name,),
        **kwargs,
    )


def boolean_fact(name, field_name, label, yes_label, no_label, **kwargs) -> Fact:
    """Yes or no in one column; filtered as ja/nein with "egal"."""
    return Fact(
        name=name,
        label=label,
        choices=((YES, yes_label), (NO, no_label)),
        condition=lambda value: Q(**{field_name: value == YES}),
        display=lambda p: yes_label if getattr(p, field_name) else no_label,
        record=lambda p: {name: getattr(p, field_name)},
        fields=(field_name,),
        list_filter=(field_name,),
        multiple=False,
        **kwargs,
    )


def flags_fact(name, label, flags, none_label, **kwargs) -> Fact:
    """Several of fixed choices, one boolean column each ({choice: field})."""
    choices = tuple((str(choice), str(choice.label)) for choice in flags)

    def chosen(p):
        return [choice for choice, field_name in flags.items() if getattr(p, field_name)]

    return Fact(
        name=name,
        label=label,
        choices=choices,
        condition=lambda value: Q(**{flags[value]: True}),
        display=lambda p: ", ".join(str(c.label) for c in chosen(p)) or none_label,
        record=lambda p: {name: [str(c) for c in chosen(p)]},
        fields=(tuple(flags.values()),),
        **kwargs,
    )


# --- Geltungsbereich: bundesweit or some Länder (many-to-many) -------------


def scope_codes(profile) -> list[str]:
    return [land.code for land in profile.scope.all()]  # prefetched, in position order


def scope_display(profile) -> str:
    lands = list(profile.scope.all())
    if any(land.code == NATIONWIDE for land in lands):
        return "bundesweit"
    return ", ".join(land.name for land in lands) or "nicht angegeben"


def applies_in(code) -> Q:
    """Profiles that apply in Land ``code``: bundesweit or that Land listed."""
    links = Profile.scope.through.objects.filter(land_id__in=[NATIONWIDE, code])
    return Q(pk__in=links.values("profile_id"))


def parse_scope(text) -> list[str]:
    codes = [item.strip().upper() for item in str(text or "").split(",") if item.strip()]
    known = {NATIONWIDE, *Bundesland.values}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValueError(
            "Unbekannte Länderkürzel: " + ", ".join(unknown) + " (erlaubt: DE für bundesweit, "
            "BW, BY, … wie im Kfz-Kennzeichen der Länder)."
        )
    if NATIONWIDE in codes and len(codes) > 1:
        raise ValueError("Entweder DE (bundesweit) oder einzelne Länder, nicht beides.")
    return sorted(set(codes))


def save_scope(profile, codes):
    profile.scope.set(Land.objects.filter(code__in=codes))


SCOPE = Fact(
    name="land",
    label="Geltungsbereich",
    filter_label="Gilt in",
    choices=tuple(Bundesland.choices),
    condition=applies_in,
    display=scope_display,
    record=lambda p: {"geltungsbereich": scope_codes(p)},
    fields=("scope",),
    columns=(
        Column(
            "geltungsbereich",
            render=lambda p: ", ".join(scope_codes(p)),
            parse=parse_scope,
            save=save_scope,
            current=lambda p: sorted(scope_codes(p)),
        ),
    ),
    prefetch=("scope",),
    list_filter=("scope",),
)


# --- The registry ---------------------------------------------------------

KIND = Fact(
    name="art",
    label="Art",
    filter_label="Art des Steckbriefs",
    choices=tuple(Kind.choices),
    condition=lambda value: Q(kind=value),
    display=lambda p: str(p.get_kind_display()),
    record=lambda p: {"art": p.kind, "art_bezeichnung": str(p.get_kind_display())},
    fields=("kind",),
    list_filter=("kind",),
    in_admin_group=False,  # the admin shows it first, beside the title
)

FACTS: list[Fact] = [
    KIND,
    choice_fact("verbindlichkeit", "bindingness", "Verbindlichkeit", Bindingness.choices),
    flags_fact(
        "ausgleich",
        "Art des Ausgleichs",
        COMPENSATION_FIELDS,
        none_label="kein eigener Ausgleich",
    ),
    choice_fact("aufwand", "effort", "Aufwand", Effort.choices),
    boolean_fact(
        "kleine_gemeinden",
        "small_municipalities",
        "Für kleine Gemeinden",
        "geeignet",
        "eher nicht geeignet",
    ),
    SCOPE,
]


def facts() -> list[Fact]:
    """All facts in reading order (a function, so tests may add one for a while)."""
    return list(FACTS)


def filterable() -> list[Fact]:
    return [fact for fact in FACTS if fact.filterable]


def get(name) -> Fact:
    return next(fact for fact in FACTS if fact.name == name)


def prefetches() -> list[str]:
    return list(dict.fromkeys(name for fact in FACTS for name in fact.prefetch))


def facts_box(profile) -> list[tuple[str, str]]:
    """(label, value) pairs of the facts box "Auf einen Blick"."""
    return [(fact.label, fact.display(profile)) for fact in FACTS if fact.in_facts_box]


def record(profile) -> dict:
    """The facts of a profile as API / download keys."""
    data = {}
    for fact in FACTS:
        data.update(fact.record(profile))
    return data


def model_fields(*, admin_group=None) -> list:
    """Model fields of all facts (tuples of fields kept together), in order."""
    return [
        name
        for fact in FACTS
        if admin_group is None or fact.in_admin_group == admin_group
        for name in fact.fields
    ]


def flat_fields() -> list[str]:
    return [name for fact in FACTS for name in fact.field_names]


def columns() -> list[Column]:
    return [column for fact in FACTS for column in fact.columns]


def list_filters() -> list[str]:
    return [name for fact in FACTS for name in fact.list_filter]
