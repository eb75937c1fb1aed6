"""Django's admin autodiscovery imports ``profiles.admin``; the admin lives in the editors' desk."""

from profiles.editorial import admin  # noqa: F401
