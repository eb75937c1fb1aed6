"""The law of each Land on the four basic forms of inter-municipal cooperation.

One row per Land, kept by editors in the admin. A form's cell holds the Land's name
for the form and its sections (e.g. "öffentlich-rechtliche Vereinbarung, §§ 23–26");
an empty cell means nobody has checked it against the law's text yet, and the page
says "nicht geprüft" rather than guess.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.models import Bundesland

# The four basic forms, in the order the table shows them: (field name, column heading).
FORMS = [
    ("arbeitsgemeinschaft", "Arbeitsgemeinschaft"),
    ("zweckvereinbarung", "Zweckvereinbarung"),
    ("zweckverband", "Zweckverband"),
    ("kommunalunternehmen", "Gemeinsames Kommunalunternehmen"),
]
NOT_CHECKED = "nicht geprüft"
# The Steckbriefe of the four basic forms (Bavarian names), by slug -> form field.
PROFILE_FORMS = {
    "kommunale-arbeitsgemeinschaft": "arbeitsgemeinschaft",
    "zweckvereinbarung": "zweckvereinbarung",
    "zweckverband": "zweckverband",
    "gemeinsames-kommunalunternehmen": "kommunalunternehmen",
}


class LandLawManager(models.Manager):
    def get_by_natural_key(self, land):
        return self.get(land=land)


class LandLaw(models.Model):
    land = models.CharField(_("Land"), max_length=2, choices=Bundesland.choices, unique=True)
    law = models.CharField(
        _("Gesetz"), max_length=200, help_text=_("z. B. Gesetz über kommunale Zusammenarbeit")
    )
    law_abbreviation = models.CharField(_("Abkürzung"), max_length=40, blank=True)
    source_url = models.URLField(
        _("Quelle (Gesetzestext)"),
        max_length=500,
        help_text=_("Gesetzestext, gegen den die Angaben geprüft wurden."),
    )
    source_title = models.CharField(
        _("Titel der Quelle"),
        max_length=300,
        blank=True,
        help_text=_("Wer die Quelle bereitstellt; leer = Name des Gesetzes."),
    )
    arbeitsgemeinschaft = models.CharField(
        _("Arbeitsgemeinschaft"),
        max_length=200,
        blank=True,
        help_text=_("Bezeichnung und Paragrafen; leer = nicht geprüft."),
    )
    zweckvereinbarung = models.CharField(_("Zweckvereinbarung"), max_length=200, blank=True)
    zweckverband = models.CharField(_("Zweckverband"), max_length=200, blank=True)
    kommunalunternehmen = models.CharField(
        _("Gemeinsames Kommunalunternehmen"), max_length=200, blank=True
    )
    advice = models.TextField(
        _("Beratung"),
        blank=True,
        help_text=_("Beratende öffentliche Stellen, mit Quelle."),
    )
    funding = models.TextField(
        _("Förderung"),
        blank=True,
        help_text=_("Förderprogramm des Landes, mit Quelle."),
    )
    checked_on = models.DateField(_("geprüft am"), null=True, blank=True)

    objects = LandLawManager()

    class Meta:
        verbose_name = _("Landesrecht")
        verbose_name_plural = _("Recht der Länder")
        ordering = ["land"]

    def __str__(self):
        return self.get_land_display()

    def natural_key(self):
        return (self.land,)

    def cells(self) -> list[tuple[str, str]]:
        """(column heading, cell text) for the four forms; empty cells say "nicht geprüft"."""
        return [(heading, getattr(self, name) or NOT_CHECKED) for name, heading in FORMS]


def form_in_other_lands(profile_slug: str, exclude=("BY",)) -> list[tuple[str, str, "LandLaw"]]:
    """For a basic form's Steckbrief: (Land, cell, row) for every Land whose cell is checked.

    Bavaria is left out by default because the Steckbriefe describe Bavarian law.
    """
    field = PROFILE_FORMS.get(profile_slug)
    if field is None:
        return []
    laws = LandLaw.objects.exclude(land__in=exclude).exclude(**{field: ""})
    return sorted(
        ((law.get_land_display(), getattr(law, field), law) for law in laws),
        key=lambda item: item[0],
    )


def table_rows():
    """Every Land in alphabetical order with its row, or None where no row exists yet."""
    laws = {law.land: law for law in LandLaw.objects.all()}
    lands = sorted(Bundesland.choices, key=lambda choice: choice[1])
    return [(code, name, laws.get(code)) for code, name in lands]
