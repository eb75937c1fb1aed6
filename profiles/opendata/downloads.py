"""Open data for the public: the published catalogue as JSON and CSV, with a licence.

Only ``published()`` content leaves here; links to related profiles and
examples are limited to published ones too, so no draft's name leaks. The
records are shared with the JSON API (profiles/opendata/api.py).
"""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from profiles import facts
from profiles.editorial.resources import SOURCE_SEPARATOR
from profiles.models import PracticeExample, Profile
from profiles.public.seo import absolute_url


def licence():
    return {
        "name": settings.OPEN_DATA_LICENCE_NAME,
        "url": settings.OPEN_DATA_LICENCE_URL,
        "namensnennung": settings.OPEN_DATA_ATTRIBUTION,
    }


def published_profiles():
    """Published profiles with everything a record needs, in a fixed number of queries."""
    return Profile.objects.published().for_record().order_by("title", "pk")


def published_examples():
    return PracticeExample.objects.published().for_record().order_by("title", "pk")


def _date(value):
    return value.isoformat() if value else None


def profile_record(profile, request) -> dict:
    return {
        "slug": profile.slug,
        "url": absolute_url(request, profile.get_absolute_url()),
        "titel": profile.title,
        **facts.record(profile),  # art, art_bezeichnung, verbindlichkeit, … (profiles.facts)
        "kurzbeschreibung": profile.summary,
        "abschnitte": {
            anchor: getattr(profile, field_name) for field_name, anchor in Profile.SECTIONS
        },
        "handlungsfelder": sorted(tag.slug for tag in profile.tags.all()),
        "verwandte_steckbriefe": [related.slug for related in profile.related.all()],
        "praxisbeispiele": [example.slug for example in profile.examples.all()],
        "quellen": [{"titel": s.title, "url": s.url} for s in profile.sources.all()],
        "veroeffentlicht_am": _date(profile.published_at),
        "zuletzt_geprueft": _date(profile.last_reviewed),
        "geaendert": _date(profile.updated),
    }


def example_record(example, request) -> dict:
    return {
        "slug": example.slug,
        "url": absolute_url(request, example.get_absolute_url()),
        "titel": example.title,
        "kurzbeschreibung": example.summary,
        "kommunen": example.municipality_list,
        "region": example.region,
        "bundesland": example.state,
        "zeitraum": example.period,
        "projektstand": example.project_status,
        "beschreibung": example.description,
        "ansprechpartner": example.contact,
        "handlungsfelder": sorted(tag.slug for tag in example.tags.all()),
        "steckbriefe": [profile.slug for profile in example.profiles.all()],
        "quellen": [{"titel": s.title, "url": s.url} for s in example.sources.all()],
        "veroeffentlicht_am": _date(example.published_at),
        "zuletzt_geprueft": _date(example.last_reviewed),
        "geaendert": _date(example.updated),
    }


def flat(record: dict) -> dict:
    """A record as one CSV row: lists joined by commas, sources as "Titel | URL" lines."""
    row = {}
    for key, value in record.items():
        if key == "abschnitte":
            row.update(value)
        elif key == "quellen":
            row[key] = "\n".join(f"{s['titel']} {SOURCE_SEPARATOR} {s['url']}" for s in value)
        elif key == "kommunen":
            row[key] = "\n".join(value)
        elif isinstance(value, list):
            row[key] = ", ".join(value)
        elif isinstance(value, bool):
            row[key] = "ja" if value else "nein"
        else:
            row[key] = "" if value is None else value
    return row


DOWNLOAD_FORMATS = ["json", "csv"]
DOWNLOADS = {
    "steckbriefe": (published_profiles, profile_record),
    "praxisbeispiele": (published_examples, example_record),
}


@require_GET
def download(request, table, file_format):
    queryset, to_record = DOWNLOADS[table]
    records = [to_record(obj, request) for obj in queryset()]
    filename = f"{table}.{file_format}"
    if file_format == "json":
        payload = {
            "lizenz": licence(),
            "quelle": absolute_url(request, "/daten/"),
            "stand": timezone.now().isoformat(),
            table: records,
        }
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    else:
        buffer = io.StringIO()
        rows = [flat(record) for record in records]
        fieldnames = list(rows[0]) if rows else []  # an empty catalogue: an empty file
        writer = csv.DictWriter(buffer, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
        # A BOM lets spreadsheet programs detect UTF-8.
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    return response


class OpenDataView(TemplateView):
    template_name = "profiles/opendata.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["licence"] = licence()
        context["profile_count"] = Profile.objects.published().count()
        context["example_count"] = PracticeExample.objects.published().count()
        return context
