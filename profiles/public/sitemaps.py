"""/sitemap.xml: the public pages with their last modification."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from profiles.models import PolicyArea, PracticeExample, Profile


class SiteURLSitemap(Sitemap):
    """Builds absolute URLs on ``settings.SITE_URL`` when it is set, else on the request."""

    def get_protocol(self, protocol=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None):
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class ProfileSitemap(SiteURLSitemap):
    priority = 0.8

    def items(self):
        return Profile.objects.published().only("slug", "updated").order_by("title")

    def lastmod(self, item):
        return item.updated


class ExampleSitemap(SiteURLSitemap):
    priority = 0.6

    def items(self):
        return PracticeExample.objects.published().only("slug", "updated").order_by("title")

    def lastmod(self, item):
        return item.updated


class PolicyAreaSitemap(SiteURLSitemap):
    priority = 0.5

    def items(self):
        # A Handlungsfeld page changes with its own text and with its published profiles.
        return PolicyArea.objects.annotate(
            latest_profile=Max(
                "profile_items__content_object__updated",
                filter=Q(profile_items__content_object__in=Profile.objects.published()),
            )
        ).order_by("name")

    def lastmod(self, item):
        return max(filter(None, [item.updated, item.latest_profile]))


class PageSitemap(SiteURLSitemap):
    priority = 0.7

    def items(self):
        return [
            "profiles:home",
            "profiles:profile_list",
            "profiles:example_list",
            "profiles:policyarea_list",
            "glossary:term_list",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "seiten": PageSitemap,
    "steckbriefe": ProfileSitemap,
    "praxisbeispiele": ExampleSitemap,
    "handlungsfelder": PolicyAreaSitemap,
}
