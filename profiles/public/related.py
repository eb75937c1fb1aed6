"""Related Steckbriefe: the editors' explicit links first, then profiles sharing Handlungsfelder."""

from django.db.models import Count

from profiles.models import Profile, TaggedProfile

RELATED_LIMIT = 6


def related_profiles(profile, limit=RELATED_LIMIT):
    """Published profiles related to ``profile``, in at most four queries, however many there are.

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
    # Rank by shared Handlungsfelder over the narrow tag table (grouping by the
    # profile id only), then load just the few winners with their tags.
    published = Profile.objects.published()
    ranked = list(
        TaggedProfile.objects.filter(tag_id__in=tag_ids, content_object__in=published)
        .exclude(content_object_id__in=[profile.pk, *(other.pk for other in explicit)])
        .values("content_object_id")
        .annotate(shared=Count("tag_id", distinct=True))
        .order_by("-shared", "content_object__title", "content_object_id")
        .values_list("content_object_id", flat=True)[:room]
    )
    by_id = published.filter(pk__in=ranked).prefetch_related("tags").in_bulk()
    similar = [by_id[pk] for pk in ranked if pk in by_id]
    for other in similar:
        other.shared_areas = sorted(
            (tag for tag in other.tags.all() if tag.pk in tag_ids), key=lambda tag: tag.name
        )
    return explicit + similar
