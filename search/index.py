"""Keeping the search index right: on every save, delete, tag change and rename.

Two stores, one per engine:

- SQLite: the FTS5 table ``search_fts`` (created by migration 0002 on SQLite
  only) with three columns of match keys (``text.index_keys``) for the weights
  A, B and C. The row id is ``code * 2**40 + pk``, so one table serves every
  kind and a kind is a row-id range.
- PostgreSQL: a weighted tsvector (german config) of each weight's text and of
  its folded spelling; Steckbriefe keep it in ``Profile.search_vector`` (GIN
  index, migration profiles 0005), other kinds in ``SearchDocument``.

Objects are indexed whatever their status: queries start from the published
queryset, so drafts are never found but are ready when published.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value
from django.db.models.signals import m2m_changed, post_delete, post_save

from search import registry, text
from search.models import SearchDocument

CONFIG = "german"
ROWID_SHIFT = 2**40
FTS_TABLE = "search_fts"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def rowid_range(searchable) -> tuple[int, int]:
    base = searchable.code * ROWID_SHIFT
    return base, base + ROWID_SHIFT - 1


def _tag_names(searchable, pks) -> dict[int, list[str]]:
    if not searchable.tagged or not pks:
        return {}
    through = searchable.model_class.tags.through
    names: dict[int, list[str]] = {}
    for object_id, name in (
        through.objects.filter(content_object_id__in=pks)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name")
    ):
        names.setdefault(object_id, []).append(name)
    return names


def pg_vector(texts: dict[str, str]):
    """The weighted tsvector expression of texts by weight, with folded copies."""
    vector = None
    for weight, value in texts.items():
        plain = " ".join(text.words(value))
        for variant in {plain, text.fold_umlauts(plain)}:
            part = SearchVector(Value(variant), config=CONFIG, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def index_objects(searchable, objects) -> int:
    """Write the index rows of objects (all of one searchable kind)."""
    objects = list(objects)
    if not objects:
        return 0
    pks = [obj.pk for obj in objects]
    names = _tag_names(searchable, pks)
    rows = [(obj.pk, searchable.texts(obj, names.get(obj.pk, []))) for obj in objects]
    if is_postgres():
        model = searchable.model_class
        if searchable.vector_field:
            stubs = []
            for pk, texts in rows:
                stub = model(pk=pk)
                setattr(stub, searchable.vector_field, pg_vector(texts))
                stubs.append(stub)
            model.objects.bulk_update(stubs, [searchable.vector_field])
            return len(rows)
        for pk, texts in rows:
            SearchDocument.objects.update_or_create(
                kind=searchable.code,
                object_id=pk,
                defaults={"search_vector": pg_vector(texts)},
            )
        return len(rows)
    base = searchable.code * ROWID_SHIFT
    with connection.cursor() as cursor:
        _delete_fts(cursor, [base + pk for pk in pks])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, a, b, c) VALUES (%s, %s, %s, %s)",
            [
                (
                    base + pk,
                    text.index_keys(texts.get("A", "")),
                    text.index_keys(texts.get("B", "")),
                    text.index_keys(texts.get("C", "")),
                )
                for pk, texts in rows
            ],
        )
    return len(rows)


def _delete_fts(cursor, rowids):
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        marks = ",".join(["%s"] * len(chunk))
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)


def remove_objects(searchable, pks) -> None:
    pks = list(pks)
    if not pks:
        return
    if is_postgres():
        if not searchable.vector_field:
            SearchDocument.objects.filter(kind=searchable.code, object_id__in=pks).delete()
        return
    base = searchable.code * ROWID_SHIFT
    with connection.cursor() as cursor:
        _delete_fts(cursor, [base + pk for pk in pks])


def reindex(searchable=None, queryset=None, batch_size=500) -> int:
    """Rebuild the index of one kind (or all) in batches; returns the number of objects."""
    kinds = [searchable] if searchable else registry.all_kinds()
    done = 0
    for kind in kinds:
        objects = kind.model_class.objects.all() if queryset is None else queryset
        objects = objects.order_by("pk")
        last = None
        while batch := list(
            (objects if last is None else objects.filter(pk__gt=last))[:batch_size]
        ):
            last = batch[-1].pk
            done += index_objects(kind, batch)
    return done


def index_count(searchable) -> int:
    """Rows in the index for a kind (to find an index that is missing)."""
    if is_postgres():
        if searchable.vector_field:
            return searchable.model_class.objects.filter(
                **{f"{searchable.vector_field}__isnull": False}
            ).count()
        return SearchDocument.objects.filter(kind=searchable.code).count()
    lo, hi = rowid_range(searchable)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE rowid BETWEEN %s AND %s", [lo, hi])
        return cursor.fetchone()[0]


def build_missing_index(using="default", **kwargs):
    """After migrate: build the index of a kind whose rows are missing (e.g. a new engine)."""
    for searchable in registry.all_kinds():
        count = searchable.model_class.objects.count()
        if count and index_count(searchable) < count:
            reindex(searchable)


# Signals --------------------------------------------------------------------


def _saved(sender, instance, raw=False, **kwargs):
    searchable = registry.for_model(sender)
    if searchable:
        index_objects(searchable, [instance])


def _deleted(sender, instance, **kwargs):
    searchable = registry.for_model(sender)
    if searchable:
        remove_objects(searchable, [instance.pk])


def _tags_changed(sender, instance, action, reverse, model=None, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # area.profile_set.add(...): instance is the Handlungsfeld
        searchable = registry.for_model(model)
        if searchable:
            reindex(searchable, model.objects.filter(pk__in=pk_set or []))
    else:
        _saved(type(instance), instance)


def _tagging_saved(sender, instance, raw=False, **kwargs):
    # taggit's add() goes through m2m_changed; this catches fixture loads and
    # link rows created directly.
    obj = instance.content_object
    _saved(type(obj), obj)


def _tagging_deleted(sender, instance, origin=None, **kwargs):
    from profiles.models import PolicyArea

    # Deleting a Handlungsfeld cascades to its links without m2m_changed.
    if isinstance(origin, PolicyArea):
        obj = instance.content_object
        _saved(type(obj), obj)


def _area_saved(sender, instance, raw=False, **kwargs):
    # A renamed Handlungsfeld changes the indexed text of everything tagged with it.
    for searchable in registry.all_kinds():
        if searchable.tagged:
            model = searchable.model_class
            reindex(
                searchable,
                model.objects.filter(
                    pk__in=model.tags.through.objects.filter(tag=instance).values(
                        "content_object_id"
                    )
                ),
            )


def connect_signals():
    from profiles.models import PolicyArea

    for searchable in registry.all_kinds():
        model = searchable.model_class
        uid = f"search_{searchable.kind}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
        if searchable.tagged:
            through = model.tags.through
            m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=f"{uid}_tags")
            post_save.connect(_tagging_saved, sender=through, dispatch_uid=f"{uid}_tagging")
            post_delete.connect(_tagging_deleted, sender=through, dispatch_uid=f"{uid}_untag")
    post_save.connect(_area_saved, sender=PolicyArea, dispatch_uid="search_area_renamed")
