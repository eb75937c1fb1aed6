"""Sharing a page: the permanent link, a mailto link and a QR code (SVG, made server-side)."""

import io
from urllib.parse import quote

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe

from profiles.public.seo import absolute_url


def qr_svg(url: str) -> bytes:
    """A QR code of ``url`` as a standalone, scalable SVG document (black on white)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        omitsize=True,  # a viewBox only: the page decides the size
        title=f"QR-Code: {url}",
        nl=False,
    )
    return buffer.getvalue()


def qr_svg_inline(url: str) -> str:
    """The same QR code as an SVG element to put straight into a page (safe markup)."""
    svg = segno.make(url, error="m", micro=False).svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr"
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup; the URL is only encoded as modules


def mailto_link(subject: str, body: str) -> str:
    """A mailto: URL with subject and body (RFC 6068: percent-encoded, spaces as %20)."""
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def share_context(request, obj, *, qr_path: str) -> dict:
    """What the share box needs: the permanent link, a mailto link and the QR code's URL."""
    url = absolute_url(request, obj.get_absolute_url())
    return {
        "url": url,
        "mailto": mailto_link(obj.title, f"{obj.title}\n{obj.summary}\n\n{url}"),
        "qr_url": qr_path,
    }


class ShareablePageMixin:
    """Adds ``share`` (link, mailto, QR) to a detail view's context."""

    qr_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qr_path = reverse(self.qr_url_name, kwargs={"slug": self.object.slug})
        context["share"] = share_context(self.request, self.object, qr_path=qr_path)
        return context
