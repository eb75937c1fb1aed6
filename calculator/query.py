"""The calculator's URL: every input is a GET parameter, so a link is the scenario.

``read(params)`` turns a query (a QueryDict or a plain mapping of lists) into
rows for the form, a ``Scenario`` for the engine and German messages per field;
``canonical(rows)`` writes the rows back as a short, stable query string. Plain
Python apart from ``urlencode``; the view and the Rechenbeispiel model use both.

Parameters (n = row number from 1):
    titel, jahr, partner (rows), posten (rows), vergleich (second key),
    g<n>_name, g<n>_ew, g<n>_ha, g<n>_kap, g<n>_nutz, g<n>_anteil, g<n>_max,
    g<n>_standort, g<n>_sz,
    p<n>_name, p<n>_art, p<n>_betrag, p<n>_messbetrag, p<n>_hebesatz,
    p<n>_schluessel, p<n>_vorab,
    w_gleich, w_einwohner, w_flaeche, w_kapital, w_nutzung, w_fest,
    fa (1), fa_anerkannt (ja|nein), fa_kreisumlage
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from calculator import engine, parameters

DEFAULT_PARTNERS, DEFAULT_ITEMS = 3, 2
MAX_TEXT = 80  # characters of a name
MAX_NUMBER_TEXT = 24  # characters of a number as typed


@dataclass(frozen=True)
class NumberField:
    param: str
    label: str
    maximum: Decimal
    places: int  # decimal places allowed
    minimum: Decimal = Decimal(0)
    unit: str = ""
    integer: bool = False


PARTNER_NUMBERS = [
    NumberField("ew", "Einwohner", Decimal(10_000_000), 0, integer=True),
    NumberField("ha", "Eingebrachte Fläche", Decimal(1_000_000), 4, unit="ha"),
    NumberField("kap", "Kapital- oder Investitionsanteil", Decimal(10**12), 2, unit="EUR"),
    NumberField("nutz", "Nutzung", Decimal(10**9), 4),
    NumberField("anteil", "Fester Anteil", Decimal(100), 4, unit="%"),
    NumberField("max", "Höchstanteil", Decimal(100), 4, unit="%"),
]
PARTNER_ATTRIBUTES = {
    "ew": "einwohner",
    "ha": "flaeche",
    "kap": "kapital",
    "nutz": "nutzung",
    "anteil": "anteil",
    "max": "hoechstanteil",
}
ITEM_NUMBERS = [
    NumberField("betrag", "Betrag", Decimal(10**11), 2, unit="EUR"),
    NumberField("messbetrag", "Messbetrag", Decimal(10**10), 2, unit="EUR"),
    NumberField(
        "hebesatz", "Hebesatz", Decimal(999), 0, minimum=Decimal(200), unit="%", integer=True
    ),
    NumberField("vorab", "Vorabanteil der Standortgemeinde", Decimal(100), 4, unit="%"),
]
WEIGHT_FIELDS = [
    NumberField(f"w_{key}", engine.KEYS[key], Decimal(100), 4, unit="%") for key in engine.BASE_KEYS
]
KREISUMLAGE = NumberField("fa_kreisumlage", "Kreisumlagesatz", Decimal(100), 2, unit="%")

GROUPED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")
ROW_PARAM = re.compile(r"^([gp])(\d{1,4})_")


class NumberError(ValueError):
    pass


def parse_number(text: str, spec: NumberField) -> Decimal | None:
    """A number as Germans type it ("1.234,5", "1234,5", "150.000", "12.5"); None if empty.

    Only digits, one decimal separator and thousands dots are accepted: no
    exponents, NaN, Infinity or signs other than a leading minus (refused).
    """
    text = (text or "").strip()
    for junk in ("€", "EUR", "Euro", "%", "ha", "\u00a0", "\u202f", " "):
        text = text.replace(junk, "")
    if not text:
        return None
    if len(text) > MAX_NUMBER_TEXT:
        raise NumberError(f"{spec.label}: Die Zahl ist zu lang.")
    if text.startswith("-"):
        raise NumberError(f"{spec.label} darf nicht negativ sein.")
    if "," in text:
        text = text.replace(".", "").replace(",", ".", 1)
    elif GROUPED_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not PLAIN_NUMBER.match(text):
        raise NumberError(f"{spec.label}: Bitte eine Zahl eingeben, z. B. 1.250,50.")
    try:
        value = Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern excludes this
        raise NumberError(f"{spec.label}: Bitte eine Zahl eingeben.") from error
    if value > spec.maximum:
        raise NumberError(
            f"{spec.label} darf höchstens {format_number(spec.maximum)}"
            f"{' ' + spec.unit if spec.unit else ''} sein."
        )
    if value < spec.minimum:
        raise NumberError(
            f"{spec.label} muss mindestens {format_number(spec.minimum)}"
            f"{' ' + spec.unit if spec.unit else ''} betragen."
        )
    if spec.integer and value != value.to_integral_value():
        raise NumberError(f"{spec.label}: Bitte eine ganze Zahl eingeben.")
    if -value.as_tuple().exponent > spec.places and value != value.quantize(
        Decimal(1).scaleb(-spec.places)
    ):
        raise NumberError(f"{spec.label}: höchstens {spec.places} Nachkommastellen.")
    return value.quantize(Decimal(1).scaleb(-spec.places)) if spec.places else value.quantize(1)


def format_number(value: Decimal | None) -> str:
    """Canonical form for the URL and the form fields: no grouping, decimal comma."""
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value != 0 else "0"
    return text.replace(".", ",")


def clean_text(value: str | None, limit: int = MAX_TEXT) -> str:
    """Printable text without control characters (NUL bytes and the like)."""
    value = "".join(ch for ch in (value or "") if ch.isprintable())
    return " ".join(value.split())[:limit]


@dataclass
class Row:
    number: int  # 1-based row number in the form
    values: dict[str, str] = field(default_factory=dict)  # param suffix -> text as shown
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    @property
    def blank(self) -> bool:
        return not any(v for k, v in self.values.items() if k not in {"art", "schluessel"})


@dataclass
class Parsed:
    """The form's state: rows as typed, the scenario (if valid) and the messages."""

    title: str
    year: str
    partners: list[Row]
    items: list[Row]
    weights: dict[str, str]
    compare: str
    fa: bool
    fa_recognised: str
    fa_kreisumlage: str
    errors: dict[str, list[str]] = field(default_factory=dict)  # field id -> messages
    scenario: engine.Scenario | None = None
    partner_rows: list[int] = field(default_factory=list)  # engine index -> row number
    item_rows: list[int] = field(default_factory=list)
    submitted: bool = False

    def error(self, field_id: str, message: str) -> None:
        messages = self.errors.setdefault(field_id, [])
        if message not in messages:
            messages.append(message)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(row.errors for row in self.partners + self.items)

    def all_errors(self) -> list[tuple[str, str]]:
        """(field id, message) in form order, for the summary at the top."""
        found = []
        for field_id, messages in self.errors.items():
            found.extend((field_id, m) for m in messages)
        for prefix, rows in (("g", self.partners), ("p", self.items)):
            for row in rows:
                for name, messages in row.errors.items():
                    found.extend((f"{prefix}{row.number}_{name}", m) for m in messages)
        return found


