"""The Glossar: short, sourced explanations of the words the Steckbriefe use.

A term is published like a Steckbrief (``Term.objects.published()`` is the only
door for public pages); drafts stay with the editors.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from profiles.models import Publishable, PublishableQuerySet, SlugManager, Source


class TermManager(SlugManager.from_queryset(PublishableQuerySet)):
    pass


class Term(Publishable):
    """One glossary entry: a word, its short definition and its sources."""

    term = models.CharField(_("Begriff"), max_length=120, unique=True)
    slug = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=120,
        unique=True,
        help_text=_("Teil des dauerhaften Links, z. B. hebesatz."),
    )
    definition = models.TextField(
        _("Erklärung"),
        help_text=_("Kurz und in einfachen Worten (Markdown); jede Aussage mit Quelle."),
    )
    variants = models.TextField(
        _("weitere Schreibweisen"),
        blank=True,
        help_text=_(
            "Eine je Zeile, z. B. Mehrzahl oder Abkürzung (Zweckverbände, gKU). "
            "Auch diese Formen werden in Steckbriefen verlinkt; Endungen wie -s, -es, -n "
            "erkennt der Katalog selbst."
        ),
    )
    profile = models.ForeignKey(
        "profiles.Profile",
        verbose_name=_("ausführlich im Steckbrief"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="glossary_terms",
        help_text=_("Der Steckbrief, der den Begriff ausführlich behandelt (falls es ihn gibt)."),
    )

    objects = TermManager()

    class Meta:
        verbose_name = _("Glossarbegriff")
        verbose_name_plural = _("Glossar")
        ordering = ["term"]
        permissions = [("publish_term", _("Kann Glossarbegriffe veröffentlichen"))]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("glossary:term_detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        """The name other pages (link previews, breadcrumbs) show."""
        return self.term

    @property
    def forms(self) -> list[str]:
        """The spellings linked in Steckbriefe: the term and its variants."""
        extra = [line.strip() for line in self.variants.splitlines() if line.strip()]
        return [self.term, *extra]

    @property
    def initial(self) -> str:
        """The A–Z letter the term is listed under (umlauts under their base letter)."""
        first = self.term[:1].upper()
        return {"Ä": "A", "Ö": "O", "Ü": "U"}.get(first, first) if first.isalpha() else "#"


class TermSource(Source):
    parent = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="sources")

    class Meta(Source.Meta):
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        constraints = [
            models.UniqueConstraint(fields=["parent", "url"], name="unique_term_source_url")
        ]
