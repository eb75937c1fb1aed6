# Starting set of abbreviations and synonyms; editors maintain them in the admin.
# Constants copied here on purpose: migrations never import application code.

from django.db import migrations

DEFAULTS = [
    ("P+R", "Park-and-Ride\nPark and Ride"),
    ("ÖPNV", "öffentlicher Personennahverkehr"),
    ("IKZ", "interkommunale Zusammenarbeit"),
    ("LNA", "Lasten-Nutzen-Ausgleich"),
    ("KommZG", "Gesetz über die kommunale Zusammenarbeit"),
    ("GmbH", "Gesellschaft mit beschränkter Haftung"),
    ("e. V.", "eingetragener Verein\neV"),
    ("FNP", "Flächennutzungsplan"),
    ("gKU", "gemeinsames Kommunalunternehmen"),
]


def add_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, variants in DEFAULTS:
        Synonym.objects.get_or_create(term=term, defaults={"variants": variants})


def remove_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(term__in=[term for term, _variants in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_indexes")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
