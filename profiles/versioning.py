"""The content version: a counter that every change of public content bumps.

It is part of every cached public page's key (catalogue/caching.py) and of
everything kept with ``cached_per_version`` (facet counts, finder results, the
title vocabulary of "Meinten Sie …?"), so a change makes all of them stale at
once. See catalogue/caching.py for where it lives (shared cache or
database) and why it is bumped twice.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from profiles.models import ContentVersion

VERSION_KEY = "content-version"
SHARED_BACKENDS = ("RedisCache", "PyMemcacheCache", "PyLibMCCache")


def version_in_cache() -> bool:
    """Whether the current content version lives in the (shared) cache."""
    setting = getattr(settings, "PUBLIC_CACHE_VERSION_IN_CACHE", None)
    if setting is not None:
        return setting
    backend = settings.CACHES["default"]["BACKEND"]
    return backend.rsplit(".", 1)[-1] in SHARED_BACKENDS


def _database_version() -> int:
    rows = list(ContentVersion.objects.filter(pk=1).values_list("version", flat=True))
    return rows[0] if rows else 0


def content_version() -> int:
    """The current content version: from the shared cache (no SQL) or the database."""
    if not version_in_cache():
        return _database_version()
    version = cache.get(VERSION_KEY)
    if version is None:
        # Lost or never set: a value from the clock is larger than any earlier
        # one, so no entry stored under an old version becomes reachable again.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def cached_per_version(prefix: str, parts, compute, timeout: int | None = None):
    """``compute()`` kept in the cache under the content version and ``parts``.

    For what changes only with the content and a request's parameters (facet
    counts, finder results, the title vocabulary): any content change makes
    every entry stale at once. ``timeout`` defaults to FACET_CACHE_TIMEOUT;
    0 computes every time.
    """
    timeout = settings.FACET_CACHE_TIMEOUT if timeout is None else timeout
    if not timeout:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"{prefix}:{content_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def _bump_cached_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (expired, evicted, a fresh cache)
        cache.add(VERSION_KEY, time.time_ns(), None)


def bump_content_version() -> None:
    """Make every cached public page stale. Runs inside the editor's transaction,
    so the new database version becomes visible together with the change itself;
    the cached version is bumped now and once more after the commit."""
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ContentVersion.objects.update_or_create(pk=1, defaults={"version": 1})
    if version_in_cache():
        _bump_cached_version()
        transaction.on_commit(_bump_cached_version)
