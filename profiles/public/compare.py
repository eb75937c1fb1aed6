"""Compare 2 to 4 published Steckbriefe side by side at a shareable URL.

``/vergleich/?s=zweckverband&s=zweckvereinbarung`` keeps the order given.
Unknown, unpublished or too few/many slugs get a German message and a 400,
never a 500; old slugs of renamed profiles redirect (301) to the current URL.
"""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from profiles import facts
from profiles.models import Profile, ProfileSlugHistory
from profiles.public.seo import OG_IMAGE, OG_IMAGE_ALT, absolute_url
from profiles.public.sharing import mailto_link, qr_svg_inline

PARAM = "s"
MIN_PROFILES = 2
MAX_PROFILES = 4
# Longest slug echoed back in an error message.
_ECHO_LENGTH = 60


def policy_area_labels(profile):
    return ", ".join(sorted(tag.name for tag in profile.tags.all())) or "–"


def stand_label(profile):
    day = profile.last_reviewed or timezone.localdate(profile.updated)
    return f"{day:%d.%m.%Y}"


def markdown_section(field_name):
    return lambda profile: getattr(profile, field_name)


# The short facts a reader scans first, before the long texts.
SHORT_FACTS = ("art", "verbindlichkeit", "ausgleich", "aufwand", "kleine_gemeinden")


def rows():
    """Rows of the comparison table: (label, value of a profile, "text" or "markdown", short).

    The short facts first (Art, Verbindlichkeit, Ausgleich, Aufwand, kleine
    Gemeinden), then Handlungsfelder and Stand, then every other fact of the
    registry and the long texts (Rechtsgrundlage, Chancen, Stolpersteine).
    """
    compared = [fact for fact in facts.facts() if fact.in_compare]
    short = sorted(
        (fact for fact in compared if fact.name in SHORT_FACTS),
        key=lambda fact: SHORT_FACTS.index(fact.name),
    )
    others = [fact for fact in compared if fact.name not in SHORT_FACTS]
    return [
        *((fact.label, fact.display, "text", True) for fact in short),
        ("Handlungsfelder", policy_area_labels, "text", True),
        ("Stand", stand_label, "text", True),
        *((fact.label, fact.display, "text", False) for fact in others),
        ("Rechtsgrundlage", markdown_section("legal_basis"), "markdown", False),
        ("Chancen", markdown_section("opportunities"), "markdown", False),
        ("Stolpersteine", markdown_section("stumbling_blocks"), "markdown", False),
    ]


def compare_url(slugs) -> str:
    return f"{reverse('profiles:compare')}?{urlencode([(PARAM, slug) for slug in slugs])}"


def _echo(slug):
    return slug if len(slug) <= _ECHO_LENGTH else slug[:_ECHO_LENGTH] + "…"


@require_safe
def compare(request):
    requested = list(dict.fromkeys(s.strip() for s in request.GET.getlist(PARAM) if s.strip()))
    errors = []
    profiles = []
    if len(requested) > MAX_PROFILES:
        errors.append(
            f"Bitte wählen Sie höchstens {MAX_PROFILES} Steckbriefe aus "
            f"(gewählt: {len(requested)})."
        )
    elif requested:
        published = Profile.objects.published()
        found = {p.slug: p for p in published.filter(slug__in=requested).with_facts()}
        missing = [slug for slug in requested if slug not in found]
        if missing:
            # Renamed profiles: send the whole comparison to its current URL.
            moved = dict(
                ProfileSlugHistory.objects.filter(
                    old_slug__in=missing, target__in=published
                ).values_list("old_slug", "target__slug")
            )
            if moved:
                current = list(dict.fromkeys(moved.get(slug, slug) for slug in requested))
                return HttpResponsePermanentRedirect(compare_url(current))
            for slug in missing:
                errors.append(
                    f"Einen veröffentlichten Steckbrief mit der Adresse „{_echo(slug)}“ "
                    "gibt es nicht. Bitte wählen Sie ihn neu aus."
                )
        profiles = [found[slug] for slug in requested if slug in found]
        if not errors and len(profiles) < MIN_PROFILES:
            errors.append(
                f"Bitte wählen Sie mindestens {MIN_PROFILES} Steckbriefe aus, "
                "um sie zu vergleichen."
            )

    context = {
        "errors": errors,
        "min_profiles": MIN_PROFILES,
        "max_profiles": MAX_PROFILES,
        "choices": Profile.objects.published().order_by("title").only("slug", "title"),
        "selected": [p.slug for p in profiles] if profiles else requested,
    }
    if profiles and not errors:
        slugs = [p.slug for p in profiles]
        url = absolute_url(request, compare_url(slugs))
        subject = "Vergleich: " + " · ".join(p.title for p in profiles)
        context.update(
            profiles=profiles,
            rows=[
                {
                    "label": label,
                    "format": fmt,
                    "short": short,
                    "cells": [value(profile) for profile in profiles],
                }
                for label, value, fmt, short in rows()
            ],
            columns=[
                {
                    "profile": p,
                    "remove_url": compare_url([slug for slug in slugs if slug != p.slug]),
                }
                for p in profiles
            ],
            preview={
                "canonical": url,
                "title": subject,
                "description": "Steckbriefe im Vergleich: Art, Rechtsgrundlage, "
                "Verbindlichkeit, Ausgleich, Aufwand, Eignung, Chancen und Stolpersteine.",
                "image": absolute_url(request, static(OG_IMAGE)),
                "image_alt": OG_IMAGE_ALT,
            },
            share={
                "url": url,
                "mailto": mailto_link(subject, f"{subject}\n\n{url}"),
                "qr_svg": qr_svg_inline(url),
            },
        )
    status = 400 if errors else 200
    return render(request, "profiles/compare.html", context, status=status)


COMPARE_CHOICES_LIMIT = 60


def compare_choices(profile, related, limit=None):
    """Profiles offered in a Steckbrief's "Vergleichen mit …" list, at most ``limit``.

    A small catalogue offers every other published profile. A large one offers
    the related profiles first, then others of the same kind, so the page does
    not grow with the catalogue; the browse page reaches all of them.
    Returns (choices, truncated).
    """
    limit = limit or COMPARE_CHOICES_LIMIT
    others = Profile.objects.published().exclude(pk=profile.pk).only("slug", "title")
    choices = list(others.order_by("title")[: limit + 1])
    if len(choices) <= limit:
        return choices, False
    picked = [other for other in related if other.pk != profile.pk][:limit]
    same_kind = (
        others.filter(kind=profile.kind)
        .exclude(pk__in=[other.pk for other in picked])
        .order_by("title")[: limit - len(picked)]
    )
    return picked + list(same_kind), True
