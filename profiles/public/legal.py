"""The legal pages every German public website needs, with editable text.

Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit are
``LegalPage`` rows that editors change in the admin. Migration
0002_legal_pages creates them from ``DEFAULT_PAGES``: sound German templates
that the operating institute completes (placeholders in square brackets).
The contact address for accessibility feedback comes from the CONTACT_EMAIL
setting and replaces ``{kontakt_email}`` in a page's text.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe

from profiles.markup import render_markdown

CONTACT_PLACEHOLDER = "{kontakt_email}"

IMPRESSUM = """\
*Vorlage: Bitte ergänzen Sie die Angaben in eckigen Klammern, bevor der Katalog
öffentlich erreichbar ist.*

### Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)

[Name des Instituts]\\
[Rechtsform]\\
[Straße und Hausnummer]\\
[Postleitzahl und Ort]

Vertreten durch: [Name der vertretungsberechtigten Person, Funktion]

### Kontakt

Telefon: [Telefonnummer]\\
E-Mail: [E-Mail-Adresse]

### Register und Umsatzsteuer

[Registergericht und Registernummer, falls vorhanden]\\
[Umsatzsteuer-Identifikationsnummer nach § 27a UStG, falls vorhanden]

### Verantwortlich für den Inhalt nach § 18 Abs. 2 Medienstaatsvertrag (MStV)

[Name, Anschrift wie oben]

### Haftung für Links

Die Steckbriefe verweisen auf Quellen auf fremden Websites. Für deren Inhalte
sind allein deren Betreiber verantwortlich. Zum Zeitpunkt der Verlinkung waren
keine Rechtsverstöße erkennbar; wird uns ein Rechtsverstoß bekannt, entfernen
wir den Link.
"""

DATENSCHUTZ = """\
*Vorlage: Bitte ergänzen Sie die Angaben in eckigen Klammern und prüfen Sie den
Text mit Ihrer bzw. Ihrem Datenschutzbeauftragten.*

### Verantwortliche Stelle

[Name des Instituts], [Anschrift], E-Mail: [E-Mail-Adresse]

Datenschutzbeauftragte bzw. Datenschutzbeauftragter: [Name, Kontakt]

### Welche Daten wir verarbeiten, wenn Sie den Katalog lesen

Der Katalog setzt für Leserinnen und Leser **keine Cookies** (außer beim
Absenden eines Formulars, siehe unten), bindet **keine
Inhalte von Dritten** ein (keine externen Schriften, Karten, Videos oder
Analysewerkzeuge) und verfolgt Ihr Verhalten nicht.

Beim Aufruf einer Seite übermittelt Ihr Browser technisch notwendige Daten an
unseren Server: IP-Adresse, Datum und Uhrzeit, aufgerufene Adresse,
übertragene Datenmenge, Statuscode, Referrer und Browserkennung. Wir
verarbeiten sie, um die Seiten auszuliefern und die Sicherheit des Betriebs zu
gewährleisten (Art. 6 Abs. 1 lit. e bzw. f DSGVO), speichern sie in
Protokolldateien und löschen sie nach [Anzahl] Tagen.

Gehostet wird der Katalog bei [Hosting-Dienstleister, Ort]; mit ihm besteht
ein Vertrag über die Auftragsverarbeitung (Art. 28 DSGVO).

### Redaktion

Für die Anmeldung der Redaktion im geschützten Bereich werden ein
Sitzungs-Cookie, das nach spätestens acht Stunden oder beim Abmelden ungültig
wird, und ein Cookie zum Schutz vor gefälschten Formularen (CSRF) gesetzt.
Beides ist technisch notwendig.

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

### Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16),
Löschung (Art. 17), Einschränkung der Verarbeitung (Art. 18) und Widerspruch
(Art. 21 DSGVO). Sie können sich bei einer Datenschutz-Aufsichtsbehörde
beschweren, zum Beispiel bei [zuständige Aufsichtsbehörde].
"""

BARRIEREFREIHEIT = """\
[Name des Instituts] ist bemüht, diesen Katalog im Einklang mit der
Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei
zugänglich zu machen. Maßstab sind die Web Content Accessibility Guidelines
(WCAG) 2.1 auf Stufe AA, wie sie die harmonisierte Norm EN 301 549 aufgreift.

Diese Erklärung gilt für die öffentlichen Seiten des Katalogs: Startseite,
Steckbriefe, Handlungsfelder, Praxisbeispiele und die rechtlichen Seiten.

