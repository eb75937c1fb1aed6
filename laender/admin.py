from django.contrib import admin

from laender.models import LandLaw


@admin.register(LandLaw)
class LandLawAdmin(admin.ModelAdmin):
    list_display = ["land", "law_abbreviation", "checked_on"]
    search_fields = ["law", "law_abbreviation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "land",
                    "law",
                    "law_abbreviation",
                    "source_url",
                    "source_title",
                    "checked_on",
                ]
            },
        ),
        (
            "Die vier Grundformen",
            {
                "fields": [
                    "arbeitsgemeinschaft",
                    "zweckvereinbarung",
                    "zweckverband",
                    "kommunalunternehmen",
                ],
                "description": "Bezeichnung im Land und Paragrafen, nur nach Prüfung am "
                "Gesetzestext. Leer lassen, was nicht geprüft ist: Die Seite zeigt dann "
                "„nicht geprüft“. Regelt das Gesetz eine Form nicht, das ausdrücklich eintragen.",
            },
        ),
        ("Beratung und Förderung (Markdown, mit Quelle)", {"fields": ["advice", "funding"]}),
    ]
