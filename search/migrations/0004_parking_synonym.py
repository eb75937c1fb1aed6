# A parking facility goes by several names; users type "Parkplatz", the
# Praxisbeispiele say "P+R-Anlage" or "Park-and-Ride-Anlage". Editors may
# change or delete the row in the admin. Constants copied on purpose.

from django.db import migrations

TERM = "Parkplatz"
VARIANTS = "Parkfläche\nParkanlage\nP+R-Anlage\nPark-and-Ride-Anlage"


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.get_or_create(term=TERM, defaults={"variants": VARIANTS})


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(term=TERM, variants=VARIANTS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_default_synonyms")]

    operations = [migrations.RunPython(add, remove)]
