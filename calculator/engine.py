"""The Lasten-Nutzen-Rechner's arithmetic: plain Python, no Django (docs/rechner.md).

A scenario is a list of partners (municipalities) and a list of items (costs,
revenues, taxes), each item with its own sharing key. ``calculate`` splits every
item among the partners and returns exact shares in cents:

- ratios are exact fractions (``fractions.Fraction``), never floats;
- money is ``Decimal`` with two places; each item is split with the
  largest-remainder method, so the shares add up to the item's total to the cent;
- ties in the remainders are broken by the partners' data, not their order, so
  reordering the partners reorders the result and changes nothing else.

Invalid scenarios raise ``CalculationError`` with one German message per problem,
each pointing at the input it is about (``Problem.target``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from calculator import parameters

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Sharing keys: URL value -> German label.
KEYS = {
    "gleich": "zu gleichen Teilen",
    "einwohner": "nach Einwohnern",
    "flaeche": "nach eingebrachter Fläche",
    "kapital": "nach Kapital- oder Investitionsanteil",
    "nutzung": "nach Nutzung",
    "fest": "nach festen Anteilen",
    "kombiniert": "gewichtete Kombination",
}
# Keys a weighted combination is made of (everything but itself).
BASE_KEYS = ("gleich", "einwohner", "flaeche", "kapital", "nutzung", "fest")
# Partner attribute a proportional key reads, and its name in messages.
KEY_COLUMNS = {
    "einwohner": ("einwohner", "Einwohner"),
    "flaeche": ("flaeche", "Fläche"),
    "kapital": ("kapital", "Kapital"),
    "nutzung": ("nutzung", "Nutzung"),
}

PAYMENT, RECEIPT = -1, 1
ONCE, YEARLY = "einmalig", "jaehrlich"


@dataclass(frozen=True)
class ItemKind:
    label: str
    direction: int  # PAYMENT: the partners pay their share; RECEIPT: they receive it
    period: str


ITEM_KINDS = {
    "kosten_einmalig": ItemKind(
        "Einmalige Kosten (z. B. Investition, Erschließung)", PAYMENT, ONCE
    ),
    "kosten_jaehrlich": ItemKind("Laufende Kosten pro Jahr", PAYMENT, YEARLY),
    "einnahme_einmalig": ItemKind(
        "Einmalige Einnahmen (z. B. Verkaufserlöse, Fördermittel)", RECEIPT, ONCE
    ),
    "einnahme_jaehrlich": ItemKind("Laufende Einnahmen pro Jahr (z. B. Gebühren)", RECEIPT, YEARLY),
    "gewerbesteuer": ItemKind("Gewerbesteuer pro Jahr (Messbetrag × Hebesatz)", RECEIPT, YEARLY),
    "grundsteuer": ItemKind("Grundsteuer pro Jahr", RECEIPT, YEARLY),
}

MIN_PARTNERS, MAX_PARTNERS = 2, 12
MAX_ITEMS = 10


@dataclass(frozen=True)
class Partner:
    name: str
    einwohner: Decimal = Decimal(0)
    flaeche: Decimal = Decimal(0)
    kapital: Decimal = Decimal(0)
    nutzung: Decimal = Decimal(0)
    anteil: Decimal = Decimal(0)  # fixed share in percent (key "fest")
    hoechstanteil: Decimal | None = None  # cap in percent of every item, None: no cap
    standort: bool = False  # site municipality (Vorabanteil, Finanzausgleich)
    schluesselzuweisungen: bool = False  # receives Schlüsselzuweisungen (Finanzausgleich)

    def tie_key(self) -> tuple:
        """Orders partners by their data alone (for ties in the rounding)."""
        return (
            self.name,
            self.einwohner,
            self.flaeche,
            self.kapital,
            self.nutzung,
            self.anteil,
            self.hoechstanteil if self.hoechstanteil is not None else Decimal(-1),
            self.standort,
            self.schluesselzuweisungen,
        )


@dataclass(frozen=True)
class Item:
    name: str
    kind: str
    key: str
    amount: Decimal = Decimal(0)  # EUR; for Gewerbesteuer computed from the two below
    messbetrag: Decimal = Decimal(0)  # EUR (Gewerbesteuer only)
    hebesatz: Decimal = Decimal(0)  # percent (Gewerbesteuer only)
    vorab: Decimal = Decimal(0)  # percent for the Standortgemeinde before the key


@dataclass(frozen=True)
class Finanzausgleich:
    """The optional, simplified Bavarian step (docs/rechner.md, marked as derived)."""

    anerkannt: bool  # split recognised under Art. 4 Abs. 4 BayFAG
    kreisumlage: Decimal  # percent


@dataclass(frozen=True)
class Scenario:
    partners: tuple[Partner, ...]
    items: tuple[Item, ...]
    year: int
    weights: Mapping[str, Decimal] = field(default_factory=dict)  # key -> percent
    finanzausgleich: Finanzausgleich | None = None


@dataclass(frozen=True)
class Problem:
    target: tuple  # ("partner", i, field) | ("item", i, field) | ("weights",) | ("scenario", f)
    message: str


class CalculationError(ValueError):
    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(problem.message for problem in self.problems))


@dataclass
class ItemResult:
    index: int
    item: Item
    kind: ItemKind
    total: Decimal  # the amount that is split (positive)
    fractions: list[Fraction]  # each partner's exact part of the total
    shares: list[Decimal]  # each partner's share in EUR, adds up to total
    gross: Decimal | None = None  # Gewerbesteuer: Aufkommen
    umlage: Decimal | None = None  # Gewerbesteuer: Gewerbesteuerumlage
    umlage_rate: Decimal | None = None
    key: str = ""  # the key used (the item's own, or the comparison key)

    @property
    def key_label(self) -> str:
        return KEYS[self.key or self.item.key]

    def signed(self, i: int) -> Decimal:
        return self.shares[i] * self.kind.direction


@dataclass
class PartnerTotals:
    pays_once: Decimal = Decimal("0.00")
    receives_once: Decimal = Decimal("0.00")
    pays_yearly: Decimal = Decimal("0.00")
    receives_yearly: Decimal = Decimal("0.00")

    @property
    def net_once(self) -> Decimal:
        return self.receives_once - self.pays_once

    @property
    def net_yearly(self) -> Decimal:
        return self.receives_yearly - self.pays_yearly


@dataclass
class FinanzausgleichRow:
    gewerbesteuer: Decimal  # the partner's share of the Gewerbesteuer after the Umlage
    messbetrag: Decimal  # Messbetrag attributed to the partner in the Steuerkraft
    steuerkraft: Decimal
    schluesselzuweisungen: Decimal  # loss (negative or zero)
    kreisumlage: Decimal  # extra Kreisumlage (negative or zero)

    @property
    def net(self) -> Decimal:
        return self.gewerbesteuer + self.schluesselzuweisungen + self.kreisumlage


@dataclass
class Result:
    scenario: Scenario
    items: list[ItemResult]
    totals: list[PartnerTotals]
    finanzausgleich: list[FinanzausgleichRow] | None = None

    @property
    def has_once(self) -> bool:
        return any(r.kind.period == ONCE for r in self.items)

    @property
    def has_yearly(self) -> bool:
        return any(r.kind.period == YEARLY for r in self.items)


def money(value) -> Decimal:
    """Round half up to the cent (for amounts computed from rates)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def fraction_to_money(value: Fraction) -> Decimal:
    return money(Decimal(value.numerator) / Decimal(value.denominator))


