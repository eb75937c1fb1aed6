"""German number formats for the calculator's pages and CSV (no locale needed)."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def group(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


def eur(value: Decimal, *, sign: bool = False) -> str:
    """173.250,00 € (with sign=True: +173.250,00 € / -1.000,00 €)."""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    whole, _, cents = f"{abs(value):f}".partition(".")
    text = f"{group(whole)},{cents or '00'} €"
    if negative:
        return "-" + text
    if sign and value > 0:
        return "+" + text
    return text


def plain(value: Decimal) -> str:
    """For CSV cells: 173250,00 (decimal comma, no grouping)."""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value:f}".replace(".", ",")


def percent(value) -> str:
    """A part (Fraction 0..1) as a German percentage with up to two places: 55 %, 21,6 %."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator) * 100
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    text = f"{value:f}".replace(".", ",")
    return f"{text} %"


def number(value: Decimal) -> str:
    value = Decimal(value).normalize()
    whole, _, rest = f"{value:f}".partition(".")
    return group(whole) + ("," + rest if rest else "")
