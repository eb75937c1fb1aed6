"""What the filterable list pages share: forgiving pagination, facets, notices.

Bad input never breaks a page: a page number that is not a number or beyond
the end shows the nearest page with a German notice, invalid filter values
are listed as German errors while the valid filters still apply.

Facet counts aggregate over every result of the filter state, which grows with
the catalogue; they are kept in the cache per content version and filter
state, so paging, re-sorting and repeated visits do not count again, and any
content change recounts (profiles/versioning.py).
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static

from profiles.public.seo import OG_IMAGE, OG_IMAGE_ALT, absolute_url
from profiles.text import strip_control_chars
from profiles.versioning import cached_per_version

# Parameters that do not change the facet counts.
NOT_COUNTED = {"page", "sortierung"}


def facet_params(filterset) -> tuple:
    """What a filter state's facet counts depend on (besides the content version)."""
    params = sorted(
        (key, value)
        for key, values in filterset.data.lists()
        if key not in NOT_COUNTED
        for value in values
    )
    return (filterset.__class__.__name__, params)


def cached_facets(filterset):
    """``filterset.facets()`` (and ``result_total``) from the cache where counted before."""
    if hasattr(filterset, "_facets"):
        return filterset._facets

    def count():
        return filterset.facets(), filterset.result_total

    filterset._facets, filterset.result_total = cached_per_version(
        "facets", facet_params(filterset), count
    )
    return filterset._facets


def without_empty_params(query) -> str | None:
    """The query string without empty parameters, or None when it has none.

    A form sent without JavaScript carries every field (``?q=&kleine_gemeinden=``);
    the browse pages answer such a URL with a redirect to the one without them, so
    every filter state has one address (and one entry in the page cache).
    """
    pairs = [(key, value) for key, values in query.lists() for value in values]
    kept = [(key, value) for key, value in pairs if value.strip()]
    if len(kept) == len(pairs):
        return None
    return urlencode(kept)


class BrowseMixin:
    """For a FilterView over a FacetMixin FilterSet."""

    strict = False  # show results for the valid filters, and the errors
    paginate_by = 20
    # What the page lists, in the title ("Steckbriefe: Mobilität – 5 Treffer").
    browse_what = ""

    def get(self, request, *args, **kwargs):
        clean = without_empty_params(request.GET)
        if clean is not None:
            return HttpResponsePermanentRedirect(request.path + (f"?{clean}" if clean else ""))
        return super().get(request, *args, **kwargs)

    def describe(self, context) -> dict:
        """Title, description and link preview of the list in its filter state.

        Unfiltered: the page's name. Filtered or searched: the chosen values and the
        number of results, e.g. "Steckbriefe: Mobilität, Organisationsform – 5 Treffer".
        """
        what = self.browse_what
        term = getattr(self.filterset, "search_term", "") or ""
        parts = ([f"„{term}“"] if term else []) + [
            str(option.label)
            for facet in context["facets"]
            for option in facet.options
            if option.selected
        ]
        paginator = context.get("paginator")
        total = paginator.count if paginator is not None else len(context["object_list"])
        page = context.get("page_obj")
        if parts:
            title = f"{what}: {', '.join(parts)} – {total} Treffer"
            description = (
                f"{total} {what} zu {', '.join(parts)} im Katalog interkommunaler "
                "Zusammenarbeit: filtern, vergleichen, merken."
            )
        else:
            title = what
            description = ""
        if page is not None and page.number > 1:
            title += f" (Seite {page.number})"
        request = self.request
        return {
            "title": title,
            "description": description,
            "canonical": absolute_url(request, request.get_full_path()),
            "image": absolute_url(request, static(OG_IMAGE)),
            "image_alt": OG_IMAGE_ALT,
        }

    def paginate_queryset(self, queryset, page_size):
        self.notices = getattr(self, "notices", [])
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        filterset = self.filterset
        cached_facets(filterset)  # counts the results too, so the paginator need not
        if getattr(filterset, "result_total", None) is not None:
            paginator.count = filterset.result_total
        raw = strip_control_chars(self.request.GET.get(self.page_kwarg) or "1")[:20]
        try:
            number = int(raw)
        except ValueError:
            number = 1
            self.notices.append(f"„{raw}“ ist keine Seitenzahl – hier ist Seite 1.")
        if number < 1:
            number = 1
            self.notices.append("Seitenzahlen beginnen bei 1 – hier ist Seite 1.")
        elif number > paginator.num_pages:
            self.notices.append(
                f"Seite {number} gibt es nicht, die Liste hat {paginator.num_pages} "
                f"Seite{'n' if paginator.num_pages != 1 else ''} – hier ist die letzte."
            )
            number = paginator.num_pages
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        facets = cached_facets(filterset)
        context["facets"] = facets
        context["facets_by_name"] = {facet.name: facet for facet in facets}
        context["chips"] = filterset.active_filters()
        context["filter_errors"] = [
            (filterset.filters[name].label if name in filterset.filters else name, message)
            for name, messages in filterset.errors.items()
            for message in messages
        ]
        context["notices"] = self.notices
        # Filters only, not the search term (it has its own field above the panel).
        context["active_filter_count"] = sum(
            1 for facet in facets for option in facet.options if option.selected
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        context["list_preview"] = self.describe(context)
        return super().render_to_response(context, **response_kwargs)
