"""Template helpers of the calculator: German money formats and Rechenbeispiele on pages."""

from django import template
from django.http import QueryDict

from calculator import engine, formatting, query

register = template.Library()


@register.filter
def eur(value):
    return "" if value is None else formatting.eur(value)


@register.filter
def eur_signed(value):
    return "" if value is None else formatting.eur(value, sign=True)


@register.filter
def prozent(value):
    return "" if value is None else formatting.percent(value)


@register.filter
def negativ(value):
    """True for amounts below zero (a CSS class marks them besides the minus sign)."""
    return value is not None and value < 0


@register.simple_tag
def rechenbeispiele_for(obj):
    """The Rechenbeispiele attached to a Steckbrief or Praxisbeispiel, computed.

    A scenario that no longer computes (say, a parameter was withdrawn) is left
    out rather than shown wrong; the admin's validation names the problem.
    """
    related = getattr(obj, "rechenbeispiele", None)
    if related is None:
        return []
    shown = []
    for beispiel in related.order_by("position", "title"):
        parsed = query.read(QueryDict(beispiel.scenario))
        if parsed.scenario is None:
            continue
        try:
            result = engine.calculate(parsed.scenario)
        except engine.CalculationError:
            continue
        shown.append(
            {
                "beispiel": beispiel,
                "result": result,
                "rows": list(zip(parsed.scenario.partners, result.totals, strict=True)),
            }
        )
    return shown
