"""Strip control characters from query parameters, for public pages and the admin alike.

NUL and the other C0/C1 control characters never belong in a search term, a
filter value or an admin lookup; PostgreSQL even rejects NUL in strings with
an error (a 500). One step here covers every route present and future: the
characters are removed from the query string before any view or cache sees
it, so ``?s=%00`` is the same request as ``?s=``.
"""

import re
from urllib.parse import parse_qsl, urlencode

from django.http import QueryDict

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Percent-encodings of C0 controls and DEL (%00-%1F, %7F) and of C1 (%C2%80-%C2%9F).
_ENCODED = re.compile(r"%(?:[01][0-9a-fA-F]|7[fF]|[cC]2%[89][0-9a-fA-F])")


def has_control_chars(query_string: str) -> bool:
    return bool(_ENCODED.search(query_string) or _CONTROL.search(query_string))


def without_control_chars(query_string: str) -> str:
    pairs = parse_qsl(query_string, keep_blank_values=True, errors="replace")
    return urlencode([(_CONTROL.sub("", key), _CONTROL.sub("", value)) for key, value in pairs])


class ControlCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # WSGI hands the raw bytes over as ISO-8859-1 text: back to the UTF-8 the
        # browser sent, so "ß" (bytes C3 9F) is not mistaken for a C1 control.
        raw = request.META.get("QUERY_STRING", "")
        query_string = raw.encode("iso-8859-1", "replace").decode("utf-8", "replace")
        if query_string and has_control_chars(query_string):
            cleaned = without_control_chars(query_string)
            request.META["QUERY_STRING"] = cleaned
            request.GET = QueryDict(cleaned, encoding=request.encoding)
        return self.get_response(request)
