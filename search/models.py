"""Editor-maintained synonyms, and the PostgreSQL index rows of non-profile content."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Synonym(models.Model):
    """An abbreviation or term and the spellings that mean the same (both engines)."""

    term = models.CharField(
        _("Begriff oder Abkürzung"),
        max_length=100,
        unique=True,
        help_text=_("z. B. P+R, ÖPNV, IKZ, e. V."),
    )
    variants = models.TextField(
        _("gleichbedeutende Schreibweisen"),
        help_text=_(
            "Eine je Zeile, z. B. „Park-and-Ride“. Eine Suche nach einer der "
            "Schreibweisen findet alle."
        ),
    )
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        verbose_name = _("Synonym oder Abkürzung")
        verbose_name_plural = _("Synonyme und Abkürzungen")
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def spellings(self) -> list[str]:
        lines = [line.strip() for line in self.variants.splitlines()]
        return [self.term.strip(), *[line for line in lines if line]]


class SearchDocument(models.Model):
    """PostgreSQL full-text row of one searchable object whose model has no vector column.

    Steckbriefe keep their vector in ``Profile.search_vector``; Praxisbeispiele,
    Handlungsfelder and glossary terms are indexed here, by kind code and id.
    On SQLite the FTS5 table ``search_fts`` (migration 0002) plays this part
    for every kind.
    """

    kind = models.PositiveSmallIntegerField()
    object_id = models.BigIntegerField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"
