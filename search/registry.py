"""Which content is searchable, with which fields and weights.

A model becomes searchable with one ``register(Searchable(...))`` call:

- ``kind``: the URL value and group name in the site search ("steckbriefe");
- ``code``: a small, stable number (part of the SQLite index row id; never reuse one);
- ``model``: "app_label.ModelName";
- ``fields``: weight → field names (or callables taking the object); weights are
  PostgreSQL's A (title, 1.0), B (0.4), C (0.2), and SQLite's bm25 uses the same
  numbers per column;
- ``published``: the public queryset of the model (drafts are indexed but never found);
- ``snippet_fields``: fields a highlighted passage is taken from;
- ``list_url``: the browse page that searches this kind with ``?q=`` (or None);
- ``related``: (model, function object → searchable objects to reindex) for
  related models whose text is part of the index (e.g. Handlungsfeld names).

The glossary registers itself the same way (see ``register_defaults``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import reverse

WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}


@dataclass
class Searchable:
    kind: str
    code: int
    model: str
    label: str  # "Steckbrief"
    label_plural: str  # "Steckbriefe"
    fields: dict[str, list]
    published: Callable
    snippet_fields: list[str] = field(default_factory=list)
    list_url: str | None = None  # URL name of the browse page with ?q=
    vector_field: str | None = None  # PostgreSQL column on the model itself
    tagged: bool = False  # indexes the names of its Handlungsfelder (tags)

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def texts(self, obj, tag_names=()) -> dict[str, str]:
        """The object's indexed text by weight."""
        out = {}
        for weight, names in self.fields.items():
            parts = []
            for name in names:
                value = name(obj) if callable(name) else getattr(obj, name, "")
                parts.append(str(value or ""))
            if weight == "B" and self.tagged:
                parts.extend(tag_names)
            out[weight] = "\n".join(parts)
        return out

    def list_href(self, q: str) -> str | None:
        if not self.list_url:
            return None
        from urllib.parse import urlencode

        return f"{reverse(self.list_url)}?{urlencode({'q': q})}"


_registry: dict[str, Searchable] = {}


def register(searchable: Searchable) -> None:
    for other in _registry.values():
        if other.code == searchable.code and other.kind != searchable.kind:
            raise ValueError(f"search code {searchable.code} is taken by {other.kind}")
    _registry[searchable.kind] = searchable


def all_kinds() -> list[Searchable]:
    return list(_registry.values())


def get(kind: str) -> Searchable:
    return _registry[kind]


def for_model(model) -> Searchable | None:
    label = f"{model._meta.app_label}.{model.__name__}"
    for searchable in _registry.values():
        if searchable.model.lower() == label.lower():
            return searchable
    return None


def _profile_sections(profile):
    from profiles.models import Profile

    return "\n".join(getattr(profile, name) or "" for name, _anchor in Profile.SECTIONS)


def register_defaults() -> None:
    """Steckbriefe, Praxisbeispiele, Handlungsfelder and (when installed) the glossary."""
    register(
        Searchable(
            kind="steckbriefe",
            code=1,
            model="profiles.Profile",
            label="Steckbrief",
            label_plural="Steckbriefe",
            fields={"A": ["title"], "B": ["summary"], "C": [_profile_sections]},
            published=lambda: apps.get_model("profiles.Profile").objects.published(),
            snippet_fields=["description", "burdens_benefits"],
            list_url="profiles:profile_list",
            vector_field="search_vector",
            tagged=True,
        )
    )
    register(
        Searchable(
            kind="praxisbeispiele",
            code=2,
            model="profiles.PracticeExample",
            label="Praxisbeispiel",
            label_plural="Praxisbeispiele",
            fields={
                "A": ["title"],
                "B": ["summary", "region", "municipalities"],
                "C": ["description", "contact"],
            },
            published=lambda: apps.get_model("profiles.PracticeExample").objects.published(),
            snippet_fields=["description"],
            list_url="profiles:example_list",
            tagged=True,
        )
    )
    register(
        Searchable(
            kind="handlungsfelder",
            code=3,
            model="profiles.PolicyArea",
            label="Handlungsfeld",
            label_plural="Handlungsfelder",
            fields={"A": ["name"], "B": [], "C": ["description"]},
            published=lambda: apps.get_model("profiles.PolicyArea").objects.all(),
            snippet_fields=["description"],
            list_url=None,
        )
    )
    # The glossary: one entry once the app "glossary" is installed (model Term
    # with term, variants, definition and a published() queryset).
    if apps.is_installed("glossary"):
        register(
            Searchable(
                kind="glossar",
                code=4,
                model="glossary.Term",
                label="Glossarbegriff",
                label_plural="Glossar",
                fields={"A": ["term"], "B": ["variants"], "C": ["definition"]},
                published=lambda: apps.get_model("glossary.Term").objects.published(),
                snippet_fields=["definition"],
                list_url=None,
            )
        )
