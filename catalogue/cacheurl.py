"""CACHE_URL to a Django CACHES entry, with Django's built-in backends only.

locmem://                  process-local memory (default; one cache per worker)
redis://host:6379/0        Redis via redis-py (rediss:// for TLS); shared by all
pymemcache://host:11211    Memcached via pymemcache (several: host1:11211,host2:11211)
dummy://                   no caching at all
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

KEY_PREFIX = "katalog"


def cache_from_url(url: str) -> dict:
    scheme = urlsplit(url).scheme
    if scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "katalog",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": KEY_PREFIX,
        }
    if scheme in {"memcached", "pymemcache"}:
        hosts = urlsplit(url).netloc.split(",")
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": hosts if len(hosts) > 1 else hosts[0],
            "KEY_PREFIX": KEY_PREFIX,
        }
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, redis://, rediss://, pymemcache:// or "
        f"dummy://, not {scheme!r}."
    )
