"""Files rendered from a page's content: the Steckbrief as PDF, its link-preview card.

Rendering costs far more than a page (WeasyPrint lays out the whole print
layout), so the bytes are kept in the cache like the public pages
(``catalogue/caching.py``): the key holds the content version, so any change of
catalogue content makes them stale, and they expire no later than the next
scheduled publication. Only public objects are kept; a staff preview is
rendered afresh every time and never stored. The key ignores the query string,
so ``?x=1``, ``?x=2``, ... cannot force one rendering after another.

WeasyPrint fetches stylesheets, fonts and images through ``LocalFetcher``:
static files are read from disk (``STATIC_ROOT`` after collectstatic, else the
staticfiles finders), ``data:`` URLs are decoded, and nothing else is fetched:
no request leaves the server, whatever a text links to.
"""

import hashlib
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from catalogue.caching import public_timeout
from profiles.public.seo import absolute_url
from profiles.versioning import content_version


def _key(kind: str, request, obj) -> str:
    # The files name the public host (permanent link, QR code): part of the key.
    origin = absolute_url(request, "/")
    digest = hashlib.sha256(f"{origin}|{obj.slug}".encode()).hexdigest()
    return f"rendered:{kind}:{content_version()}:{digest}"


def cached_file(kind: str, request, obj) -> bytes | None:
    """The stored rendering of ``obj`` (a public object), if there is one."""
    if not (settings.PUBLIC_CACHE and obj.is_public):
        return None
    return cache.get(_key(kind, request, obj))


def store_file(kind: str, request, obj, data: bytes) -> None:
    """Keep ``data`` for the current content version (public objects only)."""
    if not (settings.PUBLIC_CACHE and obj.is_public):
        return
    version = content_version()
    timeout = public_timeout(version)
    if timeout > 0:
        cache.set(_key(kind, request, obj), data, timeout)


# ---- PDF ------------------------------------------------------------------


def _static_prefixes(base_url: str) -> list[str]:
    """The absolute URL prefixes under which static files are addressed."""
    static_url = settings.STATIC_URL
    if urlsplit(static_url).scheme:  # a CDN in front of the static files
        return [static_url]
    parts = urlsplit(base_url)
    return [f"{parts.scheme}://{parts.netloc}{static_url}"]


def static_file_path(name: str) -> str | None:
    """The file on disk behind the static name ``name``: the source file (finders), else
    the collected one in ``STATIC_ROOT`` (hashed names in production)."""
    name = posixpath.normpath(unquote(name)).lstrip("/")
    if name.startswith("..") or name in {"", "."}:
        return None
    found = finders.find(name)
    if found:
        return found
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, ValueError, SuspiciousFileOperation):
        pass
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        """Static files from disk and ``data:`` URLs; every other URL is refused."""

        def __init__(self, base_url: str):
            super().__init__(allowed_protocols={"data"})
            self.prefixes = _static_prefixes(base_url)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            for prefix in self.prefixes:
                if url.startswith(prefix):
                    path = static_file_path(urlsplit(url[len(prefix) :]).path)
                    if path is None:
                        break
                    with open(path, "rb") as file:
                        body = file.read()
                    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            raise ValueError(f"Not a local resource, not fetched: {url}")

    return LocalFetcher


def local_fetcher(base_url: str):
    """A WeasyPrint URL fetcher that never leaves the server (see the module docstring)."""
    return _fetcher_class()(base_url)


def check_pdf_libraries(app_configs=None, **kwargs):
    """A deploy check: WeasyPrint loads (Pango, HarfBuzz), so the PDF can be made."""
    from django.core.checks import Warning

    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        return [
            Warning(
                f"WeasyPrint cannot load its system libraries ({error}); "
                "/steckbriefe/<slug>/pdf/ will fail.",
                hint="Install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
                "fonts-dejavu-core (docs/operations.md).",
                id="profiles.W001",
            )
        ]
    return []


def render_pdf(request, template_name: str, context: dict, base_url: str) -> bytes:
    """The page ``template_name`` as PDF, laid out with the print stylesheet."""
    from weasyprint import HTML  # imported on first use: loads pango

    html = render_to_string(template_name, context, request=request)
    document = HTML(
        string=html, base_url=base_url, url_fetcher=local_fetcher(base_url), media_type="print"
    )
    return document.write_pdf()