# --- keys -------------------------------------------------------------------------


def key_fractions(scenario: Scenario, key: str, target: tuple) -> list[Fraction]:
    """Each partner's part (summing to 1) under one key, before Vorab and caps."""
    partners = scenario.partners
    n = len(partners)
    if key == "gleich":
        return [Fraction(1, n)] * n
    if key in KEY_COLUMNS:
        attribute, label = KEY_COLUMNS[key]
        values = [Fraction(getattr(p, attribute)) for p in partners]
        total = sum(values)
        if total == 0:
            raise CalculationError(
                [Problem(target, f"Für den Schlüssel {label} hat kein Partner einen Wert.")]
            )
        return [v / total for v in values]
    if key == "fest":
        values = [Fraction(p.anteil) for p in partners]
        total = sum(values)
        if total != 100:
            raise CalculationError(
                [
                    Problem(
                        target,
                        "Die festen Anteile der Partner ergeben zusammen "
                        f"{format_percent(total)} %, nicht 100 %.",
                    )
                ]
            )
        return [v / 100 for v in values]
    if key == "kombiniert":
        weights = {k: Fraction(scenario.weights.get(k, 0)) for k in BASE_KEYS}
        total = sum(weights.values())
        if total != 100:
            raise CalculationError(
                [
                    Problem(
                        ("weights",),
                        "Die Gewichte der Kombination ergeben zusammen "
                        f"{format_percent(total)} %, nicht 100 %.",
                    )
                ]
            )
        combined = [Fraction(0)] * n
        for base, weight in weights.items():
            if weight == 0:
                continue
            for i, part in enumerate(key_fractions(scenario, base, target)):
                combined[i] += weight / 100 * part
        return combined
    raise CalculationError([Problem(target, "Unbekannter Schlüssel.")])


