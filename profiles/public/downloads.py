"""A Steckbrief as a file: "Als PDF herunterladen" and its link-preview card (PNG).

Both follow the page's rules: published content for everyone, staff previews
of drafts (noindex, never cached), 301 from old slugs, 410 for withdrawn
Steckbriefe (``PermanentLinkMixin``). The bytes are cached per content version
(``profiles/public/rendered.py``).
"""

import base64

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import content_disposition_header
from django.views.generic import DetailView

from profiles.models import Profile
from profiles.public import cards, rendered
from profiles.public.permalinks import PermanentLinkMixin
from profiles.public.seo import absolute_url
from profiles.public.sharing import qr_svg
from profiles.public.views import PreviewableDetailMixin, ProfileDetailView


def _file_response(obj, data: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    if obj.is_public:
        # As long as a page may be kept: a change shows within a minute everywhere.
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_MAX_AGE)
    else:
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
    return response


class ProfilePDFView(ProfileDetailView):
    """The Steckbrief page laid out with the print stylesheet, as PDF (WeasyPrint)."""

    kind = "pdf"

    def url_for(self, obj):
        return reverse("profiles:profile_pdf", kwargs={"slug": obj.slug})

    def get_context_data(self, **kwargs):
        self.stored = rendered.cached_file(self.kind, self.request, self.object)
        if self.stored is not None:
            return {"is_preview": False}
        context = super().get_context_data(**kwargs)
        # The print header's QR code goes into the document itself, no fetch needed.
        svg = qr_svg(context["share"]["url"])
        context["share"]["qr_url"] = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        return context

    def render_to_response(self, context, **response_kwargs):
        profile = self.object
        data = self.stored
        if data is None:
            base_url = absolute_url(self.request, profile.get_absolute_url())
            data = rendered.render_pdf(self.request, self.template_name, context, base_url)
            rendered.store_file(self.kind, self.request, profile, data)
        response = _file_response(profile, data, "application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, f"{profile.slug}.pdf")
        # Search engines index the page, not its PDF copy.
        page = absolute_url(self.request, profile.get_absolute_url())
        response["Link"] = f'<{page}>; rel="canonical"'

        return response


class ProfileCardView(PermanentLinkMixin, PreviewableDetailMixin, DetailView):
    """The Steckbrief's link-preview card (``og:image``): kind, title, site name."""

    model = Profile
    kind = "card"

    def url_for(self, obj):
        return reverse("profiles:profile_card", kwargs={"slug": obj.slug})

    def get_queryset(self):
        fields = ("pk", "slug", "status", "published_at", "withdrawn_at", "title", "kind")
        return super().get_queryset().only(*fields)

    def render_to_response(self, context, **response_kwargs):
        profile = self.object
        data = rendered.cached_file(self.kind, self.request, profile)
        if data is None:
            data = cards.card_png(profile.title, profile.get_kind_display())
            rendered.store_file(self.kind, self.request, profile, data)
        return _file_response(profile, data, "image/png")
