"""Rechenbeispiele in the editors' admin (German, with change history)."""

from django.contrib import admin
from django.utils.html import format_html
from reversion_compare.admin import CompareVersionAdmin

from calculator.models import Rechenbeispiel


@admin.register(Rechenbeispiel)
class RechenbeispielAdmin(CompareVersionAdmin):
    list_display = ["title", "attached_to", "updated"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["profiles", "examples"]
    readonly_fields = ["calculator_link"]
    fields = [
        "title",
        "slug",
        "description",
        "scenario",
        "calculator_link",
        "sources",
        "profiles",
        "examples",
        "position",
    ]
    history_latest_first = True

    @admin.display(description="Im Rechner")
    def calculator_link(self, obj):
        if not obj.pk:
            return "Nach dem Speichern erscheint hier der Link zum Rechner."
        return format_html('<a href="{}">Im Rechner öffnen</a>', obj.get_calculator_url())

    @admin.display(description="Angehängt an")
    def attached_to(self, obj):
        names = [p.title for p in obj.profiles.all()] + [e.title for e in obj.examples.all()]
        return ", ".join(names) or "–"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("profiles", "examples")
