"""Site-wide search over every searchable kind of content (see docs/suche.md).

``search.query`` parses what a visitor typed (words, "phrases", -exclusions,
oder/or, editor-maintained abbreviations and synonyms) into one query; the
engines in ``search.engine`` run it: PostgreSQL full text (german config) or
SQLite FTS5 with bm25, with the same field weights and the same behaviour.
``search.registry`` declares which models are searchable, with which fields
and weights; ``search.index`` keeps the index right through signals.
``search.request.Search`` is the one object a request builds from its term.
"""