def with_vorab(scenario: Scenario, item: Item, parts: list[Fraction], target) -> list[Fraction]:
    """Give the Standortgemeinde(n) the Vorabanteil first, split the rest by the key."""
    vorab = Fraction(item.vorab) / 100
    if vorab == 0:
        return parts
    sites = [i for i, p in enumerate(scenario.partners) if p.standort]
    if not sites:
        raise CalculationError(
            [
                Problem(
                    target,
                    "Ein Vorabanteil braucht eine Standortgemeinde: Bitte kreuzen Sie bei "
                    "einem Partner „Standortgemeinde“ an.",
                )
            ]
        )
    result = [(1 - vorab) * part for part in parts]
    for i in sites:
        result[i] += vorab / len(sites)
    return result


def with_caps(
    scenario: Scenario, parts: list[Fraction], key_parts: list[Fraction], target
) -> list[Fraction]:
    """Cap each partner's part; spread the excess over the others pro rata to their key
    parts (repeatedly, until nobody is above the cap)."""
    caps = [
        Fraction(p.hoechstanteil) / 100 if p.hoechstanteil is not None else Fraction(1)
        for p in scenario.partners
    ]
    if all(cap >= 1 for cap in caps):
        return parts
    if sum(caps) < 1:
        raise CalculationError(
            [
                Problem(
                    ("scenario", "hoechstanteile"),
                    "Die Höchstanteile ergeben zusammen nur "
                    f"{format_percent(sum(caps) * 100)} %; für eine vollständige Verteilung "
                    "sind mindestens 100 % nötig.",
                )
            ]
        )
    final = list(parts)
    free = set(range(len(parts)))
    while True:
        over = [i for i in free if final[i] > caps[i]]
        if not over:
            return final
        excess = sum(final[i] - caps[i] for i in over)
        for i in over:
            final[i] = caps[i]
            free.discard(i)
        weight = sum(key_parts[j] for j in free)
        if weight == 0:
            raise CalculationError(
                [
                    Problem(
                        target,
                        "Der Betrag über den Höchstanteilen lässt sich nicht verteilen: "
                        "Die übrigen Partner haben für diesen Schlüssel keinen Anteil.",
                    )
                ]
            )
        for j in free:
            final[j] += excess * key_parts[j] / weight


