"""Search moved to the ``search`` app (search.index, search.engine, search.request).

Only this name stays, because migration 0005 imports it. The index is built
after ``migrate`` by ``search.index.build_missing_index`` (post_migrate), so
the migration's call does nothing: it must not run today's code against an
older schema.
"""


def reindex_profiles(queryset=None, batch_size=500) -> int:
    return 0
