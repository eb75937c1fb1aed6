"""The site search /suche/?q=…: every searchable kind, grouped, with counts and passages."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from search import registry
from search.request import MODE_ANY, MODE_FULL_TEXT, MODE_FUZZY, Search

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

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.hits))


def _summary(obj) -> str:
    return getattr(obj, "summary", "") or ""


def _group(search: Search, searchable, mode: str) -> ResultGroup:
    search.set_mode(searchable, mode)
    matched = search.filter(searchable, searchable.published())
    count = matched.count()
    hits = []
    if count:
        for obj in search.order(searchable, matched)[:GROUP_SIZE]:
            hits.append(
                Hit(str(obj), obj.get_absolute_url(), _summary(obj), search.snippet(searchable, obj))
            )
    return ResultGroup(
        searchable.kind,
        searchable.label_plural,
        count,
        hits,
        searchable.list_href(search.term),
        fuzzy=mode == MODE_FUZZY,
        any_word=mode == MODE_ANY,
    )


def search_groups(search: Search) -> list[ResultGroup]:
    """One group per kind with its count and best hits.

    Each kind answers with all words; a kind where nothing has all words of a
    longer question answers with those having some of them ("Kosten teilen
    Parkplatz" finds the Praxisbeispiel that speaks of Kosten and Parkplätze).
    Only when no kind has anything do titles spelled alike stand in (typos).
    """
    groups = []
    for searchable in registry.all_kinds():
        group = _group(search, searchable, MODE_FULL_TEXT)
        if not group.count and len(search.query.positive) > 1:
            group = _group(search, searchable, MODE_ANY)
        groups.append(group)
    if not any(group.count for group in groups):
        groups = [_group(search, searchable, MODE_FUZZY) for searchable in registry.all_kinds()]
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
        context.update(
            groups=groups,
            total=total,
            fuzzy=any(group.fuzzy for group in groups),
            any_word=any(group.any_word for group in groups),
        )
        if not total or context["fuzzy"]:
            context["suggestion"] = search.suggestion(registry.all_kinds())
    if search.term and not context.get("total"):
        # Help when nothing matched: the Handlungsfelder, the finder, everything.
        from profiles.public.views import policy_areas_with_counts

        context["policy_areas"] = policy_areas_with_counts()
        context["finder_url"] = _optional_url("finder:finder")
    return render(request, "search/results.html", context)
