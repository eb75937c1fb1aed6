"""Rechenbeispiel: a named calculator scenario editors attach to Steckbriefe and Praxisbeispiele.

The scenario is stored as the calculator's query string (calculator/query.py),
so "Im Rechner öffnen" is a plain link and the example computes exactly what the
calculator shows. The relations are declared here, so the catalogue's models
stay as they are; Steckbriefe reach theirs as ``profile.rechenbeispiele``.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from calculator import engine, query


class RechenbeispielManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """Only those attached to at least one published Steckbrief or Praxisbeispiel."""
        from profiles.models import PracticeExample, Profile

        return (
            self.filter(
                models.Q(profiles__in=Profile.objects.published())
                | models.Q(examples__in=PracticeExample.objects.published())
            )
            .distinct()
            .order_by("position", "title")
        )


def scenario_query(text: str) -> str:
    """The query part of what an editor pasted: a whole calculator URL or just the query."""
    text = (text or "").strip()
    if "?" in text:
        text = urlsplit(text).query or text.split("?", 1)[1]
    return text.lstrip("?")


class Rechenbeispiel(models.Model):
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField("Kurzname", max_length=100, unique=True)
    description = models.TextField(
        "Erläuterung",
        help_text="Was das Beispiel zeigt und welche Zahlen belegt, welche angenommen sind "
        "(mit Quelle). Erscheint über der Ergebnistabelle.",
    )
    scenario = models.TextField(
        "Szenario (Adresse aus dem Rechner)",
        help_text="Rechnen Sie das Beispiel unter /rechner/ durch und fügen Sie hier die "
        "Adresse der Ergebnisseite ein (oder nur den Teil nach dem „?“).",
    )
    sources = models.TextField(
        "Quellen",
        blank=True,
        help_text="Eine Quelle je Zeile: Titel | Adresse.",
    )
    profiles = models.ManyToManyField(
        "profiles.Profile",
        verbose_name="Steckbriefe",
        related_name="rechenbeispiele",
        blank=True,
    )
    examples = models.ManyToManyField(
        "profiles.PracticeExample",
        verbose_name="Praxisbeispiele",
        related_name="rechenbeispiele",
        blank=True,
    )
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    updated = models.DateTimeField("geändert", default=timezone.now, editable=False)

    objects = RechenbeispielManager()

    class Meta:
        verbose_name = "Rechenbeispiel"
        verbose_name_plural = "Rechenbeispiele"
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.updated = timezone.now()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    def parsed(self) -> query.Parsed:
        return query.read(QueryDict(self.scenario))

    def clean(self):
        self.scenario = scenario_query(self.scenario)
        parsed = self.parsed()
        if parsed.scenario is None:
            messages = [message for _field, message in parsed.all_errors()]
            raise ValidationError(
                {"scenario": messages or ["Das Szenario enthält keine Berechnung."]}
            )
        try:
            engine.calculate(parsed.scenario)
        except engine.CalculationError as error:
            raise ValidationError(
                {"scenario": [problem.message for problem in error.problems]}
            ) from error
        self.scenario = query.canonical(parsed)

    def get_calculator_url(self) -> str:
        return f"{reverse('calculator:rechner')}?{self.scenario}"

    def source_list(self) -> list[tuple[str, str]]:
        found = []
        for line in self.sources.splitlines():
            title, _, url = line.partition("|")
            if url.strip().startswith(("https://", "http://")):
                found.append((title.strip(), url.strip()))
        return found
