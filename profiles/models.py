"""The catalogue's content: Steckbriefe (profiles), Praxisbeispiele and Handlungsfelder.

Public code reaches content only through ``published()``; editors use the plain
managers in the admin.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from profiles.text import german_slugify


class Status(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    REVIEW = "pruefung", _("In Prüfung")
    PUBLISHED = "veroeffentlicht", _("Veröffentlicht")


class SlugManager(models.Manager):
    """Natural keys by slug, so fixtures and imports need no database ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The only door for public views: published and not dated in the future."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What list pages and cards need in a fixed number of queries."""
        return self.prefetch_related("tags")


class Publishable(models.Model):
    """Publication state and dates shared by profiles and examples."""

    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("veröffentlicht am"),
        null=True,
        blank=True,
        help_text=_("Wird beim Veröffentlichen automatisch gesetzt, wenn leer."),
    )
    last_reviewed = models.DateField(
        _("zuletzt geprüft"),
        null=True,
        blank=True,
        help_text=_("Stand: wann die Redaktion den Inhalt zuletzt fachlich geprüft hat."),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class PolicyArea(TagBase):
    """A Handlungsfeld: a policy field, the controlled tag vocabulary editors maintain."""

    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Der thematische Steckbrief des Handlungsfelds (Markdown)."),
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["name"]

    def natural_key(self):
        return (self.slug,)

    def slugify(self, tag, i=None):
        slug = german_slugify(tag)
        return f"{slug}_{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("profiles:policyarea_detail", kwargs={"slug": self.slug})


class TaggedItemManager(models.Manager):
    def get_by_natural_key(self, object_slug, tag_slug):
        return self.get(content_object__slug=object_slug, tag__slug=tag_slug)


class TaggedProfile(TaggedItemBase):
    content_object = models.ForeignKey("Profile", on_delete=models.CASCADE)
    tag = models.ForeignKey(PolicyArea, on_delete=models.CASCADE, related_name="profile_items")

    objects = TaggedItemManager()

    class Meta:
        verbose_name = _("Handlungsfeld-Zuordnung (Steckbrief)")
        verbose_name_plural = _("Handlungsfeld-Zuordnungen (Steckbriefe)")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_profile_tag")
        ]

    def natural_key(self):
        return (self.content_object.slug, self.tag.slug)

    natural_key.dependencies = ["profiles.profile", "profiles.policyarea"]


class TaggedExample(TaggedItemBase):
    content_object = models.ForeignKey("PracticeExample", on_delete=models.CASCADE)
    tag = models.ForeignKey(PolicyArea, on_delete=models.CASCADE, related_name="example_items")

    objects = TaggedItemManager()

    class Meta:
        verbose_name = _("Handlungsfeld-Zuordnung (Praxisbeispiel)")
        verbose_name_plural = _("Handlungsfeld-Zuordnungen (Praxisbeispiele)")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_example_tag")
        ]

    def natural_key(self):
        return (self.content_object.slug, self.tag.slug)

    natural_key.dependencies = ["profiles.practiceexample", "profiles.policyarea"]


class Kind(models.TextChoices):
    ORGANISATION = "organisationsform", _("Organisationsform")
    INSTRUMENT = "instrument", _("Planungs- oder Kooperationsinstrument")
    COMPENSATION = "ausgleich", _("Lasten-Nutzen-Ausgleichsmechanismus")


class Bindingness(models.TextChoices):
    INFORMAL = "informell", _("informell")
    CONTRACT = "vertraglich", _("vertraglich")
    LEGAL_ENTITY = "rechtsperson", _("eigene Rechtsperson")


class Effort(models.TextChoices):
    LOW = "gering", _("gering")
    MEDIUM = "mittel", _("mittel")
    HIGH = "hoch", _("hoch")


class Compensation(models.TextChoices):
    """Kinds of compensation; a profile may offer several (one boolean field each)."""

    MONETARY = "monetaer", _("monetär")
    IN_KIND = "nicht-monetaer", _("nicht-monetär")
    PACKAGE = "paketloesung", _("Paketlösung")


# Model field holding each compensation kind.
COMPENSATION_FIELDS = {
    Compensation.MONETARY: "compensation_monetary",
    Compensation.IN_KIND: "compensation_in_kind",
    Compensation.PACKAGE: "compensation_package",
}


