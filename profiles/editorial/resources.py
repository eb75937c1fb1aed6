"""Import and export of the catalogue (django-import-export): CSV, XLSX and JSON.

One row per Steckbrief, Praxisbeispiel or Handlungsfeld; the slug identifies a
row, so importing a file again updates instead of duplicating. Relations are
plain text so a spreadsheet can hold them:

- ``handlungsfelder``, ``verwandte_steckbriefe``, ``steckbriefe``: slugs,
  separated by commas;
- ``quellen``: one source per line, "Titel | https://adresse"; the line order
  is the order on the page (positions are renumbered 1, 2, 3, ...).

Every error message is German and names the column. ``import_catalogue()``
imports several tables in one transaction and writes nothing unless every row
of every table is valid.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from import_export import fields, resources, widgets

from profiles import facts
from profiles.editorial.history import recorded
from profiles.models import (
    ExampleSource,
    PolicyArea,
    PracticeExample,
    Profile,
    ProfileSource,
    Status,
)

SOURCE_SEPARATOR = "|"
LIST_SEPARATOR = ","


class GermanBooleanWidget(widgets.Widget):
    """ja/nein in files; also accepts 1/0 and true/false. Anything else is an error."""

    TRUE_VALUES = {"ja", "1", "true", "wahr", "x"}
    FALSE_VALUES = {"nein", "0", "false", "falsch", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int | float):
            value = str(int(value))
        text = str(value).strip().lower()
        if text in self.TRUE_VALUES:
            return True
        if text in self.FALSE_VALUES:
            return False
        raise ValueError(f"„{value}“ ist kein Ja/Nein-Wert (erlaubt: ja, nein, 1, 0).")

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nein"


class TextWidget(widgets.CharWidget):
    """Text as is; an empty spreadsheet cell is an empty text, a number its digits."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class IsoDateTimeWidget(widgets.Widget):
    """ISO 8601 with offset and microseconds, so a round trip keeps the exact time."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            parsed = value
        else:
            try:
                parsed = datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(
                    f"„{value}“ ist kein gültiger Zeitpunkt (erwartet: 2025-03-01T09:30:00+01:00)."
                ) from None
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class IsoDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"„{value}“ ist kein gültiges Datum (erwartet: 2025-03-01).") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


def split_list(value) -> list[str]:
    if value is None:
        return []
    return [item.strip() for item in str(value).split(LIST_SEPARATOR) if item.strip()]


def render_sources(sources) -> str:
    return "\n".join(f"{s.title} {SOURCE_SEPARATOR} {s.url}" for s in sources)


def parse_sources(value) -> list[tuple[str, str]]:
    """Lines "Titel | URL" -> [(title, url)]; raises ValueError with a German message."""
    sources, errors, seen = [], [], set()
    validate_url = URLValidator()
    lines = [line.strip() for line in str(value or "").splitlines()]
    for number, line in enumerate((line for line in lines if line), 1):
        title, separator, url = line.rpartition(SOURCE_SEPARATOR)
        title, url = title.strip(), url.strip()
        if not separator or not title or not url:
            errors.append(f"Quelle {number}: erwartet „Titel | https://adresse“, nicht „{line}“.")
            continue
        try:
            validate_url(url)
        except ValidationError:
            errors.append(f"Quelle {number}: „{url}“ ist keine gültige Adresse.")
            continue
        if len(title) > 300 or len(url) > 500:
            errors.append(f"Quelle {number}: Titel (300) oder Adresse (500 Zeichen) zu lang.")
            continue
        if url in seen:
            errors.append(f"Quelle {number}: die Adresse „{url}“ steht doppelt.")
            continue
        seen.add(url)
        sources.append((title, url))
    if errors:
        raise ValueError(" ".join(errors))
    return sources


def replace_sources(obj, source_model, sources):
    """Make obj's sources exactly ``sources`` (in order), keeping rows whose URL stays."""
    existing = {source.url: source for source in obj.sources.all()}
    keep = set()
    for position, (title, url) in enumerate(sources, 1):
        source = existing.get(url) or source_model(parent=obj, url=url)
        if source.pk is None or (source.title, source.position) != (title, position):
            source.title, source.position = title, position
            source.save()
        keep.add(url)
    for url, source in existing.items():
        if url not in keep:
            source.delete()


TEXT_TYPES = {"CharField", "TextField", "SlugField", "URLField"}


