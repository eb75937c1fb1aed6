"""Shows editors the former addresses of a Steckbrief or Praxisbeispiel (read-only).

The history is written automatically when a slug changes (see ``permalinks``);
editors only need to see that the old links keep working. A read-only field,
not an inline, so the change form posts exactly what it did before.
"""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class FormerAddressesMixin:
    """Adds the read-only field ``former_addresses`` to a Profile/PracticeExample admin."""

    @admin.display(description=_("Frühere Adressen"))
    def former_addresses(self, obj):
        rows = list(obj.slug_history.values_list("old_slug", "created")) if obj.pk else []
        if not rows:
            return _("keine – die Adresse wurde noch nie geändert")
        items = format_html_join(
            "",
            "<li><code>{}</code> (bis {})</li>",
            ((s, f"{timezone.localtime(c):%d.%m.%Y}") for s, c in rows),
        )
        return format_html(
            "<ul>{}</ul><p>{}</p>",
            items,
            _("Diese Adressen leiten dauerhaft (301) auf die aktuelle weiter."),
        )


# Path segments under /steckbriefe/ that are pages of their own, not profiles.
RESERVED_PROFILE_SLUGS = frozenset({"feed"})
# ... and under /praxisbeispiele/ (the map).
RESERVED_EXAMPLE_SLUGS = frozenset({"karte"})


class ReservedSlugFormMixin:
    """Stops editors from giving a Steckbrief a slug that a fixed page already uses."""

    reserved_slugs = RESERVED_PROFILE_SLUGS

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in self.reserved_slugs:
            raise forms.ValidationError(
                _("„%(slug)s“ ist für eine andere Seite reserviert. Bitte anders benennen."),
                params={"slug": slug},
                code="reserved",
            )
        return slug
