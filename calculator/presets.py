"""Worked scenarios on /rechner/: which inputs come from a source and which are assumed.

Each preset is a plain query (calculator/query.py). The facts in ``sourced``
name the public source the page links; ``assumed`` lists the round, invented
figures that only make the key visible in euros.
"""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Preset:
    slug: str
    title: str
    summary: str
    params: tuple[tuple[str, str], ...]
    sourced: tuple[str, ...]
    assumed: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        return urlencode(self.params)


ZOLLERNALB = Preset(
    slug="zollernalb",
    title="Industrie- und Gewerbepark Zollernalb: Vorabanteil und feste Anteile",
    summary="Fünf Kommunen teilen Gewerbesteuer und Grundsteuer B aus einem gemeinsamen "
    "Gewerbepark: Die Standortgemeinde Meßstetten erhält vorab 10 %, der Rest wird nach "
    "den Stimmenanteilen 50/24/20/3/3 verteilt.",
    params=(
        ("titel", "IIGP Zollernalb (Steuerbeträge angenommen)"),
        ("jahr", "2025"),
        ("g1_name", "Meßstetten"),
        ("g1_anteil", "50"),
        ("g1_standort", "1"),
        ("g2_name", "Albstadt"),
        ("g2_anteil", "24"),
        ("g3_name", "Balingen"),
        ("g3_anteil", "20"),
        ("g4_name", "Nusplingen"),
        ("g4_anteil", "3"),
        ("g5_name", "Obernheim"),
        ("g5_anteil", "3"),
        ("p1_name", "Gewerbesteuer aus dem Park"),
        ("p1_art", "gewerbesteuer"),
        ("p1_messbetrag", "100000"),
        ("p1_hebesatz", "350"),
        ("p1_vorab", "10"),
        ("p1_schluessel", "fest"),
        ("p2_name", "Grundsteuer B aus dem Park"),
        ("p2_art", "grundsteuer"),
        ("p2_betrag", "40000"),
        ("p2_vorab", "10"),
        ("p2_schluessel", "fest"),
        ("vergleich", "gleich"),
        ("partner", "5"),
        ("posten", "2"),
    ),
    sourced=(
        "Die fünf Mitglieder des Zweckverbands (iigp-zollernalb.de).",
        "Meßstetten als Standortgemeinde erhält von Gewerbesteuer und Grundsteuer B zunächst "
        "10 %; die übrigen 90 % werden nach den Stimmenanteilen verteilt: Meßstetten 50, "
        "Albstadt 24, Balingen 20, Nusplingen 3, Obernheim 3 (Schwarzwälder Bote).",
    ),
    assumed=(
        "Messbetrag 100.000 EUR und Hebesatz 350 % sind runde, angenommene Zahlen.",
        "Grundsteuer B von 40.000 EUR im Jahr ist angenommen.",
        "Ob der Zweckverband die Gewerbesteuerumlage vor der Teilung abzieht, sagt die Quelle "
        "nicht; der Rechner zieht sie ab.",
    ),
    sources=(
        (
            "Schwarzwälder Bote: Meßstetten – Umweltaspekt zählt (Satzung des Zweckverbands)",
            "https://www.schwarzwaelder-bote.de/inhalt.messstetten-umweltaspekt-zaehlt."
            "1e44a0fa-173f-4187-af4f-4fb616420d3f.html",
        ),
        (
            "Zweckverband Interkommunaler Industrie- und Gewerbepark Zollernalb: Über uns",
            "https://iigp-zollernalb.de/ueber-uns/",
        ),
    ),
)

PETERSHAUSEN = Preset(
    slug="petershausen",
    title="P+R-Anlage Petershausen: Unterhalt nach Nutzern",
    summary="Was wäre, wenn die Gemeinden, aus denen die Pendler kommen, den Unterhalt des "
    "Park-and-Ride-Platzes nach der Zahl ihrer Dauerparker mittragen würden?",
    params=(
        ("titel", "P+R Petershausen nach Nutzern (Gedankenspiel)"),
        ("jahr", "2025"),
        ("g1_name", "Petershausen"),
        ("g1_nutz", "80"),
        ("g1_standort", "1"),
        ("g2_name", "Umliegende Gemeinden (zusammen)"),
        ("g2_nutz", "920"),
        ("p1_name", "Unterhalt der P+R-Anlage"),
        ("p1_art", "kosten_jaehrlich"),
        ("p1_betrag", "150000"),
        ("p1_schluessel", "nutzung"),
        ("vergleich", "gleich"),
        ("partner", "2"),
        ("posten", "1"),
    ),
    sourced=(
        "2012 kamen 80 Dauerparker aus Petershausen und 920 aus den umliegenden Gemeinden "
        "(Süddeutsche Zeitung, „Pendler müssen blechen“).",
        "Die Gemeinde nannte rund 150.000 EUR im Jahr für den Unterhalt der Parkflächen; ein "
        "Nachbarbürgermeister hielt den Betrag für zu hoch (Zeitungsbericht „Widerstand gegen "
        "Parkgebühren“).",
    ),
    assumed=(
        "Die Aufteilung ist ein Gedankenspiel: Nach demselben Bericht lehnten die "
        "angesprochenen Nachbargemeinden schon 2007 eine Kostenbeteiligung ab; seit "
        "September 2012 zahlen Auswärtige eine Parkgebühr.",
        "Die umliegenden Gemeinden sind zu einer Zeile zusammengefasst.",
    ),
    sources=(
        (
            "Süddeutsche Zeitung (2012): Petershausen – Pendler müssen blechen",
            "https://www.sueddeutsche.de/muenchen/dachau/petershausen-pendler-muessen-blechen"
            "-1.1457158",
        ),
        (
            "Widerstand gegen Parkgebühren (Zeitungsbericht, Nachdruck)",
            "https://www.thurnhuber.de/obpdf/?p=4",
        ),
    ),
)

