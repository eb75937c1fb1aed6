"""The Glossar's term pages in /sitemap.xml (published terms only)."""

from glossary.models import Term
from profiles.public.sitemaps import SiteURLSitemap


class TermSitemap(SiteURLSitemap):
    priority = 0.4

    def items(self):
        return Term.objects.published().only("slug", "updated").order_by("term")

    def lastmod(self, item):
        return item.updated
