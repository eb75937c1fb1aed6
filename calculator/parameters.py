"""Dated, sourced parameters of the calculator (plain Python, no Django).

Every figure the engine uses from law or statistics lives here with the period
it applies to and a public source, so a change in the law is one new row, and
a saved scenario (which carries its year) keeps computing what it showed.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    value: Decimal
    unit: str
    first_year: int
    last_year: int | None  # None: still in force
    source_title: str
    source_url: str
    note: str = ""
    note_source_title: str = ""
    note_source_url: str = ""

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


SOURCE_STATISTIK_BB = (
    "Amt für Statistik Berlin-Brandenburg: Öffentliche Finanzen und Steuern "
    "(Berechnung der Gewerbesteuerumlage)",
    "https://www.statistik-berlin-brandenburg.de/gesellschaft/staat/",
)
SOURCE_UMLAGE_2019 = (
    "Wirtschaftliche Freiheit: Ende 2019 laufen die Regelungen zur erhöhten "
    "Gewerbesteuerumlage aus",
    "https://wirtschaftlichefreiheit.de/wordpress/?p=25415",
)
SOURCE_BAYFAG_2 = (
    "Art. 2 BayFAG Gemeindeschlüsselzuweisungen",
    "https://gesetze.legal/bayern/bayfag/2",
)
SOURCE_BAYFAG_4 = (
    "Art. 4 BayFAG Steuerkraftmesszahl",
    "https://gesetze.legal/bayern/bayfag/4",
)
SOURCE_BAYFAG_18 = (
    "Art. 18 BayFAG Kreisumlage",
    "https://www.gesetze-bayern.de/Content/Document/BayFAG-18",
)

PARAMETERS: list[Parameter] = [
    Parameter(
        key="gewerbesteuerumlage",
        label="Vervielfältiger der Gewerbesteuerumlage (Bund 14,5 % + Land 20,5 %)",
        value=Decimal("35"),
        unit="% des Messbetrags",
        first_year=2020,
        last_year=None,
        source_title=SOURCE_STATISTIK_BB[0],
        source_url=SOURCE_STATISTIK_BB[1],
        note="Die erhöhte Umlage der westlichen Länder (2019: 64 %) lief Ende 2019 aus.",
        note_source_title=SOURCE_UMLAGE_2019[0],
        note_source_url=SOURCE_UMLAGE_2019[1],
    ),
    Parameter(
        key="nivellierungshebesatz",
        label="Nivellierungshebesatz der Gewerbesteuer in Bayern",
        value=Decimal("310"),
        unit="%",
        first_year=2020,
        last_year=None,
        source_title=SOURCE_BAYFAG_4[0],
        source_url=SOURCE_BAYFAG_4[1],
        note="Wortlaut geprüft in der ab 1. Juli 2023 geltenden Fassung; frühere Jahre "
        "nicht eigens geprüft.",
    ),
    Parameter(
        key="zuschlag_ueber_nivellierung",
        label="Anteil der Einnahmen aus Hebesatzpunkten über dem Nivellierungshebesatz, "
        "der in die Steuerkraft eingeht",
        value=Decimal("10"),
        unit="%",
        first_year=2020,
        last_year=None,
        source_title=SOURCE_BAYFAG_4[0],
        source_url=SOURCE_BAYFAG_4[1],
        note="Art. 4 Abs. 2 Satz 2 BayFAG.",
    ),
    Parameter(
        key="schluesselzuweisung_quote",
        label="Schlüsselzuweisung: Anteil am Unterschied zwischen Ausgangs- und "
        "Steuerkraftmesszahl",
        value=Decimal("55"),
        unit="%",
        first_year=2020,
        last_year=None,
        source_title=SOURCE_BAYFAG_2[0],
        source_url=SOURCE_BAYFAG_2[1],
        note="Art. 2 Abs. 2 Satz 2 BayFAG.",
    ),
    Parameter(
        key="kreisumlage_schluesselzuweisung",
        label="Anteil der Schlüsselzuweisungen des Vorjahres in den Umlagegrundlagen "
        "der Kreisumlage",
        value=Decimal("80"),
        unit="%",
        first_year=2020,
        last_year=None,
        source_title=SOURCE_BAYFAG_18[0],
        source_url=SOURCE_BAYFAG_18[1],
        note="Art. 18 Abs. 3 Satz 2 BayFAG.",
    ),
]

# Years the calculator accepts (the form validates against these).
FIRST_YEAR = 2020
LAST_YEAR = 2040


class MissingParameter(LookupError):
    pass


def parameter(key: str, year: int) -> Parameter:
    """The row of ``key`` that applies in ``year``."""
    for row in PARAMETERS:
        if row.key == key and row.applies_to(year):
            return row
    raise MissingParameter(f"Für {year} ist kein Wert für „{key}“ hinterlegt.")


def value(key: str, year: int) -> Decimal:
    return parameter(key, year).value


def rows_for(year: int) -> list[Parameter]:
    """The parameters used for ``year``, for the page's list of assumptions."""
    found = []
    for key in dict.fromkeys(row.key for row in PARAMETERS):
        try:
            found.append(parameter(key, year))
        except MissingParameter:
            continue
    return found
