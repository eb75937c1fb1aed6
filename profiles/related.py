"""Related Steckbriefe: the editors' explicit links first, then profiles sharing Handlungsfelder."""

from django.db.models import Count

from .models import Profile

RELATED_LIMIT = 6


def related_profiles(profile, limit=RELATED_LIMIT):
    """Published profiles related to ``profile``, in at most three queries, however many there are.

    Every explicit link is kept (editors chose them); profiles that share
    Handlungsfelder fill up to ``limit``, most shared Handlungsfelder first.
    Each item carries ``shared_areas``: the Handlungsfelder it has in common
    (empty for explicit links). Expects ``related`` (published only) and
    ``tags`` to be prefetched on ``profile``.
    """
    explicit = list(profile.related.all())
    for other in explicit:
        other.shared_areas = []
    room = limit - len(explicit)
    tag_ids = [tag.pk for tag in profile.tags.all()]
    if room <= 0 or not tag_ids:
        return explicit
    similar = list(
        Profile.objects.published()
        .filter(tags__in=tag_ids)
        .exclude(pk__in=[profile.pk, *(other.pk for other in explicit)])
        .annotate(shared=Count("tags", distinct=True))
        .order_by("-shared", "title")
        .prefetch_related("tags")[:room]
    )
    for other in similar:
        other.shared_areas = sorted(
            (tag for tag in other.tags.all() if tag.pk in tag_ids), key=lambda tag: tag.name
        )
    return explicit + similar
