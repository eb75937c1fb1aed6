"""A read-only JSON API of the published catalogue.

- /api/steckbriefe/ : the list, with the browse page's filters (ProfileFilterSet)
  and pages (``page``, ``page_size``);
- /api/steckbriefe/<slug>/ : one profile;
- /api/praxisbeispiele/ and /api/praxisbeispiele/<slug>/ : the same for examples.

Invalid or unknown parameters get a 400 with a German message naming each
parameter, so a typo never silently returns the whole catalogue.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from profiles.opendata.downloads import (
    example_record,
    licence,
    profile_record,
    published_examples,
    published_profiles,
)
from profiles.public.filters import PracticeExampleFilterSet, ProfileFilterSet
from profiles.public.seo import absolute_url

PAGE_PARAM = "page"
PAGE_SIZE_PARAM = "page_size"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_request(details):
    return json_response(
        {"fehler": "Ungültige Anfrage: bitte die Parameter prüfen.", "parameter": details},
        status=400,
    )


def positive_int(request, name, default, maximum=None):
    """(value, error): a whole number >= 1 (<= maximum) from the query string."""
    raw = request.GET.get(name)
    if raw is None:
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return None, f"„{raw}“ ist keine ganze Zahl."
    if value < 1:
        return None, "Der Wert muss mindestens 1 sein."
    if maximum is not None and value > maximum:
        return None, f"Höchstens {maximum} erlaubt."
    return value, None


def paginated(request, queryset, allowed, key, to_record, filter_errors=None):
    """The list answer for ``queryset`` or a 400 naming each bad parameter."""
    errors = dict(filter_errors or {})
    for name in request.GET:
        if name not in allowed:
            errors[name] = ["Unbekannter Parameter. Erlaubt: " + ", ".join(sorted(allowed)) + "."]
    page_number, page_error = positive_int(request, PAGE_PARAM, 1)
    page_size, size_error = positive_int(request, PAGE_SIZE_PARAM, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if page_error:
        errors[PAGE_PARAM] = [page_error]
    if size_error:
        errors[PAGE_SIZE_PARAM] = [size_error]
    if errors:
        return bad_request(errors)
    paginator = Paginator(queryset, page_size)
    if page_number > paginator.num_pages:
        return bad_request(
            {
                PAGE_PARAM: [
                    f"Seite {page_number} gibt es nicht; letzte Seite: {paginator.num_pages}."
                ]
            }
        )
    page = paginator.page(page_number)

    def page_url(number):
        query = request.GET.copy()
        query[PAGE_PARAM] = number
        return absolute_url(request, f"{request.path}?{query.urlencode()}")

    return json_response(
        {
            "anzahl": paginator.count,
            "seite": page.number,
            "seiten": paginator.num_pages,
            "pro_seite": page_size,
            "vorherige": page_url(page.previous_page_number()) if page.has_previous() else None,
            "naechste": page_url(page.next_page_number()) if page.has_next() else None,
            "lizenz": licence(),
            key: [to_record(obj, request) for obj in page.object_list],
        }
    )


def filter_error_messages(filterset):
    return {
        name: [str(message) for message in messages] for name, messages in filterset.errors.items()
    }


def filtered_list(request, filterset_class, queryset, key, to_record):
    """A list endpoint with the same filters as its browse page; bad parameters are a 400."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    allowed = set(filterset.filters) | {PAGE_PARAM, PAGE_SIZE_PARAM}
    if not filterset.is_valid():
        return paginated(request, [], allowed, key, to_record, filter_error_messages(filterset))
    return paginated(request, filterset.qs, allowed, key, to_record)


@require_GET
def profile_list(request):
    return filtered_list(
        request, ProfileFilterSet, published_profiles(), "steckbriefe", profile_record
    )


@require_GET
def profile_detail(request, slug):
    profile = published_profiles().filter(slug=slug).first()
    if profile is None:
        return json_response(
            {"fehler": f"Keinen veröffentlichten Steckbrief „{slug}“ gefunden."}, status=404
        )
    return json_response({"lizenz": licence(), "steckbrief": profile_record(profile, request)})


@require_GET
def example_list(request):
    return filtered_list(
        request, PracticeExampleFilterSet, published_examples(), "praxisbeispiele", example_record
    )


@require_GET
def example_detail(request, slug):
    example = published_examples().filter(slug=slug).first()
    if example is None:
        return json_response(
            {"fehler": f"Kein veröffentlichtes Praxisbeispiel „{slug}“ gefunden."}, status=404
        )
    return json_response({"lizenz": licence(), "praxisbeispiel": example_record(example, request)})
