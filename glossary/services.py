"""The glossary as the rest of the catalogue sees it: published terms only."""

from glossary.linking import Entry, TermLinker
from glossary.models import Term


def published_linker() -> TermLinker:
    """A linker for every published term (one query)."""
    terms = Term.objects.published().only("term", "slug", "variants")
    return TermLinker(
        Entry(term.slug, term.get_absolute_url(), tuple(term.forms)) for term in terms
    )


def link_sections(sections: list[dict], profile) -> list[dict]:
    """Add ``html`` to each rendered section: the first use of a term links to the Glossar.

    ``sections`` carry their sanitised HTML in ``html``; a term whose entry
    points to this very Steckbrief is not linked on it.
    """
    linker = published_linker()
    seen = (
        set(Term.objects.published().filter(profile=profile).values_list("slug", flat=True))
        if profile.pk
        else set()
    )
    for section in sections:
        section["html"] = linker.link(section["html"], seen)
    return sections
