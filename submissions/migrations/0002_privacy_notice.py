# Adds the section on submissions to the Datenschutzerklärung of existing
# databases (new databases get it from profiles/public/legal.py). The section is
# inserted before "### Ihre Rechte" (or appended) and only when the page has no
# section with this heading yet, so editors' texts are never overwritten.

from django.db import migrations

HEADING = "### Einsendungen"
SECTION = """\
### Einsendungen: Praxisbeispiele und Hinweise zu Steckbriefen

Über die Formulare „Praxisbeispiel einreichen“ und „Hinweis zu diesem
Steckbrief“ können Sie der Redaktion ein Vorhaben vorschlagen oder auf Fehler
hinweisen. Wir verarbeiten dabei, was Sie eintragen: den Inhalt der
Einsendung, Ihren Namen, Ihre E-Mail-Adresse und freiwillig Ihre Kommune oder
Organisation sowie den Zeitpunkt Ihrer Einwilligung. Zweck ist allein, die
Einsendung zu prüfen, Sie bei Rückfragen zu erreichen und Ihnen den Eingang zu
bestätigen; Rechtsgrundlage ist Ihre Einwilligung (Art. 6 Abs. 1 lit. a
DSGVO), die Sie jederzeit per E-Mail an uns widerrufen können.

Die Einsendungen sieht nur die Redaktion; über jede neue Einsendung wird sie
per E-Mail benachrichtigt. Veröffentlicht wird nichts ohne Prüfung, Ihre
Kontaktdaten nie. Abgelehnte Einsendungen löschen wir nach [Anzahl, Voreinstellung:
90] Tagen vollständig; übernommene Einsendungen bewahren wir auf, solange
Rückfragen zum daraus entstandenen Praxisbeispiel zu erwarten sind, höchstens
[Anzahl] Jahre.

Zum Schutz vor massenhaften Einsendungen zählt der Server kurzzeitig, wie oft
von einer IP-Adresse gesendet wurde; die Adresse wird dafür nur als
verschlüsselter Prüfwert für höchstens eine Stunde im Arbeitsspeicher gehalten
und nicht in der Datenbank gespeichert. Beim Öffnen eines Formulars wird ein
technisch notwendiges Cookie zum Schutz vor gefälschten Formularen (CSRF)
gesetzt.

"""


def add_section(apps, schema_editor):
    LegalPage = apps.get_model("profiles", "LegalPage")
    page = LegalPage.objects.filter(slug="datenschutz").first()
    if page is None or HEADING in page.body:
        return
    marker = "### Ihre Rechte"
    if marker in page.body:
        page.body = page.body.replace(marker, SECTION + marker, 1)
    else:
        page.body = page.body.rstrip() + "\n\n" + SECTION
    page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0004_legal_pages"),
        ("submissions", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_section, migrations.RunPython.noop)]
