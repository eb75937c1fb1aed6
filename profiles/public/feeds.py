"""An Atom feed of newly published or updated Steckbriefe."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from profiles.models import Profile
from profiles.public.seo import SITE_NAME, absolute_url

FEED_LENGTH = 30


class ProfileFeed(Feed):
    feed_type = Atom1Feed
    title = f"{SITE_NAME}: neue und aktualisierte Steckbriefe"
    subtitle = (
        "Neu veröffentlichte und überarbeitete Steckbriefe zu Organisationsformen, "
        "Planungsinstrumenten und Lasten-Nutzen-Ausgleich."
    )
    author_name = "Redaktion des Steckbrief-Katalogs"
    language = "de"

    def __init__(self, request):
        super().__init__()
        self.request = request

    def link(self):
        return absolute_url(self.request, reverse("profiles:profile_list"))

    def feed_url(self):
        return absolute_url(self.request, reverse("profiles:profile_feed"))

    def items(self):
        return Profile.objects.published().for_listing().order_by("-updated", "title")[:FEED_LENGTH]

    def item_title(self, item):
        # Plain text: the XML writer escapes it once (Django's default escapes twice).
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(self.request, item.get_absolute_url())

    def item_guid(self, item):
        # Stable across renames: the id, not the slug.
        return f"{absolute_url(self.request, reverse('profiles:home'))}#steckbrief-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


def profile_feed(request):
    """The feed view: a Feed per request, so absolute URLs can use the request safely."""
    return ProfileFeed(request)(request)
