"""Public pages of the catalogue."""

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from glossary.linking import Entry, TermLinker
from glossary.services import link_sections
from profiles import facts
from profiles.markup import render_markdown
from profiles.models import (
    Kind,
    Municipality,
    PolicyArea,
    PracticeExample,
    Profile,
    TaggedExample,
    TaggedProfile,
)
from profiles.public import examplemap, explain
from profiles.public.browse import BrowseMixin
from profiles.public.compare import compare_choices
from profiles.public.filters import (
    MODE_ANY,
    MODE_FUZZY,
    PracticeExampleFilterSet,
    ProfileFilterSet,
)
from profiles.public.permalinks import PermanentLinkMixin
from profiles.public.related import related_profiles
from profiles.public.seo import link_preview
from profiles.public.sharing import ShareablePageMixin


def published_counts_per_area(through, model) -> dict[int, int]:
    """Handlungsfeld id -> number of published objects tagged with it (one grouped query)."""
    return dict(
        through.objects.filter(content_object__in=model.objects.published())
        .values_list("tag_id")
        .annotate(n=Count("pk"))
        .values_list("tag_id", "n")
    )


def policy_areas_with_counts() -> list[PolicyArea]:
    """All Handlungsfelder by name, each with profile_count and example_count (published)."""
    profiles = published_counts_per_area(TaggedProfile, Profile)
    examples = published_counts_per_area(TaggedExample, PracticeExample)
    areas = list(PolicyArea.objects.order_by("name"))
    for area in areas:
        area.profile_count = profiles.get(area.pk, 0)
        area.example_count = examples.get(area.pk, 0)
    return areas


def profile_sections(profile):
    """The filled sections of a Steckbrief in reading order, with stable anchors."""
    sections = []
    for field_name, anchor in Profile.SECTIONS:
        text = getattr(profile, field_name)
        if text.strip():
            title = Profile._meta.get_field(field_name).verbose_name
            sections.append(
                {"anchor": anchor, "title": title, "text": text, "html": render_markdown(text)}
            )
    return sections


class PreviewableDetailMixin:
    """Public detail pages show published content only.

    Staff who may change the object can preview an unpublished one; the
    response is then marked noindex and never cached.
    """

    def get_queryset(self):
        model = self.model
        user = self.request.user
        if user.is_staff and user.has_perm(
            f"{model._meta.app_label}.change_{model._meta.model_name}"
        ):
            return model.objects.all()
        return model.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response


class HomeView(TemplateView):
    template_name = "profiles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Profile.objects.published()
        counts = dict(
            published.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
        )
        context["kinds"] = [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in Kind.choices
        ]
        context["policy_areas"] = policy_areas_with_counts()
        context["latest"] = published.for_listing().order_by("-published_at")[:6]
        context["example_count"] = PracticeExample.objects.published().count()
        return context


class MerklisteView(TemplateView):
    """/merkliste/: the Steckbriefe a visitor collected ("Merken"), compared from here.

    The list lives in the visitor's browser (static/js/merkliste.js); the server
    sends the same page to everybody and stores nothing.
    """

    template_name = "profiles/merkliste.html"


class SearchableListMixin:
    """The search part of a browse page: notices, snippets, the typo fallback.

    Everything comes from the FilterSet (``search_term``, ``search_mode``,
    ``search_chip``) and its one search object (``filterset.search``).
    """

    def paginate_queryset(self, queryset, page_size):
        search = self.filterset.search
        self.notices = list(search.notices) if self.filterset.search_term else []
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        cap_notice = search.cap_notice(self.filterset.searchable)
        if cap_notice:
            self.notices.append(cap_notice)
        if self.filterset.search_term:
            for obj in object_list:
                obj.search_snippet = search.snippet(self.filterset.searchable, obj)
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        term = filterset.search_term
        context["search_term"] = term
        context["search_fuzzy"] = filterset.search_mode == MODE_FUZZY
        context["search_any_word"] = filterset.search_mode == MODE_ANY
        context["sort_key"] = filterset.sort_key
        if context["search_fuzzy"]:
            context["suggestion"] = filterset.search.suggestion_from_titles(
                str(obj) for obj in context["object_list"]
            )
        return context


class ProfileListView(SearchableListMixin, BrowseMixin, FilterView):
    """The browse page: published profiles, filtered, searched and sorted (GET only).

    The URL is the state; see ProfileFilterSet for the parameters.
    """

    filterset_class = ProfileFilterSet
    browse_what = "Steckbriefe"
    template_name = "profiles/profile_list.html"
    context_object_name = "profiles"

    def get_queryset(self):
        # Cards show title, summary, kind and tags: leave the long texts in the
        # table, except the ones a search passage is taken from.
        searching = bool(self.request.GET.get("q"))
        snippet_fields = {"description", "burdens_benefits"} if searching else set()
        long_texts = [name for name, _anchor in Profile.SECTIONS if name not in snippet_fields]
        return Profile.objects.published().for_listing().defer(*long_texts, "search_vector")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        selected = form.cleaned_data.get("art") if form.is_valid() else None
        context["kind_intro"] = explain.kind_intro_template(selected)
        return context


