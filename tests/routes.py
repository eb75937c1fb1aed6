"""The public routes of the URLconf, for tests that sweep them all.

A route whose parameters a test cannot fill fails that test (never a silent skip).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

SKIPPED_NAMESPACES = {"admin"}  # the editors' desk: login required, drafts on purpose


def public_routes(patterns=None, prefix="", namespace=""):
    """(URL name, route with <converters>, converter names) of every non-admin route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            yield from public_routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            if isinstance(entry.pattern, RegexPattern):
                pytest.fail(f"The sweep fills path() routes only; teach it {entry.pattern}.")
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern), list(entry.pattern.converters)


def urls_of(route, params, values):
    """Every URL of ``route`` with each parameter filled by each known value."""
    urls = [route]
    for param in params:
        if param not in values:
            pytest.fail(
                f"The draft-leak sweep cannot fill <{param}> of {route!r}: "
                "add its values where the test fills parameters."
            )
        filled = []
        for url in urls:
            start = url.index("<")
            end = url.index(">", start)
            filled += [url[:start] + str(value) + url[end + 1 :] for value in values[param]]
        urls = filled
    return ["/" + url for url in urls]