class ProgressMixin:
    """Advances an optional progress bar (tqdm) by one per imported row."""

    def __init__(self, *args, progress=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.progress = progress

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if self.progress is not None:
            self.progress.update(1)


class CatalogueResource(ProgressMixin, resources.ModelResource):
    """Shared behaviour: slug as key, German errors, relation columns, progress."""

    # Columns holding relations: {column: parser}; filled by subclasses.
    relation_columns: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_slugs = {}

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        internal_type = f.get_internal_type()
        if internal_type == "BooleanField":
            return GermanBooleanWidget
        if internal_type == "DateTimeField":
            return IsoDateTimeWidget
        if internal_type == "DateField":
            return IsoDateWidget
        if internal_type in TEXT_TYPES:
            return TextWidget
        return super().widget_from_django_field(f, default)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        before = (instance.status, instance.published_at) if instance.pk else (None, None)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        user = kwargs.get("user")
        if user is not None and not self.may_publish(user):
            publishes = instance.status == Status.PUBLISHED and before[0] != Status.PUBLISHED
            if publishes or instance.published_at != before[1]:
                errors["status"] = [
                    "Keine Berechtigung zum Veröffentlichen: Status „Veröffentlicht“ und "
                    "„veröffentlicht am“ darf nur die Redaktion mit dieser Berechtigung setzen."
                ]
        instance._relations = {}
        for column, parse in self.relation_parsers().items():
            if column not in row:
                continue
            try:
                instance._relations[column] = parse(row[column])
            except ValueError as error:
                errors[column] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Leave an existing entry alone (no save, no history) when the row changes nothing."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.attribute and field.column_name in row:
                if getattr(instance, field.attribute) != getattr(original, field.attribute):
                    return False
        current = self.current_relations(original)
        return all(
            self.comparable(column, value) == current[column]
            for column, value in instance._relations.items()
        )

    def relation_parsers(self) -> dict:
        """{column: parse(text)} of the columns that are not plain model fields."""
        return {column: getattr(self, parse) for column, parse in self.relation_columns.items()}

    def current_relations(self, obj) -> dict:
        """The relation columns' values in the database, comparable to parsed ones."""
        return {
            "handlungsfelder": sorted(tag.slug for tag in obj.tags.all()),
            "quellen": [(source.title, source.url) for source in obj.sources.all()],
        }

    def comparable(self, column, value):
        if column == "handlungsfelder":
            return sorted(area.slug for area in value)
        return value

    def may_publish(self, user):
        opts = self._meta.model._meta
        return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def parse_sources(self, value):
        return parse_sources(value)

    def parse_policy_areas(self, value):
        slugs = split_list(value)
        known = self.known_slugs.setdefault(
            "policy_areas", {area.slug: area for area in PolicyArea.objects.all()}
        )
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise ValueError(
                "Unbekannte Handlungsfelder: " + ", ".join(unknown) + " (erwartet: Kurznamen)."
            )
        return [known[slug] for slug in slugs]

    def dehydrate_handlungsfelder(self, obj):
        return ", ".join(sorted(tag.slug for tag in obj.tags.all()))

    def dehydrate_quellen(self, obj):
        return render_sources(obj.sources.all())

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        relations = getattr(instance, "_relations", {})
        if "handlungsfelder" in relations:
            instance.tags.set(relations["handlungsfelder"])
        if "quellen" in relations:
            replace_sources(instance, self.source_model, relations["quellen"])


COMMON_PUBLISHING_FIELDS = ["status", "published_at", "last_reviewed"]


def fact_model_fields() -> list[str]:
    """The registry's facts stored in plain columns of the profile table."""
    concrete = {f.name for f in Profile._meta.concrete_fields}
    return [name for name in facts.flat_fields() if name in concrete]


class PolicyAreaResource(ProgressMixin, resources.ModelResource):
    class Meta:
        model = PolicyArea
        name = "Handlungsfelder"
        import_id_fields = ["slug"]
        fields = ["slug", "name", "description"]
        export_order = ["slug", "name", "description"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.get_internal_type() in TEXT_TYPES:
            return TextWidget
        return super().widget_from_django_field(f, default)


class ProfileResource(CatalogueResource):
    handlungsfelder = fields.Field(column_name="handlungsfelder", readonly=False)
    verwandte_steckbriefe = fields.Field(column_name="verwandte_steckbriefe", readonly=False)
    quellen = fields.Field(column_name="quellen", readonly=False)

    relation_columns = {
        "handlungsfelder": "parse_policy_areas",
        "verwandte_steckbriefe": "parse_related",
        "quellen": "parse_sources",
    }
    source_model = ProfileSource

    class Meta:
        model = Profile
        name = "Steckbriefe"
        import_id_fields = ["slug"]
        # Plain model columns; the facts' own columns are added per instance
        # (__init__) and the order comes from column_order().
        fields = [
            "slug",
            "title",
            "summary",
            *(name for name, _anchor in Profile.SECTIONS),
            *fact_model_fields(),
            *COMMON_PUBLISHING_FIELDS,
            "handlungsfelder",
            "verwandte_steckbriefe",
            "quellen",
        ]
        clean_model_instances = True
        use_transactions = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for column in facts.columns():
            self.fields[column.name] = fields.Field(
                column_name=column.name,
                readonly=column.parse is None,
                dehydrate_method=column.render,
            )

    @staticmethod
    def column_order():
        """The columns of the Steckbriefe table: the facts in the registry's order."""
        fact_columns = []
        for fact in facts.facts():
            fact_columns += [name for name in fact.field_names if name in fact_model_fields()]
            fact_columns += [column.name for column in fact.columns]
        return (
            "slug",
            "title",
            "summary",
            *(name for name, _anchor in Profile.SECTIONS),
            *fact_columns,
            *COMMON_PUBLISHING_FIELDS,
            "handlungsfelder",
            "verwandte_steckbriefe",
            "quellen",
        )

    def get_export_order(self):
        return self.column_order()

    def get_import_order(self):
        return self.column_order()

    def relation_parsers(self):
        parsers = super().relation_parsers()
        parsers.update({c.name: c.parse for c in facts.columns() if c.parse is not None})
        return parsers

    def get_queryset(self):
        return Profile.objects.with_facts().prefetch_related("sources", "related").order_by("slug")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Related profiles may come later in the same file.
        self.slugs_in_file = set()
        if "slug" in (dataset.headers or []):
            self.slugs_in_file = {str(s).strip() for s in dataset["slug"] if s}
        self.pending_related = []

    def parse_related(self, value):
        slugs = split_list(value)
        known = self.known_slugs.setdefault(
            "profiles", set(Profile.objects.values_list("slug", flat=True))
        )
        unknown = [slug for slug in slugs if slug not in known and slug not in self.slugs_in_file]
        if unknown:
            raise ValueError("Unbekannte Steckbriefe: " + ", ".join(unknown) + ".")
        return slugs

    def current_relations(self, obj):
        relations = super().current_relations(obj)
        relations["verwandte_steckbriefe"] = sorted(p.slug for p in obj.related.all())
        for column in facts.columns():
            if column.parse is not None:
                relations[column.name] = column.current(obj)
        return relations

    def comparable(self, column, value):
        if column == "verwandte_steckbriefe":
            return sorted(value)
        return super().comparable(column, value)

    def dehydrate_verwandte_steckbriefe(self, obj):
        return ", ".join(sorted(profile.slug for profile in obj.related.all()))

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        for column in facts.columns():
            if column.save is not None and column.name in instance._relations:
                column.save(instance, instance._relations[column.name])
        if "verwandte_steckbriefe" in instance._relations:
            self.pending_related.append((instance, instance._relations["verwandte_steckbriefe"]))

    def after_import(self, dataset, result, **kwargs):
        """Link related profiles once every row of the file is saved."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return
        for profile, slugs in self.pending_related:
            profile.related.set(Profile.objects.filter(slug__in=slugs))


class ExampleResource(CatalogueResource):
    handlungsfelder = fields.Field(column_name="handlungsfelder", readonly=False)
    steckbriefe = fields.Field(column_name="steckbriefe", readonly=False)
    quellen = fields.Field(column_name="quellen", readonly=False)

    relation_columns = {
        "handlungsfelder": "parse_policy_areas",
        "steckbriefe": "parse_profiles",
        "quellen": "parse_sources",
    }
    source_model = ExampleSource

    class Meta:
        model = PracticeExample
        name = "Praxisbeispiele"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "summary",
            "municipalities",
            "region",
            "state",
            "period",
            "project_status",
            "description",
            "contact",
            *COMMON_PUBLISHING_FIELDS,
            "handlungsfelder",
            "steckbriefe",
            "quellen",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True

    def get_queryset(self):
        return PracticeExample.objects.prefetch_related("tags", "sources", "profiles").order_by(
            "slug"
        )

    def parse_profiles(self, value):
        slugs = split_list(value)
        known = self.known_slugs.setdefault(
            "profiles", {p.slug: p for p in Profile.objects.only("pk", "slug")}
        )
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            raise ValueError("Unbekannte Steckbriefe: " + ", ".join(unknown) + ".")
        return [known[slug] for slug in slugs]

    def current_relations(self, obj):
        relations = super().current_relations(obj)
        relations["steckbriefe"] = sorted(p.slug for p in obj.profiles.all())
        return relations

    def comparable(self, column, value):
        if column == "steckbriefe":
            return sorted(profile.slug for profile in value)
        return super().comparable(column, value)

    def dehydrate_steckbriefe(self, obj):
        return ", ".join(sorted(profile.slug for profile in obj.profiles.all()))

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if "steckbriefe" in instance._relations:
            instance.profiles.set(instance._relations["steckbriefe"])


# Tables of a whole-catalogue file, in import order (later tables refer to earlier ones).
TABLES = [
    ("handlungsfelder", PolicyAreaResource),
    ("steckbriefe", ProfileResource),
    ("praxisbeispiele", ExampleResource),
]


def import_catalogue(datasets, *, dry_run=False, user=None, progress=None, comment=""):
    """Import {table: Dataset} in one transaction; keep nothing if any row fails.

    Returns [(table, Result)]. With ``dry_run`` every row is checked (later
    tables see the rows of earlier ones) and everything is rolled back.
    """
    results = []
    with transaction.atomic():
        with recorded(user=user, comment=comment or "Import"):
            for table, resource_class in TABLES:
                if table not in datasets:
                    continue
                resource = resource_class(progress=progress)
                # Invalid rows are reported, valid ones stay until the end so that
                # later tables can refer to them; then everything is rolled back
                # if any row of any table failed.
                result = resource.import_data(datasets[table], dry_run=False, use_transactions=True)
                results.append((table, result))
            failed = any(r.has_errors() or r.has_validation_errors() for _t, r in results)
            if dry_run or failed:
                transaction.set_rollback(True)
    return results