### Stand der Vereinbarkeit mit den Anforderungen

Die öffentlichen Seiten sind mit den Anforderungen der BITV 2.0 **teilweise
vereinbar**. Unsere automatischen Prüfungen (siehe unten) finden auf den
geprüften Seitentypen keine Verstöße. Automatische Prüfungen erkennen aber nur
einen Teil möglicher Barrieren, und eine vollständige Prüfung durch eine
unabhängige Prüfstelle (BITV-Test) steht noch aus.

### Nicht barrierefreie Inhalte

- Der Anmelde- und Redaktionsbereich (Verwaltung der Inhalte) wurde nicht
  geprüft.
- Texte, die die Redaktion einstellt (zum Beispiel Linktexte und
  Überschriften in den Steckbriefen), werden nicht automatisch geprüft.
- Verlinkte Quellen auf fremden Websites, insbesondere PDF-Dokumente, sind
  möglicherweise nicht barrierefrei; auf sie haben wir keinen Einfluss.

### Wie wir prüfen

Bei jeder Änderung am Katalog prüft eine automatische Testreihe jeden
öffentlichen Seitentyp in einem echten Browser (Chromium):

- mit dem Prüfwerkzeug axe-core gegen die Regeln der WCAG 2.0 und 2.1, Stufen A
  und AA, einschließlich der Farbkontraste;
- mit dem Nu Html Checker auf gültiges HTML;
- auf Bedienbarkeit mit der Tastatur (Link „Zum Inhalt springen“, sichtbarer
  Fokus, alle Bedienelemente in sinnvoller Reihenfolge erreichbar);
- auf Umbruch ohne waagerechtes Scrollen bei 320 Pixel Breite und bei 200 %
  Textgröße.

Eine Änderung an der Software, die eine dieser Prüfungen nicht besteht, wird
nicht ausgeliefert. Diese Erklärung beruht auf dieser Selbstbewertung; sie wurde am
[Datum] erstellt.

### Feedback und Kontakt

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen, oder benötigen Sie
einen Inhalt in einer anderen Form? Schreiben Sie uns: <{kontakt_email}>.
Wir antworten in der Regel innerhalb von zwei Wochen.

### Schlichtungsverfahren

Wenn Sie auch nach Ihrem Feedback an uns keine zufriedenstellende Lösung
erhalten, können Sie sich an die Schlichtungsstelle nach § 16
Behindertengleichstellungsgesetz (BGG) wenden. Sie hat die Aufgabe,
Streitigkeiten zwischen Menschen mit Behinderungen und öffentlichen Stellen zur
Barrierefreiheit außergerichtlich beizulegen. Das Schlichtungsverfahren ist
kostenlos; Sie brauchen keinen Rechtsbeistand.

Schlichtungsstelle nach § 16 BGG:
[https://www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)

*Hinweis für den Betreiber: Ist das Institut eine öffentliche Stelle eines
Landes, nennen Sie hier zusätzlich die Durchsetzungs- oder Schlichtungsstelle
des Landes.*
"""

# slug -> (title, default Markdown text); the slugs are the URL names too.
DEFAULT_PAGES = {
    "impressum": ("Impressum", IMPRESSUM),
    "datenschutz": ("Datenschutzerklärung", DATENSCHUTZ),
    "barrierefreiheit": ("Erklärung zur Barrierefreiheit", BARRIEREFREIHEIT),
}


def ensure_legal_pages(model=None):
    """Create any missing legal page with its default text; never overwrite edits.

    ``model`` is the historical model when called from a migration.
    """
    if model is None:
        from profiles.models import LegalPage as model
    for slug, (title, body) in DEFAULT_PAGES.items():
        model.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


def render_legal_body(page) -> SafeString:
    """The page's Markdown as safe HTML, with the configured contact address filled in.

    A legal page has no sections of its own, so its headings (h3 from the
    shared Markdown renderer) move up to h2 to keep the heading order.
    """
    html = render_markdown(page.body.replace(CONTACT_PLACEHOLDER, settings.CONTACT_EMAIL))
    html = html.replace("<h3>", "<h2>").replace("</h3>", "</h2>")
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 in render_markdown


def legal_page(request, slug):
    from profiles.models import LegalPage

    page = get_object_or_404(LegalPage, slug=slug)
    return render(
        request,
        "profiles/legal_page.html",
        {"page": page, "body_html": render_legal_body(page)},
    )
