"""The catalogue's content: Steckbriefe (profiles), Praxisbeispiele and Handlungsfelder.

Public code reaches content only through ``published()``; editors use the plain
managers in the admin.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from profiles.text import clean_content_text, german_slugify


class Status(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    REVIEW = "pruefung", _("In Prüfung")
    PUBLISHED = "veroeffentlicht", _("Veröffentlicht")


class SlugManager(models.Manager):
    """Natural keys by slug, so fixtures and imports need no database ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# The publish rule, once: an item is public when its status is "Veröffentlicht"
# and its publication date has come. public_condition() says it in SQL,
# is_public_now() in Python; every caller goes through them (published(),
# is_public, related.py's join, ...).


def public_condition(prefix: str = "") -> Q:
    """The rule "public now": published and not dated in the future.

    ``prefix`` applies it across a relation (``"content_object__"``), so a
    query can join instead of testing membership in the whole published set.
    """
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


def is_public_now(status, published_at, now=None) -> bool:
    """The publish rule for one item's values."""
    return (
        status == Status.PUBLISHED
        and published_at is not None
        and published_at <= (now or timezone.now())
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The only door for public views: published and not dated in the future."""
        return self.filter(public_condition())

    def scheduled(self):
        """Published with a future date: public once the date has come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self):
        """What list pages and cards need in a fixed number of queries."""
        return self.prefetch_related("tags")


# Longest text one section (or any other long text field) may hold. The
# longest section of the demo catalogue has about 3,000 characters; 20,000 is
# room for a thorough one and keeps pages, API records and searches small.
MAX_TEXT_LENGTH = 20_000


class TextLimitMixin:
    """Stored text is clean and of sane length.

    save() normalises every text field (``clean_content_text``: \n line ends,
    no control characters); full_clean() refuses long texts over
    MAX_TEXT_LENGTH with a German message (admin forms and imports).
    """

    text_limit = MAX_TEXT_LENGTH

    def save(self, *args, **kwargs):
        for field in self._meta.fields:
            if isinstance(field, models.CharField | models.TextField) and field.editable:
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, clean_content_text(value))
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        for field in self._meta.fields:
            if isinstance(field, models.TextField) and field.editable:
                value = getattr(self, field.attname) or ""
                if len(value) > self.text_limit:
                    errors[field.name] = _(
                        "Höchstens %(limit)s Zeichen je Abschnitt (dieser hat %(length)s). "
                        "Bitte kürzen oder auf mehrere Abschnitte verteilen."
                    ) % {
                        "limit": f"{self.text_limit:,}".replace(",", "."),
                        "length": f"{len(value):,}".replace(",", "."),
                    }
        if errors:
            raise ValidationError(errors)


class Publishable(TextLimitMixin, models.Model):
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
    # Set when public content stops being public (withdrawn, or its date moved
    # into the future); cleared when it is public again. Only such content
    # answers 410 Gone; anything the public never saw answers 404.
    withdrawn_at = models.DateTimeField(_("zurückgezogen am"), null=True, editable=False)

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
        return is_public_now(self.status, self.published_at)

    @property
    def was_withdrawn(self) -> bool:
        """Public once and not public now (``withdrawn_at``, kept by the workflow).

        A draft with a past publication date was never shown to the public: 404.
        """
        return self.withdrawn_at is not None and not self.is_public


class PolicyArea(TextLimitMixin, TagBase):
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
        # The newest profiles of a Handlungsfeld (related profiles on a Steckbrief page).
        indexes = [models.Index(fields=["tag", "-content_object"], name="profile_tag_newest")]

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
    # A statutory plan or a by-law binds without a contract and without a new
    # legal person (gemeinsamer Flächennutzungsplan, Gebührensatzung).
    STATUTORY = "hoheitlich", _("Plan oder Satzung")
    LEGAL_ENTITY = "rechtsperson", _("eigene Rechtsperson")


class Effort(models.TextChoices):
    LOW = "gering", _("gering")
    MEDIUM = "mittel", _("mittel")
    HIGH = "hoch", _("hoch")