def _get(params, name: str) -> str:
    """One parameter as text; lists (QueryDict, parse_qs) give their last value."""
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        values = params.get(name, [])
        if isinstance(values, str):
            values = [values]
    return values[-1] if values else ""


def _row_count(params, name: str, prefix: str, default: int, parsed: Parsed, limit: int) -> int:
    text = _get(params, name).strip()
    count = default
    if text:
        if text.isdigit() and len(text) <= 4:
            count = int(text)
        else:
            parsed.error(name, "Die Zahl der Zeilen ist ungültig; es gilt die Voreinstellung.")
    # Rows present in the query count too (a link that names row 7 has 7 rows).
    keys = params.keys() if hasattr(params, "keys") else []
    for key in keys:
        match = ROW_PARAM.match(key)
        if match and match.group(1) == prefix:
            count = max(count, int(match.group(2)))
    return count


def read(params, *, today: date | None = None) -> Parsed:
    today = today or datetime.now(tz=UTC).date()
    submitted = any(True for _ in (params.keys() if hasattr(params, "keys") else []))
    parsed = Parsed(
        title=clean_text(_get(params, "titel"), 120),
        year=clean_text(_get(params, "jahr"), 8) or str(today.year),
        partners=[],
        items=[],
        weights={spec.param: clean_text(_get(params, spec.param), 30) for spec in WEIGHT_FIELDS},
        compare=clean_text(_get(params, "vergleich"), 20),
        fa=_get(params, "fa") == "1",
        fa_recognised="nein" if _get(params, "fa_anerkannt") == "nein" else "ja",
        fa_kreisumlage=clean_text(_get(params, "fa_kreisumlage"), 30),
        submitted=submitted,
    )
    partner_count = _row_count(params, "partner", "g", DEFAULT_PARTNERS, parsed, 12)
    item_count = _row_count(params, "posten", "p", DEFAULT_ITEMS, parsed, 10)
    if partner_count > engine.MAX_PARTNERS:
        parsed.error(
            "partner",
            f"Der Rechner verteilt auf höchstens {engine.MAX_PARTNERS} Partner; "
            f"angegeben waren {partner_count} Zeilen. Es werden die ersten "
            f"{engine.MAX_PARTNERS} gezeigt.",
        )
        partner_count = engine.MAX_PARTNERS
    if item_count > engine.MAX_ITEMS:
        parsed.error(
            "posten",
            f"Der Rechner nimmt höchstens {engine.MAX_ITEMS} Posten; angegeben waren "
            f"{item_count} Zeilen. Es werden die ersten {engine.MAX_ITEMS} gezeigt.",
        )
        item_count = engine.MAX_ITEMS
    partner_count = max(partner_count, engine.MIN_PARTNERS)
    item_count = max(item_count, 1)

    # Year
    year = None
    if parsed.year.isdigit() and len(parsed.year) == 4:
        year = int(parsed.year)
    if year is None or not parameters.FIRST_YEAR <= year <= parameters.LAST_YEAR:
        parsed.error(
            "jahr",
            f"Bitte ein Rechenjahr zwischen {parameters.FIRST_YEAR} und "
            f"{parameters.LAST_YEAR} angeben.",
        )
        year = None

    # Partners
    partners = []
    for number in range(1, partner_count + 1):
        row = Row(number)
        row.values["name"] = clean_text(_get(params, f"g{number}_name"))
        for spec in PARTNER_NUMBERS:
            row.values[spec.param] = clean_text(_get(params, f"g{number}_{spec.param}"), 40)
        row.values["standort"] = "1" if _get(params, f"g{number}_standort") == "1" else ""
        row.values["sz"] = "1" if _get(params, f"g{number}_sz") == "1" else ""
        parsed.partners.append(row)
        if row.blank:
            continue
        data = {}
        for spec in PARTNER_NUMBERS:
            try:
                number_value = parse_number(row.values[spec.param], spec)
            except NumberError as error:
                row.error(spec.param, str(error))
                continue
            if number_value is not None:
                row.values[spec.param] = format_number(number_value)
            if spec.param == "max":
                data["hoechstanteil"] = number_value
            else:
                data[PARTNER_ATTRIBUTES[spec.param]] = number_value or Decimal(0)
        if not row.values["name"]:
            row.error("name", f"Partner {number}: Bitte einen Namen angeben.")
        if row.errors:
            continue
        partners.append(
            engine.Partner(
                name=row.values["name"],
                standort=bool(row.values["standort"]),
                schluesselzuweisungen=bool(row.values["sz"]),
                **data,
            )
        )
        parsed.partner_rows.append(number)

    # Items
    items = []
    for number in range(1, item_count + 1):
        row = Row(number)
        row.values["name"] = clean_text(_get(params, f"p{number}_name"))
        kind = _get(params, f"p{number}_art")
        key = _get(params, f"p{number}_schluessel")
        row.values["art"] = kind if kind in engine.ITEM_KINDS else ""
        row.values["schluessel"] = key if key in engine.KEYS else ""
        for spec in ITEM_NUMBERS:
            row.values[spec.param] = clean_text(_get(params, f"p{number}_{spec.param}"), 40)
        parsed.items.append(row)
        if row.blank:
            continue
        if not row.values["art"]:
            row.error("art", f"Posten {number}: Bitte die Art des Postens wählen.")
        if not row.values["schluessel"]:
            row.error("schluessel", f"Posten {number}: Bitte einen Schlüssel wählen.")
        numbers = {}
        for spec in ITEM_NUMBERS:
            try:
                value = parse_number(row.values[spec.param], spec)
            except NumberError as error:
                row.error(spec.param, f"Posten {number}: {error}")
                continue
            if value is not None:
                row.values[spec.param] = format_number(value)
            numbers[spec.param] = value
        if not row.values["name"]:
            row.error("name", f"Posten {number}: Bitte eine Bezeichnung angeben.")
        if row.values["art"] == "gewerbesteuer":
            for name, label in (("messbetrag", "Messbetrag"), ("hebesatz", "Hebesatz")):
                if name in numbers and numbers[name] is None:
                    row.error(
                        name, f"Posten {number}: Für die Gewerbesteuer bitte den {label} angeben."
                    )
        elif row.values["art"] and "betrag" in numbers and numbers["betrag"] is None:
            row.error("betrag", f"Posten {number}: Bitte einen Betrag angeben.")
        if row.errors:
            continue
        items.append(
            engine.Item(
                name=row.values["name"],
                kind=row.values["art"],
                key=row.values["schluessel"],
                amount=numbers.get("betrag") or Decimal(0),
                messbetrag=numbers.get("messbetrag") or Decimal(0),
                hebesatz=numbers.get("hebesatz") or Decimal(0),
                vorab=numbers.get("vorab") or Decimal(0),
            )
        )
        parsed.item_rows.append(number)

    # Weights of the combined key
    weights = {}
    for spec, key in zip(WEIGHT_FIELDS, engine.BASE_KEYS, strict=True):
        try:
            value = parse_number(parsed.weights[spec.param], spec)
        except NumberError as error:
            parsed.error(spec.param, str(error))
            continue
        if value is not None:
            parsed.weights[spec.param] = format_number(value)
            weights[key] = value

    if parsed.compare and parsed.compare not in engine.KEYS:
        parsed.error("vergleich", "Bitte einen Vergleichsschlüssel aus der Liste wählen.")
        parsed.compare = ""

    fa = None
    if parsed.fa:
        try:
            rate = parse_number(parsed.fa_kreisumlage, KREISUMLAGE)
        except NumberError as error:
            parsed.error("fa_kreisumlage", str(error))
            rate = None
        else:
            if rate is None:
                parsed.error(
                    "fa_kreisumlage", "Bitte den Kreisumlagesatz angeben (0 für kreisfreie Städte)."
                )
            else:
                parsed.fa_kreisumlage = format_number(rate)
        if rate is not None:
            fa = engine.Finanzausgleich(anerkannt=parsed.fa_recognised == "ja", kreisumlage=rate)

    if not submitted:
        return parsed
    if len(partners) < engine.MIN_PARTNERS and not any(r.errors for r in parsed.partners):
        parsed.error("partner", "Bitte geben Sie mindestens zwei Partner mit Namen an.")
    if not items and not any(r.errors for r in parsed.items):
        parsed.error("posten", "Bitte geben Sie mindestens einen Posten an.")
    if parsed.has_errors or year is None:
        return parsed
    parsed.scenario = engine.Scenario(
        partners=tuple(partners),
        items=tuple(items),
        year=year,
        weights=weights,
        finanzausgleich=fa,
    )
    return parsed


