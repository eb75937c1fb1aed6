"""Related Steckbriefe: the editors' explicit links first, then profiles sharing Handlungsfelder."""

from django.db import connection
from django.db.models import Count

from profiles.models import Profile, TaggedProfile, public_condition

RELATED_LIMIT = 6
# Per Handlungsfeld, the newest profiles considered for "shares Handlungsfelder":
# the page costs the same however large the catalogue grows (below this many
# profiles per Handlungsfeld the ranking is exact).
CANDIDATES_PER_AREA = 200


def newest_per_area(tag_ids, per_area) -> list[int]:
    """Ids of the newest ``per_area`` profiles of each Handlungsfeld, in one query.

    One index range scan per Handlungsfeld (index ``profile_tag_newest``),
    joined with UNION. Written as SQL because the ORM refuses LIMIT inside a
    compound statement on SQLite; wrapping each part in a derived table is
    valid on SQLite and PostgreSQL alike.
    """
    table = connection.ops.quote_name(TaggedProfile._meta.db_table)
    column = connection.ops.quote_name(TaggedProfile._meta.get_field("content_object").column)
    tag = connection.ops.quote_name(TaggedProfile._meta.get_field("tag").column)
    parts, params = [], []
    for number, tag_id in enumerate(tag_ids):
        parts.append(
            f"SELECT {column} FROM (SELECT {column} FROM {table} WHERE {tag} = %s "
            f"ORDER BY {column} DESC LIMIT %s) AS area_{number}"
        )
        params += [tag_id, per_area]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


def related_profiles(profile, limit=RELATED_LIMIT):
    """Published profiles related to ``profile``: a few index lookups, however many there are.

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
    # Candidates: the newest profiles of each Handlungsfeld (an index range
    # scan each); rank them by shared Handlungsfelder over the narrow tag
    # table (an index lookup per candidate) and load just the few winners.
    ranked = list(
        TaggedProfile.objects.filter(
            content_object_id__in=newest_per_area(tag_ids, CANDIDATES_PER_AREA),
            tag_id__in=tag_ids,
        )
        .filter(public_condition("content_object__"))
        .exclude(content_object_id__in=[profile.pk, *(other.pk for other in explicit)])
        .values("content_object_id")
        .annotate(shared=Count("tag_id", distinct=True))
        .order_by("-shared", "content_object__title", "content_object_id")
        .values_list("content_object_id", flat=True)[:room]
    )
    published = Profile.objects.published()
    by_id = published.filter(pk__in=ranked).prefetch_related("tags").in_bulk()
    similar = [by_id[pk] for pk in ranked if pk in by_id]
    for other in similar:
        other.shared_areas = sorted(
            (tag for tag in other.tags.all() if tag.pk in tag_ids), key=lambda tag: tag.name
        )
    return explicit + similar
