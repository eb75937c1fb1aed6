"""Plain-language explanations: the page on Lasten-Nutzen-Ausgleich and the short
introductions shown on the browse page when it lists one kind of Steckbrief.

The texts are templates with their sources on the page (templates/explain/); they
change with the catalogue's scope, not with everyday editing.
"""

from django.views.generic import TemplateView

from profiles.models import Kind, Profile

KIND_INTRO_TEMPLATES = {
    Kind.ORGANISATION: "explain/intro_organisationsform.html",
    Kind.INSTRUMENT: "explain/intro_instrument.html",
    Kind.COMPENSATION: "explain/intro_ausgleich.html",
}


def kind_intro_template(selected_kinds) -> str | None:
    """The introduction to show when the browse page lists exactly one kind."""
    kinds = list(selected_kinds or [])
    if len(kinds) != 1:
        return None
    return KIND_INTRO_TEMPLATES.get(kinds[0])


class LastenNutzenAusgleichView(TemplateView):
    """„Was ist ein Lasten-Nutzen-Ausgleich?“ with links to the mechanism Steckbriefe."""

    template_name = "explain/lasten_nutzen_ausgleich.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mechanisms"] = (
            Profile.objects.published().filter(kind=Kind.COMPENSATION).only("title", "slug")
        )
        return context