class FactValue(models.TextChoices):
    """A structured yes/no fact of a Steckbrief; blank means "nicht erfasst"."""

    YES = "ja", _("ja")
    LIMITED = "eingeschraenkt", _("eingeschränkt")
    NO = "nein", _("nein")


class Compensation(models.TextChoices):
    """Kinds of compensation; a profile may offer several (one boolean field each)."""

    MONETARY = "monetaer", _("monetär")
    IN_KIND = "nicht-monetaer", _("nicht-monetär")
    PACKAGE = "paketloesung", _("Paketlösung")


class Purpose(models.TextChoices):
    """What partners want to do together; a profile may suit several (one boolean each).

    The values are also the answers of the finder's first question (finder/questions.py).
    """

    COORDINATE = "abstimmen", _("abstimmen und planen")
    DELEGATE = "aufgabe", _("eine Kommune erledigt eine Aufgabe für andere")
    OPERATE = "einrichtung", _("eine Einrichtung gemeinsam betreiben")
    LAND = "flaechen", _("Flächen entwickeln und vermarkten")
    POOL = "fonds", _("Geld in einen Fonds oder Pool geben")


# Model field holding each purpose.
PURPOSE_FIELDS = {
    Purpose.COORDINATE: "purpose_coordinate",
    Purpose.DELEGATE: "purpose_delegate",
    Purpose.OPERATE: "purpose_operate",
    Purpose.LAND: "purpose_land",
    Purpose.POOL: "purpose_pool",
}


# Model field holding each compensation kind.
COMPENSATION_FIELDS = {
    Compensation.MONETARY: "compensation_monetary",
    Compensation.IN_KIND: "compensation_in_kind",
    Compensation.PACKAGE: "compensation_package",
}


