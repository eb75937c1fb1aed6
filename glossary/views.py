"""Public pages of the Glossar: the A–Z list and one page per term."""

from itertools import groupby

from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from glossary.models import Term
from profiles.models import Profile
from profiles.public.views import PreviewableDetailMixin


def _published_profiles():
    return Prefetch("profile", queryset=Profile.objects.published().only("title", "slug"))


class TermListView(ListView):
    template_name = "glossary/term_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return Term.objects.published().prefetch_related("sources", _published_profiles())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = sorted(context["terms"], key=lambda t: (t.initial, t.term.casefold()))
        context["letters"] = [
            {"letter": letter, "terms": list(group)}
            for letter, group in groupby(terms, key=lambda t: t.initial)
        ]
        context["breadcrumbs"] = [
            ("Start", reverse("profiles:home")),
            ("Glossar", reverse("glossary:term_list")),
        ]
        return context


class TermDetailView(PreviewableDetailMixin, DetailView):
    model = Term
    template_name = "glossary/term_detail.html"
    context_object_name = "term"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sources", _published_profiles())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = self.object
        context["sources"] = list(term.sources.all())
        context["breadcrumbs"] = [
            ("Start", reverse("profiles:home")),
            ("Glossar", reverse("glossary:term_list")),
            (term.term, term.get_absolute_url()),
        ]
        return context
