"""The public calculator page /rechner/ and its CSV download (GET only, no database writes)."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from calculator import chart, engine, parameters, presets, query
from calculator.formatting import eur, percent, plain
from calculator.models import Rechenbeispiel

ROW_FIELD = re.compile(r"^([gp])(\d+)_(\w+)$")


@dataclass
class FieldView:
    id: str
    label: str
    value: str = ""
    errors: list = field(default_factory=list)
    type: str = "text"  # text | number | checkbox | select
    options: list = field(default_factory=list)  # (value, label) for selects
    hint: str = ""
    wide: bool = False


def attach_problem(parsed: query.Parsed, field_id: str, message: str) -> None:
    """Put an engine message at its field: a row's field or a scenario field."""
    match = ROW_FIELD.match(field_id)
    if match:
        rows = parsed.partners if match.group(1) == "g" else parsed.items
        number, name = int(match.group(2)), match.group(3)
        for row in rows:
            if row.number == number:
                if message not in row.errors.get(name, []):
                    row.error(name, message)
                return
    parsed.error(field_id, message)


KEY_OPTIONS = [("", "– bitte wählen –"), *engine.KEYS.items()]
KIND_OPTIONS = [("", "– bitte wählen –"), *((k, v.label) for k, v in engine.ITEM_KINDS.items())]
COMPARE_OPTIONS = [("", "kein Vergleich"), *engine.KEYS.items()]


def partner_fields(row: query.Row) -> list[FieldView]:
    n = row.number
    specs = {spec.param: spec for spec in query.PARTNER_NUMBERS}
    fields = [FieldView(f"g{n}_name", "Name", row.values["name"], row.errors.get("name", []))]
    labels = {
        "ew": ("Einwohner", ""),
        "ha": ("Eingebrachte Fläche (ha)", ""),
        "kap": ("Kapital- oder Investitionsanteil (EUR)", ""),
        "nutz": ("Nutzung", "z. B. Zahl der Nutzer aus der Gemeinde"),
        "anteil": ("Fester Anteil (%)", "für den Schlüssel „nach festen Anteilen“"),
        "max": ("Höchstanteil (%)", "leer: keine Obergrenze"),
    }
    for param in specs:
        label, hint = labels[param]
        fields.append(
            FieldView(
                f"g{n}_{param}",
                label,
                row.values[param],
                row.errors.get(param, []),
                type="number",
                hint=hint,
            )
        )
    fields.append(
        FieldView(f"g{n}_standort", "Standortgemeinde", row.values["standort"], type="checkbox")
    )
    fields.append(
        FieldView(
            f"g{n}_sz",
            "Erhält Schlüsselzuweisungen (nur für den Finanzausgleich)",
            row.values["sz"],
            type="checkbox",
        )
    )
    return fields


def item_fields(row: query.Row) -> list[FieldView]:
    n = row.number
    v, e = row.values, row.errors
    return [
        FieldView(f"p{n}_name", "Bezeichnung", v["name"], e.get("name", []), wide=True),
        FieldView(
            f"p{n}_art", "Art", v["art"], e.get("art", []), type="select", options=KIND_OPTIONS
        ),
        FieldView(
            f"p{n}_betrag",
            "Betrag (EUR)",
            v["betrag"],
            e.get("betrag", []),
            type="number",
            hint="nicht für die Gewerbesteuer",
        ),
        FieldView(
            f"p{n}_messbetrag",
            "Messbetrag (EUR)",
            v["messbetrag"],
            e.get("messbetrag", []),
            type="number",
            hint="nur Gewerbesteuer",
        ),
        FieldView(
            f"p{n}_hebesatz",
            "Hebesatz (%)",
            v["hebesatz"],
            e.get("hebesatz", []),
            type="number",
            hint="nur Gewerbesteuer, mindestens 200",
        ),
        FieldView(
            f"p{n}_schluessel",
            "Schlüssel",
            v["schluessel"],
            e.get("schluessel", []),
            type="select",
            options=KEY_OPTIONS,
        ),
        FieldView(
            f"p{n}_vorab",
            "Vorabanteil der Standortgemeinde (%)",
            v["vorab"],
            e.get("vorab", []),
            type="number",
            hint="leer oder 0: kein Vorabanteil",
        ),
    ]


def weight_fields(parsed: query.Parsed) -> list[FieldView]:
    return [
        FieldView(
            spec.param,
            f"{spec.label} (%)",
            parsed.weights[spec.param],
            parsed.errors.get(spec.param, []),
            type="number",
        )
        for spec in query.WEIGHT_FIELDS
    ]


def evaluate(parsed: query.Parsed):
    """(result, comparison) for a parsed query; problems are attached to their fields."""
    result = comparison = None
    if parsed.scenario is None:
        return None, None
    try:
        result = engine.calculate(parsed.scenario)
    except engine.CalculationError as error:
        for problem in error.problems:
            attach_problem(parsed, query.field_id(parsed, problem.target), problem.message)
        return None, None
    if parsed.compare:
        try:
            comparison = engine.calculate(parsed.scenario, key=parsed.compare)
        except engine.CalculationError as error:
            for problem in error.problems:
                parsed.error(
                    "vergleich", f"Vergleich {engine.KEYS[parsed.compare]}: {problem.message}"
                )
    return result, comparison


