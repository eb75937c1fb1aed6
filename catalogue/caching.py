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
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag
from django.utils.http import http_date

from profiles.models import ContentVersion, PracticeExample, Profile, Status

# Responses whose Cache-Control says any of these are never stored.
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")


def content_version() -> int:
    """The current content version (one small query)."""
    rows = list(ContentVersion.objects.filter(pk=1).values_list("version", flat=True))
    return rows[0] if rows else 0


def bump_content_version() -> None:
    """Make every cached public page stale. Runs inside the editor's transaction,
    so the new version becomes visible together with the change itself."""
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ContentVersion.objects.update_or_create(pk=1, defaults={"version": 1})


# Apps whose models are public content (the Glossar's terms appear in every Steckbrief).
CONTENT_APPS = {"profiles", "glossary"}


def _is_content(sender) -> bool:
    """Every model of the catalogue app (and its many-to-many tables) is public content."""
    opts = getattr(sender, "_meta", None)
    return opts is not None and opts.app_label in CONTENT_APPS and sender is not ContentVersion


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
        now = timezone.now()
        moments = [
            model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
                first=Min("published_at")
            )["first"]
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
            timeout = settings.PUBLIC_CACHE_TIMEOUT
            next_publication = _next_publication(version)
            if next_publication is not None:
                timeout = min(timeout, int(next_publication - time.time()))
            if timeout > 0:
                cache.set(key, response, timeout)
            response["X-Cache"] = "miss"
        return response