class ProfileDetailView(PermanentLinkMixin, ShareablePageMixin, PreviewableDetailMixin, DetailView):
    model = Profile
    template_name = "profiles/profile_detail.html"
    context_object_name = "profile"
    qr_url_name = "profiles:profile_qr"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        # The first use of a Glossar term in the text links to its entry.
        context["sections"] = link_sections(profile_sections(profile), profile)
        context["facts"] = facts.facts_box(profile)
        context["examples"] = list(profile.examples.all())
        context["sources"] = list(profile.sources.all())
        context["related_profiles"] = related_profiles(profile)
        context["compare_choices"], context["compare_choices_truncated"] = compare_choices(
            profile, context["related_profiles"]
        )
        context["breadcrumbs"] = [
            ("Start", reverse("profiles:home")),
            ("Steckbriefe", reverse("profiles:profile_list")),
            (profile.title, profile.get_absolute_url()),
        ]
        context["preview"] = link_preview(
            self.request,
            profile,
            breadcrumbs=context["breadcrumbs"],
            section_label=profile.get_kind_display(),
            # The version in the query: link previews cached elsewhere renew with the text.
            image_path=reverse("profiles:profile_card", kwargs={"slug": profile.slug})
            + f"?v={int(profile.updated.timestamp())}",
            image_alt=f"{profile.get_kind_display()}: {profile.title}",
        )
        context["share"]["pdf_url"] = reverse("profiles:profile_pdf", kwargs={"slug": profile.slug})
        return context


class ExampleListView(SearchableListMixin, BrowseMixin, FilterView):
    """Praxisbeispiele, searched and filtered by Handlungsfeld, Bundesland and Steckbrief."""

    filterset_class = PracticeExampleFilterSet
    browse_what = "Praxisbeispiele"
    template_name = "profiles/example_list.html"
    context_object_name = "examples"

    def get_queryset(self):
        return PracticeExample.objects.published().for_listing()


class ExampleMapView(BrowseMixin, FilterView):
    """/praxisbeispiele/karte/: the filtered examples as pins on Germany and as a list.

    Takes exactly the list's parameters; shows every matching example (no pages).
    """

    filterset_class = PracticeExampleFilterSet
    browse_what = "Praxisbeispiele auf der Karte"
    template_name = "profiles/example_map.html"
    context_object_name = "examples"
    paginate_by = None

    def get_queryset(self):
        return PracticeExample.objects.published().prefetch_related(
            "tags", Prefetch("members", queryset=Municipality.objects.order_by("name"))
        )

    def get_context_data(self, **kwargs):
        self.notices = []
        context = super().get_context_data(**kwargs)
        entries, pins = examplemap.map_entries(context["examples"])
        projection = examplemap.projection()
        context.update(
            entries=entries,
            pins=pins,
            outline=examplemap.outline_path(),
            map_width=examplemap.WIDTH,
            map_height=projection.height,
            query=self.request.GET.urlencode(),
        )
        return context


class ExampleDetailView(PermanentLinkMixin, ShareablePageMixin, PreviewableDetailMixin, DetailView):
    model = PracticeExample
    template_name = "profiles/example_detail.html"
    context_object_name = "example"
    qr_url_name = "profiles:example_qr"

    def get_queryset(self):
        return super().get_queryset().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        example = self.object
        context["profiles"] = list(example.profiles.all())
        context["sources"] = list(example.sources.all())
        context["members"] = list(example.members.all())
        context["breadcrumbs"] = [
            ("Start", reverse("profiles:home")),
            ("Praxisbeispiele", reverse("profiles:example_list")),
            (example.title, example.get_absolute_url()),
        ]
        context["preview"] = link_preview(
            self.request,
            example,
            breadcrumbs=context["breadcrumbs"],
            section_label="Praxisbeispiel",
        )
        return context


class PolicyAreaListView(ListView):
    template_name = "profiles/policyarea_list.html"
    context_object_name = "policy_areas"

    def get_queryset(self):
        return policy_areas_with_counts()


class PolicyAreaDetailView(DetailView):
    model = PolicyArea
    template_name = "profiles/policyarea_detail.html"
    context_object_name = "policy_area"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profiles"] = (
            Profile.objects.published().filter(tags=self.object).for_listing().order_by("title")
        )
        context["examples"] = (
            PracticeExample.objects.published()
            .filter(tags=self.object)
            .for_listing()
            .order_by("title")
        )
        context["description_html"] = linked_description(self.object)
        return context


def linked_description(area) -> str:
    """The Handlungsfeld's description with the first mention of each published
    Steckbrief (its exact title, as in "Passende Steckbriefe im Katalog") linked."""
    entries = [
        Entry(key=slug, url=reverse("profiles:profile_detail", args=[slug]), forms=(title,))
        for slug, title in Profile.objects.published().values_list("slug", "title")
    ]
    html = render_markdown(area.description)
    return TermLinker(entries, css_class="profile-link").link(html, set())