def largest_remainder(total_cents: int, parts: list[Fraction], partners) -> list[int]:
    """Split whole cents by exact parts so that they add up to ``total_cents``."""
    exact = [total_cents * part for part in parts]
    floors = [value.numerator // value.denominator for value in exact]
    left = total_cents - sum(floors)
    order = sorted(
        range(len(parts)),
        key=lambda i: (-(exact[i] - floors[i]), -exact[i], partners[i].tie_key()),
    )
    for i in order[:left]:
        floors[i] += 1
    return floors


# --- items -----------------------------------------------------------------------


def item_total(item: Item, year: int) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal]:
    """(amount to split, Aufkommen, Umlage, Umlage rate) of an item."""
    if item.kind == "gewerbesteuer":
        rate = parameters.value("gewerbesteuerumlage", year)
        gross = money(item.messbetrag * item.hebesatz / HUNDRED)
        umlage = money(item.messbetrag * rate / HUNDRED)
        return gross - umlage, gross, umlage, rate
    return money(item.amount), None, None, Decimal(0)


def split_item(scenario: Scenario, index: int, item: Item, key: str | None = None) -> ItemResult:
    target = ("item", index, "schluessel")
    total, gross, umlage, rate = item_total(item, scenario.year)
    key_parts = key_fractions(scenario, key or item.key, target)
    parts = with_vorab(scenario, item, key_parts, ("item", index, "vorab"))
    parts = with_caps(scenario, parts, key_parts, target)
    cents = largest_remainder(int(total * 100), parts, scenario.partners)
    shares = [Decimal(c).scaleb(-2) for c in cents]
    return ItemResult(
        index=index,
        item=item,
        kind=ITEM_KINDS[item.kind],
        total=total,
        fractions=parts,
        shares=shares,
        gross=gross,
        umlage=umlage,
        umlage_rate=rate if gross is not None else None,
        key=key or item.key,
    )


def totals_of(n: int, items: list[ItemResult]) -> list[PartnerTotals]:
    totals = [PartnerTotals() for _ in range(n)]
    for result in items:
        once = result.kind.period == ONCE
        for i, share in enumerate(result.shares):
            t = totals[i]
            if result.kind.direction == PAYMENT:
                if once:
                    t.pays_once += share
                else:
                    t.pays_yearly += share
            elif once:
                t.receives_once += share
            else:
                t.receives_yearly += share
    return totals


# --- Finanzausgleich (Bavaria, simplified) ----------------------------------------


def steuerkraft_per_messbetrag(hebesatz: Decimal, year: int) -> Fraction:
    """S: Gewerbesteuer-Steuerkraft per 1 EUR Messbetrag (Art. 4 Abs. 2 BayFAG)."""
    n = Fraction(parameters.value("nivellierungshebesatz", year)) / 100
    v = Fraction(parameters.value("gewerbesteuerumlage", year)) / 100
    z = Fraction(parameters.value("zuschlag_ueber_nivellierung", year)) / 100
    h = Fraction(hebesatz) / 100
    return (n - v) + z * max(h - n, Fraction(0))


