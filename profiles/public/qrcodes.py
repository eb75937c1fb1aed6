"""QR codes of permanent links, as SVG, for printed handouts."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import DetailView

from profiles.models import PracticeExample, Profile
from profiles.public.permalinks import PermanentLinkMixin
from profiles.public.seo import absolute_url
from profiles.public.sharing import qr_svg
from profiles.public.views import PreviewableDetailMixin


class QRCodeView(PermanentLinkMixin, PreviewableDetailMixin, DetailView):
    """The QR code of an object's permanent link; same visibility rules as its page."""

    url_name = None

    def url_for(self, obj):
        return reverse(self.url_name, kwargs={"slug": obj.slug})

    def get_queryset(self):
        # Only the slug and publication state are needed, not the page's prefetches.
        return super().get_queryset().only("pk", "slug", "status", "published_at")

    def render_to_response(self, context, **response_kwargs):
        obj = self.object
        response = HttpResponse(
            qr_svg(absolute_url(self.request, obj.get_absolute_url())),
            content_type="image/svg+xml",
        )
        if obj.is_public:
            patch_cache_control(response, public=True, max_age=60 * 60 * 24)
        else:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response


class ProfileQRCodeView(QRCodeView):
    model = Profile
    url_name = "profiles:profile_qr"


class ExampleQRCodeView(QRCodeView):
    model = PracticeExample
    url_name = "profiles:example_qr"