DRITTEL = Preset(
    slug="drittel",
    title="Gewerbepark Spalt, Georgensgmünd und Röttenbach: gleiche Drittel",
    summary="Drei Gemeinden entwickeln ein Gewerbegebiet in einem gemeinsamen "
    "Kommunalunternehmen und teilen Aufwand und Gewerbesteuer zu gleichen Teilen.",
    params=(
        ("titel", "Gleiche Drittel (Beträge angenommen)"),
        ("jahr", "2025"),
        ("g1_name", "Georgensgmünd"),
        ("g1_standort", "1"),
        ("g2_name", "Röttenbach"),
        ("g3_name", "Spalt"),
        ("p1_name", "Erschließung des Gewerbegebiets"),
        ("p1_art", "kosten_einmalig"),
        ("p1_betrag", "3000000"),
        ("p1_schluessel", "gleich"),
        ("p2_name", "Gewerbesteuer aus dem Gebiet"),
        ("p2_art", "gewerbesteuer"),
        ("p2_messbetrag", "50000"),
        ("p2_hebesatz", "330"),
        ("p2_schluessel", "gleich"),
        ("partner", "3"),
        ("posten", "2"),
    ),
    sourced=(
        "Die drei Kommunen gründeten ein gemeinsames Kommunalunternehmen; der Aufwand für "
        "die Flächenentwicklung und die künftige Gewerbesteuer sollen gedrittelt werden "
        "(Broschüre der Stadt Spalt; nordbayern.de).",
        "Georgensgmünd stellt die Flächen zur Verfügung (Landratsamt Roth, 2026).",
    ),
    assumed=(
        "Erschließungskosten von 3 Mio. EUR, Messbetrag 50.000 EUR und Hebesatz 330 % sind "
        "angenommen.",
    ),
    sources=(
        (
            "Stadt Spalt: Interkommunales Gewerbegebiet Spalt – Georgensgmünd – Röttenbach "
            "(Broschüre)",
            "https://spm-verlag.de/fileadmin/user_upload/Spalt/files/assets/basic-html/"
            "page-51.html",
        ),
        (
            "nordbayern.de (2016): Historischer Abschied von der Kirchturmpolitik",
            "http://www.nordbayern.de/region/roth/historischer-abschied-von-der-kirchturmpolitik"
            "-1.4952881",
        ),
        (
            "Landratsamt Roth: Gemeinsame Sache – Einmaliger Schulterschluss in Sachen "
            "Gewerbegebiet",
            "https://www.landratsamt-roth.de/news/gemeinsame-sache",
        ),
    ),
)

FINANZAUSGLEICH = Preset(
    slug="finanzausgleich",
    title="Drei bayerische Gemeinden mit Finanzausgleich (vereinfacht)",
    summary="Eine erfundene Gewerbesteuerteilung mit dem optionalen Schritt "
    "„Finanzausgleich (vereinfacht, Bayern)“: Was bleibt netto, wenn die Teilung im "
    "Finanzausgleich nicht anerkannt ist?",
    params=(
        ("titel", "Finanzausgleich vereinfacht (alle Zahlen angenommen)"),
        ("jahr", "2025"),
        ("g1_name", "Gemeinde A"),
        ("g1_ew", "8000"),
        ("g1_ha", "20"),
        ("g1_standort", "1"),
        ("g1_sz", "1"),
        ("g2_name", "Gemeinde B"),
        ("g2_ew", "5000"),
        ("g2_sz", "1"),
        ("g3_name", "Gemeinde C"),
        ("g3_ew", "3000"),
        ("g3_ha", "5"),
        ("g3_sz", "1"),
        ("p1_name", "Gewerbesteuer aus dem Gebiet"),
        ("p1_art", "gewerbesteuer"),
        ("p1_messbetrag", "100000"),
        ("p1_hebesatz", "350"),
        ("p1_schluessel", "kombiniert"),
        ("w_einwohner", "50"),
        ("w_flaeche", "50"),
        ("vergleich", "flaeche"),
        ("fa", "1"),
        ("fa_anerkannt", "nein"),
        ("fa_kreisumlage", "50"),
        ("partner", "3"),
        ("posten", "1"),
    ),
    sourced=("Die Regeln des Finanzausgleichs: Art. 2, 4 und 18 BayFAG (siehe Annahmen unten).",),
    assumed=(
        "Gemeinden, Einwohner, Flächen, Messbetrag, Hebesatz und der Kreisumlagesatz von "
        "50 % sind erfunden.",
    ),
    sources=(),
)

PRESETS = [ZOLLERNALB, PETERSHAUSEN, DRITTEL, FINANZAUSGLEICH]
BY_SLUG = {preset.slug: preset for preset in PRESETS}