def result_context(result: engine.Result, comparison: engine.Result | None) -> dict:
    names = [p.name for p in result.scenario.partners]
    partners = []
    for i, name in enumerate(names):
        t = result.totals[i]
        row = {
            "name": name,
            "totals": t,
            "shares": [
                {"item": item, "share": item.shares[i], "part": item.fractions[i]}
                for item in result.items
            ],
        }
        if comparison is not None:
            c = comparison.totals[i]
            row["compare"] = {
                "net_once": c.net_once,
                "net_yearly": c.net_yearly,
                "diff_once": c.net_once - t.net_once,
                "diff_yearly": c.net_yearly - t.net_yearly,
            }
        if result.finanzausgleich is not None:
            row["fa"] = result.finanzausgleich[i]
        partners.append(row)
    charts = []
    for period, label, has in (
        ("jaehrlich", "pro Jahr", result.has_yearly),
        ("einmalig", "einmalig", result.has_once),
    ):
        if not has:
            continue
        if period == "jaehrlich":
            receives = [t.receives_yearly for t in result.totals]
            pays = [t.pays_yearly for t in result.totals]
        else:
            receives = [t.receives_once for t in result.totals]
            pays = [t.pays_once for t in result.totals]
        built = chart.build(names, receives, pays, eur)
        if built is not None:
            charts.append({"id": f"diagramm-{period}", "label": label, "chart": built})
    return {
        "result": result,
        "partners": partners,
        "charts": charts,
        "comparison": comparison,
        "tax_items": [item for item in result.items if item.gross is not None],
    }


def active_preset(canonical: str):
    for preset in presets.PRESETS:
        if query.canonical(query.read(_querydict(preset.query))) == canonical:
            return preset
    return None


def _querydict(text: str):
    return QueryDict(text)


@require_GET
def rechner(request):
    params = request.GET
    action = params.get("plus", "")
    parsed = query.read(params)
    if action in {"partner", "posten"}:
        canonical = query.canonical(
            parsed,
            extra_partner=1 if action == "partner" else 0,
            extra_item=1 if action == "posten" else 0,
        )
        anchor = "partner" if action == "partner" else "posten"
        return HttpResponseRedirect(f"{reverse('calculator:rechner')}?{canonical}#{anchor}")
    result, comparison = evaluate(parsed)
    canonical = query.canonical(parsed)
    year = parsed.scenario.year if parsed.scenario else None
    context = {
        "parsed": parsed,
        "error_list": parsed.all_errors(),
        "partner_rows": [
            {"number": row.number, "fields": partner_fields(row)} for row in parsed.partners
        ],
        "item_rows": [{"number": row.number, "fields": item_fields(row)} for row in parsed.items],
        "weight_fields": weight_fields(parsed),
        "compare_options": COMPARE_OPTIONS,
        "can_add_partner": len(parsed.partners) < engine.MAX_PARTNERS,
        "can_add_item": len(parsed.items) < engine.MAX_ITEMS,
        "query": canonical,
        "presets": presets.PRESETS,
        "preset": active_preset(canonical) if result else None,
        "parameters": parameters.rows_for(year or timezone.now().year),
        "rechenbeispiele": list(Rechenbeispiel.objects.public()),
        "breadcrumbs": [
            ("Start", reverse("profiles:home")),
            ("Rechner", reverse("calculator:rechner")),
        ],
    }
    if result is not None:
        context.update(result_context(result, comparison))
        context["result_heading"] = f"Ergebnis: {parsed.title}" if parsed.title else "Ergebnis"
    status = 400 if parsed.submitted and context["error_list"] else 200
    response = render(request, "calculator/rechner.html", context, status=status)
    return response


def csv_safe(text: str) -> str:
    """Keep spreadsheet programs from reading a name as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_GET
def rechner_csv(request):
    parsed = query.read(request.GET)
    result, _ = evaluate(parsed)
    if result is None:
        messages = [message for _field, message in parsed.all_errors()] or [
            "Es gibt nichts herunterzuladen: Bitte berechnen Sie zuerst ein Szenario."
        ]
        return HttpResponse(
            "Die CSV-Datei kann nicht erstellt werden:\n- " + "\n- ".join(messages) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "Gemeinde",
            "Posten",
            "Art",
            "Zeitraum",
            "Schlüssel",
            "Anteil",
            "zahlt (EUR)",
            "erhält (EUR)",
            "Saldo (EUR)",
        ]
    )
    for i, partner in enumerate(result.scenario.partners):
        for item in result.items:
            share = item.shares[i]
            pays = share if item.kind.direction == engine.PAYMENT else 0
            gets = share if item.kind.direction == engine.RECEIPT else 0
            writer.writerow(
                [
                    csv_safe(partner.name),
                    csv_safe(item.item.name),
                    item.kind.label,
                    "einmalig" if item.kind.period == engine.ONCE else "pro Jahr",
                    item.key_label,
                    percent(item.fractions[i]),
                    plain(pays),
                    plain(gets),
                    plain(gets - pays),
                ]
            )
        t = result.totals[i]
        if result.has_once:
            writer.writerow(
                [
                    csv_safe(partner.name),
                    "Summe einmalig",
                    "",
                    "einmalig",
                    "",
                    "",
                    plain(t.pays_once),
                    plain(t.receives_once),
                    plain(t.net_once),
                ]
            )
        if result.has_yearly:
            writer.writerow(
                [
                    csv_safe(partner.name),
                    "Summe pro Jahr",
                    "",
                    "pro Jahr",
                    "",
                    "",
                    plain(t.pays_yearly),
                    plain(t.receives_yearly),
                    plain(t.net_yearly),
                ]
            )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lasten-nutzen-rechner.csv"'
    return response
