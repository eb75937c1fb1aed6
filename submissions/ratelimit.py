"""A rate limit per client address for the public forms, kept in the cache.

At most SUBMISSION_RATE_LIMIT accepted posts per address within
SUBMISSION_RATE_WINDOW seconds. Addresses are hashed and only live in the
cache for the window; nothing is written to the database.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from catalogue.lockout import client_ip


def _key(request) -> str:
    address = client_ip(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"submissions:rate:{digest}"


def is_limited(request) -> bool:
    return cache.get(_key(request), 0) >= settings.SUBMISSION_RATE_LIMIT


def count(request) -> None:
    key = _key(request)
    if cache.add(key, 1, settings.SUBMISSION_RATE_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, settings.SUBMISSION_RATE_WINDOW)
