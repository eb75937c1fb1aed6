"""Link previews and search-engine plumbing: canonical URLs, Open Graph, JSON-LD, robots.txt.

Absolute URLs come from ``settings.SITE_URL`` when it is set (feeds, QR codes
and previews then name the public host even behind a proxy), else from the
request.
"""

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

SITE_NAME = "Steckbrief-Katalog interkommunaler Zusammenarbeit"
OG_IMAGE = "img/og-default.png"
OG_IMAGE_SIZE = (1200, 630)
OG_IMAGE_ALT = "Steckbrief-Katalog interkommunale Zusammenarbeit"


def absolute_url(request, path: str) -> str:
    """``path`` (starting with /) as an absolute URL on the public host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def link_preview(request, obj, *, breadcrumbs, section_label, image_path=None, image_alt=None):
    """What the page head needs so a pasted link previews well and search engines agree.

    ``breadcrumbs`` is the page's trail as (name, path) pairs, the last one the page.
    ``image_path`` is the page's own preview image (``OG_IMAGE_SIZE``), if it has one;
    else the site's generic image.
    """
    url = absolute_url(request, obj.get_absolute_url())
    image = absolute_url(request, image_path or static(OG_IMAGE))
    tags = sorted(tag.name for tag in obj.tags.all())
    article = {
        "@type": "Article",
        "@id": f"{url}#inhalt",
        "headline": obj.title,
        "name": obj.title,
        "description": obj.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "de-DE",
        "genre": str(section_label),
        "image": image,
        "isAccessibleForFree": True,
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "url": absolute_url(request, reverse("profiles:home")),
        },
        "dateModified": obj.updated.isoformat(),
    }
    if obj.published_at:
        article["datePublished"] = obj.published_at.isoformat()
    if obj.last_reviewed:
        # schema.org knows lastReviewed on the page, not on the article.
        article["mainEntityOfPage"] = {
            "@type": "WebPage",
            "@id": url,
            "lastReviewed": obj.last_reviewed.isoformat(),
        }
    if tags:
        article["keywords"] = tags
        article["about"] = [{"@type": "Thing", "name": name} for name in tags]
    trail = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute_url(request, path),
            }
            for position, (name, path) in enumerate(breadcrumbs, start=1)
        ],
    }
    return {
        "canonical": url,
        "title": obj.title,
        "description": obj.summary,
        "type": "article",
        "section": section_label,
        "image": image,
        "image_width": OG_IMAGE_SIZE[0],
        "image_height": OG_IMAGE_SIZE[1],
        "image_alt": image_alt or OG_IMAGE_ALT,
        "published": obj.published_at,
        "modified": obj.updated,
        "tags": tags,
        "json_ld": {"@context": "https://schema.org", "@graph": [article, trail]},
    }


@require_safe
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
