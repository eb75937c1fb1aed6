"""Anonymous public pages from the cache framework.

``PublicPageCacheMiddleware`` serves GET requests of visitors without a session
(the public) from the cache and stores the 200 responses of public URLs. The
cache key holds the content version (``ContentVersion``), a counter every
change of catalogue content bumps through signals, so a published change is
visible at once and an unpublished one disappears at once; the old entries
simply expire. Requests with a session cookie (editors, staff) never read from
or write to the cache, and their responses are marked never-cache, so a draft
preview can reach neither our cache nor a proxy's.

Future-dated publications are handled too: an entry never outlives the moment
the next scheduled Steckbrief or Praxisbeispiel goes public.

Where the version is read: with a cache that all workers share (Redis,
Memcached: production) the current version lives in the cache itself, so a
cache hit touches no database at all. It is bumped atomically with ``incr``
twice per change: at once (so the change is visible within the editor's own
transaction and in tests) and again after the commit (so a page rendered by a
concurrent request from the not yet committed state is never reachable). A
version lost from the cache is re-created from the clock, never from an old
value, so stale entries cannot come back. With the process-local ``locmem``
cache (a laptop, tests) each worker has its own cache, so the version is read
from the ``ContentVersion`` row instead (one small query per request), which
every worker sees. ``PUBLIC_CACHE_VERSION_IN_CACHE`` overrides the choice.

Which models count as public content: every model of an app whose AppConfig
sets ``public_content = True`` (the catalogue, the glossary, ...). Apps that
hold private data (submissions) leave it unset, so a public form post never
empties the cache.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date

from profiles.models import ContentVersion, PracticeExample, Profile
from profiles.versioning import (  # noqa: F401 (re-exported for tests and callers)
    VERSION_KEY,
    bump_content_version,
    content_version,
    version_in_cache,
)

# Responses whose Cache-Control says any of these are never stored.
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")


def _is_content(sender) -> bool:
    """Every model of an app that declares ``public_content`` (and its many-to-many tables)."""
    opts = getattr(sender, "_meta", None)
    if opts is None or sender is ContentVersion:
        return False
    try:
        config = apps.get_app_config(opts.app_label)
    except LookupError:
        return False
    return getattr(config, "public_content", False)


@receiver(post_save, dispatch_uid="content_version_on_save")
@receiver(post_delete, dispatch_uid="content_version_on_delete")
def _content_saved_or_deleted(sender, raw=False, **kwargs):
    """Profiles, examples, Handlungsfelder, sources and tag rows: every model of
    the catalogue app counts as public content."""
    if _is_content(sender):
        bump_content_version()


@receiver(m2m_changed, dispatch_uid="content_version_on_m2m")
def _content_relations_changed(sender, action, **kwargs):
    """Tags (taggit's through models), related Steckbriefe, an example's Steckbriefe."""
    if action in {"post_add", "post_remove", "post_clear"} and _is_content(sender):
        bump_content_version()


def _next_publication(version: int) -> float | None:
    """When the next future-dated published item goes public (epoch seconds), if any.
    Computed once per content version."""

    def compute():
        moments = [
            model.objects.scheduled().aggregate(first=Min("published_at"))["first"]
            for model in (Profile, PracticeExample)
        ]
        moments = [moment.timestamp() for moment in moments if moment is not None]
        return min(moments) if moments else 0.0

    key = f"next-publication:{version}"
    moment = cache.get(key)
    if moment is None or 0 < moment <= time.time():
        moment = compute()
        cache.set(key, moment, None)
    return moment or None


def public_timeout(version: int) -> int:
    """How long an answer rendered from content ``version`` may be kept (seconds, 0: not at
    all): ``PUBLIC_CACHE_TIMEOUT``, ended early by the next scheduled publication."""
    timeout = settings.PUBLIC_CACHE_TIMEOUT
    next_publication = _next_publication(version)
    if next_publication is not None:
        timeout = min(timeout, int(next_publication - time.time()))
    return max(timeout, 0)


def _key(request, version: int) -> str:
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{version}:{digest}"


def _is_public_request(request) -> bool:
    if not settings.PUBLIC_CACHE or request.method != "GET":
        return False
    path = request.path_info
    if path.startswith(settings.STATIC_URL) or any(
        path.startswith(prefix) for prefix in settings.PUBLIC_CACHE_EXCLUDE
    ):
        return False
    return True


def _is_storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").replace(" ", "").lower()
    return (
        response.status_code == 200
        # A page with a CSRF token (a POST form) belongs to one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.streaming
        and not response.cookies
        and not any(directive in cache_control for directive in PRIVATE_DIRECTIVES)
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public URLs from the cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_public_request(request):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            # An editor (or anyone with a session): always fresh, never shared.
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response

        version = content_version()
        key = _key(request, version)
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if _is_storable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
            response["Last-Modified"] = http_date()
            set_response_etag(response)
            timeout = public_timeout(version)
            if timeout > 0:
                cache.set(key, response, timeout)
            response["X-Cache"] = "miss"
        return response
