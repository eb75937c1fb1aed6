"""The site search /suche/?q=…: every searchable kind, grouped, with counts and passages."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from search import registry
from search.request import MODE_ANY, MODE_FUZZY, Search, capped_label

GROUP_SIZE = 5


@dataclass
class Hit:
    title: str
    url: str
    summary: str
    snippet: str


@dataclass
class ResultGroup:
    kind: str
    label: str
    count: int
    hits: list[Hit]
    list_url: str | None
    fuzzy: bool = False
    any_word: bool = False
    extra: list = field(default_factory=list)
    # More matches than the search counts (search.request.CANDIDATE_LIMIT).
    capped: bool = False

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.hits))

    @property
    def count_label(self) -> str:
        """The count as the page shows it: "mehr als 1.000" for a capped kind."""
        return capped_label() if self.capped else str(self.count)


def _summary(obj) -> str:
    return getattr(obj, "summary", "") or ""


def search_groups(search: Search) -> list[ResultGroup]:
    """One group per kind with its count and best hits.

    Each kind answers in its own mode (``Search.mode``): all words; else
    titles spelled alike (typos); else, for a longer question, what has some
    of the words ("Kosten teilen Parkplatz" finds the Praxisbeispiel that
    speaks of Kosten and Parkplätze).
    """
    groups = []
    for searchable in registry.all_kinds():
        published = searchable.published()
        mode = search.mode(searchable, published)
        matched = search.filter(searchable, published)
        count = matched.count()
        hits = []
        if count:
            for obj in search.order(searchable, matched)[:GROUP_SIZE]:
                snippet = search.snippet(searchable, obj)
                hits.append(Hit(str(obj), obj.get_absolute_url(), _summary(obj), snippet))
        groups.append(
            ResultGroup(
                searchable.kind,
                searchable.label_plural,
                count,
                hits,
                searchable.list_href(search.term),
                fuzzy=mode == MODE_FUZZY and bool(count),
                any_word=mode == MODE_ANY,
                capped=search.capped(searchable),
            )
        )
    return groups


def _optional_url(name: str) -> str | None:
    """The URL of a page another part of the site provides, if it is installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def site_search(request):
    search = Search(request.GET.get("q", ""))
    context = {"search": search, "search_term": search.term, "notices": search.notices}
    if search.searchable:
        groups = search_groups(search)
        total = sum(group.count for group in groups)
        capped = any(group.capped for group in groups)
        context.update(
            groups=groups,
            total=total,
            total_label=capped_label() if capped else str(total),
            capped_notices=[
                search.cap_notice(registry.get(group.kind)) for group in groups if group.capped
            ],
            fuzzy=any(group.fuzzy for group in groups),
            any_word=any(group.any_word for group in groups),
        )
        if context["fuzzy"]:
            # The titles spelled alike hold the corrected words.
            titles = [hit.title for group in groups if group.fuzzy for hit in group.hits]
            context["suggestion"] = search.suggestion_from_titles(titles)
        elif not total:
            context["suggestion"] = search.suggestion(registry.all_kinds())
    if search.term and not context.get("total"):
        # Help when nothing matched: the Handlungsfelder, the finder, everything.
        from profiles.public.views import policy_areas_with_counts

        context["policy_areas"] = policy_areas_with_counts()
        context["finder_url"] = _optional_url("finder:finder")
    return render(request, "search/results.html", context)