def field_id(parsed: Parsed, target: tuple) -> str:
    """The form field an engine problem is about."""
    kind = target[0]
    if kind == "item":
        return f"p{parsed.item_rows[target[1]]}_{target[2]}"
    if kind == "partner":
        return f"g{parsed.partner_rows[target[1]]}_{target[2]}"
    if kind == "weights":
        return "w_gleich"
    if target[1] == "hoechstanteile":
        for row in parsed.partners:
            if row.values.get("max"):
                return f"g{row.number}_max"
        return "partner"
    if target[1] == "fa_anerkannt":
        return "fa_anerkannt_ja"
    return target[1]


def canonical(parsed: Parsed, *, extra_partner: int = 0, extra_item: int = 0) -> str:
    """The scenario as a short query string: empty fields left out, rows renumbered."""
    pairs: list[tuple[str, str]] = []
    if parsed.title:
        pairs.append(("titel", parsed.title))
    pairs.append(("jahr", parsed.year))
    partners = [row for row in parsed.partners if not row.blank]
    items = [row for row in parsed.items if not row.blank]
    for n, row in enumerate(partners, start=1):
        for name in ("name", *(spec.param for spec in PARTNER_NUMBERS), "standort", "sz"):
            if row.values.get(name):
                pairs.append((f"g{n}_{name}", row.values[name]))
    for n, row in enumerate(items, start=1):
        for name in ("name", "art", *(spec.param for spec in ITEM_NUMBERS), "schluessel"):
            if row.values.get(name):
                pairs.append((f"p{n}_{name}", row.values[name]))
    for spec in WEIGHT_FIELDS:
        if parsed.weights.get(spec.param):
            pairs.append((spec.param, parsed.weights[spec.param]))
    if parsed.compare:
        pairs.append(("vergleich", parsed.compare))
    if parsed.fa:
        pairs.append(("fa", "1"))
        pairs.append(("fa_anerkannt", parsed.fa_recognised))
        if parsed.fa_kreisumlage:
            pairs.append(("fa_kreisumlage", parsed.fa_kreisumlage))
    partner_rows = max(len(partners), engine.MIN_PARTNERS) + extra_partner
    item_rows = max(len(items), 1) + extra_item
    pairs.append(("partner", str(min(partner_rows, engine.MAX_PARTNERS))))
    pairs.append(("posten", str(min(item_rows, engine.MAX_ITEMS))))
    return urlencode(pairs)