FACT_NOTE_HELP = _(
    "Ein Satz mit Rechtsgrundlage, den der Finder als Begründung zeigt "
    "(„passt, weil …“, „scheidet aus: …“), z. B. „Private können einer Zweckvereinbarung "
    "nicht beitreten (Art. 7 Abs. 1 KommZG).“"
)


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

    @classmethod
    def ensure_rows(cls):
        """Create the fixed rows if missing (migration 0006 does it too; a flushed
        test database or a demo load into an emptied one needs it again)."""
        rows = [(NATIONWIDE, "bundesweit"), *Bundesland.choices]
        for position, (code, name) in enumerate(rows):
            cls.objects.update_or_create(code=code, defaults={"name": name, "position": position})


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
    checklist = models.TextField(
        _("Checkliste"),
        blank=True,
        help_text=_(
            "Für Organisationsformen: Schritte, Entscheidungen, Unterlagen und wer zustimmt "
            "oder genehmigt. Bei anderen Arten leer lassen."
        ),
    )
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

    # Structured facts the finder (finder/) weighs; each with a German sentence
    # naming the legal basis, shown as the reason ("passt, weil …", "scheidet
    # aus: …"). Blank value: not recorded (the finder says so).
    legal_person = models.CharField(
        _("eigene Rechtsperson"),
        max_length=20,
        choices=FactValue.choices,
        blank=True,
        help_text=_("Entsteht eine neue juristische Person? Leer: nicht erfasst."),
    )
    legal_person_note = models.CharField(
        _("Begründung: eigene Rechtsperson"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    sovereign_powers = models.CharField(
        _("Hoheitsrechte (Satzungen, Gebühren, Bescheide)"),
        max_length=20,
        choices=FactValue.choices,
        blank=True,
        help_text=_("Kann der gemeinsame Träger hoheitlich handeln? Leer: nicht erfasst."),
    )
    sovereign_powers_note = models.CharField(
        _("Begründung: Hoheitsrechte"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    private_partners = models.CharField(
        _("private Partner möglich"),
        max_length=20,
        choices=FactValue.choices,
        blank=True,
        help_text=_(
            "Können Unternehmen, Vereine oder Privatpersonen mitmachen? Leer: nicht erfasst."
        ),
    )
    private_partners_note = models.CharField(
        _("Begründung: private Partner"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    tax_split = models.CharField(
        _("Steuerteilung im bayerischen Finanzausgleich anerkannt"),
        max_length=20,
        choices=FactValue.choices,
        blank=True,
        help_text=_(
            "Wird eine abweichende Aufteilung von Gewerbe- und Grundsteuer auf dieser "
            "Grundlage bei der Steuerkraft berücksichtigt? Leer: nicht erfasst."
        ),
    )
    tax_split_note = models.CharField(
        _("Begründung: Steuerteilung"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    cross_border = models.CharField(
        _("über Landesgrenzen nutzbar"),
        max_length=20,
        choices=FactValue.choices,
        blank=True,
        help_text=_("Können Kommunen aus verschiedenen Ländern mitmachen? Leer: nicht erfasst."),
    )
    cross_border_note = models.CharField(
        _("Begründung: über Landesgrenzen"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    cost_sharing_note = models.CharField(
        _("Wie Kosten geteilt werden"),
        max_length=400,
        blank=True,
        help_text=_(
            "Ein Satz mit Rechtsgrundlage, z. B. „Umlage nach Art. 42 KommZG“. Leer: nicht erfasst."
        ),
    )
    bindingness_note = models.CharField(
        _("Begründung: Verbindlichkeit"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    effort_note = models.CharField(
        _("Begründung: laufender Aufwand"), max_length=400, blank=True, help_text=FACT_NOTE_HELP
    )
    purpose_coordinate = models.BooleanField(_("passt zu: abstimmen und planen"), default=False)
    purpose_delegate = models.BooleanField(
        _("passt zu: eine Kommune erledigt eine Aufgabe für andere"), default=False
    )
    purpose_operate = models.BooleanField(
        _("passt zu: eine Einrichtung gemeinsam betreiben"), default=False
    )
    purpose_land = models.BooleanField(
        _("passt zu: Flächen entwickeln und vermarkten"), default=False
    )
    purpose_pool = models.BooleanField(
        _("passt zu: Geld in einen Fonds oder Pool geben"), default=False
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
            # facet counts: migration 0005_search_index.)
            models.Index(fields=["title", "id"], name="profile_title_order"),
            # "Vergleichen mit …" on a Steckbrief page: others of the same kind by title.
            models.Index(fields=["kind", "title", "id"], name="profile_kind_title"),
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
        ("checklist", "checkliste"),
        ("contact", "ansprechpartner"),
    ]
    # Sections only some kinds fill: field name -> the kinds that must fill it.
    SECTIONS_FOR_KINDS = {"checklist": {Kind.ORGANISATION}}


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


class Source(TextLimitMixin, models.Model):
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


class LegalPage(TextLimitMixin, models.Model):
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


class ImportUpload(models.Model):
    """A file an editor uploaded for import, between preview and confirmation.

    Kept in the database, not in a container's /tmp, so the confirmation may
    reach any worker or container; bound to the uploader; removed after the
    import and after IMPORT_UPLOAD_MAX_AGE_HOURS (profiles/editorial/imports.py).
    """

    name = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True)
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("hochgeladene Importdatei")
        verbose_name_plural = _("hochgeladene Importdateien")
        default_permissions = ()

    def __str__(self):
        return self.name


class ProposalStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    APPLIED = "uebernommen", _("übernommen")
    REJECTED = "abgelehnt", _("abgelehnt")


class ChangeProposal(models.Model):
    """An author's change to published content, waiting for an editor.

    ``row`` holds the proposed content in the import/export columns of the
    object's resource (profiles/editorial/resources.py); applying it imports
    that one row as the deciding editor (profiles/editorial/proposals.py).
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("Art")
    )
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("Eintrag"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    created = models.DateTimeField(_("vorgeschlagen am"), auto_now_add=True)
    base_updated = models.DateTimeField(_("Stand des Eintrags beim Vorschlag"), null=True)
    row = models.JSONField(_("vorgeschlagener Inhalt"))
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.OPEN,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entschieden von"),
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["-created"]
        default_permissions = ("view", "change")

    def __str__(self):
        return f"{self.object_repr} ({timezone.localtime(self.created):%d.%m.%Y %H:%M})"