def finanzausgleich(scenario: Scenario, items: list[ItemResult]) -> list[FinanzausgleichRow]:
    fa = scenario.finanzausgleich
    year = scenario.year
    quote = Fraction(parameters.value("schluesselzuweisung_quote", year)) / 100
    base = Fraction(parameters.value("kreisumlage_schluesselzuweisung", year)) / 100
    k = Fraction(fa.kreisumlage) / 100
    partners = scenario.partners
    n = len(partners)
    sites = [i for i, p in enumerate(partners) if p.standort]
    if not fa.anerkannt and not sites:
        raise CalculationError(
            [
                Problem(
                    ("scenario", "fa_anerkannt"),
                    "Ohne anerkannte Aufteilung rechnet der Finanzausgleich die Steuerkraft "
                    "der Standortgemeinde zu: Bitte kreuzen Sie bei einem Partner "
                    "„Standortgemeinde“ an.",
                )
            ]
        )
    if not any(result.item.kind == "gewerbesteuer" for result in items):
        raise CalculationError(
            [
                Problem(
                    ("scenario", "fa"),
                    "Der Finanzausgleich-Schritt betrachtet nur die Gewerbesteuer: Bitte einen "
                    "Posten der Art „Gewerbesteuer“ anlegen oder den Schritt abwählen.",
                )
            ]
        )
    gewst = [Fraction(0)] * n
    messbetrag = [Fraction(0)] * n
    steuerkraft = [Fraction(0)] * n
    for result in items:
        if result.item.kind != "gewerbesteuer":
            continue
        m = Fraction(result.item.messbetrag)
        s = steuerkraft_per_messbetrag(result.item.hebesatz, year)
        for i in range(n):
            gewst[i] += Fraction(result.shares[i])
            if fa.anerkannt:
                attributed = m * result.fractions[i]
            else:
                attributed = m / len(sites) if i in sites else Fraction(0)
            messbetrag[i] += attributed
            steuerkraft[i] += attributed * s
    rows = []
    for i, partner in enumerate(partners):
        sz_loss = quote * steuerkraft[i] if partner.schluesselzuweisungen else Fraction(0)
        kreisumlage = k * (steuerkraft[i] - base * sz_loss)
        rows.append(
            FinanzausgleichRow(
                gewerbesteuer=fraction_to_money(gewst[i]),
                messbetrag=fraction_to_money(messbetrag[i]),
                steuerkraft=fraction_to_money(steuerkraft[i]),
                schluesselzuweisungen=-fraction_to_money(sz_loss),
                kreisumlage=-fraction_to_money(kreisumlage),
            )
        )
    return rows


# --- entry points ------------------------------------------------------------------


def check(scenario: Scenario) -> None:
    problems = []
    n = len(scenario.partners)
    if n < MIN_PARTNERS:
        problems.append(
            Problem(("scenario", "partner"), "Bitte geben Sie mindestens zwei Partner an.")
        )
    if n > MAX_PARTNERS:
        problems.append(
            Problem(
                ("scenario", "partner"),
                f"Der Rechner verteilt auf höchstens {MAX_PARTNERS} Partner.",
            )
        )
    if not scenario.items:
        problems.append(
            Problem(("scenario", "posten"), "Bitte geben Sie mindestens einen Posten an.")
        )
    if len(scenario.items) > MAX_ITEMS:
        problems.append(
            Problem(("scenario", "posten"), f"Der Rechner nimmt höchstens {MAX_ITEMS} Posten.")
        )
    try:
        parameters.value("gewerbesteuerumlage", scenario.year)
    except parameters.MissingParameter:
        problems.append(
            Problem(
                ("scenario", "jahr"),
                f"Für das Jahr {scenario.year} sind im Rechner keine Werte hinterlegt.",
            )
        )
    if problems:
        raise CalculationError(problems)


def calculate(scenario: Scenario, key: str | None = None) -> Result:
    """Split every item; with ``key``, every item by that key instead of its own."""
    check(scenario)
    problems: list[Problem] = []
    items = []
    for index, item in enumerate(scenario.items):
        try:
            items.append(split_item(scenario, index, item, key))
        except CalculationError as error:
            for problem in error.problems:
                if problem not in problems:
                    problems.append(problem)
    if problems:
        raise CalculationError(problems)
    result = Result(scenario, items, totals_of(len(scenario.partners), items))
    if scenario.finanzausgleich is not None and key is None:
        result.finanzausgleich = finanzausgleich(scenario, items)
    return result


def format_percent(value) -> str:
    """German percentage without trailing zeros (for messages): 12,5 or 100."""
    d = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(value)
    )
    d = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = f"{d:f}"
    return text.replace(".", ",")