class Bundesland(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


# The Land row that stands for "applies in every Land".
NATIONWIDE = "DE"


class Land(models.Model):
    """Where a Steckbrief applies: one row per Bundesland plus "bundesweit" (code DE).

    The rows are fixed and created by a migration; a profile's ``scope`` links
    to them, so "applies in Bayern" is one indexed lookup in the link table.
    """

    code = models.CharField(_("Kürzel"), max_length=2, primary_key=True)
    name = models.CharField(_("Name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")
        ordering = ["position"]

    def __str__(self):
        return self.name


class ProfileQuerySet(PublishableQuerySet):
    """Readers of related objects return published related objects only."""

    def with_facts(self):
        """Tags and whatever the registered facts read (profiles.facts)."""
        from profiles import facts  # facts imports this module

        return self.prefetch_related("tags", *facts.prefetches())

    def for_detail(self):
        """What a Steckbrief page shows: published related profiles and examples by title."""
        return self.with_facts().prefetch_related(
            "sources",
            models.Prefetch("related", queryset=Profile.objects.published().order_by("title")),
            models.Prefetch(
                "examples", queryset=PracticeExample.objects.published().order_by("title")
            ),
        )

    def for_record(self):
        """What an open-data record holds: published related profiles and examples by slug."""
        return self.with_facts().prefetch_related(
            "sources",
            models.Prefetch("related", queryset=Profile.objects.published().order_by("slug")),
            models.Prefetch(
                "examples", queryset=PracticeExample.objects.published().order_by("slug")
            ),
        )


class ProfileManager(SlugManager.from_queryset(ProfileQuerySet)):
    pass


class Profile(Publishable):
    """A Steckbrief: one organisation form, instrument or compensation mechanism."""

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=200,
        unique=True,
        help_text=_("Teil des dauerhaften Links, z. B. zweckverband."),
    )
    summary = models.CharField(
        _("Kurzbeschreibung"),
        max_length=400,
        help_text=_("Ein bis zwei Sätze für Listen und Link-Vorschauen."),
    )

    # Sections of the Steckbrief (Markdown)
    description = models.TextField(_("Was ist das?"))
    legal_basis = models.TextField(
        _("Rechtsgrundlage"), blank=True, help_text=_("z. B. Art. 17–48 KommZG")
    )
    burdens_benefits = models.TextField(
        _("Lasten, Nutzen und Ausgleich"),
        blank=True,
        help_text=_("Wie Lasten und Nutzen entstehen und wie sie ausgeglichen werden."),
    )
    prerequisites = models.TextField(_("Voraussetzungen und Aufwand"), blank=True)
    opportunities = models.TextField(_("Chancen"), blank=True)
    stumbling_blocks = models.TextField(_("Stolpersteine"), blank=True)
    steps = models.TextField(_("Vom Konzept zum Projekt"), blank=True)
    contact = models.TextField(_("Ansprechpartner"), blank=True)

    # Structured facts the browse page filters on
    bindingness = models.CharField(
        _("Verbindlichkeit"), max_length=20, choices=Bindingness.choices, db_index=True
    )
    compensation_monetary = models.BooleanField(_("Ausgleich monetär"), default=False)
    compensation_in_kind = models.BooleanField(_("Ausgleich nicht-monetär"), default=False)
    compensation_package = models.BooleanField(_("Ausgleich als Paketlösung"), default=False)
    effort = models.CharField(_("Aufwand"), max_length=10, choices=Effort.choices, db_index=True)
    small_municipalities = models.BooleanField(
        _("geeignet für kleine Gemeinden"), default=False, db_index=True
    )
    scope = models.ManyToManyField(
        Land,
        verbose_name=_("Geltungsbereich"),
        related_name="profiles",
        blank=True,
        help_text=_("„bundesweit“ oder die Länder, deren Recht der Steckbrief beschreibt."),
    )

    tags = TaggableManager(
        verbose_name=_("Handlungsfelder"),
        through=TaggedProfile,
        blank=True,
        help_text=_("Handlungsfelder, zu denen der Steckbrief passt."),
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("verwandte Steckbriefe"), blank=True, symmetrical=True
    )

    # Search index on PostgreSQL: weighted German full text (GIN index), kept
    # up to date by the search app (search.index). SQLite indexes in FTS5.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProfileManager()

    class Meta:
        verbose_name = _("Steckbrief")
        verbose_name_plural = _("Steckbriefe")
        ordering = ["title"]
        permissions = [("publish_profile", _("Kann Steckbriefe veröffentlichen"))]
        indexes = [
            # The browse page's default order reads the first page without
            # sorting the table. (PostgreSQL also gets a covering index for
            # facet counts: migration 0002_search_index.)
            models.Index(fields=["title", "id"], name="profile_title_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("profiles:profile_detail", kwargs={"slug": self.slug})

    @property
    def compensation_kinds(self) -> list[Compensation]:
        return [kind for kind, field in COMPENSATION_FIELDS.items() if getattr(self, field)]

    # Section field names in reading order, with their stable anchors.
    SECTIONS = [
        ("description", "was-ist-das"),
        ("legal_basis", "rechtsgrundlage"),
        ("burdens_benefits", "lasten-und-nutzen"),
        ("prerequisites", "voraussetzungen"),
        ("opportunities", "chancen"),
        ("stumbling_blocks", "stolpersteine"),
        ("steps", "schritte"),
        ("contact", "ansprechpartner"),
    ]


class MunicipalityManager(models.Manager):
    def get_by_natural_key(self, name, state, district):
        return self.get(name=name, state=state, district=district)


class Municipality(models.Model):
    """A Gemeinde, Stadt or Landkreis taking part in Praxisbeispiele.

    Editors keep one entry per municipality and link it to every example it
    takes part in. Einwohner and position come from a named public source.
    """

    name = models.CharField(_("Name"), max_length=200)
    state = models.CharField(_("Land"), max_length=2, choices=Bundesland.choices)
    district = models.CharField(
        _("Landkreis"),
        max_length=200,
        blank=True,
        help_text=_("Leer bei kreisfreien Städten und Landkreisen selbst."),
    )
    population = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("Stand (Jahr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    source_url = models.URLField(
        _("Quelle (Einwohner und Lage)"),
        max_length=500,
        blank=True,
        help_text=_("Öffentliche Quelle der Einwohnerzahl und der Koordinaten."),
    )
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(47), MaxValueValidator(55.2)],
        help_text=_("Dezimalgrad, z. B. 48.41028 (Deutschland: 47 bis 55,2)."),
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(5.8), MaxValueValidator(15.1)],
        help_text=_("Dezimalgrad, z. B. 11.47083 (Deutschland: 5,8 bis 15,1)."),
    )

    objects = MunicipalityManager()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name", "state", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "state", "district"], name="unique_municipality"
            )
        ]

    def __str__(self):
        where = self.district or self.get_state_display()
        return f"{self.name} ({where})"

    def natural_key(self):
        return (self.name, self.state, self.district)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class ProjectStatus(models.TextChoices):
    PLANNED = "geplant", _("geplant")
    RUNNING = "laufend", _("laufend")
    FINISHED = "abgeschlossen", _("abgeschlossen")
    ENDED = "beendet", _("beendet ohne Umsetzung")


