"""Refuse control characters in query parameters, for public pages and the admin alike.

NUL and the other C0/C1 control characters never belong in a search term, a
filter value or an admin lookup; PostgreSQL even rejects NUL in strings with
an error (a 500). One check here covers every route present and future: the
answer is 400 with a short German text, before any view or cache runs.
"""

import re
from urllib.parse import unquote_plus

from django.http import HttpResponseBadRequest

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MESSAGE = (
    "Ungültige Anfrage: Die Adresse enthält Steuerzeichen (zum Beispiel %00). "
    "Bitte die Suche oder den Filter ohne diese Zeichen wiederholen."
)


def has_control_chars(query_string: str) -> bool:
    if not query_string:
        return False
    if "%" not in query_string and not _CONTROL.search(query_string):
        return False
    return any(
        _CONTROL.search(unquote_plus(part, errors="replace")) for part in query_string.split("&")
    )


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_chars(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
