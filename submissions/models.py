"""What the public sends in: Praxisbeispiele and hints on Steckbriefe.

Nothing here is ever public. Submissions wait in the admin queue "Eingang";
editors move them Eingang → in Prüfung → übernommen / abgelehnt. Taking over
a proposed example creates a *draft* Praxisbeispiel (see ``take_over``), which
then goes through the normal publishing workflow.
"""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from profiles.models import Bundesland, PracticeExample, Profile, Status
from profiles.text import german_slugify

# Size limits of every field (characters); the forms use the same numbers.
SHORT = 200
MEDIUM = 1000
LONG = 4000


class Kind(models.TextChoices):
    EXAMPLE = "praxisbeispiel", _("Praxisbeispiel")
    HINT = "hinweis", _("Hinweis zu einem Steckbrief")


class State(models.TextChoices):
    RECEIVED = "eingang", _("Eingang")
    CHECKING = "pruefung", _("in Prüfung")
    ACCEPTED = "uebernommen", _("übernommen")
    REJECTED = "abgelehnt", _("abgelehnt")


class Submission(models.Model):
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    state = models.CharField(
        _("Stand"), max_length=20, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    created = models.DateTimeField(_("eingegangen"), auto_now_add=True)
    state_changed = models.DateTimeField(_("Stand geändert"), default=timezone.now)

    # A proposed Praxisbeispiel, following the template
    title = models.CharField(_("Was (Titel)"), max_length=SHORT, blank=True)
    municipalities = models.TextField(_("Wer (beteiligte Kommunen)"), max_length=MEDIUM, blank=True)
    land = models.CharField(_("Land"), max_length=2, choices=Bundesland.choices, blank=True)
    since = models.CharField(_("Seit wann"), max_length=100, blank=True)
    shared = models.TextField(_("Was wird geteilt, und wie"), max_length=LONG, blank=True)
    instrument = models.ForeignKey(
        Profile,
        verbose_name=_("angewandtes Instrument"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instrument_other = models.CharField(
        _("Instrument (eigene Angabe)"), max_length=SHORT, blank=True
    )
    worked = models.TextField(_("Was hat funktioniert"), max_length=LONG, blank=True)
    stumbling_blocks = models.TextField(_("Stolpersteine"), max_length=LONG, blank=True)
    sources = models.TextField(_("Quellen"), max_length=MEDIUM, blank=True)

    # A hint on a Steckbrief
    profile = models.ForeignKey(
        Profile,
        verbose_name=_("Steckbrief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("Hinweis"), max_length=LONG, blank=True)

    # Contact: only what a question back needs
    name = models.CharField(_("Name"), max_length=SHORT)
    email = models.EmailField(_("E-Mail"), max_length=254)
    organisation = models.CharField(_("Kommune oder Organisation"), max_length=SHORT, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung erteilt am"))

    # The editors' side
    editor_note = models.TextField(_("Notiz der Redaktion"), blank=True)
    example = models.ForeignKey(
        PracticeExample,
        verbose_name=_("angelegtes Praxisbeispiel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Einsendung")
        verbose_name_plural = _("Eingang")
        ordering = ["-created"]

    def __str__(self):
        subject = self.title if self.kind == Kind.EXAMPLE else f"Hinweis: {self.profile or '–'}"
        return f"{subject} ({self.created:%d.%m.%Y})" if self.created else subject

    def set_state(self, state):
        self.state = state
        self.state_changed = timezone.now()

    def example_description(self) -> str:
        """The draft's description: the template's answers as Markdown sections."""
        parts = []
        for heading, text in [
            ("Was wird geteilt, und wie?", self.shared),
            ("Was hat funktioniert?", self.worked),
            ("Stolpersteine", self.stumbling_blocks),
        ]:
            if text.strip():
                parts.append(f"### {heading}\n\n{text.strip()}")
        if self.instrument_other.strip():
            parts.append(f"Angewandtes Instrument (Angabe der Einsendung): {self.instrument_other}")
        if self.sources.strip():
            parts.append("### Quellen der Einsendung\n\n" + self.sources.strip())
        return "\n\n".join(parts) or "(Die Einsendung enthält keine Beschreibung.)"

    @transaction.atomic
    def take_over(self) -> PracticeExample:
        """Create a draft Praxisbeispiel prefilled from this submission; mark it übernommen."""
        base = german_slugify(self.title)[:180] or "praxisbeispiel"
        slug, n = base, 2
        while PracticeExample.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        example = PracticeExample.objects.create(
            title=self.title[:200] or "Praxisbeispiel aus einer Einsendung",
            slug=slug,
            summary=(self.shared.strip() or self.title)[:400],
            municipalities=self.municipalities,
            state=self.land or Bundesland.BY,
            period=self.since[:100],
            description=self.example_description(),
            contact="",
            status=Status.DRAFT,
        )
        if self.instrument_id:
            example.profiles.add(self.instrument_id)
        self.example = example
        self.set_state(State.ACCEPTED)
        self.save()
        return example