class PracticeExampleQuerySet(PublishableQuerySet):
    """Readers of related objects return published related objects only."""

    def for_detail(self):
        return self.prefetch_related(
            "tags",
            "sources",
            "members",
            models.Prefetch("profiles", queryset=Profile.objects.published().order_by("title")),
        )

    def for_record(self):
        return self.prefetch_related(
            "tags",
            "sources",
            models.Prefetch("profiles", queryset=Profile.objects.published().order_by("slug")),
        )


class PracticeExampleManager(SlugManager.from_queryset(PracticeExampleQuerySet)):
    pass


class PracticeExample(Publishable):
    """A Praxisbeispiel: a real cooperation that applies one or more instruments."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=200, unique=True)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=400)
    municipalities = models.TextField(
        _("beteiligte Kommunen"), help_text=_("Gemeinden, Städte, Landkreise; eine je Zeile.")
    )
    region = models.CharField(_("Landkreis / Region"), max_length=200, blank=True)
    state = models.CharField(_("Bundesland"), max_length=2, choices=Bundesland.choices)
    period = models.CharField(
        _("Zeitraum"), max_length=100, blank=True, help_text="z. B. 2021–2023"
    )
    project_status = models.CharField(
        _("Projektstand"), max_length=20, choices=ProjectStatus.choices, blank=True
    )
    description = models.TextField(_("Beschreibung"))
    contact = models.TextField(_("Ansprechpartner"), blank=True)
    profiles = models.ManyToManyField(
        Profile,
        verbose_name=_("angewandte Steckbriefe"),
        related_name="examples",
        blank=True,
    )
    tags = TaggableManager(verbose_name=_("Handlungsfelder"), through=TaggedExample, blank=True)
    members = models.ManyToManyField(
        Municipality,
        verbose_name=_("Kommunen (Verzeichnis)"),
        related_name="examples",
        blank=True,
        help_text=_("Die beteiligten Kommunen aus dem Kommunenverzeichnis (Karte, Filter)."),
    )

    objects = PracticeExampleManager()

    class Meta:
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")
        ordering = ["title"]
        permissions = [("publish_practiceexample", _("Kann Praxisbeispiele veröffentlichen"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("profiles:example_detail", kwargs={"slug": self.slug})

    @property
    def municipality_list(self) -> list[str]:
        return [line.strip() for line in self.municipalities.splitlines() if line.strip()]


class SourceManager(models.Manager):
    def get_by_natural_key(self, parent_slug, url):
        return self.get(parent__slug=parent_slug, url=url)


class Source(models.Model):
    """A public source: title and link. Every fact on a page names one."""

    title = models.CharField(_("Titel"), max_length=300)
    url = models.URLField(_("Adresse (URL)"), max_length=500)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = SourceManager()

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.parent.slug, self.url)


class ProfileSource(Source):
    parent = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sources")

    class Meta(Source.Meta):
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        constraints = [
            models.UniqueConstraint(fields=["parent", "url"], name="unique_profile_source_url")
        ]


class ExampleSource(Source):
    parent = models.ForeignKey(PracticeExample, on_delete=models.CASCADE, related_name="sources")

    class Meta(Source.Meta):
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        constraints = [
            models.UniqueConstraint(fields=["parent", "url"], name="unique_example_source_url")
        ]


class SlugHistory(models.Model):
    """A slug an object had before an editor renamed it: its old URL keeps working.

    Written by ``profiles.public.permalinks`` whenever a slug changes. Rows point at
    the object, not at the next slug, so a chain of renames (a → b → c) needs
    no chain of redirects: a and b both lead straight to c.
    """

    old_slug = models.SlugField(_("frühere Kurzadresse"), max_length=200, unique=True)
    created = models.DateTimeField(_("umbenannt am"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self):
        return self.old_slug


class ProfileSlugHistory(SlugHistory):
    target = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="slug_history")

    class Meta(SlugHistory.Meta):
        verbose_name = _("frühere Adresse (Steckbrief)")
        verbose_name_plural = _("frühere Adressen (Steckbriefe)")


class ExampleSlugHistory(SlugHistory):
    target = models.ForeignKey(
        PracticeExample, on_delete=models.CASCADE, related_name="slug_history"
    )

    class Meta(SlugHistory.Meta):
        verbose_name = _("frühere Adresse (Praxisbeispiel)")
        verbose_name_plural = _("frühere Adressen (Praxisbeispiele)")


class ContentVersion(models.Model):
    """One row counting changes of public content; part of every public page's
    cache key, so a change replaces all cached pages at once (catalogue/caching.py).
    Lives in the database so that every worker and every machine sees it."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("Inhaltsversion")
        verbose_name_plural = _("Inhaltsversion")

    def __str__(self):
        return str(self.version)


class LegalPage(models.Model):
    """Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit: text editors keep.

    The three pages are created by a migration (see profiles/public/legal.py) and can
    be edited but not added or deleted in the admin.
    """

    slug = models.SlugField(_("Kurzname in der Adresse"), unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Markdown. „{kontakt_email}“ wird durch die eingestellte Kontaktadresse ersetzt."
        ),
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SlugManager()

    class Meta:
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"profiles:{self.slug}")

    def natural_key(self):
        return (self.slug,)
